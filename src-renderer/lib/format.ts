// Numbers for people: durations, rates and token counts in the metrics line.
import type { TurnMetrics } from '../../src-shared/domain';
import { MIN_RATE_WINDOW_MS } from '../../src-shared/output-rate';

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const secs = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${secs} s`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
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
  const generatingMs = metrics.totalMs - (metrics.timeToFirstTokenMs ?? 0);
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
  return items;
}

/** "Ctrl+Enter" or "⌘ Enter", for hints next to the Send button. */
export function sendShortcutLabel(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? '⌘ Enter' : 'Ctrl+Enter';
}
