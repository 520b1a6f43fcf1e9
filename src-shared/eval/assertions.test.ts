import { describe, expect, it } from 'vitest';
import {
  REGEX_INPUT_LIMIT,
  assertionsFor,
  cellPasses,
  characterCount,
  describeAssertion,
  describeForCase,
  parseVerdict,
  rubricRequest,
  runChecks,
} from './assertions';
import type { Assertion, CellResult, CheckResult } from './test-set';

const one = (answer: string, a: Omit<Assertion, 'id'>, ctx = {}) => runChecks(answer, [{ id: 'a', ...a }], ctx)[0]!;

describe('contains / not-contains', () => {
  it('is case-sensitive and says so', () => {
    expect(one('Paris is the capital', { type: 'contains', value: 'Paris' })).toEqual({ assertionId: 'a', pass: true });
    expect(one('paris', { type: 'contains', value: 'Paris' })).toEqual({ assertionId: 'a', pass: false, reason: 'does not contain "Paris" (case-sensitive)' });
  });

  it('not-contains fails when the text is there', () => {
    expect(one('I cannot help', { type: 'not-contains', value: 'cannot' })).toEqual({ assertionId: 'a', pass: false, reason: 'contains "cannot" (case-sensitive)' });
    expect(one('Sure', { type: 'not-contains', value: 'cannot' }).pass).toBe(true);
  });

  it('an empty value is a failed check, not a vacuous pass', () => {
    expect(one('x', { type: 'contains', value: '' })).toMatchObject({ pass: false, reason: 'no text given to look for' });
    expect(one('x', { type: 'not-contains' })).toMatchObject({ pass: false });
  });
});

describe('regex', () => {
  it('applies the flags', () => {
    expect(one('HELLO', { type: 'regex', value: '^hello$', flags: 'i' }).pass).toBe(true);
    expect(one('HELLO', { type: 'regex', value: '^hello$' })).toMatchObject({ pass: false, reason: 'no match for /^hello$/' });
  });

  it('an invalid pattern is a failed check with the reason, not a throw', () => {
    expect(one('x', { type: 'regex', value: '(unclosed' })).toMatchObject({ pass: false, reason: expect.stringMatching(/^invalid regular expression: .*Unterminated group/) });
  });

  it('searches anywhere, whatever g and y say', () => {
    const a: Assertion = { id: 'r', type: 'regex', value: 'ab', flags: 'gy' };
    expect([runChecks('xab', [a])[0]!.pass, runChecks('xab', [a])[0]!.pass]).toEqual([true, true]);
  });

  it('searches only the first REGEX_INPUT_LIMIT characters and says so', () => {
    const long = 'a'.repeat(REGEX_INPUT_LIMIT) + 'needle';
    expect(one(long, { type: 'regex', value: 'needle' })).toMatchObject({ pass: false, reason: expect.stringContaining('first 50,000 characters') });
    expect(one('x'.repeat(REGEX_INPUT_LIMIT - 6) + 'needle', { type: 'regex', value: 'needle' }).pass).toBe(true);
  });
});

describe('a judge that gave no verdict', () => {
  it('leaves its rubric not judged, not failed: the cell passes or fails on the checks that were decided', () => {
    const assertions: Assertion[] = [{ id: 'c', type: 'contains', value: 'Paris' }, { id: 'r', type: 'rubric', value: 'Polite?' }];
    const cell = (rubric: CheckResult) => ({ status: 'done' as const, checks: [{ assertionId: 'c', pass: true }, rubric] });
    expect(cellPasses(cell({ assertionId: 'r', pass: false, noVerdict: true, reason: 'The judge failed: 429' }), assertions)).toBe('unknown');
    expect(cellPasses(cell({ assertionId: 'r', pass: false, reason: 'rude' }), assertions)).toBe('fail');
    expect(cellPasses(cell({ assertionId: 'r', pass: true }), assertions)).toBe('pass');
  });
});

describe('equals-expected', () => {
  it('compares both sides trimmed', () => {
    expect(one('  42\n', { type: 'equals-expected' }, { expected: '42 ' }).pass).toBe(true);
    expect(one('41', { type: 'equals-expected' }, { expected: '42' })).toMatchObject({ pass: false, reason: 'expected "42", got "41" (both trimmed)' });
  });

  it('reads a line break as one whatever the platform wrote (a spreadsheet cell\'s CRLF against the model\'s LF)', () => {
    expect(one('line one\nline two', { type: 'equals-expected' }, { expected: 'line one\r\nline two' }).pass).toBe(true);
    expect(one('line one\r\nline two', { type: 'equals-expected' }, { expected: 'line one\nline two' }).pass).toBe(true);
    expect(one('line one\nline 2', { type: 'equals-expected' }, { expected: 'line one\r\nline two' }).pass).toBe(false);
  });

  it('fails when the case has no expected answer', () => {
    expect(one('42', { type: 'equals-expected' })).toMatchObject({ pass: false, reason: 'the case has no expected answer' });
  });
});

