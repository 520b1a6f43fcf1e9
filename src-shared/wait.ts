// How long to wait, said the way a person would, and which waits a retry policy may trust. A server's
// Retry-After is text from elsewhere: "1000000000" once read as "16666667 min".

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Beyond this a wait is "much later": no one plans around "in 12 days" from a rate limit. */
export const MUCH_LATER_MS = 7 * DAY;

/**
 * The longest wait kept from a server: a bigger one (up to Infinity from a long run of digits) is cut to
 * this, so it still means "much later" while staying a finite number for JSON and the session schema.
 */
export const MAX_KEPT_WAIT_MS = 365 * DAY;

/** A wait a policy can act on: a finite number of milliseconds, not negative. */
export function isWait(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0;
}

/** A wait a policy acts on, or undefined for one it cannot (NaN, negative, Infinity): taken as no wait given. */
export function usableWait(ms: number | undefined): number | undefined {
  return isWait(ms) ? ms : undefined;
}

/**
 * "0.3 s", "46 s", "120 s", "15 min", "5 h", "3 days": seconds up to ten minutes (so the default idle
 * timeout reads "120 s"), then minutes up to two hours, hours up to two days, then days. Each unit is
 * chosen on the rounded value, so 599.6 s reads "10 min", never "600 s".
 */
export function formatSpan(ms: number): string {
  if (!isWait(ms)) return 'an unknown time';
  const s = ms / SECOND;
  if (s < 10 && !Number.isInteger(s) && Math.round(s * 10) < 100) return `${Math.round(s * 10) / 10} s`;
  if (Math.round(s) < 600) return `${Math.round(s)} s`;
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(ms / HOUR);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(ms / DAY)} days`;
}

/** "in 46 s", "in 3 days", or "much later" beyond a week (and for a wait that is not a usable number). */
export function formatWait(ms: number): string {
  return isWait(ms) && ms <= MUCH_LATER_MS ? `in ${formatSpan(ms)}` : 'much later';
}

/** True when a policy that waits at most `maxMs` may wait as asked: no wait asked, or a usable one within the cap. */
export function waitsWithin(ms: number | undefined, maxMs: number): boolean {
  return ms === undefined || (isWait(ms) && ms <= maxMs);
}
