// One pane: its settings as typed, the config derived from them, and its list of turns.
import { DEFAULT_MODEL, type PaneHistory, type ThinkingLevel } from '../../../src-shared/domain';
import { buildPaneConfig, parseTemperature, summarizeConfig, validateFields, type PaneFields } from './config';
import type { TurnState } from './turn.svelte';

export class PaneSettings implements PaneFields {
  model = $state(DEFAULT_MODEL);
  systemInstruction = $state('');
  temperature = $state('');
  thinkingLevel = $state<ThinkingLevel | ''>('');
  thinkingSummaries = $state(false);

  readonly errors = $derived(validateFields(this));
  readonly config = $derived(buildPaneConfig(this));
  readonly summary = $derived(summarizeConfig(this));
  /** The number the slider shows: the typed value when valid, else the API's usual default. */
  readonly temperatureValue = $derived(parseTemperature(this.temperature).value);

  constructor(initial: Partial<PaneFields> = {}) {
    if (initial.model !== undefined) this.model = initial.model;
    if (initial.systemInstruction !== undefined) this.systemInstruction = initial.systemInstruction;
    if (initial.temperature !== undefined) this.temperature = initial.temperature;
    if (initial.thinkingLevel !== undefined) this.thinkingLevel = initial.thinkingLevel;
    if (initial.thinkingSummaries !== undefined) this.thinkingSummaries = initial.thinkingSummaries;
  }
}

export class PaneState {
  readonly id: string;
  readonly settings: PaneSettings;
  turns = $state<TurnState[]>([]);
  settingsOpen = $state(true);

  readonly busy = $derived(this.turns.some((t) => t.active));
  readonly lastTurn = $derived(this.turns.at(-1));

  constructor(id: string, initial: Partial<PaneFields> = {}) {
    this.id = id;
    this.settings = new PaneSettings(initial);
  }

  /**
   * How the turn at `index` (default: a new one) continues the conversation: from the last answered
   * turn before it, through the server-stored interaction (interactions-api.md §6).
   */
  historyFor(index = this.turns.length): PaneHistory {
    for (let i = Math.min(index, this.turns.length) - 1; i >= 0; i--) {
      const turn = this.turns[i];
      if (turn?.status === 'done' && turn.interactionId) return { mode: 'server', previousInteractionId: turn.interactionId };
    }
    return { mode: 'none' };
  }

  clear(): void {
    this.turns = [];
  }
}
