// Whether a scroller hides content above or below its view, for a shade drawn at that edge: Chromium's overlay
// scrollbars show nothing until the person scrolls, so a panel cut mid-field looks like all there is.

import type { Attachment } from 'svelte/attachments';
import { watchScrollAndSize } from '../scroll-watch';

/** Hidden content closer to the edge than this is a fractional scrollTop, not something to scroll to. */
const SLACK_PX = 2;

export class ScrollEdges {
  above = $state(false);
  below = $state(false);

  /** Its content is watched too: a fold opening inside grows only the content once the panel is at its full height. */
  readonly attach: Attachment<HTMLElement> = (scroller) =>
    watchScrollAndSize(scroller, () => {
      const { scrollTop, scrollHeight, clientHeight } = scroller;
      this.above = scrollTop > SLACK_PX;
      this.below = scrollHeight - clientHeight - scrollTop > SLACK_PX;
    });
}
