// Numbers for people: durations, rates and token counts in the metrics line.
import type { TurnMetrics } from '../../src-shared/domain';
import { MIN_RATE_WINDOW_MS } from '../../src-shared/output-rate';
import { madeOnce } from './made-once';

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const secs = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${secs} s`;
}

// Made once (a results grid formats hundreds of counts a frame), at the first count shown.
const count = madeOnce(() => new Intl.NumberFormat('en-US'));

/** "1,048,576" */
export function formatCount(n: number): string {
  // Whole numbers, nearly every count, are grouped here: a session reopened at start shows its counts in the first
  // frames, and the first Intl object a renderer process makes costs 10–15 ms (made-once.ts).
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : count().format(n);
}

export interface MetricItem {
  key: string;
  label: string;
  value: string;
  /** Why the value is what it is, when that is not plain. */
  hint?: string;
}

/**
 * Speed over the stretch from first token to end, judged from the durations rather than trusted: sessions saved
 * before main applied the same minimum hold rates like 142,791 tok/s for an answer that came in one chunk.
 */
function speedItem(metrics: TurnMetrics): MetricItem | undefined {
  const rate = metrics.tokensPerSecond;
  if (rate === undefined && metrics.usage?.total_output_tokens === undefined) return undefined;
  // Sessions saved before main stopped timing these hold a rate over the whole request: no streaming speed either.
  if (metrics.timeToFirstTokenMs === undefined) {
    return { key: 'rate', label: 'Speed', value: '—', hint: 'No text streamed (a function call or an image only): no speed to time' };
  }
  const generatingMs = metrics.totalMs - metrics.timeToFirstTokenMs;
  if (rate === undefined || !Number.isFinite(rate) || !(generatingMs >= MIN_RATE_WINDOW_MS)) {
    return { key: 'rate', label: 'Speed', value: '—', hint: `Too quick to time: under ${MIN_RATE_WINDOW_MS} ms from the first token to the end` };
  }
  return { key: 'rate', label: 'Speed', value: `${rate.toFixed(1)} tok/s` };
}

/** Only what was measured is shown; a missing number is left out rather than printed as 0. */
export function metricItems(metrics: TurnMetrics | undefined): MetricItem[] {
  if (!metrics) return [];
  const items: MetricItem[] = [];
  if (metrics.timeToFirstTokenMs !== undefined) {
    items.push({ key: 'ttft', label: 'First token', value: formatDuration(metrics.timeToFirstTokenMs) });
  }
  items.push({ key: 'total', label: 'Total', value: formatDuration(metrics.totalMs) });
  const speed = speedItem(metrics);
  if (speed) items.push(speed);
  const usage = metrics.usage;
  if (usage?.total_input_tokens !== undefined) items.push({ key: 'in', label: 'Input', value: formatCount(usage.total_input_tokens) });
  if (usage?.total_output_tokens !== undefined) items.push({ key: 'out', label: 'Output', value: formatCount(usage.total_output_tokens) });
  if (usage?.total_thought_tokens !== undefined) items.push({ key: 'thought', label: 'Thoughts', value: formatCount(usage.total_thought_tokens) });
  // Cached and tool-use tokens only mean something when there are some: 0 would be noise on every plain answer.
  if (usage?.total_cached_tokens) {
    items.push({ key: 'cached', label: 'Cached', value: formatCount(usage.total_cached_tokens), hint: 'Input tokens served from the context cache' });
  }
  if (usage?.total_tool_use_tokens) {
    items.push({ key: 'tool', label: 'Tool use', value: formatCount(usage.total_tool_use_tokens), hint: 'Tokens of tool results the model read (search, URLs, code output)' });
  }
  const grounding = groundingText(usage?.grounding_tool_count);
  if (grounding) items.push({ key: 'grounding', label: 'Grounding', value: grounding, hint: 'Grounding tool calls billed for this answer' });
  return items;
}

/** The figures panes are compared by, for a pane's header: time to first token, total time, output tokens. */
const KEY_METRICS: Readonly<Record<string, string>> = { ttft: 'first', total: 'total', out: 'out' };

/** Short labels, for the header's width; the metrics line's words become the hint. */
export function keyMetricItems(metrics: TurnMetrics | undefined): MetricItem[] {
  return metricItems(metrics)
    .filter((item) => item.key in KEY_METRICS)
    .map((item) => ({ ...item, label: KEY_METRICS[item.key]!, hint: item.hint ?? (item.key === 'out' ? 'Output tokens' : item.label) }));
}

const GROUNDING_NAMES: Record<string, [one: string, many: string]> = {
  google_search: ['search', 'searches'],
  google_maps: ['maps query', 'maps queries'],
  retrieval: ['retrieval', 'retrievals'],
};

/** usage.grounding_tool_count ([{ type, count }]) as "2 searches, 1 retrieval"; entries without a count are left out. */
export function groundingText(counts: unknown): string {
  if (!Array.isArray(counts)) return '';
  const parts: string[] = [];
  for (const entry of counts as { type?: unknown; count?: unknown }[]) {
    const count = entry?.count;
    if (typeof count !== 'number' || !Number.isFinite(count) || count <= 0) continue;
    const type = typeof entry.type === 'string' ? entry.type : 'tool';
    const [one, many] = GROUNDING_NAMES[type] ?? [type, type];
    parts.push(`${formatCount(count)} ${count === 1 ? one : many}`);
  }
  return parts.join(', ');
}

/** "Ctrl+Enter" or "⌘ Enter", for hints next to the Send button. */
export function sendShortcutLabel(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? '⌘ Enter' : 'Ctrl+Enter';
}
