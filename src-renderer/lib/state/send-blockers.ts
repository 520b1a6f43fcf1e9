// What keeps a send from starting: files still being added, panes still answering or waiting for function
// results, more files than a turn takes, settings to fix. Checked before anything is sent, so a refused send loses
// nothing typed.
import { MAX_BRANCHES, MAX_IMAGES_PER_TURN } from '../../../src-shared/limits';
import type { ComposerState } from './composer.svelte';
import type { PaneState } from './pane.svelte';
import type { Workspace } from './workspace.svelte';

/** Why these panes cannot take a new turn now, or undefined. Invalid panes open their settings. */
export function whyNotSend(panes: readonly PaneState[], composer: ComposerState, workspace: Workspace): string | undefined {
  if (composer.attachments.pending) {
    // Named: a PDF or a clip is as likely as an image, and the person sees which one the strip still shows as adding.
    const adding = composer.attachments.items.filter((a) => a.ref === undefined);
    const which = adding.length === 1 ? `“${adding[0]!.name}” is` : `${adding.length} files are`;
    return `${which} still being added; send again in a moment.`;
  }
  const names = (list: readonly PaneState[]) => workspace.names(list);
  const busy = panes.filter((p) => p.busy);
  if (busy.length > 0) return `${names(busy)} ${busy.length === 1 ? 'is' : 'are'} still answering. Stop or wait, then send.`;
  // The model waits for function results: a new prompt before them is refused by the API, wherever in the history
  // the turn that asked is (a session saved with an example after it).
  const editing = composer.editing;
  const kept = (p: PaneState) => (p.lastTurn && editing?.get(p.id) === p.lastTurn.id ? p.turns.slice(0, -1) : p.turns);
  const asking = panes.filter((p) => p.lastTurn && kept(p).at(-1) === p.lastTurn && p.lastTurn.pendingCalls.length > 0);
  if (asking.length > 0) return `${names(asking)} ${asking.length === 1 ? 'waits' : 'wait'} for function results: send them first, or edit the last prompt.`;
  for (const pane of panes) {
    const at = kept(pane).findIndex((t) => t.pendingCalls.length > 0);
    if (at >= 0) return `${names([pane])}: turn ${at + 1} waits for function results. Remove the examples after it and send them, or edit its prompt.`;
  }
  // An edited last prompt forks there; one more branch than a session file holds would make every later save fail.
  const full = panes.filter((p) => p.lastTurn && editing?.get(p.id) === p.lastTurn.id && (p.branchAt(p.turns.length - 1)?.count ?? 1) > MAX_BRANCHES);
  if (full.length > 0) return `${names(full)}: the last prompt already has ${MAX_BRANCHES + 1} versions, the most a session keeps. Cancel the edit and send it as a new turn.`;
  // Main refuses a turn with more files; refused after another group of panes had started, it would split the send.
  const fileCounts = panes.map((p) => composer.attachments.imagesFor(p.id).length);
  const crowded = panes.filter((_, i) => fileCounts[i]! > MAX_IMAGES_PER_TURN);
  if (crowded.length > 0) {
    const counts = fileCounts.filter((n) => n > MAX_IMAGES_PER_TURN);
    const most = `${new Set(counts).size > 1 ? 'up to ' : ''}${Math.max(...counts)}`;
    return `${names(crowded)}: ${most} files attached; a turn takes at most ${MAX_IMAGES_PER_TURN}. Remove some to send.`;
  }
  const invalid = panes.filter((p) => !p.settings.valid);
  if (invalid.length === 0) return undefined;
  for (const pane of invalid) pane.revealErrors();
  const firstError = Object.values(invalid[0]!.settings.errors)[0];
  return invalid.length === 1
    ? `${names(invalid)}: ${firstError} — fix it in the pane’s settings to send.`
    : `Fix the highlighted settings in ${names(invalid)} to send.`;
}
