import { describe, expect, it } from 'vitest';
import { STRUCTURED } from '../../../src-shared/settings/structured';
import { offeredTools, readToolChoice, withTool, writeToolChoice } from './tool-choice-form';

describe('the tool choice control', () => {
  it('writes { mode, tools } the setting parses and sends, and nothing for Default with no tools', () => {
    const text = writeToolChoice(withTool(withTool({ mode: 'any' }, 'b', true), 'a', true));
    expect(STRUCTURED.toolChoice.parse(text)).toEqual({ value: { mode: 'any', tools: ['b', 'a'] } });
    expect(writeToolChoice({})).toBe('');
    expect(writeToolChoice(withTool({ tools: ['a'] }, 'a', false))).toBe('');
    expect(readToolChoice(text)).toEqual({ mode: 'any', tools: ['b', 'a'] });
  });

  it('reads what it can of other text', () => {
    expect(readToolChoice('{"mode": "sometimes", "tools": ["a", 3]}')).toEqual({ tools: ['a'] });
    expect(readToolChoice('{')).toEqual({});
  });

  it('offers the declared functions, then allowed names no longer declared, so none is hidden', () => {
    expect(offeredTools({ tools: ['gone', 'a'] }, ['a', 'b'])).toEqual([
      { name: 'a', declared: true },
      { name: 'b', declared: true },
      { name: 'gone', declared: false },
    ]);
  });
});
