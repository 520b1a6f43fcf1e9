// The session's test cases: columns from the templates, edits, import and paste (all or nothing), export, the
// document as saved and restored, and sending a template from the composer (asked values, or a case's).
import { flushSync } from 'svelte';
import { assertionsFor } from '../../../src-shared/eval/assertions';
import { describe, expect, it } from 'vitest';
import type { StartTurnRequest } from '../../../src-shared/domain';
import { MAX_ASSERTIONS, MAX_CASES } from '../../../src-shared/eval/constants';
import { summarizePanes } from '../../../src-shared/eval/summary';
import { MAX_TEXT, SESSION_VERSION } from '../../../src-shared/limits';
import { testSetSchema } from '../../../src-shared/eval/test-set';
import type { Timers } from '../../../src-shared/timers';
import { savingDocument } from '../../../test-support/renderer/saving-document';
import { missingCount } from '../results-grid';
import { EXPECTED, NOTES } from './case-cells';
import { TestSetState } from './test-set.svelte';

function setup() {
  const saving = savingDocument({ connect: true });
  return { ...saving, testSet: saving.session.testSet, pane: saving.session.panes[0]! };
}

const file = (name: string, text: string) => ({ name, size: text.length, text: async () => text });
const rows = (s: ReturnType<typeof setup>, ...fields: string[]) => s.testSet.cases.map((c) => fields.map((f) => s.testSet.cell(c, f)));

describe('columns', () => {
  it('one per variable of the prompt and of every pane’s system instruction, then Expected and Notes', () => {
    const s = setup();
    s.session.composer.text = 'Translate {{text}} into {{language}}. \\{{not_a_column}}';
    s.pane.settings.systemInstruction = 'You are a {{role}}; answer in {{language}}.';
    flushSync();
    expect(s.testSet.columns.map((c) => c.field)).toEqual(['text', 'language', 'role', EXPECTED, NOTES]);
    expect(s.testSet.inComposer).toEqual(['text', 'language', 'role']);
  });

  it('one for a variable only a rubric uses, the set’s or a case’s own, since the case’s value fills it; none the composer asks for', () => {
    const s = setup();
    s.session.composer.text = 'Translate {{text}}';
    const row = s.testSet.addCase()!;
    s.testSet.setAssertions.add('rubric')!.value = 'Is in {{language}}, {{text}} kept';
    s.testSet.cases = s.testSet.cases.map((c) => (c.id === row.id ? { ...c, assertions: [{ id: 'own', type: 'rubric', value: 'As a {{role}} would' }] } : c));
    flushSync();
    expect(s.testSet.columns.map((c) => [c.field, c.unused])).toEqual([['text', false], ['language', false], ['role', false], [EXPECTED, false], [NOTES, false]]);
    expect(s.testSet.inComposer).toEqual(['text']);
  });

  it('a variable typed into stays a column when the prompt no longer uses it; an untouched one goes with it', () => {
    const s = setup();
    s.session.composer.text = '{{kept}} {{dropped}}';
    const row = s.testSet.addCase()!;
    s.testSet.setCell(row.id, 'kept', 'typed');
    s.session.composer.text = 'no variables now';
    flushSync();
    expect(s.testSet.columns.map((c) => [c.field, c.unused])).toEqual([['kept', true], [EXPECTED, false], [NOTES, false]]);
    // Even emptied again: the column stays until it is removed.
    s.testSet.setCell(row.id, 'kept', '');
    expect(s.testSet.variables).toEqual(['kept']);
    s.testSet.removeColumn('kept');
    expect(s.testSet.variables).toEqual([]);
  });

  it('a column added by hand needs a variable’s name and a new one', () => {
    const s = setup();
    expect(s.testSet.addColumn('{{topic}}')).toBe('');
    expect(s.testSet.addColumn('topic')).toMatch(/already/);
    expect(s.testSet.addColumn('2nd')).toMatch(/not a variable name/);
    expect(s.testSet.addColumn('Expected')).toBe('“Expected” is the name of the table’s own Expected column: choose another name.');
    expect(s.testSet.addColumn('{{__proto__}}')).toBe('“__proto__” is a name JavaScript objects already use: choose another name.');
    expect(s.testSet.variables).toEqual(['topic']);
  });
});

