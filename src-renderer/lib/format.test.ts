// Metrics line formatting.
import { describe, expect, it } from 'vitest';
import { formatDuration, metricItems, sendShortcutLabel } from './format';

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
