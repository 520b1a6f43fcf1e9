// Stored answers scored again when what checks them changes: an edited or retyped assertion, a new one, an edited
// expected answer; an edited rubric's old verdict dropped, not shown under the new rubric.
import { describe, expect, it } from 'vitest';
import { runChecks } from './assertions';
import { Scoring, checkKey, rescore } from './rescore';
import { summarizePanes } from './summary';
import type { Assertion, CellResult, TestCase } from './test-set';

const ANSWER = 'The capital of France is Paris.';
const noSchema = () => undefined;

function scored(assertions: Assertion[], testCase: TestCase = { id: 'c1', values: {} }): { cases: TestCase[]; assertions: Assertion[]; results: CellResult[] } {
  // As a run scores it: the checks, and each rubric passed by its judge.
  const checks = [
    ...runChecks(ANSWER, assertions, testCase.expected !== undefined ? { expected: testCase.expected } : {}),
    ...assertions.filter((a) => a.type === 'rubric').map((a) => ({ assertionId: a.id, pass: true, reason: 'fine' })),
  ];
  const cell: CellResult = { caseId: testCase.id, paneId: 'p1', status: 'done', text: ANSWER, checks, at: '2025-01-01T00:00:00.000Z' };
  return { cases: [testCase], assertions, results: [cell] };
}

const passed = (set: ReturnType<typeof scored>) => summarizePanes(set, [{ id: 'p1', model: 'x' }])[0]!;

describe('scoring stored answers again', () => {
  it('an assertion given another value or another type is checked again on the answer, not kept under the new label', () => {
    const set = scored([{ id: 'a1', type: 'contains', value: 'Paris' }]);
    const scoring = new Scoring();
    scoring.reset(set);
    expect(passed(set).passed).toBe(1);

    set.assertions = [{ id: 'a1', type: 'contains', value: 'London' }];
    set.results = scoring.rescore(set, new Set(), noSchema);
    expect(set.results[0]!.checks).toEqual([{ assertionId: 'a1', pass: false, reason: 'does not contain "London" (case-sensitive)' }]);
    expect(passed(set)).toMatchObject({ passed: 0, failed: 1 });

    set.assertions = [{ id: 'a1', type: 'is-json' }];
    set.results = scoring.rescore(set, new Set(), noSchema);
    expect(set.results[0]!.checks![0]).toMatchObject({ assertionId: 'a1', pass: false });
  });

  it('an edited rubric is not judged yet: its verdict goes and the cell has none until it runs again', () => {
    const set = scored([
      { id: 'a1', type: 'contains', value: 'Paris' },
      { id: 'judge', type: 'rubric', value: 'Names the capital' },
    ]);
    const scoring = new Scoring();
    scoring.reset(set);
    expect(passed(set).passed).toBe(1);
    set.assertions = [set.assertions[0]!, { id: 'judge', type: 'rubric', value: 'Answers in French' }];
    set.results = scoring.rescore(set, new Set(), noSchema);
    expect(set.results[0]!.checks!.map((c) => c.assertionId)).toEqual(['a1']);
    expect(passed(set)).toMatchObject({ passed: 0, failed: 0, unjudged: 1 });
  });

  it('a new assertion is scored at once on every answer in; a case’s new expected answer scores its equals-expected again', () => {
    const set = scored([], { id: 'c1', values: {}, expected: ANSWER });
    const scoring = new Scoring();
    scoring.reset(set);
    set.assertions = [{ id: 'eq', type: 'equals-expected' }];
    set.results = scoring.rescore(set, new Set(), noSchema);
    expect(set.results[0]!.checks).toEqual([{ assertionId: 'eq', pass: true }]);

    set.cases = [{ ...set.cases[0]!, expected: 'Paris' }];
    set.results = scoring.rescore(set, new Set(['c1']), noSchema);
    expect(set.results[0]!.checks![0]).toMatchObject({ assertionId: 'eq', pass: false });
  });

  it('leaves cells and the list as they are when nothing they are scored by changed, and an answer that was stopped unscored', () => {
    const set = scored([{ id: 'a1', type: 'contains', value: 'Paris' }]);
    const stopped: CellResult = { caseId: 'c1', paneId: 'p2', status: 'stopped', text: 'The cap', at: '2025-01-01T00:00:00.000Z' };
    set.results.push(stopped);
    expect(rescore(set, { assertions: new Set(), expected: new Set() }, noSchema)).toBe(set.results);
    expect(rescore(set, { assertions: new Set([checkKey('other')]), expected: new Set() }, noSchema)).toBe(set.results);
    const again = rescore(set, { assertions: new Set([checkKey('a1')]), expected: new Set() }, noSchema);
    expect(again[1]).toBe(stopped);
  });

  it('matches-schema takes the pane’s response schema now', () => {
    const set = { cases: [{ id: 'c1', values: {} }], assertions: [{ id: 's', type: 'matches-schema' } as Assertion], results: [{ caseId: 'c1', paneId: 'p1', status: 'done', text: '{"n": 1}', at: '2025-01-01T00:00:00.000Z' } as CellResult] };
    const schema = { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] };
    const results = rescore(set, { assertions: new Set([checkKey('s')]), expected: new Set() }, (paneId) => (paneId === 'p1' ? schema : undefined));
    expect(results[0]!.checks![0]).toMatchObject({ assertionId: 's', pass: false });
  });
  it('an answer given after a search is checked again from where the model’s last output starts', () => {
    const text = 'Searching.{"n": 1}';
    const cell: CellResult = { caseId: 'c1', paneId: 'p1', status: 'done', text, answerFrom: 'Searching.'.length, at: '2025-01-01T00:00:00.000Z' };
    const set = { cases: [{ id: 'c1', values: {} }], assertions: [{ id: 'j', type: 'is-json' } as Assertion], results: [cell] };
    const results = rescore(set, { assertions: new Set([checkKey('j')]), expected: new Set() }, noSchema);
    expect(results[0]).toMatchObject({ answerFrom: 10, checks: [{ assertionId: 'j', pass: true }] });
  });
});
