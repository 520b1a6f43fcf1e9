// Panes and turns ⇄ the saved-session document shape (src-shared/session.ts), for persistence and duplication.
import type { AppError, ErrorCode } from '../../../src-shared/domain';
import type { InteractionStatus, Step } from '../../../src-shared/interactions';
import type { SavedPane, SavedTurn } from '../../../src-shared/session';
import { toPlain } from '../api';
import { fieldsFromConfig } from './config';
import type { FrameScheduler } from './frame';
import { PaneState } from './pane.svelte';
import { TurnState } from './turn.svelte';

const INTERRUPTED: AppError = {
  code: 'INTERRUPTED',
  message: 'The app closed while this answer was streaming.',
  retryable: true,
};

/** A turn still streaming is saved as "interrupted" with what arrived so far. */
export function turnToSaved(turn: TurnState): SavedTurn {
  const saved: SavedTurn = {
    id: turn.id,
    input: turn.input.images?.length ? { text: turn.input.text, images: toPlain(turn.input.images) } : { text: turn.input.text },
    config: toPlain(turn.config),
    status:
      turn.active || turn.interrupted
        ? 'interrupted'
        : turn.status === 'failed' ? 'failed' : turn.status === 'stopped' ? 'stopped' : 'done',
    text: turn.text,
    thought: turn.thought,
    steps: toPlain([...turn.steps]) as SavedTurn['steps'],
    startedAt: turn.startedAt,
  };
  if (turn.interactionId !== undefined) saved.interactionId = turn.interactionId;
  if (turn.finishStatus !== undefined) saved.finishStatus = turn.finishStatus;
  if (turn.error) saved.error = toPlain(turn.error);
  if (turn.metrics) saved.metrics = toPlain(turn.metrics) as SavedTurn['metrics'];
  return saved;
}

export function restoreTurn(saved: SavedTurn, scheduler: FrameScheduler, id = saved.id): TurnState {
  const turn = new TurnState(id, saved.input, saved.config, scheduler);
  turn.startedAt = saved.startedAt;
  turn.text = saved.text;
  turn.thought = saved.thought;
  turn.steps = saved.steps as Step[];
  turn.interactionId = saved.interactionId;
  turn.finishStatus = saved.finishStatus as InteractionStatus | undefined;
  turn.metrics = saved.metrics as TurnState['metrics'];
  turn.partial = saved.text !== '' || saved.thought !== '';
  if (saved.status === 'done') {
    turn.status = 'done';
    turn.partial = false;
  } else if (saved.status === 'stopped') {
    turn.status = 'stopped';
  } else {
    turn.status = 'failed';
    turn.interrupted = saved.status === 'interrupted';
    turn.error = saved.error ? { ...saved.error, code: saved.error.code as ErrorCode } : INTERRUPTED;
  }
  return turn;
}

export function paneToSaved(pane: PaneState): SavedPane {
  const result = pane.settings.config;
  const saved: SavedPane = {
    id: pane.id,
    // An invalid form is saved with its valid fields; the typed text itself is not part of the document.
    config: toPlain(result.ok ? result.config : pane.settings.draft),
    turns: pane.turns.map(turnToSaved),
  };
  if (pane.label !== undefined) saved.label = pane.label;
  return saved;
}

export function restorePane(saved: SavedPane, scheduler: FrameScheduler): PaneState {
  const pane = new PaneState(saved.id, fieldsFromConfig(saved.config));
  pane.label = saved.label;
  pane.turns = saved.turns.map((t) => restoreTurn(t, scheduler));
  pane.settingsOpen = pane.turns.length === 0;
  return pane;
}
