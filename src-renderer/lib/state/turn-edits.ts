// Editing a pane's conversation by hand (issue 16): a prompt or answer changed in place, a prompt resent (the
// conversation forks there and the original is kept as a branch), hand-written example turns (few-shot), and
// switching between branches. Sending is the runner's: a resent prompt is a new turn retried in its place, whose
// history history.ts then builds in full, since the server only knows the conversation as first sent.
import { MAX_BRANCHES } from '../../../src-shared/limits';
import { forkAt, insertTurn, removeTurn, switchBranch } from '../conversation-branches';
import type { FrameScheduler } from '../stream/frame';
import { resultsFromDrafts } from './function-calls';
import { newId } from './ids';
import type { PaneState } from './pane.svelte';
import type { TurnRunner } from './turn-runner.svelte';
import { TurnState } from './turn.svelte';
import type { Workspace } from './workspace.svelte';

/** Why an edit could not be made, for the person; undefined when it was. What was typed stays in the editor. */
export type EditProblem = string | undefined;

/** What a pane's conversation offers its turns. */
export interface PaneEditor {
  /** Server history mode: edits go on without it, which the conversation says where it starts. */
  readonly serverHistory: boolean;
  editPrompt(turnId: string, text: string, resend: boolean): Promise<EditProblem>;
  editAnswer(turnId: string, text: string): EditProblem;
  insertExample(index: number, prompt: string, answer: string): EditProblem;
  removeExample(turnId: string): void;
  switchBranch(index: number, delta: -1 | 1): EditProblem;
}

export class TurnEdits {
  readonly #workspace: Workspace;
  readonly #runner: TurnRunner;
  readonly #scheduler: FrameScheduler;

  constructor(workspace: Workspace, runner: TurnRunner, scheduler: FrameScheduler) {
    this.#workspace = workspace;
    this.#runner = runner;
    this.#scheduler = scheduler;
  }

  /** The editor for one pane's turns, reading its state when asked. */
  for(pane: PaneState): PaneEditor {
    const workspace = this.#workspace;
    return {
      get serverHistory() {
        return workspace.historyMode === 'server';
      },
      editPrompt: (turnId, text, resend) => this.editPrompt(pane, turnId, text, resend),
      editAnswer: (turnId, text) => this.editAnswer(pane, turnId, text),
      insertExample: (index, prompt, answer) => this.insertExample(pane, index, prompt, answer),
      removeExample: (turnId) => this.removeExample(pane, turnId),
      switchBranch: (index, delta) => this.switchBranch(pane, index, delta),
    };
  }

