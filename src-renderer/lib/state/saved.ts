// Panes and turns ⇄ the saved-session document shape (src-shared/session.ts), for persistence and duplication.
import { untrack } from 'svelte';
import type { AppError, ErrorCode } from '../../../src-shared/domain';
import { unansweredCalls } from '../../../src-shared/function-results';
import type { InteractionStatus, Step } from '../../../src-shared/interactions';
import type { SavedFork, SavedPane, SavedSample, SavedTurn } from '../../../src-shared/session';
import type { Fork } from '../conversation-branches';
import { toPlain } from '../api';
import { fieldsFromConfig, type FieldName, type PaneFields } from './config';
import type { FrameScheduler } from '../stream/frame';
import { PaneState } from './pane.svelte';
import { restoreRound, roundToSaved } from './saved-round';
import { TurnState } from './turn.svelte';

const INTERRUPTED: AppError = {
  code: 'INTERRUPTED',
  message: 'The app closed while this answer was streaming.',
  retryable: true,
};

function savedStatus(turn: TurnState): SavedTurn['status'] {
  if (turn.active || turn.interrupted) return 'interrupted';
  return turn.status === 'failed' ? 'failed' : turn.status === 'stopped' ? 'stopped' : 'done';
}

/**
 * What a turn and a repeat-run sample both keep: the answer, how it ended, and its figures. An answer still
 * streaming changes with every delta and is saved when it ends, so it is read untracked: an effect over the
 * document re-runs when the answer starts and ends, not on every frame.
 */
function outcomeOf(turn: TurnState): Omit<SavedSample, 'id'> {
  return turn.active ? untrack(() => readOutcome(turn)) : readOutcome(turn);
}

function readOutcome(turn: TurnState): Omit<SavedSample, 'id'> {
  const asked = turn.asked;
  // Results on their way, or a round that failed or was stopped: the turn is kept as the model left it when it asked
  // (its calls still open and answerable), and the round beside it (saved-round.ts), which main also journals.
  if (asked) {
    const saved: Omit<SavedSample, 'id'> = { status: 'done', text: asked.text, thought: asked.thought, config: toPlain(turn.config), startedAt: turn.startedAt };
    if (asked.interactionId !== undefined) saved.interactionId = asked.interactionId;
    if (asked.finishStatus !== undefined) saved.finishStatus = asked.finishStatus;
    if (asked.metrics) saved.metrics = toPlain(asked.metrics) as SavedTurn['metrics'];
    if (asked.truncatedAt !== undefined) saved.truncatedAt = asked.truncatedAt;
    return saved;
  }
  const saved: Omit<SavedSample, 'id'> = {
    status: savedStatus(turn),
    text: turn.text,
    thought: turn.thought,
    config: toPlain(turn.config),
    startedAt: turn.startedAt,
  };
  if (turn.interactionId !== undefined) saved.interactionId = turn.interactionId;
  if (turn.finishStatus !== undefined) saved.finishStatus = turn.finishStatus;
  if (turn.error) saved.error = toPlain(turn.error);
  if (turn.metrics) saved.metrics = toPlain(turn.metrics) as SavedTurn['metrics'];
  if (turn.truncatedAt !== undefined) saved.truncatedAt = turn.truncatedAt;
  return saved;
}

/** A sample still queued or streaming is saved as "interrupted" with what arrived so far. */
function sampleToSaved(sample: TurnState): SavedSample {
  return { id: sample.id, ...outcomeOf(sample) };
}

/** A turn still streaming is saved as "interrupted" with what arrived so far. */
export function turnToSaved(turn: TurnState): SavedTurn {
  const saved: SavedTurn = {
    id: turn.id,
    input: turn.input.images?.length ? { text: turn.input.text, images: toPlain(turn.input.images) } : { text: turn.input.text },
    ...outcomeOf(turn),
    steps: toPlain([...(askedRound(turn)?.steps ?? turn.steps)]) as SavedTurn['steps'],
  };
  const drafts = draftsToSave(turn);
  if (drafts.length > 0) saved.resultDrafts = drafts;
  if (turn.samples.length > 0) saved.samples = turn.samples.map(sampleToSaved);
  if (turn.example) saved.example = true;
  if (turn.original) saved.original = { ...turn.original };
  if (turn.fillValues) saved.fillValues = { ...turn.fillValues };
  // Not on the server: reopened, the turn must not be chained from (history.ts).
  if ((askedRound(turn) ?? turn).stored === false) saved.stored = false;
  const round = roundToSaved(turn);
  if (round) saved.round = round;
  return saved;
}

/** The round a turn is answering, read untracked like the rest of a streaming answer. */
const askedRound = (turn: TurnState) => (turn.active ? untrack(() => turn.asked) : turn.asked);

