// The open session's test set (issue 17): the table of cases a prompt template runs over, one column per
// `{{variable}}`, the set's assertions, and the results grid's cells (kept and saved here; the run fills them).
// Edits, import from a file or a pasted spreadsheet block, export, and the document as saved. The parsing and
// writing of files is cases-io.ts's, whether they fit and where they go case-import.ts's, a case's cells by column
// case-cells.ts's, finding and filling variables template.ts's.
import type { ImportResult } from '../../../src-shared/eval/cases-io';
import { MAX_CASES, MAX_VARIABLES, VARIABLE_NAME, reservedVariableName, type ServiceTier } from '../../../src-shared/eval/constants';
import { rubricTemplates, scanTemplate, valueIn, variablesIn, variablesOf } from '../../../src-shared/eval/template';
import type { Assertion, CellResult, TestCase, TestSet } from '../../../src-shared/eval/test-set';
import { realTimers, type Timers } from '../../../src-shared/timers';
import { AssertionList, withNewIds } from './assertion-list.svelte';
import { EXPECTED, NOTES, cellOf, withCell, type Field } from './case-cells';
import { count, isBlank, placeCases, readCaseFile } from './case-import';
import { toAppError } from './errors';
import { newId } from './ids';
import { DeferredScoring, type SetAside } from './test-set-scoring.svelte';

export interface Column {
  field: Field;
  label: string;
  /** A variable no template uses now (added by hand, imported, or left from an earlier prompt): it may be removed. */
  unused: boolean;
}

/** Where the variables come from: the prompt being written, and each pane's system instruction. */
export interface TemplateSources {
  prompt: () => string;
  systemInstructions: () => readonly string[];
  /** A pane's response schema now, for scoring matches-schema again on answers already in. */
  responseSchema?: (paneId: string) => object | undefined;
}

export interface TestSetIo {
  saveTextFile(suggestedName: string, text: string): Promise<{ saved: boolean; path?: string }>;
}

/** What a send with variables is waiting for: the person's values, asked in a dialog. */
export interface ValuesRequest {
  target: string | undefined;
  variables: string[];
}

export type Notice = { kind: 'error' | 'info'; message: string };

type CasesIo = typeof import('../../../src-shared/eval/cases-io');
let casesIo: Promise<CasesIo> | undefined;

/** The CSV reader and writer load at the first import, paste or export, not with the first screen. */
function loadCasesIo(): Promise<CasesIo> {
  return (casesIo ??= import('../../../src-shared/eval/cases-io'));
}

export class TestSetState {
  cases = $state.raw<TestCase[]>([]);
  assertions = $state<Assertion[]>([]);
  /** One cell per case × pane at most (the run's); deleting a case drops its cells. */
  results = $state.raw<CellResult[]>([]);
  serviceTier = $state<ServiceTier | undefined>(undefined);
  /** The template the cases fill when the composer is empty: the last one sent with variables (or run). */
  prompt = $state('');
  /** The case the composer sends with, instead of asking for values. */
  selectedId = $state<string | undefined>(undefined);
  /** The Test cases view and its tab. */
  open = $state(false);
  tab = $state<'cases' | 'results'>('cases');
  /** The last import's or export's outcome; an import refused for a malformed line says which and why. */
  notice = $state<Notice | undefined>(undefined);
  /** A send waiting for the values of its variables. */
  asking = $state<ValuesRequest | undefined>(undefined);
  /** The case whose own assertions are open for editing. */
  assertionsCaseId = $state<string | undefined>(undefined);
  /** The values typed in the dialog last time, offered again. */
  lastValues = $state.raw<Record<string, string>>({});

  /** Columns kept whatever the templates say: added by hand, imported, or saved with the set. */
  #kept = $state.raw<string[]>([]);
  /** Scores the answers in again after an edit of what checks them, once the typing pauses. */
  readonly scoring: DeferredScoring;
  /** The last rows deleted, with their cells, for Undo. */
  #deleted = $state.raw<{ rows: { at: number; row: TestCase }[]; cells: SetAside } | undefined>(undefined);

  readonly #sources: TemplateSources;
  readonly #io: TestSetIo;

