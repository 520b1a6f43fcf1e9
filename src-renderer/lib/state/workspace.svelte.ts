// The open session's panes: their order, names and labels, what differs between them, and the history mode
// they share. Pane edits only; sending and stopping are the turn runner's, the prompt box the composer's.
import { diffConfigs } from '../../../src-shared/config-diff';
import type { ImageRef, PaneConfig } from '../../../src-shared/domain';
import { MAX_PANES } from '../../../src-shared/limits';
import { derivePaneLabels } from '../../../src-shared/pane-label';
import { andList } from '../../../src-shared/word-lists';
import type { HistoryMode, SavedPane } from '../../../src-shared/session';
import { fieldsFromConfig, parseField, type FieldName } from './config';
import type { FrameScheduler } from '../stream/frame';
import { newId } from './ids';
import { PaneState } from './pane.svelte';
import { paneToSaved, restorePane, restoreTurn, turnToSaved } from './saved';
import type { TurnState } from './turn.svelte';

/** The latest prompt and the turns of it in each pane that has it (pane id → turn id). */
export interface LastPrompt {
  text: string;
  images: ImageRef[];
  turns: Map<string, string>;
}

export class Workspace {
  panes = $state<PaneState[]>([]);
  /** Scroll every pane's conversation together, turn by turn. */
  syncScroll = $state(false);
  /** How following turns carry the conversation: previous_interaction_id, or every step with store:false. */
  historyMode = $state<HistoryMode>('server');
  /** Settings → Default model; '' lets a new pane take the last pane's model. */
  defaultModel = $state('');
  /** The Settings view's preference: a pane's settings fold away once its prompt is sent. */
  collapseSettingsOnSend = $state(true);

  readonly busy = $derived(this.panes.some((p) => p.busy));
  readonly canAdd = $derived(this.panes.length < MAX_PANES);
  /** Configs as typed so far (invalid fields left out): the basis for labels and the differences strip. */
  readonly drafts = $derived(this.panes.map((p) => p.settings.draft));
  readonly autoLabels = $derived(derivePaneLabels(this.drafts));
  readonly labels = $derived(this.panes.map((p, i) => p.label ?? this.autoLabels[i] ?? p.id));
  readonly configDiff = $derived(diffConfigs(this.drafts));

  readonly #scheduler: FrameScheduler;

  constructor(scheduler: FrameScheduler) {
    this.#scheduler = scheduler;
    this.panes = [new PaneState('pane-1')];
  }

  pane(id: string): PaneState | undefined {
    return this.panes.find((p) => p.id === id);
  }

  indexOf(id: string): number {
    return this.panes.findIndex((p) => p.id === id);
  }

  labelOf(id: string): string {
    return this.labels[this.indexOf(id)] ?? id;
  }

  /** "Pane 2 (T=0.2)", "Panes 1 and 3": panes as messages name them. */
  names(panes: readonly PaneState[]): string {
    if (panes.length === 1) return `Pane ${this.indexOf(panes[0]!.id) + 1} (${this.labelOf(panes[0]!.id)})`;
    const numbers = panes.map((p) => this.indexOf(p.id) + 1);
    return `Panes ${andList(numbers.map(String))}`;
  }

  /** A new pane at the end: the default model (else the last pane's), every other setting unset. */
  addPane(): PaneState | undefined {
    if (!this.canAdd) return undefined;
    const pane = new PaneState(newId('pane'), { model: this.defaultModel || (this.panes.at(-1)?.settings.model ?? '') });
    this.panes.push(pane);
    return pane;
  }

