// Runtime validation of every IPC argument: strict objects, bounded strings and arrays.
import { z } from 'zod';
import type { ApiMethod } from './contract';
import { THINKING_LEVELS, type ThinkingLevel } from './domain';

/** Generous for prompts and system instructions, yet far from a memory problem. */
export const MAX_TEXT = 1_000_000;
export const MAX_PANES = 6;
const MAX_ID = 200;

const id = z.string().min(1).max(MAX_ID);

export const paneConfigSchema = z.strictObject({
  model: z.string().trim().min(1, 'Choose a model').max(MAX_ID),
  systemInstruction: z.string().max(MAX_TEXT).optional(),
  temperature: z.number().min(0, 'Temperature is between 0 and 2').max(2, 'Temperature is between 0 and 2').optional(),
  topP: z.number().min(0, 'Top P is between 0 and 1').max(1, 'Top P is between 0 and 1').optional(),
  maxOutputTokens: z.number().int('Use a whole number').positive('Use a positive number').max(10_000_000).optional(),
  thinkingLevel: z.enum(THINKING_LEVELS as [ThinkingLevel, ...ThinkingLevel[]]).optional(),
  thinkingSummaries: z.boolean().optional(),
  stopSequences: z.array(z.string().min(1).max(1_000)).max(16).optional(),
  seed: z.number().int('Use a whole number').min(-(2 ** 31)).max(2 ** 31 - 1).optional(),
});

/** Steps come back to main verbatim for stateless history; bounded, not interpreted. */
const stepSchema = z.looseObject({ type: z.string().min(1).max(100) });

const historySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('server'), previousInteractionId: id }),
  z.strictObject({ mode: z.literal('stateless'), steps: z.array(stepSchema).max(10_000) }),
]);

export const startTurnSchema = z.strictObject({
  input: z.strictObject({ text: z.string().max(MAX_TEXT) }),
  panes: z
    .array(z.strictObject({ paneId: id, config: paneConfigSchema, history: historySchema.optional() }))
    .min(1)
    .max(MAX_PANES),
});

const noArgs = z.undefined();

export const ARG_SCHEMAS = {
  getKeyStatus: noArgs,
  setKey: z.strictObject({ key: z.string().trim().min(1, 'Enter a key').max(512) }),
  clearKey: noArgs,
  getSettings: noArgs,
  updateSettings: z.strictObject({ baseUrl: z.string().max(2_000).nullable().optional() }),
  listModels: noArgs,
  startTurn: startTurnSchema,
  cancelTurn: z.strictObject({ requestIds: z.array(id).max(1_000).optional() }),
  openExternal: z.strictObject({ url: z.string().max(2_048) }),
} satisfies Record<ApiMethod, z.ZodType>;

/** The first problem, phrased for a person; paths name the field ("panes.0.config.temperature"). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
