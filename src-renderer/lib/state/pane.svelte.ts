// One pane: its settings as typed, the config derived from them, its optional name and its list of turns.
import { DEFAULT_MODEL, type PaneConfig, type PaneHistory } from '../../../src-shared/domain';
import { summarizePane } from '../../../src-shared/pane-label';
import type { HistoryMode } from '../../../src-shared/session';
import { PANE_SETTINGS } from '../../../src-shared/settings/table';
import {
  buildPaneConfig,
  draftConfig,
  EMPTY_FIELDS,
  isSetInForm,
  MORE_FIELDS,
  TOOLS_FIELDS,
  validateFields,
  type FieldName,
  type PaneFields,
} from './config';
import { type Branched, branchAt, type Fork } from '../conversation-branches';
import { buildHistory, handMade } from './history';
import type { TurnState } from './turn.svelte';

/** Each setting of the table is a property of the form too (`settings.temperature`), over `fields`. */
export interface PaneSettings extends PaneFields {}

export class PaneSettings {
  /** The form's text, one field per setting row; bind controls to `fields[key]`. */
  readonly fields = $state<PaneFields>({ model: DEFAULT_MODEL, ...EMPTY_FIELDS });

  readonly errors = $derived(validateFields(this.fields));
  readonly valid = $derived(Object.keys(this.errors).length === 0);
  readonly config = $derived(buildPaneConfig(this.fields));
  /** Valid fields only: what labels and the "what differs" strip show while something is being typed. */
  readonly draft = $derived<PaneConfig>(draftConfig(this.fields));
  /** The pane's settings in its label's words (pane-label.ts), for the header. */
  readonly summary = $derived(summarizePane(this.draft));
  /** How many of the "More" settings are set, for the collapsed section's title. */
  readonly moreSetCount = $derived(MORE_FIELDS.filter((f) => isSetInForm(this.fields[f])).length);
  readonly moreHasErrors = $derived(MORE_FIELDS.some((f) => this.errors[f] !== undefined));
  /** The same for "Tools & output". */
  readonly toolsSetCount = $derived(TOOLS_FIELDS.filter((f) => isSetInForm(this.fields[f])).length);
  readonly toolsHasErrors = $derived(TOOLS_FIELDS.some((f) => this.errors[f] !== undefined));

  static {
    for (const { key } of PANE_SETTINGS) {
      Object.defineProperty(PaneSettings.prototype, key, {
        get(this: PaneSettings) {
          return this.fields[key];
        },
        set(this: PaneSettings, value: never) {
          this.fields[key] = value;
        },
      });
    }
  }

  constructor(initial: Partial<PaneFields> = {}) {
    this.assign(initial);
  }

  assign(fields: Partial<PaneFields>): void {
    for (const name of Object.keys(fields) as (keyof PaneFields)[]) this.set(name, fields[name]);
  }

  /** Sets one field from another pane's text (apply to all, duplicate). */
  set<K extends keyof PaneFields>(name: K, value: PaneFields[K] | undefined): void {
    if (value !== undefined) this.fields[name] = value;
  }

  snapshot(): PaneFields {
    return $state.snapshot(this.fields) as PaneFields;
  }

  /** Back to "send nothing" for everything but the model. */
  resetAll(): void {
    this.assign(EMPTY_FIELDS);
  }
}

export class PaneState {
  readonly id: string;
  readonly settings: PaneSettings;
  /** Set when the person renamed the pane; otherwise the session derives a label from what differs. */
  label = $state<string | undefined>(undefined);
  /** The branch of the conversation being followed: what is shown, sent from and exported. */
  turns = $state<TurnState[]>([]);
  /** The branches set aside where the conversation was forked (conversation-branches.ts). */
  forks = $state.raw<Fork<TurnState>[]>([]);
  settingsOpen = $state(true);
  moreOpen = $state(false);
  toolsOpen = $state(false);

  readonly lastTurn = $derived(this.turns.at(-1));
  /** Answers streaming or queued: turns, and repeat-run samples (which keep the pane busy too). */
  readonly activeTurns = $derived(this.turns.flatMap((t) => [t, ...t.samples]).filter((t) => t.active));
  readonly busy = $derived(this.activeTurns.length > 0);
  readonly #fileNames = $derived(new Map(this.turns.flatMap((t) => (t.input.images ?? []).map((image) => [image.sha256, image.name] as const)).reverse()));
  /** The name a file was attached under in this conversation (a stateless turn uploads the earlier turns' again). */
  readonly fileName = (sha256: string): string | undefined => this.#fileNames.get(sha256);
  /** The first turn edited or written by hand: in server history mode, the conversation goes on without the server from there. */
  readonly editedFrom = $derived(this.turns.findIndex(handMade));

  constructor(id: string, initial: Partial<PaneFields> = {}) {
    this.id = id;
    this.settings = new PaneSettings(initial);
  }

  /** Opens the settings (and "More" or "Tools & output" when an invalid field hides there) so the problem is visible. */
  revealErrors(): void {
    this.settingsOpen = true;
    if (this.settings.moreHasErrors) this.moreOpen = true;
    if (this.settings.toolsHasErrors) this.toolsOpen = true;
  }

  /** Opens whatever section holds `field`. */
  reveal(field: FieldName): void {
    this.settingsOpen = true;
    if (MORE_FIELDS.includes(field)) this.moreOpen = true;
    if (TOOLS_FIELDS.includes(field)) this.toolsOpen = true;
  }

  /** How the turn at `index` (default: a new one) continues the conversation, in `mode` (history.ts). */
  historyFor(index = this.turns.length, mode: HistoryMode = 'server'): PaneHistory {
    return buildHistory(this.turns, index, mode);
  }

  /** The branches at turn `index`'s fork point, for ‹ 1/2 ›. */
  branchAt(index: number): { position: number; count: number } | undefined {
    return branchAt({ turns: this.turns, forks: this.forks }, index);
  }

  /** A branch operation's result (conversation-branches.ts) becomes the pane's conversation. */
  follow(next: Branched<TurnState>): void {
    this.turns = next.turns;
    this.forks = next.forks;
  }

  clear(): void {
    this.turns = [];
    this.forks = [];
  }
}