describe('a case’s own assertions', () => {
  it('are edited as a list of their own, written back into the case after every change, and scored after the set’s', () => {
    const s = setup();
    s.session.composer.text = '{{q}}';
    const a = s.testSet.addCase()!;
    const b = s.testSet.addCase()!;
    s.testSet.setAssertions.add('contains');
    const list = s.testSet.caseAssertions(a.id)!;
    list.add('regex');
    list.items[0]!.value = '^Par';
    list.edited();
    expect(s.testSet.cases[0]!.assertions).toEqual([{ id: list.items[0]!.id, type: 'regex', value: '^Par', flags: '' }]);
    expect(s.testSet.cases[1]).toEqual(b);
    expect(assertionsFor(s.testSet.assertions, s.testSet.cases[0]!).map((x) => x.type)).toEqual(['contains', 'regex']);
    list.setType(list.items[0]!.id, 'is-json');
    expect(s.testSet.cases[0]!.assertions).toEqual([{ id: list.items[0]!.id, type: 'is-json' }]);
    expect(s.testSet.toSaved()!.cases[0]!.assertions).toHaveLength(1);
    list.remove(list.items[0]!.id);
    expect(list.items).toEqual([]);
    expect(s.testSet.cases[0]).not.toHaveProperty('assertions');
    expect(s.testSet.caseAssertions('gone')).toBeUndefined();
  });

  it('the set’s list and a case’s both stop at MAX_ASSERTIONS, each counting its own', () => {
    const s = setup();
    const row = s.testSet.addCase()!;
    const own = s.testSet.caseAssertions(row.id)!;
    for (let i = 0; i < MAX_ASSERTIONS; i++) {
      expect(s.testSet.setAssertions.full).toBe(false);
      expect(s.testSet.setAssertions.add('is-json')).toMatchObject({ type: 'is-json' });
    }
    expect(s.testSet.setAssertions.full).toBe(true);
    expect(s.testSet.setAssertions.add('contains')).toBeUndefined();
    expect(s.testSet.assertions).toHaveLength(MAX_ASSERTIONS);
    expect(own.full).toBe(false);
    for (let i = 0; i < MAX_ASSERTIONS + 1; i++) own.add('contains');
    expect(own.full).toBe(true);
    expect(s.testSet.cases[0]!.assertions).toHaveLength(MAX_ASSERTIONS);
  });

  it('the set’s list changes the set’s assertions in place and no case’s', () => {
    const s = setup();
    const row = s.testSet.addCase()!;
    const list = s.testSet.setAssertions;
    const added = list.add()!;
    added.value = 'Paris';
    expect(s.testSet.assertions).toEqual([{ id: added.id, type: 'contains', value: 'Paris' }]);
    list.setType('no-such-check', 'regex');
    list.setType(added.id, 'length');
    expect(s.testSet.assertions).toEqual([{ id: added.id, type: 'length', min: 0, max: 1000 }]);
    list.remove(added.id);
    expect(s.testSet.assertions).toEqual([]);
    expect(s.testSet.cases).toEqual([row]);
  });
});