  /** A copy right after the original: its settings, and its conversation when `withHistory`. */
  duplicatePane(id: string, options: { withHistory?: boolean } = {}): PaneState | undefined {
    const index = this.indexOf(id);
    const source = this.panes[index];
    if (!source || !this.canAdd) return undefined;
    const pane = new PaneState(newId('pane'), source.settings.snapshot());
    pane.settingsOpen = source.settingsOpen;
    pane.moreOpen = source.moreOpen;
    pane.toolsOpen = source.toolsOpen;
    if (source.label !== undefined) pane.label = `${source.label} (copy)`;
    if (options.withHistory) {
      pane.turns = source.turns.filter((t) => !t.active).map((t) => restoreTurn(turnToSaved(t), this.#scheduler, newId('turn')));
    }
    this.panes.splice(index + 1, 0, pane);
    return pane;
  }

  /** Takes a pane out of the list (never the last one); whoever calls stops its answer first. */
  remove(pane: PaneState): boolean {
    if (this.panes.length <= 1 || !this.panes.includes(pane)) return false;
    this.panes = this.panes.filter((p) => p !== pane);
    return true;
  }

  movePane(id: string, delta: -1 | 1): void {
    const from = this.indexOf(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.panes.length) return;
    const next = [...this.panes];
    [next[from], next[to]] = [next[to]!, next[from]!];
    this.panes = next;
  }

  /** Moves a pane to `index` (a drag onto another pane), the others keeping their order. */
  movePaneTo(id: string, index: number): void {
    const from = this.indexOf(id);
    if (from < 0 || index < 0 || index >= this.panes.length || from === index) return;
    const next = [...this.panes];
    const [pane] = next.splice(from, 1);
    next.splice(index, 0, pane!);
    this.panes = next;
  }

  /** An empty name goes back to the derived label. */
  renamePane(id: string, label: string): void {
    const pane = this.pane(id);
    if (!pane) return;
    const trimmed = label.trim().slice(0, 200);
    pane.label = trimmed === '' ? undefined : trimmed;
  }

  /** Copies one setting from a pane to every other pane (copyOf); nothing is copied that would be invalid. */
  applyToAll(field: FieldName, fromPaneId: string): void {
    const source = this.pane(fromPaneId);
    if (!source || this.whyNotApplyToAll(field, fromPaneId) !== undefined) return;
    const value = copyOf(source, field);
    for (const pane of this.panes) if (pane !== source) pane.settings.set(field, value);
  }

  /**
   * Why applyToAll would copy nothing, so that nothing offers it: a required setting (the model) blank or invalid
   * has no default to fall back on. Undefined when it copies.
   */
  whyNotApplyToAll(field: FieldName, fromPaneId: string): string | undefined {
    const source = this.pane(fromPaneId);
    if (!source) return 'This pane is no longer open';
    return parseField(field, copyOf(source, field)).error;
  }

  /**
   * Panes made from configs (a sweep): they replace every pane (nothing may be streaming) or are added
   * after the current ones. Returns the new panes, or undefined, changing nothing, when they do not fit.
   */
  addConfigs(configs: readonly PaneConfig[], mode: 'replace' | 'add'): PaneState[] | undefined {
    if (configs.length === 0) return undefined;
    const room = mode === 'replace' ? MAX_PANES : MAX_PANES - this.panes.length;
    if (configs.length > room || (mode === 'replace' && this.busy)) return undefined;
    const made = configs.map((config) => new PaneState(newId('pane'), fieldsFromConfig(config)));
    this.panes = mode === 'replace' ? made : [...this.panes, ...made];
    return made;
  }

  clear(paneId: string): void {
    const pane = this.pane(paneId);
    if (pane && !pane.busy) pane.clear();
  }

  /** The latest prompt, for "Edit last prompt": the text and the turns of it in each pane that has it. */
  lastPrompt(): LastPrompt | undefined {
    let latest: TurnState | undefined;
    for (const pane of this.panes) {
      const last = pane.lastTurn;
      if (last && (!latest || last.startedAt > latest.startedAt)) latest = last;
    }
    if (!latest) return undefined;
    const turns = new Map<string, string>();
    const shas = (turn: TurnState) => (turn.input.images ?? []).map((i) => i.sha256).join(',');
    for (const pane of this.panes) {
      const last = pane.lastTurn;
      if (last && last.input.text === latest.input.text && shas(last) === shas(latest)) turns.set(pane.id, last.id);
    }
    return { text: latest.input.text, images: [...(latest.input.images ?? [])], turns };
  }

  toSaved(): SavedPane[] {
    return this.panes.map(paneToSaved);
  }

  /** Replaces every pane with saved ones (a restored session); false, changing nothing, while one is streaming. */
  load(saved: readonly SavedPane[]): boolean {
    if (this.busy || saved.length === 0) return false;
    this.panes = saved.slice(0, MAX_PANES).map((p) => restorePane(p, this.#scheduler));
    return true;
  }
}

/**
 * What applyToAll copies from a pane: the field as typed when it is valid, else the value the strip shows for it
 * (the draft leaves an invalid field out, so the default).
 */
function copyOf(source: PaneState, field: FieldName): string | boolean {
  return source.settings.errors[field] === undefined ? source.settings.snapshot()[field] : fieldsFromConfig(source.settings.draft)[field];
}
