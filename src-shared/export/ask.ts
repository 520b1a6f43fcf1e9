// One create call as the SDK program writer sees it (Ask), where its conversation is written (Replay), and how
// its answer is printed: the streamed text, the last step's text (JSON indented), or its images saved to files.
import type { CodeWriter } from './code-writer';
import type { Dialect, Needs } from './dialect';
import type { Members } from './function-rounds';
import type { Part } from './plan';
import type { Node } from './syntax';

/** One create call of a conversation, as the writer needs it: its prompt, whether it streams, its members. */
export interface Ask {
  number: number;
  parts: readonly Part[];
  stream: boolean;
  /**
   * The request, given its input and (from the second turn) the variable holding the previous answer;
   * `continuing`: the request answering that interaction's function calls (chained to it in a server history).
   */
  members: Members;
  /** The expression holding the mocks that answer the function calls (Call.mocks); absent: no function loop. */
  mocks?: string;
  /** The answer is JSON: printed parsed and indented (unless streamed). */
  json: boolean;
  /** The answer's images are written to files (Call.images). */
  images?: { extension: string } | undefined;
  /** An answer written by hand: not asked, appended to the history as the model's (PlannedTurn.given). */
  given?: string;
  /** The model's steps before it (PlannedTurn.givenSteps). */
  givenSteps?: readonly unknown[];
}

/** Where a conversation is written: as the guide's own samples, or as one pane's among a comparison's. */
export interface Replay {
  /** In a comparison: a streamed answer ends its line before the next label, and the last prompt answers `runs` times. */
  compared: boolean;
  runs: number;
  /** The input of a single-turn comparison: the prompt declared once before the loop. */
  input?: Node;
}

export const STANDALONE: Replay = { compared: false, runs: 1 };

/**
 * `numbered`: "Response N:" first, as the guide's stateless samples (and JS's chained ones) print. `needs` learns
 * what the printing uses (JSON, image files), so the script imports it.
 */
export function printAnswer(w: CodeWriter, d: Dialect, needs: Needs, name: string, ask: Ask, numbered: boolean, replay: Replay): void {
  if (ask.images) {
    needs.images = true;
    d.saveImages(w, name, ask.images.extension);
  } else if (ask.stream) {
    streamText(w, d, name);
    // In a comparison the next label needs a line of its own.
    if (replay.compared) w.line(d.print());
  } else {
    const text = ask.json ? d.prettyJson(d.lastStepText(name)) : d.lastStepText(name);
    if (ask.json) needs.json = true;
    w.line(numbered ? d.print(d.syntax.string(`Response ${ask.number}:`), text) : d.print(text));
  }
}

function streamText(w: CodeWriter, d: Dialect, stream: string): void {
  const loops = [d.forEachEvent('event', stream), d.ifEquals('event.event_type', 'step.delta'), d.ifEquals('event.delta.type', 'text')];
  w.nest(loops, () => w.line(d.write('event.delta.text')));
}
