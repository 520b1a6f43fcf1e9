// The pane configuration schema and the shared size bounds, in a module of their own so that both
// schemas.ts (IPC arguments) and session.ts (the saved document) can use them without an import cycle.
import { z } from 'zod';
import { THINKING_LEVELS, type ThinkingLevel } from './domain';
import { MAX_ID, MAX_TEXT } from './limits';

export { MAX_ID, MAX_PANES, MAX_TEXT } from './limits';

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