describe('is-json / matches-schema', () => {
  it('accepts JSON inside one markdown fence', () => {
    expect(one('```json\n{"a": 1}\n```', { type: 'is-json' }).pass).toBe(true);
    expect(one('{"a": }', { type: 'is-json' })).toMatchObject({ pass: false, reason: expect.stringMatching(/^not valid JSON: Line 1, column 7/) });
  });

  const schema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] };

  it('checks the pane schema', () => {
    expect(one('{"n": 3}', { type: 'matches-schema' }, { schema }).pass).toBe(true);
    expect(one('{"n": "3"}', { type: 'matches-schema' }, { schema })).toMatchObject({ pass: false, reason: 'at /n: expected number, got string' });
    expect(one('nope', { type: 'matches-schema' }, { schema })).toMatchObject({ pass: false, reason: expect.stringMatching(/^not valid JSON/) });
  });

  it('fails without a schema', () => {
    expect(one('{}', { type: 'matches-schema' })).toMatchObject({ pass: false, reason: 'the pane has no response schema' });
  });
  it('read the model’s last output, after the line it wrote before a search; the other checks read the whole answer', () => {
    const said = 'Let me search for that.';
    const answer = `${said}{"n": 3}`;
    const from = { schema, answerFrom: said.length };
    expect(one(answer, { type: 'is-json' }, from).pass).toBe(true);
    expect(one(answer, { type: 'matches-schema' }, from).pass).toBe(true);
    expect(one(answer, { type: 'contains', value: 'search' }, from).pass).toBe(true);
    expect(one(answer, { type: 'is-json' }, { schema }).pass).toBe(false);
  });
});

describe('length', () => {
  it('counts code points and checks both bounds', () => {
    expect(characterCount('👋é')).toBe(2);
    expect(one('👋👋👋', { type: 'length', min: 3, max: 3 }).pass).toBe(true);
    expect(one('ab', { type: 'length', min: 3 })).toMatchObject({ pass: false, reason: '2 characters, at least 3' });
    expect(one('abcd', { type: 'length', max: 3 })).toMatchObject({ pass: false, reason: '4 characters, at most 3' });
  });

  it('fails without bounds', () => {
    expect(one('ab', { type: 'length' })).toMatchObject({ pass: false, reason: 'no length bounds set' });
  });
});

describe('runChecks', () => {
  it('skips rubrics and keeps the order of the rest', () => {
    const list: Assertion[] = [
      { id: '1', type: 'contains', value: 'a' },
      { id: '2', type: 'rubric', value: 'polite', judgeModel: 'm' },
      { id: '3', type: 'is-json' },
    ];
    expect(runChecks('a', list).map((c) => [c.assertionId, c.pass])).toEqual([
      ['1', true],
      ['3', false],
    ]);
  });

  it("assertionsFor puts the case's own after the set's", () => {
    const set: Assertion[] = [{ id: 's', type: 'is-json' }];
    expect(assertionsFor(set, { assertions: [{ id: 'c', type: 'length', max: 5 }] }).map((a) => a.id)).toEqual(['s', 'c']);
    expect(assertionsFor(set, undefined).map((a) => a.id)).toEqual(['s']);
  });
});

describe('cellPasses', () => {
  const assertions: Assertion[] = [
    { id: 'x', type: 'contains', value: 'a' },
    { id: 'y', type: 'rubric', value: 'r', judgeModel: 'm' },
  ];
  const cell = (checks: CellResult['checks'], extra: Partial<CellResult> = {}) => ({ status: 'done' as const, checks, ...extra });

  it('passes when every assertion has a passing check', () => {
    expect(cellPasses(cell([{ assertionId: 'x', pass: true }, { assertionId: 'y', pass: true }]), assertions)).toBe('pass');
  });

  it('fails on any failed check, even with one still to come', () => {
    expect(cellPasses(cell([{ assertionId: 'x', pass: false, reason: 'r' }]), assertions)).toBe('fail');
  });

  it('is unknown while a check is missing, without answer, or without assertions', () => {
    expect(cellPasses(cell([{ assertionId: 'x', pass: true }]), assertions)).toBe('unknown');
    expect(cellPasses({ status: 'failed' }, assertions)).toBe('unknown');
    expect(cellPasses(cell([]), [])).toBe('unknown');
  });

  it('ignores checks of deleted assertions', () => {
    expect(cellPasses(cell([{ assertionId: 'gone', pass: false }, { assertionId: 'x', pass: true }]), [assertions[0]!])).toBe('pass');
  });

  it('a manual mark overrides everything', () => {
    expect(cellPasses(cell([{ assertionId: 'x', pass: false }], { manual: 'pass' }), assertions)).toBe('pass');
    expect(cellPasses({ status: 'failed', manual: 'fail' }, assertions)).toBe('fail');
  });
});

