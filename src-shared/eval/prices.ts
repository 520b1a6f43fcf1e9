// What a request costs, for the results grid's summary row (issue 17). Prices CHANGE: these are the paid tier's
// standard prices in US dollars per million tokens as Google's pricing page (https://ai.google.dev/gemini-api/docs/pricing)
// listed them in December 2025. Update this table, and only this table, when they move. A model not listed here
// gets no cost at all rather than a guess.
import type { Usage } from '../interactions';

export interface ModelPrice {
  /** USD per million input (prompt) tokens. */
  input: number;
  /** USD per million output tokens, thinking included. */
  output: number;
  /** Models priced higher for long prompts: above `overTokens` input tokens a request costs these instead. */
  longContext?: { overTokens: number; input: number; output: number };
}

const LONG_200K = 200_000;

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gemini-3-pro-preview': { input: 2, output: 12, longContext: { overTokens: LONG_200K, input: 4, output: 18 } },
  'gemini-3-flash-preview': { input: 0.5, output: 3 },
  'gemini-2.5-pro': { input: 1.25, output: 10, longContext: { overTokens: LONG_200K, input: 2.5, output: 15 } },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
};

/** The price of a model id as a pane names it (`models/` prefix allowed); undefined when unknown. */
export function priceOf(model: string): ModelPrice | undefined {
  const id = model.replace(/^models\//, '');
  return Object.hasOwn(MODEL_PRICES, id) ? MODEL_PRICES[id] : undefined;
}

/** USD for one request's tokens at a model's standard price. */
export function requestCost(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  const rate = price.longContext && inputTokens > price.longContext.overTokens ? price.longContext : price;
  return (inputTokens * rate.input + outputTokens * rate.output) / 1_000_000;
}

/** What a result's "tok" figure (input + output tokens as billedTokens counts them) holds, for its tooltip. */
export const BILLED_TOKENS_HINT = 'Input + output tokens, thinking and tool results included';

/** The tokens a request is billed for, as results keep them (CellResult, a judge call's usage). */
export interface BilledTokens {
  inputTokens?: number;
  outputTokens?: number;
}

/**
 * A response's usage as the tokens it is billed for, the one way every result the app prices reads usage. The API
 * counts thinking (total_thought_tokens) outside total_output_tokens, and the tool results the model read
 * (total_tool_use_tokens) outside total_input_tokens (their total_tokens is the sum of the four), yet thinking is
 * billed as output and tool results as input. Cached tokens are already among the input tokens: priced here at the
 * full input price, as this table holds no caching price, so a cost with cached tokens is an upper bound.
 */
export function billedTokens(usage: Usage | undefined): BilledTokens {
  if (!usage) return {};
  const sum = (a: number | undefined, b: number | undefined) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  const input = sum(usage.total_input_tokens, usage.total_tool_use_tokens);
  const output = sum(usage.total_output_tokens, usage.total_thought_tokens);
  return { ...(input !== undefined ? { inputTokens: input } : {}), ...(output !== undefined ? { outputTokens: output } : {}) };
}
