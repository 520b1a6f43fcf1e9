// Scoring stored answers again, without a request: a cell's checks belong to the assertions as they were when it was
// scored, and a check kept under an edited assertion's id would show the old verdict labelled with the new check.
// So when an assertion's definition or a case's expected answer changes, every check that needs no model is run
// again on the answers already in, and a judge's verdict on an edited rubric, or on one a case's edited value fills, is
// dropped: the cell shows the rubric as not yet judged until it runs again. Pure.
import { assertionsFor, runChecks, type CheckContext } from './assertions';
import { valueIn, variablesIn } from './template';
import type { Assertion, CellResult, CheckResult, TestCase, TestSet } from './test-set';

/** What an assertion checks, as one string: two assertions with the same key give every answer the same verdict. */
export function definitionKey(a: Assertion): string {
  return JSON.stringify([a.type, a.value ?? null, a.flags ?? null, a.min ?? null, a.max ?? null, a.judgeModel ?? null]);
}

/**
 * Which check an edit is tracked under: a set's assertion by its id, a case's own by its id within that case. Cases
 * duplicated before copies got new ids share their own checks' ids; keyed by id alone, the later case's definition
 * hid an edit of the earlier's, whose answers kept the old verdicts, and an edit of the later's scored both again.
 */
export function checkKey(assertionId: string, caseId?: string): string {
  return JSON.stringify(caseId === undefined ? [assertionId] : [assertionId, caseId]);
}

/** Which values of a case a rubric's verdict on its answers was judged with: the rubric is filled with them. */
function filledKey(assertionId: string, caseId: string): string {
  return JSON.stringify([assertionId, caseId, 'values']);
}

/** The case's values of the rubric's variables (null for one it has none for), as one string. */
function rubricValues(rubric: Assertion, values: Readonly<Record<string, string>>): string {
  return JSON.stringify(variablesIn(rubric.value ?? '').map((name) => valueIn(values, name) ?? null));
}

/**
 * The set's assertions and every case's own, by checkKey, with their definition keys; and each rubric of a case with
 * the values it is filled with there, by filledKey: a verdict judged with other values is another rubric's.
 */
export function definitionsOf(set: { cases: readonly Pick<TestCase, 'id' | 'assertions' | 'values'>[]; assertions: readonly Assertion[] }): Map<string, string> {
  const keys = new Map<string, string>();
  for (const a of set.assertions) keys.set(checkKey(a.id), definitionKey(a));
  for (const c of set.cases) {
    for (const a of c.assertions ?? []) keys.set(checkKey(a.id, c.id), definitionKey(a));
    for (const a of assertionsFor(set.assertions, c)) if (a.type === 'rubric') keys.set(filledKey(a.id, c.id), rubricValues(a, c.values));
  }
  return keys;
}

/** Ids whose definition in `now` differs from `before` (new ones included). */
export function changedDefinitions(before: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [id, key] of now) if (before.get(id) !== key) changed.add(id);
  return changed;
}

/** What the checks of a case's answer need beside it: the case's expected answer, the pane's response schema and where the model's last output starts. */
export function checkContext(testCase: Pick<TestCase, 'expected'>, schema: object | undefined, cell?: Pick<CellResult, 'answerFrom'>): CheckContext {
  const context: CheckContext = {};
  if (testCase.expected !== undefined) context.expected = testCase.expected;
  if (schema) context.schema = schema;
  if (cell?.answerFrom !== undefined) context.answerFrom = cell.answerFrom;
  return context;
}

/** Checks in the order of their assertions (set's, then the case's), as the grid lists them. */
export function inOrder(checks: readonly CheckResult[], assertions: readonly Assertion[]): CheckResult[] {
  const at = new Map(assertions.map((a, i) => [a.id, i]));
  return [...checks].sort((a, b) => (at.get(a.assertionId) ?? 0) - (at.get(b.assertionId) ?? 0));
}

export interface ScoringChange {
  /** Assertions whose definition changed, or that are new, by checkKey. */
  assertions: ReadonlySet<string>;
  /** Cases whose expected answer changed: their equals-expected checks are run again. */
  expected: ReadonlySet<string>;
}

/**
 * The results with the checks `change` touches scored again from each stored answer; a cell it does not touch is
 * the same object (a save sends only the cells that changed), and the same array comes back when none changed.
 */
