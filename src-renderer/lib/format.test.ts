// Metrics line formatting.
import { describe, expect, it } from 'vitest';
import { MIN_RATE_WINDOW_MS } from '../../src-shared/output-rate';
import { formatDuration, metricItems, sendShortcutLabel } from './format';

const speed = (metrics: Parameters<typeof metricItems>[0]) => metricItems(metrics).find((i) => i.key === 'rate');

describe('metrics', () => {
  it('shows time to first token, total, speed and tokens', () => {
    const items = metricItems({
      timeToFirstTokenMs: 412,
      totalMs: 3_250,
      tokensPerSecond: 87.34,
      usage: { total_input_tokens: 12, total_output_tokens: 1_234, total_thought_tokens: 56 },
    });
    expect(items.map((i) => `${i.label} ${i.value}`)).toEqual([
      'First token 412 ms',
      'Total 3.25 s',
      'Speed 87.3 tok/s',
      'Input 12',
      'Output 1,234',
      'Thoughts 56',
    ]);
  });

  it('leaves out what was not measured', () => {
    expect(metricItems({ totalMs: 90 }).map((i) => i.key)).toEqual(['total']);
    expect(metricItems(undefined)).toEqual([]);
  });

  it('shows the speed from the minimum stretch between first token and end on', () => {
    const usage = { total_output_tokens: 50 };
    const atMinimum = { timeToFirstTokenMs: 400, totalMs: 400 + MIN_RATE_WINDOW_MS, tokensPerSecond: 200, usage };
    expect(speed(atMinimum)).toEqual({ key: 'rate', label: 'Speed', value: '200.0 tok/s' });
  });

  it('shows “—” for an answer too quick to time, even when a saved session holds an absurd speed', () => {
    const usage = { total_output_tokens: 35_700 };
    const justUnder = { timeToFirstTokenMs: 400, totalMs: 400 + MIN_RATE_WINDOW_MS - 1, tokensPerSecond: 142_791.2, usage };
    expect(speed(justUnder)).toMatchObject({ value: '—', hint: expect.stringContaining(`${MIN_RATE_WINDOW_MS} ms`) });
    // Main no longer measures one: the count is known, the speed is not.
    expect(speed({ timeToFirstTokenMs: 900, totalMs: 950, usage })?.value).toBe('—');
    // Without a first token, the whole turn is the stretch.
    expect(speed({ totalMs: MIN_RATE_WINDOW_MS - 1, tokensPerSecond: 9e9, usage })?.value).toBe('—');
    expect(speed({ totalMs: 2_000, tokensPerSecond: Number.POSITIVE_INFINITY, usage })?.value).toBe('—');
  });

  it('leaves the speed out when neither a speed nor an output count was recorded', () => {
    expect(speed({ timeToFirstTokenMs: 100, totalMs: 5_000, usage: { total_input_tokens: 3 } })).toBeUndefined();
  });

  it('formats durations', () => {
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('names the send shortcut per platform', () => {
    expect(sendShortcutLabel('MacIntel')).toBe('⌘ Enter');
    expect(sendShortcutLabel('Linux x86_64')).toBe('Ctrl+Enter');
  });
});
