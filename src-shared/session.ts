// The saved-session document: types, its zod schema (the source of resources/session.schema.json),
// and the migrations between versions. Everything a pane showed is kept, so a restart restores it exactly.
import { z } from 'zod';
import {
  MAX_ATTACHED,
  MAX_BRANCHES,
  MAX_ID,
  MAX_IMAGES_PER_TURN,
  MAX_PANES,
  MAX_RATINGS,
  MAX_SAMPLES,
  MAX_STEPS,
  MAX_TEXT,
  MAX_TURNS,
  SESSION_VERSION,
} from './limits';
import { MEDIA_RESOLUTIONS } from './interactions';
import { VARIABLE_NAME, testSetSchema } from './eval/test-set';
import { SHA256_HEX } from './images';
import { paneConfigSchema } from './pane-config-schema';
import { UNREADABLE_KEYS } from './unreadable-key';
import { PANE_SETTINGS, SETTING, THINKING_LEVELS, type SettingKey, type ThinkingLevel } from './settings/table';

export { MAX_BRANCHES, MAX_IMAGES_PER_TURN, MAX_RATINGS, MAX_SAMPLES, MAX_STEPS, MAX_TURNS, SESSION_VERSION } from './limits';

/** Session ids name files on disk (sessions/<id>.json): letters, digits, '-' and '_' only (a UUID fits). */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * A file attached to a turn (an image, document, audio or video: its `mimeType` is any of ACCEPTED_MEDIA_TYPES in
 * media.ts, and mediaKindOf(mimeType) is the part type it is sent as): bytes live in the blob store under their sha256.
 */
export const imageRefSchema = z.strictObject({
  sha256: z.string().regex(SHA256_HEX),
  mimeType: z.string().max(100),
  name: z.string().max(1_000),
  size: z.number().int().nonnegative(),
  /** How finely the model sees it (ImageContent.resolution); unset leaves the API's default. */
  resolution: z.enum(MEDIA_RESOLUTIONS).optional(),
});

/** A file in the prompt box: for every pane, or for the pane `paneId` names. */
export const attachedFileSchema = imageRefSchema.extend({ paneId: z.string().min(1).max(200).optional() });

const appErrorSchema = z.strictObject({
  code: z.string().max(50),
  message: z.string().max(10_000),
  httpStatus: z.number().int().optional(),
  retryable: z.boolean(),
  retryAfterMs: z.number().nonnegative().optional(),
  keyUnreadable: z.enum(UNREADABLE_KEYS).optional(),
});

const usageSchema = z.record(z.string(), z.unknown());

const metricsSchema = z.strictObject({
  timeToFirstTokenMs: z.number().optional(),
  totalMs: z.number(),
  tokensPerSecond: z.number().optional(),
  usage: usageSchema.optional(),
});

const stepSchema = z.looseObject({ type: z.string().min(1).max(100) });

export const turnStatusSchema = z.enum(['done', 'stopped', 'failed', 'interrupted']);

/**
 * Set when the answer was longer than main keeps (MAX_ANSWER_CHARS, limits.ts): only its first part is in
 * `text`, `thought` and `steps`. The value is the limit in force then, so the pane can say where it was cut.
 */
const truncatedAtSchema = z.number().int().positive().max(MAX_TEXT).optional();

/** One of the k answers of a repeat run: the turn's input sent again with the same history. */
export const savedSampleSchema = z.strictObject({
  id: z.string().min(1).max(MAX_ID),
  status: turnStatusSchema,
  text: z.string().max(MAX_TEXT),
  thought: z.string().max(MAX_TEXT),
  /** The configuration it was sent with (the pane's at the time of the repeat). */
  config: paneConfigSchema,
  interactionId: z.string().max(500).optional(),
  finishStatus: z.string().max(50).optional(),
  error: appErrorSchema.optional(),
  metrics: metricsSchema.optional(),
  startedAt: z.iso.datetime(),
  truncatedAt: truncatedAtSchema,
});

/**
 * A round of function results that went out and did not finish: cut by closing the app (`interrupted`), failed or
 * stopped. The turn's own fields stay its answer as it stood when the model asked; this is what the round sent and
 * what had come back of it, so a restart shows the round again and can send it again without retyping.
 */
export const savedRoundSchema = z.strictObject({
  /** The request the round went out under: the in-flight journal of that request is matched on it. */
  requestId: z.string().min(1).max(200).optional(),
  results: z.array(stepSchema).min(1).max(MAX_STEPS),
  status: z.enum(['interrupted', 'stopped', 'failed']),
  text: z.string().max(MAX_TEXT),
  thought: z.string().max(MAX_TEXT),
  steps: z.array(stepSchema).max(MAX_STEPS),
  error: appErrorSchema.optional(),
});

