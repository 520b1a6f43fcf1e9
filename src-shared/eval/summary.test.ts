import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../stats';
import { MODEL_PRICES, priceOf, requestCost } from './prices';
import { cellKey, disagreements, runProgress, summarizePanes, verdicts } from './summary';
import type { Assertion, CellResult, TestCase } from './test-set';

const AT = '2026-01-01T00:00:00.000Z';
const cell = (caseId: string, paneId: string, extra: Partial<CellResult> = {}): CellResult => ({
  caseId,
  paneId,
  status: 'done',
  text: '',
  at: AT,
  ...extra,
});
const pass = (id = 'a') => [{ assertionId: id, pass: true }];
const fail = (id = 'a') => [{ assertionId: id, pass: false, reason: 'r' }];

const assertions: Assertion[] = [{ id: 'a', type: 'contains', value: 'x' }];
const cases: TestCase[] = ['1', '2', '3', '4', '5'].map((id) => ({ id, values: {} }));

describe('summarizePanes', () => {
  const results: CellResult[] = [
    cell('1', 'p', { checks: pass(), latencyMs: 100, inputTokens: 1_000, outputTokens: 200 }),
    cell('2', 'p', { checks: pass(), latencyMs: 300, inputTokens: 1_000, outputTokens: 200 }),
    cell('3', 'p', { checks: fail(), latencyMs: 200, inputTokens: 1_000, outputTokens: 200 }),
    cell('4', 'p', { checks: fail(), manual: 'pass', latencyMs: 900 }),
    cell('5', 'p', { status: 'failed', error: { code: 'SERVER', message: 'x' }, latencyMs: 5_000 }),
    cell('1', 'q', { checks: fail() }),
    cell('gone', 'p', { checks: fail() }),
  ];
  const [p, q] = summarizePanes({ cases, assertions, results }, [
    { id: 'p', model: 'gemini-2.5-flash' },
    { id: 'q', model: 'my-tuned-model' },
  ]);

  it('counts answers, errors and verdicts, a hand mark overriding, results of deleted cases ignored', () => {
    expect(p).toMatchObject({ paneId: 'p', answered: 4, errors: 1, passed: 3, failed: 1, unjudged: 0 });
    expect(q).toMatchObject({ paneId: 'q', answered: 1, errors: 0, passed: 0, failed: 1 });
  });

  it('gives the pass rate over judged cells with its Wilson interval', () => {
    expect(p!.passRate).toEqual(wilsonInterval(3, 4));
    expect(p!.passRate!.rate).toBe(0.75);
  });

  it('takes the median latency of answered cells, not of failed requests', () => {
    expect(p!.medianLatencyMs).toBe(250);
  });

  it('sums tokens and prices them for a known model only', () => {
    expect([p!.inputTokens, p!.outputTokens]).toEqual([3_000, 600]);
    expect(p!.costUsd).toBeCloseTo((3_000 * 0.3 + 600 * 2.5) / 1e6, 12);
    expect(q!.costUsd).toBeUndefined();
    expect(q!.costUnknown).toBe('model');
  });

  it('prices each cell at the model its request was sent with, not the pane’s model now; a cell saved without one at the pane’s', () => {
    const sent = [cell('1', 'r', { inputTokens: 1_000, outputTokens: 200, model: 'gemini-2.5-flash' }), cell('2', 'r', { inputTokens: 1_000, outputTokens: 200 })];
    const [r] = summarizePanes({ cases, assertions, results: sent }, [{ id: 'r', model: 'gemini-2.5-pro' }]);
    expect(r!.costUsd).toBeCloseTo((1_000 * 0.3 + 200 * 2.5 + 1_000 * 1.25 + 200 * 10) / 1e6, 12);
    const [u] = summarizePanes({ cases, assertions, results: [cell('1', 'u', { inputTokens: 5, model: 'my-tuned-model' })] }, [{ id: 'u', model: 'gemini-2.5-pro' }]);
    expect(u!.costUnknown).toBe('model');
  });

  it('counts the judges’ tokens apart and prices them at each judge model’s price; an unpriced judge leaves the cost unknown', () => {
    const judgeUsage = [{ model: 'gemini-2.5-pro', inputTokens: 2_000, outputTokens: 100 }];
    const [r] = summarizePanes({ cases, assertions, results: [cell('1', 'r', { inputTokens: 1_000, outputTokens: 200, judgeUsage })] }, [{ id: 'r', model: 'gemini-2.5-flash' }]);
    expect([r!.inputTokens, r!.outputTokens, r!.judgeTokens]).toEqual([1_000, 200, 2_100]);
    expect(r!.costUsd).toBeCloseTo((1_000 * 0.3 + 200 * 2.5 + 2_000 * 1.25 + 100 * 10) / 1e6, 12);
    const [u] = summarizePanes({ cases, assertions, results: [cell('1', 'u', { inputTokens: 5, judgeUsage: [{ model: 'my-judge', inputTokens: 1, outputTokens: 1 }] })] }, [{ id: 'u', model: 'gemini-2.5-flash' }]);
    expect(u!.costUsd).toBeUndefined();
    expect(u!.costUnknown).toBe('model');
  });

  it('has no pass rate before any verdict, and counts answers without assertions as unjudged', () => {
    const [r] = summarizePanes({ cases, assertions: [], results: [cell('1', 'r')] }, [{ id: 'r', model: 'x' }]);
    expect(r).toMatchObject({ answered: 1, unjudged: 1, passed: 0, failed: 0 });
    expect(r!.passRate).toBeUndefined();
  });

  it('counts the answers that wait for a judge apart: a rubric judged with no verdict, or never judged', () => {
    const rubric: Assertion[] = [{ id: 'r', type: 'rubric', value: 'Polite' }];
    const results = [
      cell('1', 'p', { checks: [{ assertionId: 'r', pass: false, reason: 'The judge failed: 429', noVerdict: true }] }),
      cell('2', 'p'),
      cell('3', 'p', { checks: pass('r') }),
      cell('4', 'p', { checks: [{ assertionId: 'r', pass: false, reason: 'x', noVerdict: true }], manual: 'fail' }),
    ];
    const [p] = summarizePanes({ cases, assertions: rubric, results }, [{ id: 'p', model: 'x' }]);
    expect(p).toMatchObject({ answered: 4, passed: 1, failed: 1, unjudged: 2, awaitingJudge: 2 });
    const [q] = summarizePanes({ cases, assertions: [], results: [cell('1', 'q')] }, [{ id: 'q', model: 'x' }]);
    expect(q).toMatchObject({ unjudged: 1, awaitingJudge: 0 });
  });

  it('counts apart the answers whose rubric no judge can be asked about: the case has no value for its variable', () => {
    const rubric: Assertion[] = [{ id: 'r', type: 'rubric', value: 'Greets {{name}}' }];
    const named: TestCase[] = [{ id: '1', values: { name: 'Ada' } }, { id: '2', values: {} }];
    const noValue = { assertionId: 'r', pass: false, reason: 'No value for {{name}}', noVerdict: true as const };
    const [p] = summarizePanes({ cases: named, assertions: rubric, results: [cell('1', 'p'), cell('2', 'p', { checks: [noValue] })] }, [{ id: 'p', model: 'x' }]);
    expect(p).toMatchObject({ unjudged: 2, awaitingJudge: 1, awaitingValues: 1 });
  });

  it('gives no cost for cells on a tier the table does not price', () => {
    const [r] = summarizePanes({ cases, assertions, results: [cell('1', 'r', { serviceTier: 'flex', inputTokens: 5 })] }, [{ id: 'r', model: 'gemini-2.5-flash' }]);
    expect(r!.costUsd).toBeUndefined();
    expect(r!.costUnknown).toBe('service-tier');
  });
});

