// Following the newest text: a conversation stays at the bottom while an answer streams — through content
// growth, window resizes and reflow — until the person scrolls up; scrolling back to the bottom, or pin(),
// follows again.
//
// Only the person lets go: a wheel, touch or key moving the view up, a drag of the scrollbar, synchronised
// scrolling carrying another pane's scroll here, or the view moving up while its sizes stayed the same (find in
// page, focus moving to an earlier turn). A scroll that layout causes — content growing, the pane resized,
// text reflowing, the browser clamping scrollTop — never does. Judging by position alone cannot tell the two
// apart: a window made shorter leaves the view short of the bottom without anyone scrolling.

import { afterNextFrame } from './stream/frame';

/** Within this many pixels of the end counts as the bottom: a fractional scrollTop, a last line half in view. */
export const BOTTOM_SLACK_PX = 24;
/**
 * After a wheel, touch or key moving up, this long counts as the same gesture: the browser animates such a
 * scroll, and its first frames, still near the bottom, must not pin again.
 */
export const UP_GESTURE_MS = 400;

export interface ScrollGeometry {
  top: number;
  scrollHeight: number;
  clientHeight: number;
}

export function isAtBottom(g: ScrollGeometry): boolean {
  return g.scrollHeight - g.clientHeight - g.top <= BOTTOM_SLACK_PX;
}

/** Keys that scroll a focused scroller up (the browser's defaults); Space alone scrolls down. */
export function keyScrollsUp(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
  return event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'Home' || (event.key === ' ' && event.shiftKey);
}

function keyScrollsDown(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
  return event.key === 'ArrowDown' || event.key === 'PageDown' || event.key === 'End' || (event.key === ' ' && !event.shiftKey);
}

/** Where keys type or choose instead of scrolling. */
function editable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

export interface FollowHooks {
  /** The pin was set or let go: the "↓ latest" button shows while it is let go. */
  onPinnedChange?(pinned: boolean): void;
  /** Called before this module moves the view to `top` itself, so synchronised scrolling does not mirror it. */
  onAppScroll?(top: number): void;
  /** Calls `changed` once soon after it starts, as a ResizeObserver first reports every element, then after any of `elements` changes size; a ResizeObserver unless a test brings its own. */
  observeSizes?(elements: readonly Element[], changed: () => void): () => void;
  /** Runs `callback` once the coming frame has been rendered (default: a message posted from its frame callback). */
  afterFrame?(callback: () => void): void;
  now?(): number;
}

function resizeObserver(elements: readonly Element[], changed: () => void): () => void {
  // Layout is clean in a ResizeObserver callback, so the reads that follow cost nothing extra.
  const observer = new ResizeObserver(changed);
  for (const element of elements) observer.observe(element);
  return () => observer.disconnect();
}

export class BottomFollower {
  readonly #scroller: HTMLElement;
  readonly #hooks: FollowHooks;
  readonly #now: () => number;
  #pinned = true;
  /** The view as last seen or set here: a later scroll is compared with it. */
  #last: ScrollGeometry;
  /** Until then, a scroll is still the person's upward gesture. */
  #upUntil = -Infinity;
  #draggingScrollbar = false;
  #touchY: number | undefined;
  /** The size observer has reported once: the page has been laid out with this view in it. */
  #reported = false;
  /** pin('after-layout') waits for the next size report to go to the end. */
  #stickAfterLayout = false;
  readonly #cleanup: (() => void)[] = [];

  constructor(scroller: HTMLElement, content: Element, hooks: FollowHooks = {}) {
    this.#scroller = scroller;
    this.#hooks = hooks;
    this.#now = hooks.now ?? (() => performance.now());
    // Nothing is read from the page yet: mid-mount a read would lay out the half-built window. The observer's
    // first report (every observed element is reported once, after the frame's layout and before its paint)
    // sticks the view to the bottom and records where it is.
    this.#last = { top: 0, scrollHeight: 0, clientHeight: 0 };
    const view = scroller.ownerDocument.defaultView ?? window;
    this.#listen(scroller, 'scroll', () => this.#scrolled());
    this.#listen(scroller, 'wheel', (e) => this.#wheel(e as WheelEvent));
    this.#listen(scroller, 'keydown', (e) => this.#key(e as KeyboardEvent));
    this.#listen(scroller, 'touchstart', (e) => (this.#touchY = (e as TouchEvent).touches[0]?.clientY));
    this.#listen(scroller, 'touchmove', (e) => this.#touchMove(e as TouchEvent));
    this.#listen(scroller, 'pointerdown', (e) => this.#pointerDown(e as PointerEvent));
    for (const type of ['pointerup', 'pointercancel']) this.#listen(view, type, () => (this.#draggingScrollbar = false));
    this.#applyAnchoring();
    this.#cleanup.push((hooks.observeSizes ?? resizeObserver)([scroller, content], () => this.#resized()));
  }

  get pinned(): boolean {
    return this.#pinned;
  }

