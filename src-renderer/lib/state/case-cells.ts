// A test case's cells by column (issue 17): each variable's value, then the expected answer and the notes, which
// live beside the values rather than among them. An emptied cell is dropped, not kept as ''. Pure.
import { MAX_NOTES } from '../../../src-shared/eval/constants';
import { MAX_TEXT } from '../../../src-shared/limits';
import { valueIn } from '../../../src-shared/eval/template';
import type { TestCase } from '../../../src-shared/eval/test-set';

/** The two columns after the variables; `$` cannot start a variable's name, so these never collide with one. */
export const EXPECTED = '$expected';
export const NOTES = '$notes';
/** A column of the table: a variable's name, or EXPECTED / NOTES. */
export type Field = string;

export function cellOf(testCase: TestCase, field: Field): string {
  if (field === EXPECTED) return testCase.expected ?? '';
  if (field === NOTES) return testCase.notes ?? '';
  return valueIn(testCase.values, field) ?? '';
}

/** The most characters a cell holds: what a saved case may (test-set.ts); one more and no save of the session goes through. */
export function cellLimit(field: Field): number {
  return field === NOTES ? MAX_NOTES : MAX_TEXT;
}

/** The case with one cell set, cut at its limit: a new object, the original untouched (cases are $state.raw). */
export function withCell(testCase: TestCase, field: Field, typed: string): TestCase {
  const text = typed.length > cellLimit(field) ? typed.slice(0, cellLimit(field)) : typed;
  if (field === EXPECTED || field === NOTES) {
    const key = field === EXPECTED ? 'expected' : 'notes';
    const { [key]: _old, ...rest } = testCase;
    return text === '' ? rest : { ...rest, [key]: text };
  }
  const { [field]: _old, ...values } = testCase.values;
  return { ...testCase, values: text === '' ? values : { ...values, [field]: text } };
}