describe('rubric', () => {
  it('asks the judge model for a {pass, reason} JSON verdict on the rubric and the answer, showing it the prompt as sent', () => {
    const request = rubricRequest('Is polite', 'Go away', 'gemini-judge', { values: {}, prompt: 'Say hello' });
    expect(request.config.model).toBe('gemini-judge');
    expect(request.config.responseSchema).toMatchObject({ required: ['pass', 'reason'], properties: { pass: { type: 'boolean' }, reason: { type: 'string' } } });
    expect(request.input).toBe('<rubric>\nIs polite\n</rubric>\n\n<prompt>\nSay hello\n</prompt>\n\n<answer>\nGo away\n</answer>');
  });

  it("fills the rubric with the case's values as a prompt is filled, and shows the expected answer before the graded one", () => {
    const values = { city: 'Paris', 'the-country': 'France' };
    const request = rubricRequest('Names {{city}}, capital of {{ the-country }}; \\{{literal}}', 'Paris.', 'j', { values, prompt: 'Capital of France?', expected: 'Paris' });
    expect(request.input).toBe(
      '<rubric>\nNames Paris, capital of France; {{literal}}\n</rubric>\n\n<prompt>\nCapital of France?\n</prompt>\n\n<expected_answer>\nParis\n</expected_answer>\n\n<answer>\nParis.\n</answer>',
    );
    expect(request.missing).toEqual([]);
    expect(rubricRequest('Says {{greeting}} to {{name}}', 'Hi', 'j', { values: { name: 'Ada' }, prompt: 'Greet Ada' }).missing).toEqual(['greeting']);
  });

  it('reads a verdict, fenced or not', () => {
    expect(parseVerdict('{"pass": false, "reason": "rude"}')).toEqual({ pass: false, reason: 'rude' });
    expect(parseVerdict('```json\n{"pass": true, "reason": "fine"}\n```')).toEqual({ pass: true, reason: 'fine' });
  });

  it('says why an answer is not a verdict', () => {
    expect(parseVerdict('yes')).toEqual({ error: expect.stringMatching(/^the judge's answer is not JSON: Line 1/) });
    expect(parseVerdict('{"pass": "yes", "reason": "x"}')).toEqual({ error: "the judge's answer is not a verdict: at /pass: expected boolean, got string" });
    expect(parseVerdict('{"pass": true}')).toEqual({ error: expect.stringContaining('missing required property "reason"') });
  });
});

describe('describeAssertion', () => {
  it('names each kind briefly', () => {
    expect(describeAssertion({ id: 'a', type: 'regex', value: '\\d+', flags: 'i' })).toBe('matches /\\d+/i');
    expect(describeAssertion({ id: 'a', type: 'length', min: 1, max: 9 })).toBe('1–9 characters');
    expect(describeAssertion({ id: 'a', type: 'not-contains', value: 'x' })).toBe('does not contain "x"');
  });

  it('names a rubric of one case as its judge read it, filled with the case’s values', () => {
    const rubric: Assertion = { id: 'r', type: 'rubric', value: 'Greets {{name}} in {{lang}}' };
    expect(describeForCase(rubric, { name: 'Ada', lang: 'French' })).toBe(describeAssertion({ ...rubric, value: 'Greets Ada in French' }));
    expect(describeForCase({ id: 'c', type: 'contains', value: '{{name}}' }, { name: 'Ada' })).toBe('contains "{{name}}"');
  });

  it('names a rubric the case lacks a value for as written: its judge was not asked, and a blank would hide why', () => {
    expect(describeForCase({ id: 'r', type: 'rubric', value: 'Greets {{name}} in {{lang}}' }, { lang: 'French' })).toBe('rubric: Greets {{name}} in {{lang}}');
  });
});