describe('prices', () => {
  it('knows a model with or without the models/ prefix, and nothing else', () => {
    expect(priceOf('models/gemini-2.5-pro')).toBe(MODEL_PRICES['gemini-2.5-pro']);
    expect(priceOf('gemini-9')).toBeUndefined();
    expect(priceOf('toString')).toBeUndefined();
  });

  it('charges the long-context rate above its threshold', () => {
    const pro = priceOf('gemini-2.5-pro')!;
    expect(requestCost(pro, 200_000, 1_000_000)).toBeCloseTo(0.25 + 10, 9);
    expect(requestCost(pro, 200_001, 0)).toBeCloseTo((200_001 * 2.5) / 1e6, 9);
  });
});

describe('disagreements', () => {
  it('finds cases some panes pass and others fail; unknown takes no side', () => {
    const results = [
      cell('1', 'p', { checks: pass() }),
      cell('1', 'q', { checks: fail() }),
      cell('2', 'p', { checks: pass() }),
      cell('2', 'q', { checks: pass() }),
      cell('3', 'p', { checks: fail() }),
      cell('3', 'q', { status: 'failed' }),
      cell('4', 'p', { checks: fail() }),
      cell('4', 'x', { checks: pass() }),
    ];
    expect([...disagreements({ cases, assertions, results }, ['p', 'q'])]).toEqual(['1']);
    expect(verdicts({ cases, assertions, results }, ['p', 'q']).get('3')).toEqual(
      new Map([
        ['p', 'fail'],
        ['q', 'unknown'],
      ]),
    );
  });
});

