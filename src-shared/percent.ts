// A share (0–1) as the percentage people read in a pass rate or a win rate. Whole numbers, except where rounding would
// say "all" or "none" of something that is not: 199 passed of 200 reads 99.5 %, never 100 %.

/** `gap`: what goes between the number and the sign (' ' in the window's prose, '' in its compact figures). */
export function formatShare(x: number, gap = ' '): string {
  const whole = Math.round(x * 100);
  if ((whole === 100 && x < 1) || (whole === 0 && x > 0)) return `${Math.min(99.9, Math.max(0.1, Math.round(x * 1000) / 10))}${gap}%`;
  return `${whole}${gap}%`;
}