export function rescore(set: Pick<TestSet, 'cases' | 'assertions' | 'results'>, change: ScoringChange, schemaOf: (paneId: string) => object | undefined): CellResult[] {
  if (change.assertions.size === 0 && change.expected.size === 0) return set.results;
  const cases = new Map(set.cases.map((c) => [c.id, c]));
  let touched = false;
  const results = set.results.map((cell) => {
    const testCase = cases.get(cell.caseId);
    // Only an answer that was scored (or could have been) is scored again; a stopped answer never was.
    if (!testCase || (cell.status !== 'done' && cell.checks === undefined)) return cell;
    const assertions = assertionsFor(set.assertions, testCase);
    const changed = (a: Assertion, caseId?: string) =>
      change.assertions.has(checkKey(a.id, caseId)) ||
      (a.type === 'equals-expected' && change.expected.has(cell.caseId)) ||
      (a.type === 'rubric' && change.assertions.has(filledKey(a.id, cell.caseId)));
    const affected = [...set.assertions.filter((a) => changed(a)), ...(testCase.assertions ?? []).filter((a) => changed(a, testCase.id))];
    if (affected.length === 0) return cell;
    const gone = new Set(affected.map((a) => a.id));
    const kept = (cell.checks ?? []).filter((c) => !gone.has(c.assertionId));
    const checks = inOrder([...kept, ...runChecks(cell.text, affected, checkContext(testCase, schemaOf(cell.paneId), cell))], assertions);
    touched = true;
    const { checks: _old, ...rest } = cell;
    return checks.length > 0 ? { ...rest, checks } : rest;
  });
  return touched ? results : set.results;
}

/** What a cell's checks were run against: its case's assertions and expected answer, and its pane's schema. */
export interface ScoredAgainst {
  definitions: ReadonlyMap<string, string>;
  expected: string | undefined;
  schema: object | undefined;
}

export function scoredAgainst(setAssertions: readonly Assertion[], testCase: TestCase, schema: object | undefined): ScoredAgainst {
  return { definitions: definitionsOf({ cases: [testCase], assertions: setAssertions }), expected: testCase.expected, schema };
}

/**
 * A cell scored apart from the set's results (a run's, between its answer and its commit; a deleted case's, until
 * Undo) scored again for each of its case's assertions, or its expected answer, that changed since: the set's own
 * scoring did not see it. `schemaOf` is asked only for a cell scored again; by default the schema it was scored with.
 */
export function rescoreSince(
  cell: CellResult,
  then: ScoredAgainst,
  set: { cases: readonly TestCase[]; assertions: readonly Assertion[] },
  schemaOf: (paneId: string) => object | undefined = () => then.schema,
): CellResult {
  const testCase = set.cases.find((c) => c.id === cell.caseId);
  if (!testCase) return cell;
  const now = definitionsOf({ cases: [testCase], assertions: set.assertions });
  const change = { assertions: changedDefinitions(then.definitions, now), expected: new Set(testCase.expected === then.expected ? [] : [cell.caseId]) };
  return rescore({ cases: [testCase], assertions: [...set.assertions], results: [cell] }, change, schemaOf)[0]!;
}

/** Remembers each assertion's definition as the results were last scored, to tell which ones an edit changed. */
export class Scoring {
  #scoredAs = new Map<string, string>();

  /** The set as loaded: its results were scored against its assertions as they are. */
  reset(set: Pick<TestSet, 'cases' | 'assertions'>): void {
    this.#scoredAs = definitionsOf(set);
  }

  /**
   * The rubrics of `cases` whose verdicts were judged with other values than the case has now, by case id: what the
   * next rescore drops. Read before it, as the typing pauses, where a count must follow the values at once.
   */
  refilled(setAssertions: readonly Assertion[], cases: Iterable<Pick<TestCase, 'id' | 'assertions' | 'values'>>): Map<string, Set<string>> {
    const stale = new Map<string, Set<string>>();
    for (const c of cases) {
      const rubrics = assertionsFor(setAssertions, c).filter((a) => a.type === 'rubric' && this.#scoredAs.get(filledKey(a.id, c.id)) !== rubricValues(a, c.values));
      if (rubrics.length > 0) stale.set(c.id, new Set(rubrics.map((a) => a.id)));
    }
    return stale;
  }

  /** `set.results` scored again where an assertion changed since the last call, or `expected` names the case. */
  rescore(set: Pick<TestSet, 'cases' | 'assertions' | 'results'>, expected: ReadonlySet<string>, schemaOf: (paneId: string) => object | undefined): CellResult[] {
    const now = definitionsOf(set);
    const changed = changedDefinitions(this.#scoredAs, now);
    // Kept, not replaced: a deleted case brought back by Undo has its checks still scored as they were.
    for (const [id, key] of now) this.#scoredAs.set(id, key);
    return rescore(set, { assertions: changed, expected }, schemaOf);
  }
}
