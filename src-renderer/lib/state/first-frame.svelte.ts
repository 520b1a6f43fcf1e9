// The window's first frame holds what a person needs to start: the toolbar, the sessions, each pane's header and
// conversation, and the prompt box. A pane's settings form is the largest part of the mount (a CPU profile of a
// start put half the mount's script in it), so it is built in the task after that frame is painted, one frame
// later, and the prompt box takes typing that much sooner.
export const firstFrame = $state({ painted: false });

/** Called once by the entry, from a task queued in the first animation frame (that is, after its paint). */
export function markFirstFramePainted(): void {
  firstFrame.painted = true;
}
