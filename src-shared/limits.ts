// Sizes and versions both sides need, in a module without zod, so the renderer's first chunk does not
// carry the schema library for a handful of numbers (the schemas themselves run in main).

/** Generous for prompts and system instructions, yet far from a memory problem. */
export const MAX_TEXT = 1_000_000;
export const MAX_PANES = 6;
export const MAX_ID = 200;

/** The saved-session document's format (session.ts, session-migrations.ts). */
export const SESSION_VERSION = 2;
/** Repeat runs of one turn (experiments). */
export const MAX_SAMPLES = 10;
export const MAX_RATINGS = 10_000;
