// The prompt box shared by the panes: its text, the images for the next turn, where it sends, whether
// it replaces the last prompt, and why the last send did not start.
import type { AttachedFile } from '../../../src-shared/session';
import { AttachmentsState } from './attachments.svelte';
import type { PaneState } from './pane.svelte';
import type { Workspace } from './workspace.svelte';

/** Where the composer sends: every pane, or one pane by id. */
export type SendTarget = 'all' | string;

/** A send as it was made: its aim (`'editing'` for an edit), the prompt as typed, the values that filled it. */
export interface SentAs {
  aim: SendTarget | 'editing';
  text: string;
  values: Readonly<Record<string, string>> | undefined;
}

export class ComposerState {
  text = $state('');
  /** Why the last send did not start; the prompt stays in the box. */
  error = $state('');
  #sending = $state(false);
  target = $state<SendTarget>('all');
  /** Set by "Edit last prompt": the next send replaces these turns (pane id → turn id) instead of adding one. */
  editing = $state.raw<ReadonlyMap<string, string> | undefined>(undefined);
  /**
   * A send that reached only some of its panes (one group of images failed to start): the others. While the prompt
   * and the aim are unchanged, the next send goes to them alone, with the same values, so the panes that have the
   * turn do not get it twice.
   */
  unsent = $state.raw<(SentAs & { paneIds: ReadonlySet<string>; note: string }) | undefined>(undefined);
  /** Images for the next turn: for every pane, or for one pane. */
  readonly attachments: AttachmentsState;

  /** The panes the next send goes to. */
  readonly targets = $derived(this.targetsFor(this.aimOf()));
  readonly canSend = $derived.by(
    () =>
      (this.text.trim() !== '' || this.targets.some((p) => this.attachments.imagesFor(p.id).length > 0)) &&
      !this.attachments.pending &&
      !this.sending &&
      this.targets.length > 0 &&
      !this.targets.some((p) => p.busy),
  );

  readonly #workspace: Workspace;
  /** The attachments the last send carried: only these are done when it lands, not files dropped while it was on its way. */
  #carried: ReadonlySet<string> = new Set();
  /** What was in the box when "Edit last prompt" replaced it: the draft while the edit is open, given back after. */
  #typed = $state<string | undefined>(undefined);

  constructor(workspace: Workspace, attachments: AttachmentsState) {
    this.#workspace = workspace;
    this.attachments = attachments;
  }

  get sending(): boolean {
    return this.#sending;
  }