  /**
   * A prompt changed by hand. Saved only, the turn keeps its answer and the prompt sent first. Resent, the
   * conversation forks at the turn: a new turn asks the edited prompt and the turns from there on become a branch.
   */
  async editPrompt(pane: PaneState, turnId: string, text: string, resend: boolean): Promise<EditProblem> {
    const index = pane.turns.findIndex((t) => t.id === turnId);
    const turn = pane.turns[index];
    if (!turn) return 'That turn is no longer in the conversation.';
    const problem = this.#blocked(pane) ?? (resend && text.trim() === '' && !turn.input.images?.length ? 'Write a prompt to send.' : undefined);
    if (problem) return problem;
    const before = turn.original?.prompt ?? turn.input.text;
    if (!resend) {
      if (text === turn.input.text) return undefined;
      turn.original = { ...turn.original, prompt: before };
      turn.input = { ...turn.input, text };
      return undefined;
    }
    if (turn.example) return 'An example is not sent; save it instead.';
    const full = this.#full(pane, index);
    if (full) return full;
    const fresh = new TurnState(newId('turn'), { ...turn.input, text }, turn.config, this.#scheduler);
    fresh.original = { prompt: before };
    pane.follow(forkAt(pane, index, [fresh]));
    await this.#runner.sendPlaced(pane.id, fresh.id);
    return undefined;
  }

  /** The model's answer replaced by the person's text: what follows is continued from it. */
  editAnswer(pane: PaneState, turnId: string, text: string): EditProblem {
    const turn = pane.turns.find((t) => t.id === turnId);
    if (!turn) return 'That turn is no longer in the conversation.';
    const problem = this.#blocked(pane);
    if (problem) return problem;
    if (text === turn.text) return undefined;
    if (!turn.example) turn.original = { ...turn.original, answer: turn.original?.answer ?? turn.text };
    turn.text = text;
    return undefined;
  }

  /** A hand-written prompt and answer (few-shot) go in before turn `index` (at the end when it is the length). */
  insertExample(pane: PaneState, index: number, prompt: string, answer: string): EditProblem {
    const problem = this.#blocked(pane) ?? (prompt.trim() === '' || answer.trim() === '' ? 'An example needs both a prompt and an answer.' : undefined);
    if (problem) return problem;
    // After a turn whose function calls are open, every later send would carry a call without its result, which the API refuses.
    const asking = pane.turns.findIndex((t, i) => i < index && t.pendingCalls.length > 0);
    if (asking >= 0) return `Turn ${asking + 1} waits for function results: send them first, then add the example.`;
    const draft = pane.settings.draft;
    const example = new TurnState(newId('turn'), { text: prompt }, draft, this.#scheduler);
    example.example = true;
    example.text = answer;
    example.status = 'done';
    pane.follow(insertTurn(pane, Math.max(0, Math.min(index, pane.turns.length)), example));
    return undefined;
  }

  /**
   * Retry of a failed or stopped turn. The last one goes again in place; an earlier one forks there, as a resent
   * edit does, so the turns after it (which never saw it) stay a branch and both history modes send the same
   * conversation. An example is never sent. A round of function results that failed or was stopped goes again
   * with the results as typed: starting the turn over would drop them, and the model would ask for the calls again
   * under new ids.
   */
  async retry(pane: PaneState, turnId: string): Promise<EditProblem> {
    const index = pane.turns.findIndex((t) => t.id === turnId);
    const turn = pane.turns[index];
    if (!turn || turn.example) return undefined;
    if (index === pane.turns.length - 1) {
      if (turn.asked && turn.pendingCalls.length > 0) {
        if (!resultsFromDrafts(turn.config, turn.pendingCalls, turn.drafts).ok) return (turn.note = 'Fix the results below, then send them again.');
        await this.#runner.sendResults(pane.id, turnId);
      } else {
        await this.#runner.retry(pane.id, turnId);
      }
      return undefined;
    }
    const problem = this.#blocked(pane) ?? this.#full(pane, index);
    if (problem) return (turn.note = problem); // the Retry button has no other place to say why
    const fresh = new TurnState(newId('turn'), turn.input, turn.config, this.#scheduler);
    if (turn.fillValues) fresh.fillValues = { ...turn.fillValues };
    pane.follow(forkAt(pane, index, [fresh]));
    await this.#runner.sendPlaced(pane.id, fresh.id);
    return undefined;
  }

  removeExample(pane: PaneState, turnId: string): void {
    const index = pane.turns.findIndex((t) => t.id === turnId);
    if (index < 0 || !pane.turns[index]!.example || this.#blocked(pane)) return;
    pane.follow(removeTurn(pane, index));
  }

  switchBranch(pane: PaneState, index: number, delta: -1 | 1): EditProblem {
    const problem = this.#blocked(pane);
    if (problem) return problem;
    pane.follow(switchBranch(pane, index, delta));
    return undefined;
  }

  /** One more branch than a session file holds would make every later save of the session fail. */
  #full(pane: PaneState, index: number): EditProblem {
    if ((pane.branchAt(index)?.count ?? 1) <= MAX_BRANCHES) return undefined;
    return `This prompt already has ${MAX_BRANCHES + 1} versions, the most a session keeps: edit one of them without resending, or copy the prompt into a new turn.`;
  }

  #blocked(pane: PaneState): EditProblem {
    return pane.busy ? `${this.#workspace.names([pane])} is still answering: stop it or wait, then edit.` : undefined;
  }
}
