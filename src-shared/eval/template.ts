// Prompt templates (issue 17): `{{name}}` variables in the prompt and the system instructions, filled from a test
// case. `\{{` writes a literal `{{`. A `{{` that does not open a variable (never closed, or not a name inside) stays
// as typed and is reported, so a prompt that merely talks about braces still sends what the person wrote.
// Only `\{{` is an escape: any other backslash is an ordinary character.
import { VARIABLE_NAME, reservedVariableName } from './constants';
import type { Assertion, TestCase } from './test-set';

export type TemplateToken =
  /** Text sent as it is (`\{{` already unescaped to `{{`). `start`/`end` are offsets in the template. */
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'variable'; name: string; start: number; end: number };

export interface TemplateWarning {
  /** Offset of the `{{` in the template; line and column count from 1. */
  offset: number;
  line: number;
  column: number;
  message: string;
}

export interface TemplateScan {
  tokens: TemplateToken[];
  /** In order of first appearance, each once. */
  variables: string[];
  warnings: TemplateWarning[];
}

// Braces and line ends cannot be inside a variable: the nearest `}}` on the same line closes it, and a stray `{{`
// elsewhere never swallows a following variable.
const PLACEHOLDER = /\{\{([^{}\r\n]*)\}\}/y;

export function scanTemplate(text: string): TemplateScan {
  const tokens: TemplateToken[] = [];
  const warnings: TemplateWarning[] = [];
  let literal = '';
  let literalStart = 0;
  const flush = (at: number): void => {
    if (literal !== '') tokens.push({ kind: 'text', text: literal, start: literalStart, end: at });
    literal = '';
    literalStart = at;
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      literal += '{{';
      i += 3;
      continue;
    }
    // `{{{name}}}`: the first brace is text, the variable starts at the last `{{` of the run.
    if (!text.startsWith('{{', i) || text[i + 2] === '{') {
      literal += text[i];
      i += 1;
      continue;
    }
    PLACEHOLDER.lastIndex = i;
    const match = PLACEHOLDER.exec(text);
    const name = match?.[1]!.trim();
    const reserved = match && name !== undefined && VARIABLE_NAME.test(name) ? reservedVariableName(name) : undefined;
    if (match && name !== undefined && VARIABLE_NAME.test(name) && !reserved) {
      flush(i);
      tokens.push({ kind: 'variable', name, start: i, end: i + match[0].length });
      i += match[0].length;
      literalStart = i;
      continue;
    }
    const message = reserved
      ? `"${match![0]}" is not a variable: ${reserved}; pick another name, or write \\{{ for a literal {{`
      : match
      ? `"${match[0]}" is not a variable: a name starts with a letter or _ and has only letters, digits, _ or - (up to 64); write \\{{ for a literal {{`
      : '"{{" is not closed by "}}" on the same line; write \\{{ for a literal {{';
    warnings.push({ offset: i, ...lineAndColumn(text, i), message });
    const skip = match ? match[0].length : 2;
    literal += text.slice(i, i + skip);
    i += skip;
  }
  flush(text.length);
  const variables = [...new Set(tokens.flatMap((token) => (token.kind === 'variable' ? [token.name] : [])))];
  return { tokens, variables, warnings };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Every rubric's text in a set, its own then its cases': a template too, filled from each case as the prompt is. */
export function rubricTemplates(setAssertions: readonly Assertion[], cases: readonly Pick<TestCase, 'assertions'>[]): string[] {
  return [...setAssertions, ...cases.flatMap((c) => c.assertions ?? [])].flatMap((a) => (a.type === 'rubric' && a.value ? [a.value] : []));
}

/** The template's variables in order of first appearance, each once. */
export function variablesIn(text: string): string[] {
  return scanTemplate(text).variables;
}

/** The prompt's variables, then those only the system instructions use (one per pane), each once. */
export function variablesOf(prompt: string, systemInstructions: readonly (string | undefined)[] = []): string[] {
  return [...new Set([prompt, ...systemInstructions].flatMap((text) => (text ? variablesIn(text) : [])))];
}

/**
 * How a send fills texts that ask for no values (no variables): `{}` when one writes `\{{` for a literal `{{`, which
 * filling turns into `{{`; otherwise undefined, and they are sent as written. With variables, values are asked.
 */
export function valuesWithoutAsking(texts: readonly (string | undefined)[]): Record<string, string> | undefined {
  return texts.some((text) => text?.includes('\\{{')) ? {} : undefined;
}

/** A pane's config with its system instruction, a template too, filled with `values`; one that fills to nothing is left out, as a blank one is. */
export function withSystemFilled<C extends { systemInstruction?: string | undefined }>(config: C, values: Readonly<Record<string, string>>): C {
  const system = config.systemInstruction;
  if (system === undefined) return config;
  const { systemInstruction: _template, ...rest } = config;
  const filled = fill(system, values).text;
  return (filled.trim() === '' ? rest : { ...rest, systemInstruction: filled }) as C;
}

export interface Filled {
  text: string;
  /** Variables the values did not name, filled as ''; in order of first appearance. */
  missing: string[];
  warnings: TemplateWarning[];
}

/**
 * The value of variable `name`, or undefined when `values` names none. Only an own property counts: `toString` and
 * `valueOf` are names a template may use, and every object inherits a function under them.
 */
export function valueIn(values: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

export function fill(text: string, values: Readonly<Record<string, string>>): Filled {
  const { tokens, warnings } = scanTemplate(text);
  const missing = new Set<string>();
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'text') {
      out += token.text;
      continue;
    }
    const value = valueIn(values, token.name);
    if (value === undefined) missing.add(token.name);
    out += value ?? '';
  }
  return { text: out, missing: [...missing], warnings };
}
