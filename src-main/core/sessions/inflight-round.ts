// Crash recovery of a round of function results (a request that continues a turn the model asked results of): its
// journal is filed under the turn, and merged into that turn's `round` (src-shared/session.ts SavedRound) rather than
// made a turn of its own. The turn saved beside it is the answer as the model left it when it asked, which only the
// document holds: a round whose turn is not in the document (or has moved on since) is dropped.
import { roundSteps, unansweredCalls } from '../../../src-shared/function-results';
import type { FunctionResultStep, Step } from '../../../src-shared/interactions';
import type { SavedRound, SavedTurn } from '../../../src-shared/session';
import { addMetrics } from '../../../src-shared/turn-metrics';

/** What a round's journal holds (inflight-recovery.ts InflightRecord, with its `round`). */
export interface RoundRecord {
  requestId: string;
  turnId: string;
  text: string;
  thought: string;
  steps: SavedTurn['steps'];
  truncatedAt?: number | undefined;
  round: RoundSent;
  final?:
    | {
        status: 'done' | 'stopped' | 'failed';
        interactionId?: string | undefined;
        finishStatus?: string | undefined;
        error?: SavedTurn['error'];
        metrics?: SavedTurn['metrics'];
      }
    | undefined;
}

/** What a round's request sent: its results, and the attempt it sent them again after (PaneTurnRequest.replaces). */
export interface RoundSent {
  results: SavedRound['results'];
  replaces?: string | undefined;
}

const resultsOf = (round: RoundSent) => round.results as unknown as FunctionResultStep[];

/** The turn still waits for the results this round sent: saved as asking, every one of them answering an open call. */
function asksFor(turn: SavedTurn, results: readonly FunctionResultStep[]): boolean {
  if (turn.status !== 'done' || turn.finishStatus !== 'requires_action') return false;
  const open = new Set(unansweredCalls(turn.steps as Step[]).map((call) => call.id));
  return results.every((result) => open.has(result.call_id));
}

/**
 * Whether `turn`, as saved, no longer needs the round's journal: it holds the round's end (or a later attempt at
 * it), or has moved past it. A turn still asking, without the round, does not: a page that reloaded never knew it.
 */
export function roundSettled(turn: SavedTurn, requestId: string, round: RoundSent): boolean {
  return !stillOut(turn, requestId, round);
}

/**
 * The saved turn still waits for this round: it asks for the calls the round answered, and the round beside it (if
 * any) is this one unfinished, or the attempt this one sent again (a Retry no save holds yet: the newer attempt). The
 * turn is asked first: a round beside it whose request is not named yet (saved before main answered its start) is the
 * next round, not this one, once the turn holds this round's answer.
 */
function stillOut(turn: SavedTurn, requestId: string, round: RoundSent): boolean {
  if (!asksFor(turn, resultsOf(round))) return false;
  const saved = turn.round;
  if (!saved) return true;
  if (saved.requestId !== undefined && saved.requestId !== requestId) return saved.requestId === round.replaces;
  return saved.status === 'interrupted';
}

const joined = (asked: string, round: string) => (asked === '' ? round : round === '' ? asked : `${asked}\n\n${round}`);

/** The turn with the journal's round merged in, or undefined when the document already knows better. */
export function mergeRound(turn: SavedTurn, record: RoundRecord): SavedTurn | undefined {
  const results = resultsOf(record.round);
  const saved = turn.round;
  if (!stillOut(turn, record.requestId, record.round)) return undefined;
  const final = record.final;
  const steps = roundSteps(record.steps as Step[], results) as SavedTurn['steps'];
  if (final?.status === 'done') return completed(turn, record, steps);
  // The same attempt, both prefixes of one stream: keep whichever got further. An earlier attempt's is not this one's.
  const sameAttempt = saved !== undefined && (saved.requestId === undefined || saved.requestId === record.requestId);
  if (!final && sameAttempt && saved.text.length + saved.thought.length > record.text.length + record.thought.length) return undefined;
  const round: SavedRound = { requestId: record.requestId, results: record.round.results, status: final?.status ?? 'interrupted', text: record.text, thought: record.thought, steps };
  if (final?.status === 'failed' && final.error) round.error = final.error;
  return { ...turn, round };
}

/** The round ended with an answer the window never saved: the turn is that answer, as the window would have shown it. */
function completed(turn: SavedTurn, record: RoundRecord, steps: SavedTurn['steps']): SavedTurn {
  const { round: _round, resultDrafts: _drafts, error: _error, ...rest } = turn;
  const final = record.final!;
  const done: SavedTurn = {
    ...rest,
    status: 'done',
    text: joined(turn.text, record.text),
    thought: joined(turn.thought, record.thought),
    steps: [...turn.steps, ...record.round.results, ...steps],
  };
  if (final.interactionId !== undefined) done.interactionId = final.interactionId;
  if (final.finishStatus !== undefined) done.finishStatus = final.finishStatus;
  // The turn's figures over its rounds, as the window adds them: the saved turn holds those of the rounds before.
  if (final.metrics !== undefined) done.metrics = addMetrics(turn.metrics, final.metrics) as SavedTurn['metrics'];
  if (record.truncatedAt !== undefined) done.truncatedAt = record.truncatedAt;
  return done;
}

/** Merges a round's journal into its turn among `turns`; answers whether anything changed. */
export function mergeRoundInto(turns: SavedTurn[] | undefined, record: RoundRecord): boolean {
  const at = turns?.findIndex((t) => t.id === record.turnId) ?? -1;
  if (!turns || at < 0) return false;
  const merged = mergeRound(turns[at]!, record);
  if (merged) turns[at] = merged;
  return merged !== undefined;
}
