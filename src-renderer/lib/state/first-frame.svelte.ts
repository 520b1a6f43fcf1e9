// The window's first frame holds what a person needs to start: the toolbar, the sessions, each pane's header and
// conversation, and the prompt box. A pane's settings form is the largest part of the mount (a CPU profile of a
// start put half the mount's script in it), so it is built once that frame is painted, one frame later, and the
// prompt box takes typing that much sooner.
import { afterNextFrame } from '../stream/frame';

export const firstFrame = $state({ painted: false });

/**
 * Runs `then` once the first frame is painted and after the tasks queued while it was drawn (input that came in,
 * messages from main), so what is put off does not go ahead of them: a message posted from the frame's callback
 * runs after its rendering, and a timer set from there after what was already queued.
 */
export function afterFirstPaint(then: () => void): void {
  afterNextFrame(() => setTimeout(then));
}

/** The entry's call once the first frame is up: the settings forms are built. */
export function markFirstFramePainted(): void {
  firstFrame.painted = true;
}
