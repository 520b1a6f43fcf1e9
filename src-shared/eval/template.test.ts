import { describe, expect, it } from 'vitest';
import { fill, scanTemplate, variablesIn, variablesOf } from './template';

describe('variablesIn', () => {
  it('lists variables in order of first appearance, each once', () => {
    expect(variablesIn('Translate {{text}} into {{lang}}; keep {{text}} short. {{ tone }}')).toEqual(['text', 'lang', 'tone']);
  });

  it('allows whitespace inside the braces', () => {
    expect(variablesIn('{{  name\t}} and {{other }}')).toEqual(['name', 'other']);
  });

  it('accepts _ and - and digits after the first character', () => {
    expect(variablesIn('{{_a}} {{b-2_c}}')).toEqual(['_a', 'b-2_c']);
  });

  it('treats \\{{ as a literal, not a variable', () => {
    expect(variablesIn('\\{{name}} and {{real}}')).toEqual(['real']);
  });

  it('takes the last {{ of a run of braces as the opening', () => {
    expect(variablesIn('{{{name}}}')).toEqual(['name']);
  });
});

describe('malformed openings', () => {
  it('reports an unclosed {{ with its line and column and keeps it literal', () => {
    const scan = scanTemplate('first line\nab {{name\n{{ok}}');
    expect(scan.variables).toEqual(['ok']);
    expect(scan.warnings).toEqual([{ offset: 14, line: 2, column: 4, message: expect.stringContaining('not closed') }]);
    expect(fill('first line\nab {{name\n{{ok}}', { ok: 'Y' }).text).toBe('first line\nab {{name\nY');
  });

  it('reports a bad name and keeps the braces as typed', () => {
    const scan = scanTemplate('x {{1abc}} y {{two words}}');
    expect(scan.variables).toEqual([]);
    expect(scan.warnings.map((w) => [w.offset, w.message.slice(0, 12)])).toEqual([
      [2, '"{{1abc}}" i'],
      [13, '"{{two words'],
    ]);
    expect(fill('x {{1abc}} y', {}).text).toBe('x {{1abc}} y');
  });

  it('does not let a stray {{ swallow the next variable', () => {
    expect(variablesIn('a {{ b {{c}}')).toEqual(['c']);
  });

  it('an empty {{}} is not a variable', () => {
    expect(scanTemplate('{{ }}').warnings).toHaveLength(1);
  });
});

describe('reserved names', () => {
  it('the table’s own columns and JavaScript’s object names are not variables: kept as typed, with a warning that says why', () => {
    const scan = scanTemplate('Q: {{question}} A: {{ Expected }} {{notes}} {{__proto__}} {{constructor}} {{prototype}}');
    expect(scan.variables).toEqual(['question']);
    expect(fill('{{ Expected }}|{{__proto__}}', {}).text).toBe('{{ Expected }}|{{__proto__}}');
    expect(scan.warnings.map((w) => [w.column, w.message])).toEqual([
      [20, '"{{ Expected }}" is not a variable: “Expected” is the name of the table’s own Expected column; pick another name, or write \\{{ for a literal {{'],
      [35, '"{{notes}}" is not a variable: “notes” is the name of the table’s own Notes column; pick another name, or write \\{{ for a literal {{'],
      [45, '"{{__proto__}}" is not a variable: “__proto__” is a name JavaScript objects already use; pick another name, or write \\{{ for a literal {{'],
      [59, '"{{constructor}}" is not a variable: “constructor” is a name JavaScript objects already use; pick another name, or write \\{{ for a literal {{'],
      [75, '"{{prototype}}" is not a variable: “prototype” is a name JavaScript objects already use; pick another name, or write \\{{ for a literal {{'],
    ]);
    expect(variablesIn('{{expected_answer}} {{notes2}} {{proto}}')).toEqual(['expected_answer', 'notes2', 'proto']);
  });
});

describe('fill', () => {
  it('replaces every occurrence and unescapes \\{{', () => {
    expect(fill('{{a}}-{{ b }}-{{a}} \\{{a}}', { a: 'X', b: 'Y' })).toEqual({ text: 'X-Y-X {{a}}', missing: [], warnings: [] });
  });

  it('fills a missing variable with "" and reports it once', () => {
    expect(fill('{{a}}|{{b}}|{{b}}', { a: '1' })).toEqual({ text: '1||', missing: ['b'], warnings: [] });
  });

  it('an empty value is given, not missing', () => {
    expect(fill('[{{a}}]', { a: '' })).toEqual({ text: '[]', missing: [], warnings: [] });
  });

  it('does not read inherited properties as values', () => {
    expect(fill('{{toString}}', {}).missing).toEqual(['toString']);
  });

  it('inserts values verbatim (no $ patterns, no recursive filling)', () => {
    expect(fill('{{a}}', { a: '$& {{b}} \\{{' }).text).toBe('$& {{b}} \\{{');
  });

  it('leaves a single brace and other backslashes alone', () => {
    expect(fill('{a} \\n \\{x} }}', {}).text).toBe('{a} \\n \\{x} }}');
  });

  it('keeps unicode around variables', () => {
    expect(fill('héllo {{name}} 👋', { name: 'Zoë' }).text).toBe('héllo Zoë 👋');
  });
});

describe('variablesOf', () => {
  it('takes the prompt first, then what only the system instructions add, each once', () => {
    expect(variablesOf('{{q}} {{ctx}}', ['You are {{role}}. {{q}}', undefined, '{{style}} {{role}}'])).toEqual(['q', 'ctx', 'role', 'style']);
  });
});
