// The prompt box shared by the panes: its text, the images for the next turn, where it sends, whether
// it replaces the last prompt, and why the last send did not start.
import { AttachmentsState } from './attachments.svelte';
import type { PaneState } from './pane.svelte';
import type { Workspace } from './workspace.svelte';

/** Where the composer sends: every pane, or one pane by id. */
export type SendTarget = 'all' | string;

export class ComposerState {
  text = $state('');
  /** Why the last send did not start; the prompt stays in the box. */
  error = $state('');
  sending = $state(false);
  target = $state<SendTarget>('all');
  /** Set by "Edit last prompt": the next send replaces these turns (pane id → turn id) instead of adding one. */
  editing = $state.raw<ReadonlyMap<string, string> | undefined>(undefined);
  /**
   * A send that reached only some of its panes (one group of images failed to start): the others. While the prompt
   * and the aim are unchanged, the next send goes to them alone, so the panes that have the turn do not get it twice.
   */
  unsent = $state.raw<{ text: string; aim: SendTarget | 'editing'; paneIds: ReadonlySet<string> } | undefined>(undefined);
  /** Images for the next turn: for every pane, or for one pane. */
  readonly attachments: AttachmentsState;

  /** The panes the next send goes to. */
  readonly targets = $derived(this.targetsFor(this.editing ? 'editing' : this.target));
  readonly canSend = $derived.by(
    () =>
      (this.text.trim() !== '' || this.targets.some((p) => this.attachments.imagesFor(p.id).length > 0)) &&
      !this.attachments.pending &&
      !this.sending &&
      this.targets.length > 0 &&
      !this.targets.some((p) => p.busy),
  );

  readonly #workspace: Workspace;

  constructor(workspace: Workspace, attachments: AttachmentsState) {
    this.#workspace = workspace;
    this.attachments = attachments;
  }

  targetsFor(target: SendTarget | 'editing'): PaneState[] {
    const unsent = this.unsent?.aim === target && this.unsent.text === this.text ? this.unsent.paneIds : undefined;
    const panes = unsent ? this.#workspace.panes.filter((p) => unsent.has(p.id)) : this.#workspace.panes;
    if (target === 'all') return panes;
    if (target === 'editing') return panes.filter((p) => this.editing?.has(p.id));
    const pane = panes.find((p) => p.id === target);
    return pane ? [pane] : [];
  }

  /** The next send of this prompt, with this aim, goes to the panes the last one did not reach. */
  get toUnsentOnly(): boolean {
    return this.unsent !== undefined && this.unsent.text === this.text && this.unsent.aim === (this.editing ? 'editing' : this.target);
  }

  /**
   * A send reached `reached` and not the others: those forked (an edit) or have the turn, so the edit and their own
   * images are done there; the prompt and the images for every pane stay for the rest.
   */
  reachedOnly(aim: SendTarget | 'editing', sentTo: readonly PaneState[], reached: readonly string[]): string {
    const rest = sentTo.filter((p) => !reached.includes(p.id));
    this.unsent = { text: this.text, aim, paneIds: new Set(rest.map((p) => p.id)) };
    if (this.editing) this.editing = new Map([...this.editing].filter(([paneId]) => !reached.includes(paneId)));
    this.attachments.sentTo(reached);
    const names = (panes: readonly PaneState[]) => this.#workspace.names(panes);
    return `Sent to ${names(sentTo.filter((p) => reached.includes(p.id)))} only; the next send goes to ${names(rest)}. `;
  }

  /** The send reached every pane it was for: the edit, and any rest of an earlier send, are over. */
  sentEverywhere(): void {
    this.editing = undefined;
    this.unsent = undefined;
  }

  /** Puts the latest prompt back in the box; the next send forks there in every pane that had it (turn-runner). */
  editLast(): boolean {
    const last = this.#workspace.lastPrompt();
    if (!last || this.#workspace.busy) return false;
    this.text = last.text;
    this.attachments.restore(last.images);
    this.editing = last.turns;
    this.unsent = undefined;
    this.error = '';
    return true;
  }

  cancelEdit(): void {
    this.editing = undefined;
    this.unsent = undefined;
  }

  /** A pane was removed: its own images go, and a send aimed at it goes to every pane. */
  forgetPane(paneId: string): void {
    this.attachments.dropPane(paneId);
    if (this.target === paneId) this.target = 'all';
    // The rest of a send no longer holds it; with none left, the next send goes where it is aimed.
    if (this.unsent) {
      const rest = [...this.unsent.paneIds].filter((id) => id !== paneId);
      this.unsent = rest.length > 0 ? { ...this.unsent, paneIds: new Set(rest) } : undefined;
    }
  }

  /** Other panes took the place of these (a sweep): nothing in the box may point at the ones gone. */
  forgetPanes(paneIds: readonly string[]): void {
    for (const id of paneIds) this.attachments.dropPane(id);
    this.target = 'all';
    this.editing = undefined;
    this.unsent = undefined;
  }

  /** Another session's panes are open: the images and the edit were for the ones before. */
  reset(): void {
    this.target = 'all';
    this.editing = undefined;
    this.unsent = undefined;
    this.attachments.clear();
  }
}
