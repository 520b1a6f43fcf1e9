// The saved-session document: types, its zod schema (the source of resources/session.schema.json),
// and the migrations between versions. Everything a pane showed is kept, so a restart restores it exactly.
import { z } from 'zod';
import { paneConfigSchema } from './schemas';

export const SESSION_VERSION = 1;

/** An image attached to a turn: bytes live in the blob store under their sha256. */
export const imageRefSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mimeType: z.string().max(100),
  name: z.string().max(1_000),
  size: z.number().int().nonnegative(),
});

const appErrorSchema = z.strictObject({
  code: z.string().max(50),
  message: z.string().max(10_000),
  httpStatus: z.number().int().optional(),
  retryable: z.boolean(),
  retryAfterMs: z.number().nonnegative().optional(),
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

export const savedTurnSchema = z.strictObject({
  id: z.string().min(1).max(200),
  input: z.strictObject({
    text: z.string(),
    images: z.array(imageRefSchema).max(100).optional(),
  }),
  /** The configuration this turn was sent with (the pane's may have changed since). */
  config: paneConfigSchema,
  /** 'interrupted' = the app stopped while this answer was streaming; its partial text is kept. */
  status: turnStatusSchema,
  text: z.string(),
  thought: z.string(),
  steps: z.array(stepSchema),
  interactionId: z.string().max(500).optional(),
  finishStatus: z.string().max(50).optional(),
  error: appErrorSchema.optional(),
  metrics: metricsSchema.optional(),
  startedAt: z.iso.datetime(),
});

export const savedPaneSchema = z.strictObject({
  id: z.string().min(1).max(200),
  /** Set when the person renamed the pane; otherwise a label is derived from what differs. */
  label: z.string().max(200).optional(),
  config: paneConfigSchema,
  turns: z.array(savedTurnSchema),
});

export const sessionSchema = z.strictObject({
  version: z.literal(SESSION_VERSION),
  id: z.string().min(1).max(200),
  title: z.string().max(500),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** How earlier turns reach the model: previous_interaction_id, or the whole history with store:false. */
  historyMode: z.enum(['server', 'stateless']),
  panes: z.array(savedPaneSchema).min(1).max(6),
});

export type ImageRef = z.infer<typeof imageRefSchema>;
export type SavedTurn = z.infer<typeof savedTurnSchema>;
export type SavedPane = z.infer<typeof savedPaneSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type HistoryMode = Session['historyMode'];
