// Test cases in and out of the table (issue 17): CSV / TSV files (papaparse), JSONL, and a block pasted from a
// spreadsheet; export as CSV and JSONL. An import either yields every case or is refused whole with the line and
// the reason, so the table it would have gone into is never half-changed.
//
// Columns: one per variable, named as in `{{name}}`, plus optional `expected` and `notes` (any case). Those two
// names are therefore reserved: a variable called `expected` or `notes` cannot travel through a file.
// An empty `expected` or `notes` cell means "none", so a case whose expected answer is '' comes back without one.
import Papa from 'papaparse';
import { codePointHex, spellBidiControls } from '../bidi-controls';
import { MAX_TEXT } from '../limits';
import { parseJsonText } from '../json-check';
import type { CaseFormat } from './case-format';
import { MAX_CASES, MAX_NOTES, MAX_VARIABLES, VARIABLE_NAME, reservedVariableName } from './constants';
import type { TestCase } from './test-set';

export { type CaseFormat } from './case-format';

export type ImportResult =
  | { ok: true; variables: string[]; cases: TestCase[] }
  /** `message` starts with "Line N:" (N counts from 1, as an editor shows it). */
  | { ok: false; line: number; message: string };

export interface ImportOptions {
  /** A fresh id per imported case; crypto.randomUUID by default. */
  newId?: () => string;
}

export function importCases(text: string, format: CaseFormat, options: ImportOptions = {}): ImportResult {
  return format === 'jsonl' ? importJsonl(text, options) : importDelimited(text, format === 'csv' ? ',' : '\t', options);
}

class Refusal extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`Line ${line}: ${reason}`);
  }
}

function refused(error: unknown): ImportResult {
  if (error instanceof Refusal) return { ok: false, line: error.line, message: error.message };
  throw error;
}

// ── CSV / TSV ────────────────────────────────────────────────────────────────

interface Row {
  fields: string[];
  line: number;
}

/** Rows with the line each starts on; a quote the parser cannot close refuses the file. Rows with nothing in them are skipped. */
function parseRows(text: string, delimiter: string): Row[] {
  const lines = lineIndex(text);
  const rows: Row[] = [];
  let rowStart = 0;
  let problem: Refusal | undefined;
  Papa.parse<string[]>(text, {
    delimiter,
    // Without this papaparse reads a quote inside an unquoted cell differently per row; the default is RFC 4180's.
    quoteChar: '"',
    step: (result, parser) => {
      // The row begins after the line breaks of any blank lines skipped before it.
      while (text[rowStart] === '\n' || text[rowStart] === '\r') rowStart++;
      const error = result.errors[0];
      if (error) {
        problem = new Refusal(lines(error.index ?? rowStart), quoteReason(error.code, error.message));
        parser.abort();
        return;
      }
      // A blank line, or a row of bare separators (a spreadsheet saves its emptied rows as `,,`), is skipped; a row
      // that quotes an empty cell ("") is a case, the way the export writes a case with no value at all.
      const blank = result.data.every((cell) => cell === '') && !text.slice(rowStart, result.meta.cursor).includes('"');
      if (!blank) rows.push({ fields: result.data, line: lines(rowStart) });
      rowStart = result.meta.cursor;
    },
  });
  if (problem) throw problem;
  return rows;
}

function quoteReason(code: string, message: string): string {
  if (code === 'MissingQuotes') return 'a quoted cell is never closed (a " without its closing ")';
  if (code === 'InvalidQuotes') return 'a quoted cell has text after its closing " (write "" for a quote inside a quoted cell)';
  return message;
}

