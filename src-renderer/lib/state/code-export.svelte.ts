// "Export code": which panes (one, or the whole comparison), the language and options, and the generated
// script — derived from the panes' configs and their turns' inputs and hand edits, so streamed text never re-runs it.
import type { ExportLanguage } from '../../../src-shared/export';
import { fill, valuesWithoutAsking, variablesOf, withSystemFilled } from '../../../src-shared/eval/template';
import { mediaUrl } from '../../../src-shared/images';
import { SESSION_VERSION } from '../../../src-shared/limits';
import type { HistoryMode, SavedPane, SavedTurn, Session } from '../../../src-shared/session';
import type { Api } from '../api';
import type { PaneState } from './pane.svelte';
import type { TurnStatus } from './turn.svelte';
import { saveStatusOf, type SaveStatus } from './save-status';
import type { SessionState } from './session.svelte';
import { PANE_SETTINGS } from '../../../src-shared/settings/table';
import { andList } from '../../../src-shared/word-lists';

export type ExportScope = { kind: 'comparison' } | { kind: 'pane'; paneId: string };

export const LANGUAGE_NAMES: Record<ExportLanguage, string> = { python: 'Python', javascript: 'JavaScript', rest: 'REST (curl)' };
export const FILE_NAMES: Record<ExportLanguage, string> = { python: 'playground.py', javascript: 'playground.mjs', rest: 'playground.sh' };

type Generators = typeof import('../../../src-shared/export');
let generators: Promise<Generators> | undefined;
/** The generators load when the panel first opens: starting the app does not need them. */
function loadGenerators(): Promise<Generators> {
  return (generators ??= import('../../../src-shared/export'));
}

const EPOCH = new Date(0).toISOString();

/** How a turn ended, in the saved document's words: one still waiting or streaming has not ended. */
const endedAs = (status: TurnStatus): SavedTurn['status'] => (status === 'done' || status === 'failed' || status === 'stopped' ? status : 'interrupted');

/**
 * What the generators read of a pane: its config (valid fields only while a field is invalid) and, per turn, the
 * prompt, the config it was sent with, and what decides the history the app sends after it (history.ts): how it
 * ended, and what was written or edited by hand, with the answer so written and the steps before it; the last turn's
 * repeat run. The model's own answers are not needed (the script asks the API again), and neither is how the last
 * turn ends, so an answer streaming in does not regenerate the script.
 */
export function exportPane(pane: PaneState): SavedPane {
  const result = pane.settings.config;
  const last = pane.turns.length - 1;
  const saved: SavedPane = {
    id: pane.id,
    config: result.ok ? result.config : pane.settings.draft,
    turns: pane.turns.map((turn, i) => {
      const given = turn.example || turn.original?.answer !== undefined;
      const exported: SavedTurn = {
        id: turn.id,
        input: { text: turn.input.text, ...(turn.input.images?.length ? { images: [...turn.input.images] } : {}) },
        config: turn.config,
        // Not read for the last turn: the script asks it whatever becomes of it (plan.ts answeredTurns).
        status: i === last ? 'done' : endedAs(turn.status),
        text: given ? turn.text : '',
        thought: '',
        // The steps that led to an answer edited by hand go back with it (history.ts modelSteps).
        steps: given ? ([...turn.steps] as SavedTurn['steps']) : [],
        startedAt: turn.startedAt,
      };
      if (turn.example) exported.example = true;
      if (turn.original) exported.original = { ...turn.original };
      // The last turn's repeat run, as plan.ts repeats it: how many samples, and the settings they were sent with.
      if (i === last && turn.samples.length > 0) {
        exported.samples = turn.samples.map((sample) => ({ id: sample.id, status: 'done', text: '', thought: '', config: sample.config, startedAt: EPOCH }));
      }
      return exported;
    }),
  };
  if (pane.label !== undefined) saved.label = pane.label;
  return saved;
}


/** The document the generators read: the panes as exportPane reads them, and no more of the session than they need. */
export function exportSession(session: SessionState, historyMode: HistoryMode): Session {
  return { version: SESSION_VERSION, id: 'export', title: '', createdAt: EPOCH, updatedAt: EPOCH, historyMode, panes: session.panes.map(exportPane) };
}

/**
 * The composer's text, and the system instructions its turn would go with (set in `document`'s panes), as a send
 * gives them when it asks for no values (template.ts): a `\{{` written for a literal `{{` goes as `{{`, so the script
 * sends what the app would. With variables the app asks for values first, and the script keeps the template.
 */
export function draftAsSent(document: Session, text: string): string {
  const systems = document.panes.map((p) => p.config.systemInstruction);
  const values = valuesWithoutAsking([text, ...systems]);
  if (!values || variablesOf(text, systems).length > 0) return text;
  document.panes = document.panes.map((pane) => ({ ...pane, config: withSystemFilled(pane.config, values) }));
  return fill(text, values).text;
}

/** Reads a stored image's bytes from /blobs/<sha256> (the page's own origin). */
export type FetchImageBytes = (sha256: string) => Promise<Uint8Array>;

