import { describe, expect, it } from 'vitest';
import { checkFunctionParameters } from '../../../src-shared/json-check';
import { jsonProblem, problemText } from './json-problem';

describe('jsonProblem', () => {
  it('is nothing for blank text (unset) and for good JSON', () => {
    expect(jsonProblem('  \n')).toBeUndefined();
    expect(jsonProblem('{"type": "object"}', checkFunctionParameters)).toBeUndefined();
  });

  it('locates a syntax error by line and column, with the offset to put the caret at', () => {
    const text = '{\n  "type": "object",\n  "properties": {,}\n}';
    const problem = jsonProblem(text);
    expect(problem).toMatchObject({ kind: 'syntax', line: 3, column: 18 });
    expect(text[(problem as { offset: number }).offset]).toBe(',');
    expect(problemText(problem!)).toMatch(/^Line 3, column 18: /);
    expect(problemText(problem!)).not.toMatch(/Line.*Line/);
  });

  it('names the schema path of a check that fails', () => {
    const problem = jsonProblem('{"type": "object", "properties": {"a": {"type": "strng"}}}', checkFunctionParameters);
    expect(problem).toMatchObject({ kind: 'schema', path: '/properties/a/type' });
    expect(problemText(problem!)).toMatch(/^At \/properties\/a\/type: /);
  });
});
