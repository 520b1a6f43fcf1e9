// "Export suite" (issue 17, item 6): the test set as files to carry elsewhere — a Python, JavaScript or curl script
// with the cases.jsonl it reads, or a promptfoo configuration — shown, copied, and saved together into a folder the
// person picks (main writes them: saveFilesToFolder). The files come from exportSuiteFiles over the panes as they
// are now and the set's template, so what is saved is what is shown.
import type { ExportLanguage, SuiteFile } from '../../../src-shared/export';
import type { Session } from '../../../src-shared/session';
import type { Api } from '../api';
import { exportSession } from './code-export.svelte';
import { saveStatusOf, type SaveStatus } from './save-status';
import type { SessionState } from './session.svelte';

export type SuiteTarget = ExportLanguage | 'promptfoo';
export const SUITE_TARGETS: readonly SuiteTarget[] = ['python', 'javascript', 'rest', 'promptfoo'];
export const SUITE_TARGET_NAMES: Record<SuiteTarget, string> = { python: 'Python', javascript: 'JavaScript', rest: 'REST (curl)', promptfoo: 'promptfoo' };

type Generators = typeof import('../../../src-shared/export');
let generators: Promise<Generators> | undefined;
/** As for Export code: the generators load when the dialog first opens. */
function loadGenerators(): Promise<Generators> {
  return (generators ??= import('../../../src-shared/export'));
}

export class SuiteExportState {
  readonly #api: Api;
  readonly #session: () => SessionState;
  #generators = $state.raw<Generators | undefined>(undefined);

  open = $state(false);
  target = $state<SuiteTarget>('python');
  save = $state<SaveStatus>({ state: 'idle' });

  /** The chosen target's files (the script first, then the cases it reads); computed only while open. */
  readonly result = $derived.by((): { files: SuiteFile[]; error?: string } => {
    const generators = this.#generators;
    if (!this.open || !generators) return { files: [] };
    const session = this.#session();
    const testSet = session.testSet.toSaved();
    const document: Session = { ...exportSession(session, session.historyMode), ...(testSet ? { testSet } : {}) };
    try {
      const all = generators.exportSuiteFiles(document, { prompt: session.testSet.template });
      const wanted = this.target === 'promptfoo' ? [generators.PROMPTFOO_FILE] : [generators.SUITE_FILES[this.target], generators.CASES_FILE];
      return { files: wanted.map((name) => all.find((file) => file.name === name)!).filter(Boolean) };
    } catch (e) {
      return { files: [], error: e instanceof Error ? e.message : String(e) };
    }
  });

  constructor(api: Api, session: () => SessionState) {
    this.#api = api;
    this.#session = session;
  }

  show(): void {
    this.save = { state: 'idle' };
    this.open = true;
    void this.ready();
  }

  close(): void {
    this.open = false;
  }

  choose(target: SuiteTarget): void {
    this.target = target;
    this.save = { state: 'idle' };
  }

  /** Resolves once the generators have loaded and `result` holds the files. */
  async ready(): Promise<void> {
    this.#generators ??= await loadGenerators();
  }

  async saveToFolder(): Promise<void> {
    const files = this.result.files;
    if (files.length === 0 || this.save.state === 'saving') return;
    this.save = { state: 'saving' };
    this.save = await saveStatusOf(async () => {
      const result = await this.#api.saveFilesToFolder(files.map(({ name, text }) => ({ name, text })));
      return result.saved ? result.folder : undefined;
    });
  }
}
