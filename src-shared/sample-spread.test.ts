import { describe, expect, it } from 'vitest';
import { sampleSpread, type SampleFigures } from './sample-spread';

const sample = (text: string, totalMs: number, outputTokens: number, status = 'done'): SampleFigures => ({
  status,
  text,
  metrics: { totalMs, timeToFirstTokenMs: totalMs / 4, usage: { total_output_tokens: outputTokens } },
});

describe('sampleSpread', () => {
  it('summarizes length, latency and tokens of the finished samples, and how alike their words are', () => {
    const spread = sampleSpread([
      sample('red green blue', 1_000, 30),
      sample('red green', 3_000, 10),
      sample('red blue', 2_000, 20),
      sample('cut sho', 500, 2, 'failed'),
    ]);
    expect(spread.n).toBe(3);
    expect(spread.left).toBe(1);
    expect(spread.length).toEqual({ n: 3, min: 8, q1: 8.5, median: 9, q3: 11.5, max: 14 });
    expect(spread.latencyMs).toMatchObject({ min: 1_000, median: 2_000, max: 3_000 });
    expect(spread.firstTokenMs).toMatchObject({ median: 500 });
    expect(spread.outputTokens).toMatchObject({ min: 10, median: 20, max: 30 });
    // Pairs: {rgb,rg} 2/3, {rgb,rb} 2/3, {rg,rb} 1/3 → mean 5/9.
    expect(spread.similarity).toBeCloseTo(5 / 9, 12);
  });

  it('leaves out figures nobody measured, and similarity below two answers', () => {
    const spread = sampleSpread([{ status: 'done', text: 'only one' }, { status: 'stopped', text: 'x' }]);
    expect(spread).toEqual({ n: 1, left: 1, running: 0, length: { n: 1, min: 8, q1: 8, median: 8, q3: 8, max: 8 } });
    expect(sampleSpread([])).toEqual({ n: 0, left: 0, running: 0 });
  });

  it('counts samples still waiting or streaming as running, not as left out', () => {
    const spread = sampleSpread([
      sample('red', 100, 1),
      sample('', 0, 0, 'waiting'),
      sample('re', 0, 0, 'streaming'),
      sample('', 0, 0, 'failed'),
      sample('r', 0, 0, 'stopped'),
    ]);
    expect({ n: spread.n, left: spread.left, running: spread.running }).toEqual({ n: 1, left: 2, running: 2 });
  });
});
