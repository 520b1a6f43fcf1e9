// Metrics line formatting.
import { describe, expect, it, vi } from 'vitest';
import { MIN_RATE_WINDOW_MS } from '../../src-shared/output-rate';
import { formatCount, formatDuration, groundingText, metricItems, sendShortcutLabel } from './format';

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

  it('shows cached and tool-use tokens and the grounding tool counts beside input and output, only when there are some', () => {
    const usage = {
      total_input_tokens: 2_000,
      total_output_tokens: 300,
      total_cached_tokens: 1_024,
      total_tool_use_tokens: 150,
      grounding_tool_count: [{ type: 'google_search', count: 2 }, { type: 'retrieval', count: 1 }],
    };
    expect(metricItems({ totalMs: 90, usage }).map((i) => `${i.label} ${i.value}`)).toEqual([
      'Total 90 ms',
      'Speed —',
      'Input 2,000',
      'Output 300',
      'Cached 1,024',
      'Tool use 150',
      'Grounding 2 searches, 1 retrieval',
    ]);
    const none = { total_input_tokens: 5, total_cached_tokens: 0, total_tool_use_tokens: 0, grounding_tool_count: [] };
    expect(metricItems({ totalMs: 90, usage: none }).map((i) => i.key)).toEqual(['total', 'in']);
  });

  it('names grounding counts by tool, skipping entries without a count', () => {
    expect(groundingText([{ type: 'google_search', count: 1 }, { type: 'google_maps', count: 3 }, { type: 'google_search' }, { count: 2 }, null])).toBe(
      '1 search, 3 maps queries, 2 tool',
    );
    expect(groundingText('nonsense')).toBe('');
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
    expect(speed({ timeToFirstTokenMs: 100, totalMs: 2_000, tokensPerSecond: Number.POSITIVE_INFINITY, usage })?.value).toBe('—');
  });

  it('says no text streamed, rather than too quick, for an answer without a first token', () => {
    const usage = { total_output_tokens: 12 };
    const noText = { value: '—', hint: expect.stringMatching(/^No text streamed/) };
    expect(speed({ totalMs: 5_000, usage })).toMatchObject(noText);
    // A session saved before main stopped timing the whole request for these.
    expect(speed({ totalMs: 5_000, tokensPerSecond: 2.4, usage })).toMatchObject(noText);
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

describe('formatCount', () => {
  it('groups whole numbers as en-US Intl does, without making an Intl object, and leaves the rest to Intl', async () => {
    const intl = new Intl.NumberFormat('en-US');
    const samples = [0, 7, 42, 999, 1000, 1001, 65_536, 999_999, 1_000_000, 1_048_576, 123_456_789, -1, -1234, -1_000_000, Number.MAX_SAFE_INTEGER];
    for (let n = 1, i = 0; i < 60; i++, n = Math.floor(n * 1.7) + i) samples.push(n);
    const made = vi.spyOn(Intl, 'NumberFormat');
    try {
      // A fresh module: this file's earlier tests may have made its formatter already, and one made then is not seen.
      vi.resetModules();
      const fresh = (await import('./format')).formatCount;
      const mine = samples.map(fresh);
      expect(made).not.toHaveBeenCalled();
      expect(mine).toEqual(samples.map((n) => intl.format(n)));
    } finally {
      made.mockRestore();
    }
    expect([1234.5678, 0.5, 1e21, -0.25].map(formatCount)).toEqual(['1,234.568', '0.5', '1,000,000,000,000,000,000,000', '-0.25']);
  });
});
