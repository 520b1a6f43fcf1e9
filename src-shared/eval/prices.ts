// What a request costs, for the results grid's summary row (issue 17). Prices CHANGE: these are the paid tier's
// standard prices in US dollars per million tokens as Google's pricing page (https://ai.google.dev/gemini-api/docs/pricing)
// listed them in December 2025. Update this table, and only this table, when they move. A model not listed here
// gets no cost at all rather than a guess.

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
