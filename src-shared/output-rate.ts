// Output speed: tokens per second between the first token and the end of an answer. An answer that arrives
// in one chunk has next to no time between the two, and dividing by it printed "142,791 tok/s"; below a
// minimum stretch there is no speed to show. Main (generation.ts) and the metrics line (format.ts) both use this,
// so a saved session measured before the rule existed shows "—" too.

/** The shortest stretch from first token to end, in ms, that a speed is measured over. */
export const MIN_RATE_WINDOW_MS = 250;

/** Tokens per second over `generatingMs`, or undefined when that is too short to time or nothing was counted. */
export function outputRate(outputTokens: number | undefined, generatingMs: number): number | undefined {
  if (outputTokens === undefined || !(generatingMs >= MIN_RATE_WINDOW_MS)) return undefined;
  return (outputTokens * 1000) / generatingMs;
}