async function fetchBlob(sha256: string): Promise<Uint8Array> {
  const response = await fetch(mediaUrl(sha256));
  if (!response.ok) throw new Error(`image ${sha256.slice(0, 8)}… is not available (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class CodeExportState {
  readonly #api: Api;
  readonly #session: () => SessionState;
  readonly #fetchBytes: FetchImageBytes;
  #generators = $state.raw<Generators | undefined>(undefined);
  #inlineImages = $state(false);
  /** Bytes of the exported images (base64 by sha256), fetched when "Inline images" is on; empty when unreadable. */
  imageData = $state<Record<string, { base64?: string }>>({});

  open = $state(false);
  scope = $state<ExportScope>({ kind: 'comparison' });
  language = $state<ExportLanguage>('python');
  stream = $state(false);
  history = $state<HistoryMode>('server');
  /** Embed images as base64 instead of uploading them; turning it on fetches their bytes. */
  get inlineImages(): boolean {
    return this.#inlineImages;
  }
  set inlineImages(value: boolean) {
    this.#inlineImages = value;
    if (value) void this.loadImages();
  }
  save = $state<SaveStatus>({ state: 'idle' });

  /** The exported pane's index, or undefined for the whole comparison (or a pane that is gone). */
  readonly paneIndex = $derived.by(() => {
    if (this.scope.kind !== 'pane') return undefined;
    const index = this.#session().indexOf(this.scope.paneId);
    return index < 0 ? undefined : index;
  });
  /** "Whole comparison (3 panes)" or "Pane 2 · T=0.9". */
  readonly scopeLabel = $derived.by(() => {
    const session = this.#session();
    if (this.paneIndex !== undefined) return `Pane ${this.paneIndex + 1} · ${session.labels[this.paneIndex] ?? ''}`;
    return session.panes.length > 1 ? `Whole comparison (${session.panes.length} panes)` : 'This pane';
  });
  readonly fileName = $derived(FILE_NAMES[this.language]);
  /** Computed only while the panel is open. */
  readonly result = $derived.by((): { code: string; environment: string[]; error?: string } => {
    const generators = this.#generators;
    if (!this.open || !generators) return { code: '', environment: [] };
    const session = this.#session();
    const document = exportSession(session, this.history);
    // A recorded sweep turns the comparison into loops; repeats come from the panes' samples (src-shared/export/plan.ts).
    const experiments = session.experiments.toSaved();
    if (experiments) document.experiments = experiments;
    try {
      const draftInput = draftAsSent(document, session.composer.text);
      const target = { session: document, draftInput, ...(this.paneIndex !== undefined ? { paneIndex: this.paneIndex } : {}) };
      const options = { language: this.language, stream: this.stream, history: this.history, inlineImages: this.inlineImages };
      return generators.exportScript(target, this.inlineImages ? { ...options, images: this.imageData } : options);
    } catch (e) {
      return { code: '', environment: [], error: e instanceof Error ? e.message : String(e) };
    }
  });
  readonly code = $derived(this.result.code);
  /**
   * A pane without turns is exported from its settings as they stand, where a field that does not validate is left
   * out (the send would be refused instead): the script would quietly ask something else, say without its schema.
   */
  readonly leftOut = $derived.by((): string | undefined => {
    if (!this.open) return undefined;
    const invalid = this.#exportedPanes().filter((p) => p.turns.length === 0 && !p.settings.valid);
    if (invalid.length === 0) return undefined;
    const wrong = new Set(invalid.flatMap((p) => Object.keys(p.settings.errors)));
    const labels = PANE_SETTINGS.filter((row) => wrong.has(row.key)).map((row) => row.label);
    const they = labels.length === 1 ? 'it' : 'them';
    return `${this.#session().workspace.names(invalid)}: ${andList(labels)} ${labels.length === 1 ? 'has an error' : 'have errors'}, so the script leaves ${they} out. Fix ${they} in the pane’s settings to export ${they}.`;
  });
  /** Inline images applies only when an exported prompt has images. */
  readonly hasImages = $derived(this.#exportedPanes().some((p) => p.turns.some((t) => (t.input.images?.length ?? 0) > 0)));

  constructor(api: Api, session: () => SessionState, fetchBytes: FetchImageBytes = fetchBlob) {
    this.#api = api;
    this.#session = session;
    this.#fetchBytes = fetchBytes;
  }

  /** Fetches the bytes of every exported image not read yet; one that cannot be read is uploaded in the script. */
  async loadImages(): Promise<void> {
    const wanted = new Set<string>();
    for (const pane of this.#exportedPanes()) for (const turn of pane.turns) for (const image of turn.input.images ?? []) wanted.add(image.sha256);
    const missing = [...wanted].filter((sha) => !(sha in this.imageData));
    await Promise.all(
      missing.map(async (sha) => {
        let entry: { base64?: string } = {};
        try {
          entry = { base64: toBase64(await this.#fetchBytes(sha)) };
        } catch {
          // The generator notes that these bytes were not available and uploads the file instead.
        }
        this.imageData = { ...this.imageData, [sha]: entry };
      }),
    );
  }

  /** From the toolbar: every pane's config on the same prompt. */
  showComparison(): void {
    this.#show({ kind: 'comparison' });
  }

  /** From a pane's menu: that pane's conversation. */
  showPane(paneId: string): void {
    this.#show({ kind: 'pane', paneId });
  }

  close(): void {
    this.open = false;
  }

  /** Resolves once the generators have loaded and `code` is the script. */
  async ready(): Promise<void> {
    this.#generators ??= await loadGenerators();
  }

  async saveToFile(): Promise<void> {
    const code = this.code;
    if (!code || this.save.state === 'saving') return;
    this.save = { state: 'saving' };
    this.save = await saveStatusOf(async () => {
      const result = await this.#api.saveTextFile(this.fileName, code);
      return result.saved ? result.path : undefined;
    });
  }

  #exportedPanes(): PaneState[] {
    const panes = this.#session().panes;
    const one = this.paneIndex !== undefined ? panes[this.paneIndex] : undefined;
    return one ? [one] : panes;
  }

  #show(scope: ExportScope): void {
    this.scope = scope;
    // The session's own history mode, changeable here for the script only.
    this.history = this.#session().historyMode;
    this.save = { state: 'idle' };
    this.open = true;
    void this.ready();
    if (this.inlineImages) void this.loadImages();
  }
}
