import { describe, expect, it } from 'vitest';
import { sampleSpread } from '../sample-spread';
import { experimentGrid, gridPanes, type GridAnswer } from './experiment-grid';

const answer = (text: string, totalMs: number, input: number, output: number, status = 'done'): GridAnswer => ({
  status,
  text,
  metrics: { totalMs, usage: { total_input_tokens: input, total_output_tokens: output } },
});

describe('experimentGrid', () => {
  it('makes a repeat run’s samples the rows, each pane a column summarised with latency, tokens, cost and the spread, no pass rate', () => {
    const a = [answer('one', 100, 10, 5), answer('two', 300, 10, 7), answer('', 0, 0, 0, 'failed')];
    const b = [answer('x', 200, 20, 1)];
    const grid = experimentGrid([
      { id: 'p', model: 'gemini-2.5-flash', last: { ...answer('last', 1, 1, 1), samples: a } },
      { id: 'q', model: 'unpriced', last: { ...answer('last', 1, 1, 1), samples: b } },
    ]);
    expect(grid.rows).toEqual(['sample 1', 'sample 2', 'sample 3']);
    expect(grid.results.map((r) => [r.caseId, r.paneId, r.status, r.latencyMs])).toEqual([
      ['sample 1', 'p', 'done', 100],
      ['sample 2', 'p', 'done', 300],
      ['sample 3', 'p', 'failed', 0],
      ['sample 1', 'q', 'done', 200],
    ]);
    const [p, q] = grid.summaries;
    expect(p).toMatchObject({ answered: 2, errors: 1, unjudged: 2, medianLatencyMs: 200, inputTokens: 20, outputTokens: 12 });
    expect(p!.passRate).toBeUndefined();
    expect(p!.costUsd).toBeCloseTo((20 * 0.3 + 12 * 2.5) / 1e6, 12);
    expect(q!.costUnknown).toBe('model');
    expect(grid.spreads.get('p')).toEqual(sampleSpread(a));
  });

  it('without a repeat run, each pane’s last answer is the one row, with no spread; a pane not yet answered has no cell', () => {
    const grid = experimentGrid([
      { id: 'p', model: 'm', last: { ...answer('T=0.2', 120, 3, 4), samples: [] } },
      { id: 'q', model: 'm', last: undefined },
      { id: 'r', model: 'm', last: { ...answer('streaming', 0, 0, 0, 'streaming'), samples: [] } },
    ]);
    expect(grid.rows).toEqual(['answer']);
    expect(grid.results.map((r) => [r.paneId, r.text])).toEqual([['p', 'T=0.2']]);
    expect(grid.spreads.size).toBe(0);
    expect(grid.summaries.map((s) => s.answered)).toEqual([1, 0, 0]);
  });

  it('a pane without a repeat run beside panes with one shows its single answer as its first row', () => {
    const grid = experimentGrid([
      { id: 'A', model: 'm', last: { ...answer('a', 1, 1, 1), samples: [answer('a1', 100, 1, 1), answer('a2', 200, 1, 1)] } },
      { id: 'B', model: 'm', last: { ...answer('b', 150, 2, 3), samples: [] } },
    ]);
    expect(grid.rows).toEqual(['sample 1', 'sample 2']);
    expect(grid.results.map((r) => [r.caseId, r.paneId, r.text])).toEqual([
      ['sample 1', 'A', 'a1'],
      ['sample 2', 'A', 'a2'],
      ['sample 1', 'B', 'b'],
    ]);
    expect(grid.summaries.map((s) => s.answered)).toEqual([2, 1]);
    expect(grid.summaries[1]).toMatchObject({ medianLatencyMs: 150, inputTokens: 2, outputTokens: 3 });
    expect(grid.spreads.has('B')).toBe(false);
  });

  it('prices each answer at the model its own request used: a turn on one model, its repeat run sent on another', () => {
    const usage = { total_input_tokens: 100, total_output_tokens: 10 };
    const sent = (model: string, status = 'done', text = 'x') => ({ status, text, metrics: { totalMs: 1, usage }, config: { model } });
    // Pane p answered on 2.5 Pro, then was switched to 2.5 Flash and repeated; pane q was not repeated.
    const panes = gridPanes([
      { id: 'p', lastTurn: { ...sent('gemini-2.5-pro'), samples: [sent('gemini-2.5-flash'), sent('gemini-2.5-flash'), sent('gemini-2.5-flash', 'streaming', 'half')] } },
      { id: 'q', lastTurn: { ...sent('gemini-2.5-pro'), samples: [] } },
    ]);
    expect(panes[0]!.last!.samples[2]).toEqual({ status: 'streaming', text: '' });
    const [p, q] = experimentGrid(panes).summaries;
    expect(p!.costUsd).toBeCloseTo((2 * (100 * 0.3 + 10 * 2.5)) / 1e6, 12);
    expect(q!.costUsd).toBeCloseTo((100 * 1.25 + 10 * 10) / 1e6, 12);
    // A sample on a model with no price leaves the column without a cost, whatever the turn's model.
    const unpriced = gridPanes([{ id: 'p', lastTurn: { ...sent('gemini-2.5-pro'), samples: [sent('my-tuned-model')] } }]);
    expect(experimentGrid(unpriced).summaries[0]).toMatchObject({ costUnknown: 'model' });
  });

  it('prices thinking at the output price and counts it in the tokens: the docs\' 11 input, 90 output, 245 thought on gemini-2.5-pro', () => {
    const usage = { total_input_tokens: 11, total_output_tokens: 90, total_thought_tokens: 245, total_tokens: 346 };
    const grid = experimentGrid([{ id: 'p', model: 'gemini-2.5-pro', last: { status: 'done', text: 'AI works by', metrics: { totalMs: 1, usage }, samples: [] } }]);
    expect(grid.summaries[0]).toMatchObject({ inputTokens: 11, outputTokens: 335 });
    expect(grid.summaries[0]!.costUsd).toBeCloseTo((11 * 1.25 + (90 + 245) * 10) / 1e6, 12);
  });

  it('prices tool results the model read at the input price; cached tokens, already among the input tokens, are not counted twice', () => {
    const usage = { total_input_tokens: 298, total_output_tokens: 12, total_thought_tokens: 30, total_cached_tokens: 100, total_tool_use_tokens: 77, total_tokens: 417 };
    const grid = experimentGrid([{ id: 'p', model: 'gemini-2.5-flash', last: { status: 'done', text: 'x', metrics: { totalMs: 1, usage }, samples: [] } }]);
    expect(grid.summaries[0]).toMatchObject({ inputTokens: 375, outputTokens: 42 });
    expect(grid.summaries[0]!.inputTokens + grid.summaries[0]!.outputTokens).toBe(usage.total_tokens);
    expect(grid.summaries[0]!.costUsd).toBeCloseTo((375 * 0.3 + 42 * 2.5) / 1e6, 12);
  });
});
