// When a test set's answers are scored again after a check or an expected answer is edited: once the typing pauses,
// not at every keystroke. One scoring runs the edited check over every answer in (1,000 cases × 6 panes, a regex on
// each) and replaces the results, which the grid's summaries and the save's comparison then walk again; per key,
// typing a pattern stalled the window. rescore.ts says what is scored again.
import { Scoring, rescoreSince, scoredAgainst, type ScoredAgainst } from '../../../src-shared/eval/rescore';
import type { CellResult, TestCase, TestSet } from '../../../src-shared/eval/test-set';
import type { Timers } from '../../../src-shared/timers';

/** How long the edits pause before the answers are scored again. */
export const RESCORE_AFTER_MS = 300;

interface ScoredSet extends Pick<TestSet, 'cases' | 'assertions'> {
  results: CellResult[];
}

/** Cells out of the results with their deleted cases, and what each case's cells were scored against, for Undo. */
export interface SetAside {
  results: CellResult[];
  against: ReadonlyMap<string, ScoredAgainst>;
}

export class DeferredScoring {
  readonly #scoring = new Scoring();
  readonly #set: ScoredSet;
  readonly #schemaOf: (paneId: string) => object | undefined;
  readonly #timers: Timers;
  #timer: unknown;
  /** Cases whose expected answer changed since the last scoring. */
  #expected = new Set<string>();
  /** Cases whose values changed since the last scoring: their rubrics' verdicts may be judged with other values. */
  #values = new Set<string>();

  constructor(set: ScoredSet, schemaOf: (paneId: string) => object | undefined, timers: Timers) {
    this.#set = set;
    this.#schemaOf = schemaOf;
    this.#timers = timers;
  }

  /** A check was edited, or the expected answer of case `expectedOf`, or the values of `valuesOf`: scored once the edits pause. */
  later(edited: { expectedOf?: string; valuesOf?: string } = {}): void {
    if (edited.expectedOf !== undefined) this.#expected.add(edited.expectedOf);
    if (edited.valuesOf !== undefined) this.#values.add(edited.valuesOf);
    this.#cancel();
    this.#timer = this.#timers.set(() => this.now(), RESCORE_AFTER_MS);
  }

  /**
   * Scores now what waits for the pause: before the results are read as final (a save must write them scored
   * against the assertions it writes, since reopened they are trusted as scored), or cells scored since join them.
   */
  now(): void {
    if (this.#timer === undefined) return;
    this.#cancel();
    const expected = this.#expected;
    this.#expected = new Set();
    this.#values.clear();
    const results = this.#scoring.rescore(this.#set, expected, this.#schemaOf);
    if (results !== this.#set.results) this.#set.results = results;
  }

  /**
   * Rubric verdicts the pause's scoring will drop, by case id, as they are judged with values edited since: what Run
   * missing counts follows the values as they are typed, while the answers are scored again only once.
   */
  waitingToDrop(): ReadonlyMap<string, ReadonlySet<string>> {
    if (this.#timer === undefined || this.#values.size === 0) return new Map();
    const edited = this.#set.cases.filter((c) => this.#values.has(c.id));
    return this.#scoring.refilled(this.#set.assertions, edited);
  }

  /** The cells of `cases`, about to be deleted, scored first for a check edited before the pause. */
  setAside(cases: readonly TestCase[]): SetAside {
    this.now();
    // A cell scored again on Undo takes its pane's schema then, as the set's scoring would have (restore's schemaOf).
    const against = new Map(cases.map((c) => [c.id, scoredAgainst(this.#set.assertions, c, undefined)]));
    return { results: this.#set.results.filter((r) => against.has(r.caseId)), against };
  }

  /**
   * The set-aside cells of `caseIds`, whose cases are back in the set, scored again for each check edited while
   * they were out: the scoring of that edit did not see them, and they would show verdicts of the check before it.
   */
  restore(aside: SetAside, caseIds: ReadonlySet<string>): CellResult[] {
    // Those in the results are scored for an edit still waiting first, and it is then not taken for these cells'.
    this.now();
    // Each cell's case by its id: finding it in the whole list per cell made Undo of 1,000 cases × 6 panes walk
    // the list six million times.
    const byId = new Map(this.#set.cases.map((c) => [c.id, c]));
    const assertions = this.#set.assertions;
    return aside.results
      .filter((r) => caseIds.has(r.caseId))
      .map((cell) => {
        const testCase = byId.get(cell.caseId);
        return rescoreSince(cell, aside.against.get(cell.caseId)!, { cases: testCase ? [testCase] : [], assertions }, this.#schemaOf);
      });
  }

  /** Another set in place: its results were scored against its assertions as they are, and nothing waits. */
  reset(): void {
    this.#cancel();
    this.#expected = new Set();
    this.#values.clear();
    this.#scoring.reset(this.#set);
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = undefined;
  }
}
