// A judge asked again (Run missing) on a finished cell: its verdicts replace what the cell held for those rubrics,
// and its tokens join the cell's without growing past what a saved cell holds.
import { describe, expect, it } from 'vitest';
import { MAX_ASSERTIONS } from '../../../src-shared/eval/constants';
import { cellResultSchema, type Assertion, type CellResult } from '../../../src-shared/eval/test-set';
import type { PaneConfig } from '../../../src-shared/domain';
import type { Interaction, Step } from '../../../src-shared/interactions';
import type { Ended } from './cell-requests';
import { checksOf, resultOf, withVerdicts } from './cell-results';

const assertions: Assertion[] = [
  { id: 'c', type: 'contains', value: 'x' },
  { id: 'r1', type: 'rubric', value: 'Polite?', judgeModel: 'judge-a' },
  { id: 'r2', type: 'rubric', value: 'Short?', judgeModel: 'judge-b' },
];

const cell: CellResult = {
  caseId: 'k',
  paneId: 'p',
  status: 'done',
  text: 'x',
  at: '2026-01-01T00:00:00.000Z',
  inputTokens: 7,
  checks: [
    { assertionId: 'c', pass: true },
    { assertionId: 'r1', pass: false, noVerdict: true, reason: 'The judge failed: 429' },
  ],
  judgeUsage: [
    { model: 'judge-a', inputTokens: 10, outputTokens: 1 },
    { model: 'judge-b', inputTokens: 5, outputTokens: 1 },
  ],
};

describe('withVerdicts', () => {
  it('puts the verdicts in place of what the cell held for their rubrics, in the assertions’ order, keeping the rest', () => {
    const next = withVerdicts(cell, [{ assertionId: 'r2', pass: true, reason: 'short' }, { assertionId: 'r1', pass: true, reason: 'polite' }], [], assertions);
    expect(next).toEqual({
      ...cell,
      checks: [
        { assertionId: 'c', pass: true },
        { assertionId: 'r1', pass: true, reason: 'polite' },
        { assertionId: 'r2', pass: true, reason: 'short' },
      ],
    });
  });

  it('adds the judge’s tokens one entry per model, however often it is asked again, so the cell can still be saved', () => {
    let next = cell;
    for (let i = 0; i < MAX_ASSERTIONS * 3; i++) {
      next = withVerdicts(next, [{ assertionId: 'r1', pass: false, noVerdict: true, reason: 'The judge failed: 429' }], [{ model: 'judge-a', inputTokens: 10, outputTokens: 2 }], assertions);
    }
    expect(next.judgeUsage).toEqual([
      { model: 'judge-a', inputTokens: 10 + MAX_ASSERTIONS * 3 * 10, outputTokens: 1 + MAX_ASSERTIONS * 3 * 2 },
      { model: 'judge-b', inputTokens: 5, outputTokens: 1 },
    ]);
    expect(cellResultSchema.safeParse(next).success).toBe(true);
  });
});

describe('resultOf', () => {
  const said = 'Let me search for that.';
  const steps = [
    { type: 'model_output', content: [{ type: 'text', text: said }] },
    { type: 'google_search_call', id: 's1', arguments: { queries: ['capital of France'] } },
    { type: 'google_search_result', call_id: 's1', result: [] },
    { type: 'model_output', content: [{ type: 'text', text: '{"city": "Paris"}' }] },
  ] as Step[];
  const ended = (text: string, ended: Step[]): Ended => ({
    event: { type: 'done', requestId: 'r', paneId: 'p', interactionId: 'i', status: 'completed', steps: ended, metrics: { totalMs: 5 }, interaction: { id: 'i' } as Interaction & { steps?: never } },
    text,
  });
  const testCase = { id: 'k', values: {} };
  const config = { model: 'm', responseSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } as PaneConfig;
  const json: Assertion[] = [{ id: 'j', type: 'is-json' }, { id: 's', type: 'matches-schema' }];

  it('keeps where the model’s last output starts, so JSON given after a search passes is-json and the schema, as the pane’s badge reads it', () => {
    const cell = resultOf({ caseId: 'k', paneId: 'p' }, ended(`${said}{"city": "Paris"}`, steps), { config }, 0);
    expect(cell.answerFrom).toBe(said.length);
    expect(cellResultSchema.parse(cell)).toEqual(cell);
    expect(checksOf(cell, json, testCase, config)).toEqual([{ assertionId: 'j', pass: true }, { assertionId: 's', pass: true }]);
  });

  it('keeps the model and tier the request was sent with, which price it after the pane’s model changes', () => {
    const cell = resultOf({ caseId: 'k', paneId: 'p' }, ended('ok', []), { config: { ...config, model: 'gemini-2.5-flash' }, serviceTier: 'flex' }, 0);
    expect(cell).toMatchObject({ model: 'gemini-2.5-flash', serviceTier: 'flex' });
    expect(cellResultSchema.parse(cell)).toEqual(cell);
  });

  it('an answer without tool steps is read whole and keeps no start', () => {
    const cell = resultOf({ caseId: 'k', paneId: 'p' }, ended('{"city": 1}', [steps[3]!]), { config }, 0);
    expect(cell).not.toHaveProperty('answerFrom');
    expect(checksOf(cell, json, testCase, config)).toEqual([{ assertionId: 'j', pass: true }, expect.objectContaining({ assertionId: 's', pass: false })]);
  });
});