describe('runProgress', () => {
  const start = Date.parse(AT);
  const later = new Date(start + 5_000).toISOString();
  const plan = ['1', '2', '3', '4', '5'].flatMap((caseId) => ['p', 'q'].map((paneId) => ({ caseId, paneId })));

  it('counts the planned cells finished since the start, tokens and the estimate', () => {
    const results = [
      cell('1', 'p', { at: later, latencyMs: 1_000, inputTokens: 10, outputTokens: 5 }),
      cell('1', 'q', { at: later, latencyMs: 3_000, inputTokens: 10, outputTokens: 5 }),
      cell('2', 'p', { at: later, status: 'failed', latencyMs: 2_000 }),
      cell('2', 'q', { at: new Date(start - 1).toISOString(), latencyMs: 9_000 }),
      cell('3', 'p', { at: later, status: 'stopped' }),
      cell('9', 'p', { at: later, latencyMs: 9_000 }),
    ];
    expect(runProgress(plan, results, start, start + 6_000, 3)).toEqual({
      total: 10,
      done: 2,
      failed: 1,
      remaining: 7,
      elapsedMs: 6_000,
      inputTokens: 20,
      outputTokens: 10,
      judgeTokens: 0,
      // median 2 s × ceil(7 / 3) rounds
      remainingMs: 6_000,
      // 30 tokens over 3 finished cells × 7 left
      remainingTokens: 70,
    });
  });

  it('counts the judge calls’ tokens apart, in the tokens so far and in the estimate of the rest', () => {
    const judged = { inputTokens: 100, outputTokens: 20, judgeUsage: [{ model: 'gemini-2.5-pro', inputTokens: 300, outputTokens: 50 }, { model: 'x', inputTokens: 0, outputTokens: 10 }] };
    const progress = runProgress(plan, [cell('1', 'p', { at: later, latencyMs: 1_000, ...judged }), cell('1', 'q', { at: later, latencyMs: 1_000, inputTokens: 40 })], start, start + 1_000, 2);
    expect(progress).toMatchObject({ inputTokens: 140, outputTokens: 20, judgeTokens: 360, remaining: 8 });
    // (140 + 20 + 360) / 2 finished × 8 left
    expect(progress.remainingTokens).toBe(2_080);
  });

  it('has no estimate before the first result', () => {
    expect(runProgress(plan, [], start, start, 2).remainingMs).toBeUndefined();
  });
});

describe('cellKey', () => {
  it('does not confuse ids that concatenate alike', () => {
    expect(cellKey('a', 'bc')).not.toBe(cellKey('ab', 'c'));
  });
});