export const savedTurnSchema = z.strictObject({
  id: z.string().min(1).max(200),
  input: z.strictObject({
    text: z.string().max(MAX_TEXT),
    images: z.array(imageRefSchema).max(MAX_IMAGES_PER_TURN).optional(),
  }),
  /** The configuration this turn was sent with (the pane's may have changed since). */
  config: paneConfigSchema,
  /** 'interrupted' = the app stopped while this answer was streaming; its partial text is kept. */
  status: turnStatusSchema,
  text: z.string().max(MAX_TEXT),
  thought: z.string().max(MAX_TEXT),
  steps: z.array(stepSchema).max(MAX_STEPS),
  interactionId: z.string().max(500).optional(),
  finishStatus: z.string().max(50).optional(),
  error: appErrorSchema.optional(),
  metrics: metricsSchema.optional(),
  startedAt: z.iso.datetime(),
  truncatedAt: truncatedAtSchema,
  /** Results typed for the function calls the answer waits for (finishStatus requires_action), kept as typed. */
  resultDrafts: z
    .array(z.strictObject({ callId: z.string().min(1).max(500), text: z.string().max(MAX_TEXT), isError: z.boolean().optional() }))
    .max(MAX_STEPS)
    .optional(),
  /** The latest repeat run of this turn, if any. */
  samples: z.array(savedSampleSchema).max(MAX_SAMPLES).optional(),
  /** A hand-written few-shot pair: prompt and answer are the person's, and it was never sent. */
  example: z.literal(true).optional(),
  /** Set when the person edited this turn by hand: the prompt and/or answer as they were before. */
  original: z.strictObject({ prompt: z.string().max(MAX_TEXT).optional(), answer: z.string().max(MAX_TEXT).optional() }).optional(),
  /**
   * The values the prompt and the system instruction were filled with, when either was a `{{template}}` (`input.text`
   * is the filled prompt): a retry or repeat run after a restart fills the pane's system instruction alike.
   */
  fillValues: z.record(z.string().regex(VARIABLE_NAME), z.string().max(MAX_TEXT)).optional(),
  /** false when the turn was sent with store:false: the server has nothing of it to chain from. Absent: stored, or unknown. */
  stored: z.literal(false).optional(),
  round: savedRoundSchema.optional(),
});

/**
 * Where the conversation was forked (a prompt edited and resent): the branches not followed, each from the fork
 * point to its end, and the followed branch's place among them. The followed one is the pane's `turns`.
 */
export const savedForkSchema = z.strictObject({
  /** The turn the branches follow; absent when they start the conversation. */
  parentTurnId: z.string().min(1).max(200).optional(),
  position: z.number().int().nonnegative().max(MAX_BRANCHES),
  others: z.array(z.array(savedTurnSchema).min(1).max(MAX_TURNS)).min(1).max(MAX_BRANCHES),
});

export const savedPaneSchema = z.strictObject({
  id: z.string().min(1).max(200),
  /** Set when the person renamed the pane; otherwise a label is derived from what differs. */
  label: z.string().max(200).optional(),
  config: paneConfigSchema,
  /**
   * Settings typed but not valid yet (a half-written function schema), as the form held them: `config` keeps only
   * valid values, so without these a restart would lose what was typed. Restored into the form, errors and all.
   */
  typed: z.partialRecord(z.enum(PANE_SETTINGS.map((row) => row.key) as [SettingKey, ...SettingKey[]]), z.string().max(MAX_TEXT)).optional(),
  turns: z.array(savedTurnSchema).max(MAX_TURNS),
  /** Branches set aside by edits (issue 16); `turns` is the branch followed. */
  forks: z.array(savedForkSchema).max(MAX_TURNS).optional(),
});

/** The values a sweep tried, on which base, and the panes it made (in order), so export can loop over them. */
export const sweepRecordSchema = z.strictObject({
  base: paneConfigSchema,
  axes: z.strictObject({
    models: z.array(z.string().trim().min(1).max(MAX_ID)).max(MAX_PANES).optional(),
    systemInstructions: z.array(z.string().max(MAX_TEXT)).max(3).optional(),
    temperatures: z.array(z.number().min(SETTING.temperature.kind.min).max(SETTING.temperature.kind.max)).max(MAX_PANES).optional(),
    thinkingLevels: z.array(z.enum(THINKING_LEVELS as [ThinkingLevel, ...ThinkingLevel[]])).max(THINKING_LEVELS.length).optional(),
  }),
  paneIds: z.array(z.string().min(1).max(MAX_ID)).min(1).max(MAX_PANES),
  createdAt: z.iso.datetime(),
});

