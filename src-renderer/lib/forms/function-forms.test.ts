import { describe, expect, it } from 'vitest';
import { STRUCTURED } from '../../../src-shared/settings/structured';
import { declaredNames, functionProblems, newFunction, readFunctionForms, writeFunctionForms, type FunctionForm } from './function-forms';

const form = (name: string, parameters = '', mock = ''): FunctionForm => ({ name, description: '', parameters, mock });

describe('the functions editor’s list', () => {
  it('keeps a half-typed schema in the form’s text, and reads it back as typed', () => {
    const forms = [form('lookup', '{\n  "type": "object",\n  "prop'), form('', '', '{"ok": tr')];
    const text = writeFunctionForms(forms);
    expect(readFunctionForms(text)).toEqual({ ok: true, forms });
    // The setting's own parse refuses it, saying where.
    expect(STRUCTURED.functions.parse(text).error).toMatch(/^Function “lookup” parameters: Line 3, column \d+/);
  });

  it('reads the text a saved list formats to, and no cards is unset', () => {
    const text = STRUCTURED.functions.format([{ name: 'f', description: 'd', parameters: { type: 'object' }, mock: '1' }]);
    expect(readFunctionForms(text)).toEqual({ ok: true, forms: [{ name: 'f', description: 'd', parameters: '{\n  "type": "object"\n}', mock: '1' }] });
    expect(writeFunctionForms([])).toBe('');
    expect(readFunctionForms('')).toEqual({ ok: true, forms: [] });
  });

  it('reports text that is not a list rather than reading it as empty', () => {
    expect(readFunctionForms('{"name": "f"}')).toEqual({ ok: false, error: 'The functions are not a JSON list of functions' });
    expect(readFunctionForms('[{')).toMatchObject({ ok: false });
  });

  it('starts with a worked example that the setting accepts, then adds empty object schemas', () => {
    const first = newFunction([]);
    expect(first.name).toBe('get_weather');
    expect(STRUCTURED.functions.parse(writeFunctionForms([first])).value?.[0]).toMatchObject({ name: 'get_weather', parameters: { type: 'object', required: ['city'] } });
    const second = newFunction([first]);
    expect(second.name).toBe('');
    expect(JSON.parse(second.parameters)).toEqual({ type: 'object', properties: {} });
  });

  it('puts each problem on the field it is about', () => {
    const problems = functionProblems([
      form('a', '{"type": "object", "properties": {"x": {"type": 3}}}'),
      form('a', '{"type": "array"}'),
      form('', '{"type": "object",}', '{'),
      form('ok', '', '{"done": true}'),
    ]);
    expect(problems[0]).toEqual({ parameters: expect.objectContaining({ kind: 'schema', path: '/properties/x/type' }) });
    expect(problems[1]!.name).toBe('Function “a”: another function has this name');
    expect(problems[1]!.parameters).toMatchObject({ kind: 'schema', path: '/type' });
    expect(problems[2]!.name).toBe('Function 3: give it a name');
    expect(problems[2]!.parameters).toMatchObject({ kind: 'syntax', line: 1 });
    expect(problems[2]!.mock).toMatchObject({ kind: 'syntax', line: 1 });
    expect(problems[3]).toEqual({});
  });

  it('lists the declared names once each, for the tool choice', () => {
    expect(declaredNames([form(' a '), form(''), form('b'), form('a')])).toEqual(['a', 'b']);
  });
});
