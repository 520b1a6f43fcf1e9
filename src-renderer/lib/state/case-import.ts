// Whether a case file can be read whole, whether the cases read from it or from a pasted block fit the test set,
// and where they go (issue 17): all of them or none, with the reason in words, so a refused import leaves the
// table as it was. TestSetState applies the outcome. Reading the formats is cases-io.ts's.
import { formatOfFile, type CaseFormat } from '../../../src-shared/eval/case-format';
import type { ImportResult } from '../../../src-shared/eval/cases-io';
import { MAX_CASES, MAX_VARIABLES } from '../../../src-shared/eval/constants';
import type { TestCase } from '../../../src-shared/eval/test-set';
import { toAppError } from './errors';

/** What the import's file picker offers. */
export const CASE_FILE_ACCEPT = '.csv,.tsv,.tab,.txt,.jsonl,.ndjson,text/csv,text/tab-separated-values';
/** Far above 1,000 cases of ordinary prompts; a larger file is refused before it is read. */
export const MAX_CASE_FILE_BYTES = 64 * 1_048_576;

export const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

export type CaseFile = { ok: true; text: string; format: CaseFormat } | { ok: false; message: string };

/** A CSV, TSV or JSONL file's text, or why it cannot be imported: its name says no such format, it is too large, or it cannot be read. */
export async function readCaseFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<CaseFile> {
  const format = formatOfFile(file.name);
  if (!format) {
    return { ok: false, message: `Could not import ${file.name}: only .csv, .tsv and .jsonl files hold test cases. The table is unchanged.` };
  }
  if (file.size > MAX_CASE_FILE_BYTES) {
    return { ok: false, message: `Could not import ${file.name}: it is over ${MAX_CASE_FILE_BYTES / 1_048_576} MB. The table is unchanged.` };
  }
  try {
    return { ok: true, text: await file.text(), format };
  } catch (e) {
    return { ok: false, message: `Could not read ${file.name}: ${toAppError(e).message}. The table is unchanged.` };
  }
}

export type Placed = { ok: true; cases: TestCase[]; added: number } | { ok: false; message: string };

/**
 * The table with the parsed cases between `before` and `after` (their values make new columns next to
 * `variables`), or why not: `what` names the attempt in the message ("import cases.csv", "paste").
 */
export function placeCases(result: ImportResult, before: readonly TestCase[], after: readonly TestCase[], variables: readonly string[], what: string): Placed {
  const refuse = (why: string): Placed => ({ ok: false, message: `Could not ${what}: ${why}. The table is unchanged.` });
  if (!result.ok) return refuse(result.message);
  if (result.cases.length === 0) return refuse('there are no cases in it');
  const room = MAX_CASES - before.length - after.length;
  if (result.cases.length > room) {
    return refuse(
      `${count(result.cases.length, 'case')} where the table has room for ${count(Math.max(0, room), 'more case')} (at most ${MAX_CASES.toLocaleString('en-US')})`,
    );
  }
  const columns = new Set(variables);
  const newColumns = result.variables.filter((name) => !columns.has(name));
  if (columns.size + newColumns.length > MAX_VARIABLES) {
    return refuse(`it adds ${count(newColumns.length, 'column')} to the table’s ${columns.size}; a test set has at most ${MAX_VARIABLES}`);
  }
  return { ok: true, cases: [...before, ...result.cases, ...after], added: result.cases.length };
}

/** A row nothing was typed into (added and left): an import or a paste takes its place rather than keeping it. */
export function isBlank(c: TestCase): boolean {
  return Object.values(c.values).every((v) => v === '') && c.expected === undefined && c.notes === undefined && !c.assertions?.length;
}