/** The answer being rated: a turn's own answer, or one of its repeat samples (`sampleId`). */
const ratedAnswerSchema = z.strictObject({
  paneId: z.string().min(1).max(MAX_ID),
  /** The pane's label when it was rated: win rates still name a pane removed since. */
  label: z.string().max(MAX_ID),
  /** Which answer: a new answer in the same place (edited prompt, another repeat run) is a new pair. */
  turnId: z.string().min(1).max(MAX_ID),
  sampleId: z.string().min(1).max(MAX_ID).optional(),
  /** Which answer in that place (blind.ts answerVersion): regenerated or edited, it is a new pair. Older saves lack it. */
  answer: z.string().min(1).max(MAX_ID).optional(),
});

/** One blind comparison: two answers to the same prompt, shown without labels, and the person's pick. */
export const ratingSchema = z.strictObject({
  id: z.string().min(1).max(MAX_ID),
  at: z.iso.datetime(),
  /** 0-based turn (round) of the conversation. */
  turn: z.number().int().nonnegative().max(MAX_TURNS),
  sample: z.number().int().nonnegative().max(MAX_SAMPLES).optional(),
  a: ratedAnswerSchema,
  b: ratedAnswerSchema,
  winner: z.enum(['a', 'b', 'tie']),
});

export const experimentsSchema = z.strictObject({
  sweep: sweepRecordSchema.optional(),
  /** The last repeat run's settings, for the next one and for export. */
  repeat: z.strictObject({ runs: z.number().int().min(2).max(MAX_SAMPLES), concurrency: z.number().int().min(1).max(MAX_PANES) }).optional(),
  ratings: z.array(ratingSchema).max(MAX_RATINGS).optional(),
});

export const sessionSchema = z.strictObject({
  version: z.literal(SESSION_VERSION),
  id: z.string().min(1).max(200),
  title: z.string().max(500),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** How earlier turns reach the model: previous_interaction_id, or the whole history with store:false. */
  historyMode: z.enum(['server', 'stateless']),
  panes: z.array(savedPaneSchema).min(1).max(MAX_PANES),
  experiments: experimentsSchema.optional(),
  /** Test cases, their assertions and results (src-shared/eval/test-set.ts). */
  testSet: testSetSchema.optional(),
  /**
   * Files attached in the prompt box and not sent yet, in attach order; `paneId` when one is for that pane only. Kept
   * here, not with the typed draft, so the blobs they name stay referenced (main removes unreferenced ones at start).
   */
  attached: z.array(attachedFileSchema).max(MAX_ATTACHED).optional(),
});

export type ImageRef = z.infer<typeof imageRefSchema>;
export type AttachedFile = z.infer<typeof attachedFileSchema>;
/** The same saved attachment, named for what it has become: any kind of media. */
export type MediaRef = ImageRef;
export type SavedTurn = z.infer<typeof savedTurnSchema>;
export type SavedSample = z.infer<typeof savedSampleSchema>;
export type SavedRound = z.infer<typeof savedRoundSchema>;
export type SavedFork = z.infer<typeof savedForkSchema>;
export type SweepRecord = z.infer<typeof sweepRecordSchema>;
export type Rating = z.infer<typeof ratingSchema>;
export type Experiments = z.infer<typeof experimentsSchema>;
export type SavedPane = z.infer<typeof savedPaneSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type HistoryMode = Session['historyMode'];

/** One line of the session list: what the index keeps, without opening the document. */
export interface SessionSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  paneCount: number;
  /** Rounds of the conversation: the most turns any one pane has. */
  turnCount: number;
  /** Files attached in the prompt box and not sent (its `attached`), when there are any: a session with no turns may hold them. */
  unsentFiles?: number;
}

/** A file the app could not read and set aside (or left in place), so the person can be told. */
export interface StorageProblem {
  kind: 'session' | 'index' | 'journal' | 'trash' | 'settings';
  /** Where the file was. */
  file: string;
  /** Where it is now; absent when it was left in place (e.g. written by a newer version of the app). */
  movedTo?: string;
  sessionId?: string;
  /** For people: what happened and what it means. */
  message: string;
  at: string;
}

/** The export file: one session plus the bytes of its images, so it opens on another machine. */
export const SESSION_FILE_FORMAT = 'gemini-playground-session';
export const SESSION_FILE_VERSION = 1;

export interface SessionFile {
  format: typeof SESSION_FILE_FORMAT;
  version: typeof SESSION_FILE_VERSION;
  session: Session;
  /** sha256 (hex) → base64 bytes, for every image the session references. */
  images: Record<string, string>;
}
