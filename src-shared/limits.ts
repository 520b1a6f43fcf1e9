// Sizes, counts and versions, defined once: the schemas (session.ts, schemas.ts), the reader and the
// writer of saved documents (src-main/core/sessions/session-document.ts) and the answer cap in main all use
// these. A module without zod, so the renderer's first chunk does not carry the schema library for a
// handful of numbers (the schemas themselves run in main).

/** Generous for prompts and system instructions, yet far from a memory problem. */
export const MAX_TEXT = 1_000_000;
export const MAX_PANES = 6;
export const MAX_ID = 200;

/** The saved-session document's format (session.ts, session-migrations.ts). */
export const SESSION_VERSION = 6;
/** Repeat runs of one turn (experiments). */
export const MAX_SAMPLES = 10;
/**
 * Requests main streams at once (src-main/core/generation.ts), so a page gone wrong cannot open connections without
 * end. The most the app asks for is a turn on every pane, a repeat run and a test run at once, each at most
 * MAX_PANES requests at a time (their "requests at once" stop there): 18, and some just stopped that have not ended
 * yet. Each request holds an upstream connection and at most one answer's worth of memory (about 5 MB at its limits).
 */
export const MAX_GENERATIONS_IN_FLIGHT = 64;
export const MAX_RATINGS = 10_000;
/** Bounds that keep a hostile document from costing memory; far above what a conversation needs. */
export const MAX_TURNS = 10_000;
/** Branches kept at one fork point (session.ts); more than this many at one turn is beyond any use. */
export const MAX_BRANCHES = 100;
export const MAX_STEPS = 10_000;
/** Turn ids one discardTurns call names (contract.ts); a larger removal is sent in several calls. */
export const MAX_DISCARDED_TURNS = 1_000;
/** Images attached to one turn. */
export const MAX_IMAGES_PER_TURN = 100;
/** Files the prompt box keeps with its session (session.ts `attached`): a turn's worth for every pane and for each one. */
export const MAX_ATTACHED = MAX_IMAGES_PER_TURN * (MAX_PANES + 1);

/**
 * Deepest nesting of objects and arrays in a JSON file the app reads, checked before parsing so a hostile
 * file cannot exhaust the stack (zod, structuredClone and JSON.stringify all recurse). A session is only
 * written when it is within this too, so every saved session can be read back.
 */
export const MAX_JSON_DEPTH = 100;
/** One saved session on disk. A conversation is text (images live in blobs/): 32 MB is far beyond any real one. */
export const MAX_DOCUMENT_BYTES = 32 * 1_048_576;

/**
 * What main keeps of one answer (generation.ts, gemini/steps.ts): the first MAX_ANSWER_CHARS characters of
 * its text, and as many of its thought summary; the turn is then marked truncated (SavedTurn.truncatedAt).
 * Together with the bounds below, one answer stays far inside MAX_TEXT and a quarter of MAX_DOCUMENT_BYTES
 * even when every character is escaped in JSON (limits.test.ts), so what a model sends never makes its
 * session unsaveable; the session's own limit still ends a long conversation, with a message that says so.
 */
export const MAX_ANSWER_CHARS = 200_000;
/** An answer's steps as JSON (its text and thought again, function calls, tool results, media); steps beyond are not kept. */
export const MAX_ANSWER_STEPS_BYTES = 4 * 1_048_576;
/** Nesting inside one step or usage record: the document holds them at most 10 levels down, under MAX_JSON_DEPTH. */
export const MAX_ANSWER_DEPTH = 64;
/** The usage record of an answer (a handful of token counts); a larger one is not kept. */
export const MAX_USAGE_BYTES = 64 * 1_024;

/**
 * What main walks of one IPC argument before validating it (src-main/core/ipc-router.ts): its values (each object,
 * array, field and item) and the characters of its strings and keys, counted each time they are reached. Structured
 * clone keeps shared references, so a message of 80 objects can stand for a tree of 2^40 paths, which zod and
 * JSON.stringify would walk in full. Far above a real argument: the largest results a session holds (1,000 cases × 6
 * panes, each cell with 40 checks and 40 judge calls) are about 2 million values in under 32 MB, and a saved session
 * has fewer characters than MAX_DOCUMENT_BYTES.
 */
export const MAX_ARGUMENT_VALUES = 4_000_000;
export const MAX_ARGUMENT_CHARS = 4 * MAX_DOCUMENT_BYTES;
/**
 * Levels of nesting main accepts in an IPC argument before anything walks it: a stop for recursive walkers (a cycle
 * is infinitely deep), not a rule about content. Well above MAX_JSON_DEPTH, so a session nested a little too deep
 * reaches the session document's own check, whose refusal says what the rule is and that nothing was written.
 */
export const MAX_ARGUMENT_DEPTH = 1_000;

/** Headers main keeps for one MCP server (setMcpHeaders); a pane names at most 20 of them to send. */
export const MAX_MCP_HEADERS = 50;
/** MCP server URLs main keeps headers for: every change rewrites the one encrypted field that holds them all. */
export const MAX_MCP_HEADER_SERVERS = 100;