/** offset → its 1-based line, counting \r\n, \n and a lone \r each as one line break. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

type Column = { kind: 'variable'; name: string } | { kind: 'expected' } | { kind: 'notes' };

function columnOf(header: string): Column {
  const lower = header.toLowerCase();
  if (lower === 'expected' || lower === 'notes') return { kind: lower };
  return { kind: 'variable', name: header };
}

function readHeader(row: Row): Column[] {
  const seen = new Set<string>();
  const columns = row.fields.map((raw, i) => {
    const header = raw.trim();
    const where = `column ${i + 1}`;
    if (header === '') throw new Refusal(row.line, `${where} has no name in the header row`);
    const column = columnOf(header);
    if (column.kind === 'variable' && !VARIABLE_NAME.test(header)) {
      throw new Refusal(
        row.line,
        `${where} is named ${JSON.stringify(clip(header))}, which is not a variable name (a letter or _, then letters, digits, _ or -, as in {{name}})`,
      );
    }
    const reserved = column.kind === 'variable' ? reservedVariableName(header) : undefined;
    if (reserved) throw new Refusal(row.line, `${where}: ${reserved}; rename the column`);
    const key = column.kind === 'variable' ? header : column.kind;
    if (seen.has(key)) throw new Refusal(row.line, `${where}: ${JSON.stringify(header)} appears twice in the header row`);
    seen.add(key);
    return column;
  });
  const variables = columns.filter((c) => c.kind === 'variable').length;
  if (variables > MAX_VARIABLES) throw new Refusal(row.line, `${variables} variables; a test set has at most ${MAX_VARIABLES}`);
  return columns;
}

function caseFromRow(row: Row, columns: readonly Column[], newId: () => string, allowFewer: boolean): TestCase {
  if (row.fields.length > columns.length || (!allowFewer && row.fields.length < columns.length)) {
    throw new Refusal(row.line, `${row.fields.length} cells where the header has ${columns.length}`);
  }
  const testCase: TestCase = { id: newId(), values: {} };
  row.fields.forEach((field, i) => {
    const column = columns[i]!;
    const limit = column.kind === 'notes' ? MAX_NOTES : MAX_TEXT;
    if (field.length > limit) throw new Refusal(row.line, `cell ${i + 1} is ${field.length.toLocaleString('en-US')} characters; at most ${limit.toLocaleString('en-US')}`);
    if (column.kind === 'variable') setValue(testCase.values, column.name, field);
    else if (field !== '') testCase[column.kind] = field;
  });
  return testCase;
}

function checkCount(count: number, line: number): void {
  if (count > MAX_CASES) {
    throw new Refusal(line, `this is case ${count.toLocaleString('en-US')}; a test set holds at most ${MAX_CASES.toLocaleString('en-US')}`);
  }
}

/** A CSV (delimiter ',') or TSV ('\t') file whose first row names the columns. */
export function importDelimited(text: string, delimiter: ',' | '\t', options: ImportOptions = {}): ImportResult {
  const newId = options.newId ?? (() => crypto.randomUUID());
  try {
    const rows = parseRows(stripBom(text), delimiter);
    const [header, ...body] = rows;
    if (!header) throw new Refusal(1, 'the file is empty; its first row names the columns');
    const columns = readHeader(header);
    const cases = body.map((row, i) => {
      checkCount(i + 1, row.line);
      return caseFromRow(row, columns, newId, false);
    });
    return { ok: true, variables: variablesOfColumns(columns), cases };
  } catch (error) {
    return refused(error);
  }
}

// A set saved before such names were refused may hold a variable called __proto__; plain assignment would drop its value.
function setValue(values: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
}