  /** The prompt template: the composer's text, or the set's saved one while the box is empty. */
  readonly template = $derived.by(() => {
    const typed = this.#sources.prompt();
    return typed.trim() === '' ? this.prompt : typed;
  });
  /** Variables of the template, then those only a system instruction or a rubric (filled from the case too) uses. */
  readonly found = $derived.by(() => variablesOf(this.template, [...this.#sources.systemInstructions(), ...rubricTemplates(this.assertions, this.cases)]));
  /** Every variable column, in order: kept ones, those the templates use, and any a case has a value for. */
  readonly variables = $derived.by(() => {
    const names = new Set([...this.#kept, ...this.found]);
    for (const c of this.cases) for (const name in c.values) names.add(name);
    return [...names];
  });
  readonly columns = $derived.by((): Column[] => {
    const found = new Set(this.found);
    return [
      ...this.variables.map((name) => ({ field: name, label: name, unused: !found.has(name) })),
      { field: EXPECTED, label: 'Expected', unused: false },
      { field: NOTES, label: 'Notes', unused: false },
    ];
  });
  /** What the composer shows under the prompt: the variables a send fills, and why a `{{` is not one. */
  readonly inComposer = $derived.by(() => variablesOf(this.#sources.prompt(), this.#sources.systemInstructions()));
  readonly composerWarning = $derived.by(() => scanTemplate(this.#sources.prompt()).warnings[0]?.message ?? '');
  readonly selected = $derived(this.selectedId === undefined ? undefined : this.cases.find((c) => c.id === this.selectedId));
  readonly selectedIndex = $derived(this.selectedId === undefined ? -1 : this.cases.findIndex((c) => c.id === this.selectedId));
  readonly canUndoDelete = $derived(this.#deleted !== undefined);
  readonly full = $derived(this.cases.length >= MAX_CASES);

  constructor(sources: TemplateSources, io: TestSetIo, options: { timers?: Timers } = {}) {
    this.#sources = sources;
    this.#io = io;
    this.scoring = new DeferredScoring(this, sources.responseSchema ?? (() => undefined), options.timers ?? realTimers);
  }

  // ── cells and rows ──────────────────────────────────────────────────────────

  cell(testCase: TestCase, field: Field): string {
    return cellOf(testCase, field);
  }

  setCell(caseId: string, field: Field, text: string): void {
    // A column typed into stays, even once no template uses it.
    if (field !== EXPECTED && field !== NOTES && !this.#kept.includes(field)) this.#kept = [...this.#kept, field];
    const expectedBefore = this.cases.find((c) => c.id === caseId)?.expected;
    this.cases = this.cases.map((c) => (c.id === caseId ? withCell(c, field, text) : c));
    if (field === EXPECTED && this.cases.find((c) => c.id === caseId)?.expected !== expectedBefore) this.scoring.later({ expectedOf: caseId });
    // A variable's value fills the rubrics too: their verdicts on this case were judged with the old one.
    if (field !== EXPECTED && field !== NOTES) this.scoring.later({ valuesOf: caseId });
  }

  /** A blank case at `index` (the end by default); undefined when the table is full. */
  addCase(index = this.cases.length): TestCase | undefined {
    if (this.full) return undefined;
    const made: TestCase = { id: newId('case'), values: {} };
    this.cases = [...this.cases.slice(0, index), made, ...this.cases.slice(index)];
    return made;
  }

  /** A copy right after the original (values, expected, notes and its own assertions, under new ids; not its results). */
  duplicateCase(caseId: string): TestCase | undefined {
    const index = this.cases.findIndex((c) => c.id === caseId);
    const source = this.cases[index];
    if (!source || this.full) return undefined;
    const copy: TestCase = { ...structuredClone(source), id: newId('case') };
    if (copy.assertions) copy.assertions = withNewIds(copy.assertions);
    this.cases = [...this.cases.slice(0, index + 1), copy, ...this.cases.slice(index + 1)];
    return copy;
  }

  /** Deletes cases and their results; Undo brings back the last deletion. */
  deleteCases(caseIds: readonly string[]): void {
    const gone = new Set(caseIds);
    const rows = this.cases.flatMap((row, at) => (gone.has(row.id) ? [{ at, row }] : []));
    if (rows.length === 0) return;
    this.#deleted = { rows, cells: this.scoring.setAside(rows.map((r) => r.row)) };
    this.cases = this.cases.filter((c) => !gone.has(c.id));
    if (this.results.some((r) => gone.has(r.caseId))) this.results = this.results.filter((r) => !gone.has(r.caseId));
    if (this.selectedId !== undefined && gone.has(this.selectedId)) this.selectedId = undefined;
  }

  undoDelete(): void {
    const deleted = this.#deleted;
    if (!deleted) return;
    const room = MAX_CASES - this.cases.length;
    const rows = deleted.rows.slice(0, room);
    // Each row back at its own place (in ascending order, each earlier one already back), not all at the first's.
    const cases = [...this.cases];
    for (const { at, row } of rows) cases.splice(Math.min(at, cases.length), 0, row);
    this.cases = cases;
    const back = this.scoring.restore(deleted.cells, new Set(rows.map((r) => r.row.id)));
    this.results = [...this.results, ...back];
    this.#deleted = undefined;
  }

  /** Adds an empty variable column; answers why not, or ''. */
  addColumn(raw: string): string {
    const name = raw.trim().replace(/^\{\{\s*|\s*\}\}$/g, '');
    if (!VARIABLE_NAME.test(name)) return `“${name}” is not a variable name: a letter or _, then letters, digits, _ or - (up to 64).`;
    const reserved = reservedVariableName(name);
    if (reserved) return `${reserved}: choose another name.`;
    if (this.variables.includes(name)) return `There is a column “${name}” already.`;
    if (this.variables.length >= MAX_VARIABLES) return `A test set has at most ${MAX_VARIABLES} variables.`;
    this.#kept = [...this.variables, name];
    return '';
  }

  /** Removes a column no template uses, with its values. */
  removeColumn(name: string): void {
    if (this.found.includes(name)) return;
    this.#kept = this.variables.filter((n) => n !== name);
    if (this.cases.some((c) => Object.hasOwn(c.values, name))) {
      this.cases = this.cases.map((c) => {
        if (!Object.hasOwn(c.values, name)) return c;
        const { [name]: _gone, ...values } = c.values;
        return { ...c, values };
      });
    }
  }

  // ── import, paste, export ─────────────────────────────────────────────────

  /** Cases from a CSV, TSV or JSONL file, added after the table's; a file that cannot be read whole changes nothing. */
  async importFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<void> {
    const read = await readCaseFile(file);
    if (!read.ok) {
      this.notice = { kind: 'error', message: read.message };
      return;
    }
    const { importCases } = await loadCasesIo();
    const result = importCases(read.text, read.format, { newId: () => newId('case') });
    // A table of blank rows only (a case added and never typed in) gives way to the file.
    const kept = this.cases.every(isBlank) ? [] : this.cases;
    const added = this.#take(result, kept, [], `import ${file.name}`);
    if (added !== undefined) this.notice = { kind: 'info', message: `Imported ${count(added, 'case')} from ${file.name}.` };
  }

  /**
   * A block copied from a spreadsheet, pasted into row `row`: its rows become cases after that one (in its place
   * when it is blank). A first row naming the table's columns maps the cells by name, otherwise by order.
   */
  async pasteBlock(text: string, row: number): Promise<void> {
    const { importPasted } = await loadCasesIo();
    const result = importPasted(text, this.variables, { newId: () => newId('case') });
    const into = this.cases[row];
    const before = this.cases.slice(0, row + 1);
    const added = this.#take(result, into && isBlank(into) ? before.slice(0, -1) : before, this.cases.slice(row + 1), 'paste');
    if (added !== undefined) this.notice = { kind: 'info', message: `Pasted ${count(added, 'case')}.` };
  }

  /** Saves the cases as CSV or JSONL where the person chooses. */
  async exportFile(format: 'csv' | 'jsonl'): Promise<void> {
    const { exportCsv, exportJsonl } = await loadCasesIo();
    const text = format === 'csv' ? exportCsv(this.variables, this.cases) : exportJsonl(this.variables, this.cases);
    try {
      const result = await this.#io.saveTextFile(`test-cases.${format}`, text);
      if (result.saved) this.notice = { kind: 'info', message: `Saved ${count(this.cases.length, 'case')} to ${result.path ?? `test-cases.${format}`}.` };
    } catch (e) {
      this.notice = { kind: 'error', message: `Could not export the cases: ${toAppError(e).message}` };
    }
  }

  /** Puts parsed cases between `before` and `after`, or says why not, changing nothing. Answers how many were added. */
  #take(result: ImportResult, before: readonly TestCase[], after: readonly TestCase[], what: string): number | undefined {
    const placed = placeCases(result, before, after, this.variables, what);
    if (!placed.ok) {
      this.notice = { kind: 'error', message: placed.message };
      return undefined;
    }
    this.cases = placed.cases;
    return placed.added;
  }

  // ── assertions ──────────────────────────────────────────────────────────────

  /** The set's assertions as the editor edits them (in place: they are deeply reactive). */
  readonly setAssertions = new AssertionList(
    () => this.assertions,
    (items) => {
      this.assertions = items;
      this.scoring.later();
    },
  );

  /**
   * One case's own assertions (checked after the set's), to edit: a reactive copy, written back whole after every
   * change since cases are replaced rather than changed in place; undefined for a case that is gone.
   */
  caseAssertions(caseId: string): AssertionList | undefined {
    const testCase = this.cases.find((c) => c.id === caseId);
    if (!testCase) return undefined;
    let copy = $state(structuredClone([...(testCase.assertions ?? [])]));
    return new AssertionList(
      () => copy,
      (items) => {
        copy = items;
        const kept = $state.snapshot(items) as Assertion[];
        this.cases = this.cases.map((c) => {
          if (c.id !== caseId) return c;
          const { assertions: _old, ...rest } = c;
          return kept.length > 0 ? { ...rest, assertions: kept } : rest;
        });
        this.scoring.later();
      },
    );
  }

  // ── the composer ────────────────────────────────────────────────────────────

  /** The variables a send to these system instructions needs values for. */
  variablesFor(prompt: string, systemInstructions: readonly string[]): string[] {
    return variablesOf(prompt, systemInstructions);
  }

  /** Values of a case for every variable (blank where it has none). */
  valuesOf(testCase: TestCase, variables: readonly string[]): Record<string, string> {
    return Object.fromEntries(variables.map((name) => [name, valueIn(testCase.values, name) ?? '']));
  }

  /** The values a dialog for `variables` starts with: the selected case's, else those typed last time. */
  initialValues(variables: readonly string[]): Record<string, string> {
    const source = this.selected?.values ?? this.lastValues;
    return Object.fromEntries(variables.map((name) => [name, valueIn(source, name) ?? '']));
  }

  /** A prompt was sent with variables: it is the set's template from now on. */
  sentTemplate(prompt: string, values: Record<string, string>): void {
    if (variablesIn(prompt).length > 0) this.prompt = prompt;
    this.lastValues = { ...this.lastValues, ...values };
  }

  // ── the saved document ──────────────────────────────────────────────────────

  /** undefined while there is nothing to keep: no case, assertion, result, column of its own or template. */
  toSaved(): TestSet | undefined {
    const assertions = $state.snapshot(this.assertions) as Assertion[];
    if (this.cases.length === 0 && assertions.length === 0 && this.results.length === 0 && this.#kept.length === 0 && this.prompt === '' && !this.serviceTier) {
      return undefined;
    }
    return {
      variables: this.variables.slice(0, MAX_VARIABLES),
      prompt: this.prompt,
      cases: this.cases,
      assertions,
      results: this.results,
      ...(this.serviceTier ? { serviceTier: this.serviceTier } : {}),
    };
  }

  /** Another session is open: its set (or none) in place of this one. */
  load(saved: TestSet | undefined): void {
    this.cases = saved?.cases ?? [];
    this.#kept = saved?.variables ?? [];
    this.assertions = saved?.assertions ?? [];
    this.results = saved?.results ?? [];
    this.serviceTier = saved?.serviceTier;
    this.prompt = saved?.prompt ?? '';
    this.selectedId = undefined;
    this.notice = undefined;
    this.asking = undefined;
    this.assertionsCaseId = undefined;
    this.#deleted = undefined;
    this.scoring.reset();
  }
}
