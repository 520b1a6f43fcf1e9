// A turn's figures (time, tokens) over its rounds of function results: one rule for the window, which adds each round
// as it ends (src-renderer/lib/state/turn.svelte.ts), and for main's crash recovery, which completes a round the window
// never saved (src-main/core/sessions/inflight-round.ts). Two rules would let a recovered turn cost less than it did.
import type { TurnMetrics } from './domain';
import type { Usage } from './interactions';

/**
 * A turn's figures over its rounds: time and tokens summed (what the turn took and cost; the time the person
 * spent typing results is not in it), the first token timed from the first request, speed the last round's.
 */
export function addMetrics(earlier: TurnMetrics | undefined, latest: TurnMetrics): TurnMetrics {
  if (!earlier) return latest;
  const sum: TurnMetrics = { totalMs: round(earlier.totalMs + latest.totalMs) };
  const firstToken = earlier.timeToFirstTokenMs ?? (latest.timeToFirstTokenMs !== undefined ? earlier.totalMs + latest.timeToFirstTokenMs : undefined);
  if (firstToken !== undefined) sum.timeToFirstTokenMs = round(firstToken);
  const speed = latest.tokensPerSecond ?? earlier.tokensPerSecond;
  if (speed !== undefined) sum.tokensPerSecond = speed;
  const usage = earlier.usage && latest.usage ? addUsage(earlier.usage, latest.usage) : (latest.usage ?? earlier.usage);
  if (usage) sum.usage = usage;
  return sum;
}

type Counted = Record<string, unknown>;

/** Counters summed field by field; lists of counts (by modality, by grounding tool) summed per entry. */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Counted = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const before = out[key];
    if (typeof value === 'number' && typeof before === 'number') out[key] = before + value;
    else if (Array.isArray(value) && Array.isArray(before)) out[key] = addCounts(before, value);
    else out[key] = value;
  }
  return out as Usage;
}

/** `[{ modality: 'TEXT', tokens: 3 }]` + `[{ modality: 'TEXT', tokens: 4 }]` → tokens 7: entries named by their string fields. */
function addCounts(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const nameOf = (entry: unknown) =>
    typeof entry === 'object' && entry !== null
      ? JSON.stringify(Object.entries(entry).filter(([, v]) => typeof v === 'string'))
      : JSON.stringify(entry);
  const copy = (entry: unknown) => (typeof entry === 'object' && entry !== null ? { ...(entry as Counted) } : entry);
  const out = a.map(copy);
  for (const entry of b) {
    const same = out.find((e) => nameOf(e) === nameOf(entry));
    if (same && typeof same === 'object' && typeof entry === 'object' && entry !== null) {
      for (const [k, v] of Object.entries(entry)) {
        const before = (same as Counted)[k];
        if (typeof v === 'number' && typeof before === 'number') (same as Counted)[k] = before + v;
      }
    } else out.push(copy(entry));
  }
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