function valueOf(values: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

function variablesOfColumns(columns: readonly Column[]): string[] {
  return columns.flatMap((c) => (c.kind === 'variable' ? [c.name] : []));
}

// papaparse skips a BOM too, but its offsets (error and row positions) must count in the same text as the line index.
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

// ── pasted from a spreadsheet ────────────────────────────────────────────────

/**
 * A block copied from a spreadsheet (tab-separated, a row per line). When its first row names the table's columns
 * (more than half its cells a variable of the table, `expected` or `notes`), it is a header and the rest map by
 * name, a column the table lacks added as a variable; otherwise
 * the cells map by order onto the table's columns: its variables, then expected, then notes. A row may be shorter
 * than the table (the rest stay empty) but not longer. A table without columns takes the block's header row as
 * a file's.
 */
export function importPasted(text: string, tableVariables: readonly string[], options: ImportOptions = {}): ImportResult {
  if (tableVariables.length === 0) return importDelimited(text, '\t', options);
  const newId = options.newId ?? (() => crypto.randomUUID());
  try {
    const rows = parseRows(stripBom(text), '\t');
    const first = rows[0];
    if (!first) throw new Refusal(1, 'nothing to paste');
    const known = new Set(tableVariables);
    const names = first.fields.map((cell) => columnOf(cell.trim()));
    const named = names.filter((column) => column.kind !== 'variable' || known.has(column.name)).length;
    // Mostly the table's column names, one of them a variable: a header, though it names a column the table lacks
    // (added, or refused by name); taken for data it would become a case.
    const isHeader = named === names.length || (named * 2 > names.length && names.some((c) => c.kind === 'variable' && known.has(c.name)));
    const columns: Column[] = isHeader
      ? readHeader(first)
      : [...tableVariables.map((name): Column => ({ kind: 'variable', name })), { kind: 'expected' }, { kind: 'notes' }];
    const body = isHeader ? rows.slice(1) : rows;
    const cases = body.map((row, i) => {
      checkCount(i + 1, row.line);
      if (!isHeader && row.fields.length > columns.length) {
        throw new Refusal(row.line, `${row.fields.length} cells, but the table has ${columns.length} columns (${tableVariables.length} variables, expected, notes)`);
      }
      return caseFromRow(row, columns, newId, true);
    });
    return { ok: true, variables: isHeader ? variablesOfColumns(columns) : [...tableVariables], cases };
  } catch (error) {
    return refused(error);
  }
}

// ── JSONL ────────────────────────────────────────────────────────────────────

/** One JSON object per line: string values named by variable, and optional `expected` / `notes`. Blank lines are skipped. */
export function importJsonl(text: string, options: ImportOptions = {}): ImportResult {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const variables = new Set<string>();
  const cases: TestCase[] = [];
  try {
    stripBom(text)
      .split(/\r\n|\r|\n/)
      .forEach((source, i) => {
        const line = i + 1;
        if (source.trim() === '') return;
        checkCount(cases.length + 1, line);
        const parsed = parseJsonText(source);
        if (!parsed.ok) throw new Refusal(line, `not valid JSON: ${parsed.message.replace(/^Line \d+, /, '')}`);
        const value = parsed.value;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new Refusal(line, 'each line is one JSON object, like {"question": "…", "expected": "…"}');
        }
        const testCase: TestCase = { id: newId(), values: {} };
        for (const [key, field] of Object.entries(value)) {
          const column = columnOf(key);
          if (typeof field !== 'string') throw new Refusal(line, `${JSON.stringify(clip(key))} is ${describeJson(field)}; every value is a string`);
          const limit = column.kind === 'notes' ? MAX_NOTES : MAX_TEXT;
          if (field.length > limit) throw new Refusal(line, `${JSON.stringify(clip(key))} is ${field.length.toLocaleString('en-US')} characters; at most ${limit.toLocaleString('en-US')}`);
          if (column.kind !== 'variable') {
            if (testCase[column.kind] !== undefined) throw new Refusal(line, `${JSON.stringify(key)} appears twice`);
            testCase[column.kind] = field;
            continue;
          }
          if (!VARIABLE_NAME.test(key)) {
            throw new Refusal(line, `${JSON.stringify(clip(key))} is not a variable name (a letter or _, then letters, digits, _ or -, as in {{name}})`);
          }
          const reserved = reservedVariableName(key);
          if (reserved) throw new Refusal(line, `${reserved}; rename the key`);
          variables.add(key);
          if (variables.size > MAX_VARIABLES) throw new Refusal(line, `more than ${MAX_VARIABLES} variables; a test set has at most ${MAX_VARIABLES}`);
          setValue(testCase.values, key, field);
        }
        cases.push(testCase);
      });
    return { ok: true, variables: [...variables], cases };
  } catch (error) {
    return refused(error);
  }
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// ── export ───────────────────────────────────────────────────────────────────

/**
 * CSV with a header row (RFC 4180: CRLF rows, cells quoted where needed). It starts with a byte-order mark so
 * Excel reads it as UTF-8; the import skips it. `expected` and `notes` columns appear when some case has one.
 * Cells starting with = + - @ are written as they are: the file carries the prompt's data exactly, and a
 * spreadsheet that runs them as formulas is the reader's setting.
 */
export function exportCsv(variables: readonly string[], cases: readonly TestCase[]): string {
  const withExpected = cases.some((c) => c.expected !== undefined);
  const withNotes = cases.some((c) => c.notes !== undefined);
  const fields = [...variables, ...(withExpected ? ['expected'] : []), ...(withNotes ? ['notes'] : [])];
  const data = cases.map((c) => [
    ...variables.map((name) => valueOf(c.values, name) ?? ''),
    ...(withExpected ? [c.expected ?? ''] : []),
    ...(withNotes ? [c.notes ?? ''] : []),
  ]);
  // A case with nothing in any cell has its cells quoted: bare, it would be a blank line or a row of separators,
  // which the import skips.
  const row = (cells: readonly string[]) => (cells.every((cell) => cell === '') ? cells.map(() => '""').join(',') : Papa.unparse([cells], { newline: '\r\n' }));
  return `\ufeff${[Papa.unparse([fields], { newline: '\r\n' }), ...data.map(row)].join('\r\n')}\r\n`;
}

/** One object per case, its variables in the table's order (a value it lacks is left out), then expected and notes. */
export function exportJsonl(variables: readonly string[], cases: readonly TestCase[]): string {
  return cases
    .map((c) => {
      const line: Record<string, string> = {};
      for (const name of variables) {
        const value = valueOf(c.values, name);
        if (value !== undefined) setValue(line, name, value);
      }
      if (c.expected !== undefined) line.expected = c.expected;
      if (c.notes !== undefined) line.notes = c.notes;
      // Raw, they would show the line reordered in an editor (bidi-controls.ts); escaped, JSON reads them back the same.
      return `${spellBidiControls(JSON.stringify(line), (code) => `\\u${codePointHex(code).toLowerCase()}`)}\n`;
    })
    .join('');
}