/** What the person typed for the calls the saved answer waits for (a failed round's too: it is saved as asking). */
function draftsToSave(turn: TurnState): NonNullable<SavedTurn['resultDrafts']> {
  // A streaming turn's status changes with its first delta: read only once it has ended.
  const asked = askedRound(turn);
  const calls = turn.active || asked ? unansweredCalls(asked?.steps ?? []) : turn.status === 'done' ? turn.pendingCalls : [];
  return calls.flatMap((call) => {
    const draft = turn.drafts[call.id];
    if (!draft) return [];
    return [draft.isError ? { callId: call.id, text: draft.text, isError: true } : { callId: call.id, text: draft.text }];
  });
}

/** The answer, end and figures of a saved turn or sample, onto a fresh TurnState. */
function restoreOutcome(turn: TurnState, saved: SavedSample): void {
  turn.startedAt = saved.startedAt;
  turn.text = saved.text;
  turn.thought = saved.thought;
  turn.interactionId = saved.interactionId;
  turn.finishStatus = saved.finishStatus as InteractionStatus | undefined;
  turn.metrics = saved.metrics as TurnState['metrics'];
  turn.truncatedAt = saved.truncatedAt;
  turn.partial = saved.text !== '' || saved.thought !== '';
  restoreEnd(turn, saved.status, saved.error);
}

/** How an answer (or a round of it) ended, as it was saved. */
function restoreEnd(turn: TurnState, status: SavedTurn['status'], error: AppError | SavedTurn['error']): void {
  if (status === 'done') {
    turn.status = 'done';
    turn.partial = false;
  } else if (status === 'stopped') {
    turn.status = 'stopped';
  } else {
    turn.status = 'failed';
    turn.interrupted = status === 'interrupted';
    turn.error = error ? { ...error, code: error.code as ErrorCode } : INTERRUPTED;
  }
}

function restoreSample(saved: SavedSample, input: TurnState['input'], scheduler: FrameScheduler): TurnState {
  const sample = new TurnState(saved.id, input, saved.config, scheduler);
  restoreOutcome(sample, saved);
  return sample;
}

export function restoreTurn(saved: SavedTurn, scheduler: FrameScheduler, id = saved.id): TurnState {
  const turn = new TurnState(id, saved.input, saved.config, scheduler);
  restoreOutcome(turn, saved);
  turn.steps = saved.steps as Step[];
  for (const d of saved.resultDrafts ?? []) turn.drafts[d.callId] = { text: d.text, isError: d.isError === true };
  turn.samples = (saved.samples ?? []).map((s) => restoreSample(s, turn.input, scheduler));
  turn.example = saved.example === true;
  if (saved.original) turn.original = { ...saved.original };
  if (saved.fillValues) turn.fillValues = { ...saved.fillValues };
  if (saved.stored === false) turn.stored = false;
  if (saved.round) {
    restoreRound(turn, saved.round);
    restoreEnd(turn, saved.round.status, saved.round.error);
    turn.partial = true;
  }
  return turn;
}

export function paneToSaved(pane: PaneState): SavedPane {
  const result = pane.settings.config;
  const saved: SavedPane = {
    id: pane.id,
    // An invalid form is saved with its valid fields, and the invalid ones as typed, so a restart loses nothing.
    config: toPlain(result.ok ? result.config : pane.settings.draft),
    turns: pane.turns.map(turnToSaved),
  };
  if (pane.forks.length > 0) saved.forks = pane.forks.map(forkToSaved);
  if (!result.ok) {
    const typed: NonNullable<SavedPane['typed']> = {};
    for (const key of Object.keys(result.errors) as FieldName[]) {
      const text = pane.settings.fields[key];
      if (typeof text === 'string') typed[key] = text;
    }
    if (Object.keys(typed).length > 0) saved.typed = typed;
  }
  if (pane.label !== undefined) saved.label = pane.label;
  return saved;
}

export function restorePane(saved: SavedPane, scheduler: FrameScheduler): PaneState {
  // A choice typed wrong cannot be: a select holds one of its options. Text fields are restored as typed.
  const pane = new PaneState(saved.id, { ...fieldsFromConfig(saved.config), ...(saved.typed as Partial<PaneFields>) });
  pane.label = saved.label;
  pane.turns = saved.turns.map((t) => restoreTurn(t, scheduler));
  pane.forks = (saved.forks ?? []).map((f) => restoreFork(f, scheduler));
  pane.settingsOpen = pane.turns.length === 0;
  return pane;
}

function forkToSaved(fork: Fork<TurnState>): SavedFork {
  const saved: SavedFork = { position: fork.position, others: fork.others.map((branch) => branch.map(turnToSaved)) };
  if (fork.parentId !== null) saved.parentTurnId = fork.parentId;
  return saved;
}

function restoreFork(saved: SavedFork, scheduler: FrameScheduler): Fork<TurnState> {
  const others = saved.others.map((branch) => branch.map((t) => restoreTurn(t, scheduler)));
  // A file edited by hand may name a place past the end: the followed branch then comes last.
  return { parentId: saved.parentTurnId ?? null, position: Math.min(saved.position, others.length), others };
}