  /**
   * Follow the newest text again, from the bottom: the "↓ latest" button goes at once. A new turn is content
   * about to grow (`'after-layout'`): the size observer's report of it goes to the end after the frame's own
   * layout, where reading sizes costs nothing; read now, each pane's view would lay out the window once more
   * inside the send. Should no report come (nothing changed size), the end is reached once the frame is drawn.
   */
  pin(when: 'now' | 'after-layout' = 'now'): void {
    this.#upUntil = -Infinity;
    this.#setPinned(true);
    // Before the first report (a view just mounted) that report sticks it; reading now would force a layout.
    if (!this.#reported) return;
    if (when === 'now') return this.#stick();
    if (this.#stickAfterLayout) return;
    this.#stickAfterLayout = true;
    (this.#hooks.afterFrame ?? afterNextFrame)(() => {
      if (this.#stickAfterLayout && this.#pinned) this.#stick();
      this.#stickAfterLayout = false;
    });
  }

  /** Synchronised scrolling moved this view with the person's scroll of another pane: follow only if that left it at the bottom. */
  movedWithOthers(): void {
    this.#last = this.#geometry();
    this.#setPinned(isAtBottom(this.#last));
  }

  dispose(): void {
    this.#stickAfterLayout = false;
    for (const undo of this.#cleanup.splice(0)) undo();
  }

  #listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
    target.addEventListener(type, handler, { passive: true });
    this.#cleanup.push(() => target.removeEventListener(type, handler));
  }

  #geometry(): ScrollGeometry {
    const { scrollTop: top, scrollHeight, clientHeight } = this.#scroller;
    return { top, scrollHeight, clientHeight };
  }

  #resized(): void {
    this.#reported = true;
    this.#stickAfterLayout = false;
    if (this.#pinned) this.#stick();
    else this.#last = this.#geometry();
  }

  #scrolled(): void {
    // Scroll events are sent early in a frame, before its animation-frame callbacks and its layout: when text
    // changed since the last frame, these reads lay it out a little sooner, not a second time.
    const now = this.#geometry();
    const last = this.#last;
    this.#last = now;
    if (isAtBottom(now)) {
      if (this.#now() >= this.#upUntil) this.#setPinned(true);
      return;
    }
    if (this.#draggingScrollbar && now.top < last.top) return this.#setPinned(false);
    const sameLayout = now.scrollHeight === last.scrollHeight && now.clientHeight === last.clientHeight;
    if (sameLayout && now.top < last.top - 1) return this.#setPinned(false);
    // Layout moved the view (or a scroll down stopped short of the end): the pin holds.
    if (this.#pinned) this.#stick();
  }

  #wheel(event: WheelEvent): void {
    if (event.ctrlKey || event.deltaY === 0) return; // Ctrl+wheel zooms; a sideways wheel scrolls code blocks
    if (event.deltaY > 0) {
      this.#upUntil = -Infinity;
      return;
    }
    if (this.#innerScrollerTakes(event.target)) return;
    this.#personMovesUp();
  }

  #key(event: KeyboardEvent): void {
    if (event.defaultPrevented || editable(event.target)) return;
    if (keyScrollsDown(event)) this.#upUntil = -Infinity;
    else if (keyScrollsUp(event)) this.#personMovesUp();
  }

  #touchMove(event: TouchEvent): void {
    const y = event.touches[0]?.clientY;
    if (y === undefined || this.#touchY === undefined) return;
    const dy = y - this.#touchY;
    this.#touchY = y;
    // A finger moving down drags the text down: the view moves up.
    if (dy > 0) this.#personMovesUp();
    else if (dy < 0) this.#upUntil = -Infinity;
  }

  #pointerDown(event: PointerEvent): void {
    // The scrollbar is the scroller's own box beyond its client width; the text inside is a child.
    this.#draggingScrollbar = event.target === this.#scroller && event.offsetX >= this.#scroller.clientWidth;
  }

  #personMovesUp(): void {
    if (this.#scroller.scrollTop <= 0) return;
    this.#upUntil = this.#now() + UP_GESTURE_MS;
    this.#setPinned(false);
  }

  /** A nested scroller (a raw JSON view, say) that can itself go up takes the wheel first. */
  #innerScrollerTakes(target: EventTarget | null): boolean {
    for (let el = target instanceof Element ? target : null; el && el !== this.#scroller; el = el.parentElement) {
      if (el.scrollTop > 0) return true;
    }
    return false;
  }

  #stick(): void {
    const { scrollHeight, clientHeight } = this.#scroller;
    const top = Math.max(0, scrollHeight - clientHeight);
    if (Math.abs(this.#scroller.scrollTop - top) >= 1) {
      this.#hooks.onAppScroll?.(top);
      this.#scroller.scrollTop = top;
    }
    this.#last = { top, scrollHeight, clientHeight };
  }

  #setPinned(pinned: boolean): void {
    if (pinned === this.#pinned) return;
    this.#pinned = pinned;
    this.#applyAnchoring();
    this.#hooks.onPinnedChange?.(pinned);
  }

  /**
   * While pinned, the browser's scroll anchoring is off: it would move the view up when text above the
   * anchor shrinks (a collapsing thought, a reflow) with no size change to tell us. Once let go, it keeps the
   * person's place while the pane reflows.
   */
  #applyAnchoring(): void {
    this.#scroller.style.overflowAnchor = this.#pinned ? 'none' : '';
  }
}