describe('rows', () => {
  it('edits, adds, duplicates, deletes with its results, and undoes the delete', () => {
    const s = setup();
    s.session.composer.text = '{{q}}';
    const a = s.testSet.addCase()!;
    s.testSet.setCell(a.id, 'q', 'first');
    s.testSet.setCell(a.id, EXPECTED, 'one');
    s.testSet.setCell(a.id, NOTES, 'easy');
    const copy = s.testSet.duplicateCase(a.id)!;
    s.testSet.setCell(copy.id, 'q', 'second');
    expect(rows(s, 'q', EXPECTED, NOTES)).toEqual([['first', 'one', 'easy'], ['second', 'one', 'easy']]);
    expect(copy.id).not.toBe(a.id);

    const at = new Date().toISOString();
    s.testSet.results = [
      { caseId: a.id, paneId: 'pane-1', status: 'done', text: 'x', at },
      { caseId: copy.id, paneId: 'pane-1', status: 'done', text: 'y', at },
    ];
    s.testSet.deleteCases([a.id]);
    expect(rows(s, 'q')).toEqual([['second']]);
    expect(s.testSet.results.map((r) => r.text)).toEqual(['y']);
    s.testSet.undoDelete();
    expect(rows(s, 'q')).toEqual([['first'], ['second']]);
    expect(s.testSet.results.map((r) => r.text).sort()).toEqual(['x', 'y']);
  });

  it('undoes a delete of rows from separate places by putting each back where it was', () => {
    const s = setup();
    s.session.composer.text = '{{q}}';
    for (const q of ['a', 'b', 'c', 'd', 'e']) s.testSet.setCell(s.testSet.addCase()!.id, 'q', q);
    const [, b, , d] = s.testSet.cases;
    s.testSet.deleteCases([b!.id, d!.id]);
    expect(rows(s, 'q').flat()).toEqual(['a', 'c', 'e']);
    s.testSet.undoDelete();
    expect(rows(s, 'q').flat()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a blank cell keeps no empty key, so the saved case holds only what was typed', () => {
    const s = setup();
    s.session.composer.text = '{{q}}';
    const a = s.testSet.addCase()!;
    s.testSet.setCell(a.id, 'q', 'x');
    s.testSet.setCell(a.id, 'q', '');
    s.testSet.setCell(a.id, EXPECTED, '');
    expect(s.testSet.cases[0]).toEqual({ id: a.id, values: {} });
  });

  it('stops at 1,000 cases', () => {
    const s = setup();
    for (let i = 0; i < MAX_CASES; i++) s.testSet.addCase();
    expect(s.testSet.addCase()).toBeUndefined();
    expect(s.testSet.duplicateCase(s.testSet.cases[0]!.id)).toBeUndefined();
    expect(s.testSet.cases).toHaveLength(MAX_CASES);
  });
});

describe('import, paste and export', () => {
  const CSV = 'question,expected\n"What is 2+2?",4\n"Capital of France?",Paris\n';

  it('imports a CSV: its columns become variables, its rows cases after the table’s', async () => {
    const s = setup();
    await s.testSet.importFile(file('cases.csv', CSV));
    expect(s.testSet.variables).toEqual(['question']);
    expect(rows(s, 'question', EXPECTED)).toEqual([['What is 2+2?', '4'], ['Capital of France?', 'Paris']]);
    expect(s.testSet.notice).toEqual({ kind: 'info', message: 'Imported 2 cases from cases.csv.' });
    await s.testSet.importFile(file('more.jsonl', '{"question":"Largest planet?","expected":"Jupiter"}\n'));
    expect(rows(s, 'question')).toEqual([['What is 2+2?'], ['Capital of France?'], ['Largest planet?']]);
  });

  it('refuses a malformed file with its line and reason, and the table is unchanged', async () => {
    const s = setup();
    await s.testSet.importFile(file('cases.csv', CSV));
    const before = s.testSet.cases;
    await s.testSet.importFile(file('bad.csv', 'question,expected\nok,1\n"never closed,2\nx,3\n'));
    expect(s.testSet.notice?.kind).toBe('error');
    expect(s.testSet.notice?.message).toMatch(/^Could not import bad\.csv: Line 3: .*The table is unchanged\.$/);
    expect(s.testSet.cases).toBe(before);
    await s.testSet.importFile(file('cases.xlsx', CSV));
    expect(s.testSet.notice?.message).toMatch(/only \.csv, \.tsv and \.jsonl/);
    expect(s.testSet.cases).toBe(before);
  });

  it('refuses a file that would take the table past 1,000 cases, whole', async () => {
    const s = setup();
    const many = `q\n${Array.from({ length: 600 }, (_, i) => `v${i}`).join('\n')}\n`;
    await s.testSet.importFile(file('a.csv', many));
    await s.testSet.importFile(file('b.csv', many));
    expect(s.testSet.cases).toHaveLength(600);
    expect(s.testSet.notice?.message).toMatch(/600 cases where the table has room for 400 more cases/);
  });

  it('a pasted block becomes cases after the row pasted into (in its place when blank), by order or by header', async () => {
    const s = setup();
    s.session.composer.text = '{{a}} {{b}}';
    const first = s.testSet.addCase()!;
    s.testSet.setCell(first.id, 'a', 'kept');
    s.testSet.addCase();
    await s.testSet.pasteBlock('1\t2\texp\n3\t4\n5\t6\t\tnote\n', 1);
    expect(rows(s, 'a', 'b', EXPECTED, NOTES)).toEqual([
      ['kept', '', '', ''],
      ['1', '2', 'exp', ''],
      ['3', '4', '', ''],
      ['5', '6', '', 'note'],
    ]);
    await s.testSet.pasteBlock('b\ta\nB\tA\n', 0);
    expect(rows(s, 'a', 'b')[1]).toEqual(['A', 'B']);
    const before = s.testSet.cases;
    await s.testSet.pasteBlock('1\t2\t3\t4\t5\n', 0);
    expect(s.testSet.notice?.message).toMatch(/Line 1: 5 cells, but the table has 4 columns/);
    expect(s.testSet.cases).toBe(before);
  });

  it('exports CSV and JSONL through the save dialog', async () => {
    const s = setup();
    await s.testSet.importFile(file('cases.csv', CSV));
    await s.testSet.exportFile('jsonl');
    await s.testSet.exportFile('csv');
    const [jsonl, csv] = s.fake.callsOf('saveTextFile') as { suggestedName: string; text: string }[];
    expect(jsonl).toEqual({
      suggestedName: 'test-cases.jsonl',
      text: '{"question":"What is 2+2?","expected":"4"}\n{"question":"Capital of France?","expected":"Paris"}\n',
    });
    expect(csv!.suggestedName).toBe('test-cases.csv');
    expect(csv!.text).toContain('question,expected\r\nWhat is 2+2?,4\r\n');
    expect(s.testSet.notice?.message).toBe('Saved 2 cases to /tmp/test-cases.csv.');
  });
});

describe('the saved document', () => {
  it('a cell keeps at most what a saved case may hold, so a long paste into Notes or a value does not stop every save', async () => {
    const s = setup();
    s.session.composer.text = '{{city}}';
    const row = s.testSet.addCase()!;
    s.testSet.setCell(row.id, NOTES, 'n'.repeat(10_001));
    s.testSet.setCell(row.id, 'city', 'c'.repeat(MAX_TEXT + 1));
    s.testSet.setCell(row.id, EXPECTED, 'e'.repeat(MAX_TEXT + 1));
    const [written] = await s.settle();
    expect(testSetSchema.safeParse(written!.testSet).error).toBeUndefined();
    expect(s.testSet.cases[0]!.notes).toHaveLength(10_000);
    expect(s.testSet.cases[0]!.values.city).toHaveLength(MAX_TEXT);
    expect(s.testSet.cases[0]!.expected).toHaveLength(MAX_TEXT);
  });

  it('a session without a test set saves none; an edit of the cases is saved, and opening the document restores them', async () => {
    const s = setup();
    s.session.composer.text = '{{city}}';
    expect(s.document.toSession()).not.toHaveProperty('testSet');
    expect(await s.settle()).toEqual([]);

    const row = s.testSet.addCase()!;
    s.testSet.setCell(row.id, 'city', 'Lyon');
    s.testSet.setAssertions.add('contains')!.value = 'Rhône';
    const [written] = await s.settle();
    expect(written?.testSet).toEqual({
      variables: ['city'],
      prompt: '',
      cases: [{ id: row.id, values: { city: 'Lyon' } }],
      assertions: [{ id: expect.any(String), type: 'contains', value: 'Rhône' }],
      results: [],
    });

    // Another window's view of the same document: the table comes back, columns and all.
    const again = setup();
    again.document.open(written!, true);
    expect(again.testSet.variables).toEqual(['city']);
    expect(rows(again, 'city')).toEqual([['Lyon']]);
    expect(again.testSet.assertions.map((a) => a.value)).toEqual(['Rhône']);
    expect(await again.settle()).toEqual([]);

    // A session without one clears it.
    const now = new Date().toISOString();
    again.document.open({ version: SESSION_VERSION, id: 'other', title: '', createdAt: now, updatedAt: now, historyMode: 'server', panes: written!.panes }, true);
    expect(again.testSet.cases).toEqual([]);
    expect(again.testSet.variables).toEqual([]);
  });
});

describe('sending a template from the composer', () => {
  const started = (s: ReturnType<typeof setup>) => s.fake.callsOf('start') as StartTurnRequest[];

  it('asks for the values, then sends the prompt and each system instruction filled with them', async () => {
    const s = setup();
    s.pane.settings.systemInstruction = 'Answer as a {{role}}. \\{{literal}}';
    s.session.composer.text = 'Describe {{city}} for a {{role}}.';
    await s.session.send();
    expect(started(s)).toHaveLength(0);
    expect(s.testSet.asking).toEqual({ target: undefined, variables: ['city', 'role'] });
    expect(s.testSet.initialValues(['city', 'role'])).toEqual({ city: '', role: '' });

    await s.session.sendWith({ city: 'Lyon', role: 'guide' });
    const [request] = started(s);
    expect(request!.input).toEqual({ text: 'Describe Lyon for a guide.' });
    expect(request!.panes[0]!.config.systemInstruction).toBe('Answer as a guide. {{literal}}');
    expect(s.pane.turns[0]!.config.systemInstruction).toBe('Answer as a guide. {{literal}}');
    expect(s.testSet.asking).toBeUndefined();
    // The template is the set's now, and the values are offered next time.
    expect(s.testSet.prompt).toBe('Describe {{city}} for a {{role}}.');
    expect(s.testSet.initialValues(['city'])).toEqual({ city: 'Lyon' });

    // A retry fills the system instruction with the same values.
    s.fake.emit({ type: 'done', requestId: request!.panes[0]!.requestId, paneId: s.pane.id, interactionId: 'i1', status: 'completed', steps: [], metrics: { totalMs: 1 }, interaction: { id: 'i1', status: 'completed' } as never });
    await s.session.retry(s.pane.id, s.pane.turns[0]!.id);
    expect(started(s)[1]!.panes[0]!.config.systemInstruction).toBe('Answer as a guide. {{literal}}');
  });

  it('with a case selected, sends at once with its values', async () => {
    const s = setup();
    s.session.composer.text = 'Capital of {{country}}?';
    const row = s.testSet.addCase()!;
    s.testSet.setCell(row.id, 'country', 'Peru');
    s.testSet.selectedId = row.id;
    await s.session.send();
    expect(s.testSet.asking).toBeUndefined();
    expect(started(s)[0]!.input.text).toBe('Capital of Peru?');
  });

  it('a variable named like a property every object has (toString, valueOf) is blank where a case has no value, not that property', async () => {
    const s = setup();
    s.session.composer.text = 'Explain {{toString}} and {{valueOf}}.';
    const row = s.testSet.addCase()!;
    s.testSet.setCell(row.id, 'valueOf', 'coercion');
    expect(s.testSet.cell(s.testSet.cases[0]!, 'toString')).toBe('');
    expect(s.testSet.initialValues(['toString', 'valueOf'])).toEqual({ toString: '', valueOf: '' });
    s.testSet.selectedId = row.id;
    await s.session.send();
    expect(started(s)[0]!.input.text).toBe('Explain  and coercion.');
  });

  it('a prompt without variables is sent as typed; one with only \\{{ is unescaped', async () => {
    const s = setup();
    s.session.composer.text = 'Plain {braces} and {{ unclosed';
    await s.session.send();
    s.fake.emit({ type: 'done', requestId: started(s)[0]!.panes[0]!.requestId, paneId: s.pane.id, interactionId: 'i1', status: 'completed', steps: [], metrics: { totalMs: 1 }, interaction: { id: 'i1', status: 'completed' } as never });
    s.session.composer.text = 'Write \\{{name}} literally';
    await s.session.send();
    expect(started(s).map((r) => r.input.text)).toEqual(['Plain {braces} and {{ unclosed', 'Write {{name}} literally']);
    expect(s.testSet.asking).toBeUndefined();
  });
});

describe('editing what scores the answers in', () => {
  const PANE = 'pane-1';
  const AT = '2026-01-01T00:00:00.000Z';

  /**
   * A test set whose timers run only when `pause()` says the typing stopped; `scored()` counts the answers scored
   * again (each one asks for its pane's schema).
   */
  function scoringSetup() {
    const waiting = new Set<() => void>();
    const timers: Timers = { set: (run) => (waiting.add(run), run), clear: (handle) => void waiting.delete(handle as () => void) };
    let scored = 0;
    const sources = { prompt: () => '{{q}}', systemInstructions: () => [], responseSchema: () => void scored++ };
    const testSet = new TestSetState(sources, { saveTextFile: async () => ({ saved: false }) }, { timers });
    const pause = () => {
      for (const run of [...waiting]) {
        waiting.delete(run);
        run();
      }
    };
    return { testSet, pause, scored: () => scored };
  }
  type Scoring = ReturnType<typeof scoringSetup>;

  /** One case answered by the pane and scored as a run leaves it, against the set's assertions as they are now. */
  function answered(s: Scoring, text: string, expected?: string) {
    const made = s.testSet.addCase()!;
    if (expected !== undefined) s.testSet.setCell(made.id, EXPECTED, expected);
    const checks = s.testSet.assertions.map((a) => ({ assertionId: a.id, pass: a.type === 'rubric' || text.includes(a.value ?? '') }));
    s.testSet.results = [{ caseId: made.id, paneId: PANE, status: 'done', text, checks, at: AT }];
    return made;
  }
  const summary = (s: Scoring) => summarizePanes(s.testSet, [{ id: PANE, model: 'x' }])[0]!;

  /** Two cases whose answers passed the rubric "Answers in a {{tone}} tone", judged with tone "formal". */
  function judgedInFormalTone() {
    const s = scoringSetup();
    const rubric = s.testSet.setAssertions.add('rubric')!;
    rubric.value = 'Answers in a {{tone}} tone';
    s.testSet.setAssertions.edited();
    const [first, second] = [s.testSet.addCase()!, s.testSet.addCase()!];
    for (const c of [first, second]) s.testSet.setCell(c.id, 'tone', 'formal');
    s.pause();
    const judged = (caseId: string) => ({ caseId, paneId: PANE, status: 'done' as const, text: 'Paris', checks: [{ assertionId: rubric.id, pass: true }], at: AT });
    s.testSet.results = [judged(first.id), judged(second.id)];
    return { s, first, second };
  }

  it('a check given another value or type is scored again from the answer once the edits pause', () => {
    const s = scoringSetup();
    const contains = s.testSet.setAssertions.add('contains')!;
    contains.value = 'Paris';
    s.testSet.setAssertions.edited();
    answered(s, 'The capital of France is Paris.');
    expect(summary(s)).toMatchObject({ passed: 1, failed: 0 });

    contains.value = 'London';
    s.testSet.setAssertions.edited();
    s.pause();
    expect(summary(s)).toMatchObject({ passed: 0, failed: 1 });
    expect(s.testSet.results[0]!.checks![0]!.reason).toContain('"London"');

    s.testSet.setAssertions.setType(contains.id, 'is-json');
    s.pause();
    expect(s.testSet.results[0]!.checks).toEqual([{ assertionId: contains.id, pass: false, reason: expect.stringContaining('not valid JSON') }]);
  });

  it('a new check, and a case’s own, are scored; an edited expected answer scores equals-expected again', () => {
    const s = scoringSetup();
    const made = answered(s, 'Paris', 'Paris');
    s.testSet.setAssertions.add('equals-expected');
    s.pause();
    expect(summary(s)).toMatchObject({ passed: 1, unjudged: 0 });
    s.testSet.setCell(made.id, EXPECTED, 'Lyon');
    s.pause();
    expect(summary(s)).toMatchObject({ passed: 0, failed: 1 });

    const own = s.testSet.caseAssertions(made.id)!;
    own.add('is-json');
    s.pause();
    expect(s.testSet.results[0]!.checks!.map((c) => c.pass)).toEqual([false, false]);
  });

  it('an edited rubric shows as not judged yet, not with the old rubric’s verdict', () => {
    const s = scoringSetup();
    const rubric = s.testSet.setAssertions.add('rubric')!;
    rubric.value = 'Names the capital';
    s.testSet.setAssertions.edited();
    answered(s, 'Paris');
    expect(summary(s)).toMatchObject({ passed: 1, unjudged: 0 });
    rubric.value = 'Answers in French';
    s.testSet.setAssertions.edited();
    s.pause();
    expect(summary(s)).toMatchObject({ passed: 0, failed: 0, unjudged: 1 });
  });

  it('a value a rubric is filled with, edited, leaves that case’s rubric not judged yet; a value it does not use, and other cases, keep theirs', () => {
    const { s, first, second } = judgedInFormalTone();
    s.testSet.setCell(first.id, 'q', 'Capital of France?');
    s.pause();
    expect(summary(s)).toMatchObject({ passed: 2, unjudged: 0 });

    // Judged "in a formal tone": shown under "in a casual tone", the verdict would be another rubric's.
    s.testSet.setCell(first.id, 'tone', 'casual');
    s.pause();
    expect(s.testSet.results.map((r) => [r.caseId, r.checks?.length ?? 0])).toEqual([[first.id, 0], [second.id, 1]]);
    expect(summary(s)).toMatchObject({ passed: 1, unjudged: 1 });
  });

  it('Run missing counts a verdict judged with a value being typed as missing at once, and scores no answer per key', () => {
    const { s, first, second } = judgedInFormalTone();
    // As the grid counts it: its button is enabled, and says how many, from this.
    const missing = () => missingCount(s.testSet, [PANE], s.testSet.scoring.waitingToDrop());
    expect(missing()).toBe(0);

    const scoredBefore = s.scored();
    s.testSet.setCell(first.id, 'tone', 'casua');
    s.testSet.setCell(first.id, 'tone', 'casual');
    expect(missing()).toBe(1);
    expect(s.scored()).toBe(scoredBefore);
    // Typed back to the value it was judged with, or a value the rubric does not use: nothing is missing.
    s.testSet.setCell(first.id, 'tone', 'formal');
    s.testSet.setCell(second.id, 'q', 'Capital of France?');
    expect(missing()).toBe(0);

    s.testSet.setCell(first.id, 'tone', 'casual');
    s.pause();
    expect(s.testSet.scoring.waitingToDrop().size).toBe(0);
    expect(missing()).toBe(1);
  });

  it('typing into a check or an expected answer scores no answer per key, and each answer once the typing pauses', () => {
    const s = scoringSetup();
    const panes = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const passing = [
      { assertionId: 'a1', pass: true },
      { assertionId: 'a2', pass: true },
    ];
    s.testSet.load({
      variables: ['q'],
      prompt: '{{q}}',
      cases: [{ id: 'c1', values: { q: 'The capital of France?' }, expected: 'Paris' }],
      assertions: [
        { id: 'a1', type: 'contains', value: 'Paris' },
        { id: 'a2', type: 'equals-expected' },
      ],
      results: panes.map((paneId) => ({ caseId: 'c1', paneId, status: 'done', text: 'Paris', checks: passing, at: AT })),
    });
    const before = s.testSet.results;
    const check = s.testSet.assertions[0]!;
    check.value = '';
    for (const key of 'London') {
      check.value += key;
      s.testSet.setAssertions.edited();
    }
    for (const typed of ['L', 'Ly', 'Lyo', 'Lyon']) s.testSet.setCell('c1', EXPECTED, typed);
    expect(s.scored()).toBe(0);
    expect(s.testSet.results).toBe(before);

    s.pause();
    expect(s.scored()).toBe(panes.length);
    expect(s.testSet.results.map((r) => r.checks!.map((c) => c.pass))).toEqual(panes.map(() => [false, false]));
  });

  it('a copied case’s own checks are its own: an edit of the original’s scores the original’s answers again', () => {
    const s = scoringSetup();
    const made = s.testSet.addCase()!;
    const own = s.testSet.caseAssertions(made.id)!;
    own.add('contains')!.value = 'Paris';
    own.edited();
    s.testSet.duplicateCase(made.id);
    const [original, copy] = s.testSet.cases;
    s.testSet.results = [original!, copy!].map((c) => ({ caseId: c.id, paneId: PANE, status: 'done', text: 'Paris', checks: [{ assertionId: c.assertions![0]!.id, pass: true }], at: AT }));
    s.pause();

    const edited = s.testSet.caseAssertions(original!.id)!;
    edited.items[0]!.value = 'Lyon';
    edited.edited();
    s.pause();
    expect(s.testSet.results.map((r) => r.checks![0]!.pass)).toEqual([false, true]);
    expect(s.testSet.cases.map((c) => c.assertions!.map((a) => a.value))).toEqual([['Lyon'], ['Paris']]);
    expect(s.testSet.cases[1]!.assertions![0]!.id).not.toBe(s.testSet.cases[0]!.assertions![0]!.id);
  });

  it.each([
    ['A', 'B'],
    ['B', 'A'],
  ])('cases saved sharing their own checks’ ids (copied before copies got new ones) are scored apart: %s edited, %s untouched', (edit, other) => {
    const s = scoringSetup();
    const own = () => [{ id: 'check-1', type: 'contains' as const, value: 'Paris' }];
    s.testSet.load({
      variables: ['q'],
      prompt: '{{q}}',
      cases: [
        { id: 'A', values: { q: 'a' }, assertions: own() },
        { id: 'B', values: { q: 'b' }, assertions: own() },
      ],
      assertions: [],
      results: ['A', 'B'].map((caseId) => ({ caseId, paneId: PANE, status: 'done', text: 'Paris', checks: [{ assertionId: 'check-1', pass: true }], at: AT })),
    });
    const untouched = s.testSet.results.find((r) => r.caseId === other)!;

    const edited = s.testSet.caseAssertions(edit)!;
    edited.items[0]!.value = 'Lyon';
    edited.edited();
    s.pause();
    expect(s.testSet.results.find((r) => r.caseId === edit)!.checks).toEqual([{ assertionId: 'check-1', pass: false, reason: 'does not contain "Lyon" (case-sensitive)' }]);
    // The same object: not scored again, so a save does not send it as changed.
    expect(s.testSet.results.find((r) => r.caseId === other)).toBe(untouched);
    expect(s.scored()).toBe(1);
  });

  it('a save or a deletion before the pause scores first: what is written, or brought back by Undo, is scored', async () => {
    const s = setup();
    s.session.composer.text = '{{q}}';
    const contains = s.testSet.setAssertions.add('contains')!;
    contains.value = 'Paris';
    s.testSet.setAssertions.edited();
    const [a, b] = [s.testSet.addCase()!, s.testSet.addCase()!];
    const checks = [{ assertionId: contains.id, pass: true }];
    s.testSet.results = [a, b].map((c) => ({ caseId: c.id, paneId: s.pane.id, status: 'done', text: 'Paris', checks, at: AT }));
    await s.settle();

    contains.value = 'London';
    s.testSet.setAssertions.edited();
    const [written] = await s.settle();
    expect(written!.testSet!.results.map((r) => r.checks![0]!.pass)).toEqual([false, false]);

    contains.value = 'Par';
    s.testSet.setAssertions.edited();
    s.testSet.deleteCases([a.id]);
    s.testSet.undoDelete();
    expect(s.testSet.results.map((r) => r.checks![0]!.pass)).toEqual([true, true]);
  });

  it('cells brought back by Undo after a check was edited and scored show the verdicts of the checks as they are now', () => {
    const s = scoringSetup();
    const contains = s.testSet.setAssertions.add('contains')!;
    contains.value = 'Paris';
    const rubric = s.testSet.setAssertions.add('rubric')!;
    rubric.value = 'Names the capital';
    s.testSet.setAssertions.edited();
    s.pause();
    const cases = ['kept', 'gone 1', 'gone 2'].map(() => s.testSet.addCase()!);
    const own = s.testSet.caseAssertions(cases[2]!.id)!;
    own.add('contains')!.value = 'France';
    own.edited();
    const checks = (caseId: string) => [
      { assertionId: contains.id, pass: true },
      { assertionId: rubric.id, pass: true, reason: 'names Paris' },
      ...(s.testSet.cases.find((c) => c.id === caseId)!.assertions ?? []).map((a) => ({ assertionId: a.id, pass: true })),
    ];
    s.testSet.results = cases.map((c) => ({ caseId: c.id, paneId: PANE, status: 'done', text: 'Paris, France', checks: checks(c.id), at: AT }));
    s.pause();

    s.testSet.deleteCases([cases[1]!.id, cases[2]!.id]);
    contains.value = 'London';
    rubric.value = 'Answers in French';
    s.testSet.setAssertions.edited();
    s.pause();
    expect(summary(s)).toMatchObject({ passed: 0, failed: 1, unjudged: 0 });

    s.testSet.undoDelete();
    // Each as the kept one was scored: "London" checked again on the answer, the edited rubric not judged yet; the
    // case's own check, untouched, keeps its verdict.
    const byCase = (caseId: string) => s.testSet.results.find((r) => r.caseId === caseId)!.checks!.map((c) => [c.assertionId, c.pass]);
    expect(byCase(cases[1]!.id)).toEqual(byCase(cases[0]!.id));
    expect(byCase(cases[1]!.id)).toEqual([[contains.id, false]]);
    expect(byCase(cases[2]!.id)).toEqual([[contains.id, false], [own.items[0]!.id, true]]);
    expect(summary(s)).toMatchObject({ passed: 0, failed: 3, unjudged: 0 });
  });

  it('cells brought back by Undo with nothing edited since are the same objects: a save sends them as they were', () => {
    const s = scoringSetup();
    const contains = s.testSet.setAssertions.add('contains')!;
    contains.value = 'Paris';
    s.testSet.setAssertions.edited();
    s.pause();
    const made = s.testSet.addCase()!;
    s.testSet.results = [{ caseId: made.id, paneId: PANE, status: 'done', text: 'Paris', checks: [{ assertionId: contains.id, pass: true }], at: AT }];
    const before = s.testSet.results[0];
    s.testSet.deleteCases([made.id]);
    s.testSet.undoDelete();
    expect(s.testSet.results[0]).toBe(before);
    expect(s.scored()).toBe(0);
  });
});