  /** The runner marks a send as begun right after reading the images it carries: those are the ones it takes. */
  set sending(value: boolean) {
    if (value && !this.#sending) this.#carried = this.attachments.stored();
    this.#sending = value;
  }

  targetsFor(target: SendTarget | 'editing'): PaneState[] {
    const unsent = this.unsentFor(target)?.paneIds;
    const panes = unsent ? this.#workspace.panes.filter((p) => unsent.has(p.id)) : this.#workspace.panes;
    if (target === 'all') return panes;
    if (target === 'editing') return panes.filter((p) => this.editing?.has(p.id));
    const pane = panes.find((p) => p.id === target);
    return pane ? [pane] : [];
  }

  /** Where a send to `target` goes: the panes being edited while an edit is open. */
  aimOf(target: SendTarget = this.target): SendTarget | 'editing' {
    return this.editing ? 'editing' : target;
  }

  /** The rest of a partly made send, when a send with this aim would be it (the prompt is still the one sent). */
  unsentFor(aim: SendTarget | 'editing'): ComposerState['unsent'] {
    return this.unsent?.aim === aim && this.unsent.text === this.text ? this.unsent : undefined;
  }

  /** The next send of this prompt, with this aim, goes to the panes the last one did not reach. */
  get toUnsentOnly(): boolean {
    return this.unsentFor(this.aimOf()) !== undefined;
  }

  /** Said before the error while the next send goes to the rest ("Sent to … only; the next send goes to …"). */
  get unsentNote(): string {
    return this.unsentFor(this.aimOf())?.note ?? '';
  }

  /**
   * A send reached `reached` of `sentTo` and failed for the others: the reached ones forked (an edit) or have the
   * turn, so the edit and their own images are done there; the prompt and the images for every pane stay for the
   * rest, where the next send goes (`unsentNote` says so while it does). With none of the rest left, the send is done.
   */
  reachedOnly(sent: SentAs, sentTo: readonly PaneState[], reached: readonly string[]): void {
    const here = new Set(this.#workspace.panes.map((p) => p.id));
    const rest = sentTo.filter((p) => !reached.includes(p.id) && here.has(p.id));
    if (rest.length === 0) return this.sentEverywhere(sent.text, sentTo.map((p) => p.id));
    const names = (panes: readonly PaneState[]) => this.#workspace.names(panes);
    const note = `Sent to ${names(sentTo.filter((p) => reached.includes(p.id)))} only; the next send goes to ${names(rest)}. `;
    this.unsent = { ...sent, paneIds: new Set(rest.map((p) => p.id)), note };
    if (sent.aim === 'all') this.target = 'all';
    if (this.editing) this.editing = new Map([...this.editing].filter(([paneId]) => !reached.includes(paneId)));
    this.attachments.sentTo(reached, this.#carried);
  }

  /** A send of `text` reached every pane it was for: its prompt (unless retyped since), images and edit are done. */
  sentEverywhere(text: string, paneIds: readonly string[]): void {
    if (this.text === text) this.text = '';
    this.attachments.sent(paneIds, this.#carried);
    this.#endEdit(false);
    this.unsent = undefined;
  }

  /** What the prompt box keeps as the session's draft: while an edit is open, what was typed before it. */
  get draft(): string {
    return this.#typed ?? this.text;
  }

  /**
   * Puts the latest prompt back in the box; the next send forks there in every pane that had it (turn-runner).
   * What was typed and attached is kept aside, not replaced: Cancel or the edit's send gives it back.
   */
  editLast(): boolean {
    const last = this.#workspace.lastPrompt();
    if (!last || this.#workspace.busy) return false;
    this.#typed ??= this.text;
    this.text = last.text;
    this.attachments.restore(last.images);
    this.editing = last.turns;
    this.unsent = undefined;
    this.error = '';
    return true;
  }

  cancelEdit(): void {
    this.#endEdit(true);
    this.unsent = undefined;
  }

  /** Ends an open edit and gives back what was typed before it; `discard` (Cancel) drops the edited prompt. */
  #endEdit(discard: boolean): void {
    this.editing = undefined;
    const typed = this.#typed;
    if (typed === undefined) return;
    this.#typed = undefined;
    // Text typed into the box since a send began is not dropped either: both stay, the earlier first.
    this.text = discard || this.text === '' ? typed : [typed, this.text].filter((t) => t !== '').join('\n\n');
    this.attachments.giveBack(discard);
  }

  /** A pane was removed: its own images go, and a send aimed at it goes to every pane. */
  forgetPane(paneId: string): void {
    this.attachments.dropPane(paneId);
    if (this.target === paneId) this.target = 'all';
    // The rest of a partly made send no longer holds it; with none left, that send is done where it went.
    if (this.unsent?.paneIds.has(paneId)) {
      const rest = [...this.unsent.paneIds].filter((id) => id !== paneId);
      if (rest.length > 0) this.unsent = { ...this.unsent, paneIds: new Set(rest) };
      else {
        this.sentEverywhere(this.unsent.text, [paneId]);
        this.error = '';
      }
    }
  }

  /** Other panes took the place of these (a sweep): nothing in the box may point at the ones gone. */
  forgetPanes(paneIds: readonly string[]): void {
    for (const id of paneIds) this.attachments.dropPane(id);
    this.target = 'all';
    this.#endEdit(false);
    this.unsent = undefined;
  }

  /** Another session's panes are open (`to`, after `from`, with its saved files): the images and the edit were for the ones before. */
  reset(from?: string, to?: string, attached?: readonly AttachedFile[]): void {
    this.target = 'all';
    // What was typed before an edit is that session's stored draft already (`draft`).
    this.#typed = undefined;
    this.editing = undefined;
    this.unsent = undefined;
    this.attachments.switchSession(from, to, attached);
  }
}
