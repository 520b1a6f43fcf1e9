// @vitest-environment jsdom
// Following the newest text: layout never lets go of the bottom, the person's upward scroll does.
import { afterEach, describe, expect, it } from 'vitest';
import { BOTTOM_SLACK_PX, BottomFollower, UP_GESTURE_MS, isAtBottom, keyScrollsUp } from './auto-scroll';

/**
 * A scroller with the geometry a layout engine would give it (jsdom has none): `contentHeight` and
 * `clientHeight` are set by the test, `scrollTop` is clamped as the browser clamps it. As in a browser, a
 * scroll event is not sent synchronously: the test sends it with `browserScrollEvent()` where one would come.
 */
function setup(options: { contentHeight?: number; clientHeight?: number } = {}) {
  let contentHeight = options.contentHeight ?? 2_000;
  let clientHeight = options.clientHeight ?? 500;
  let top = 0;
  let clock = 1_000;
  const scroller = document.createElement('div');
  const content = document.createElement('div');
  const nested = document.createElement('pre');
  content.append(nested);
  scroller.append(content);
  document.body.append(scroller);
  const max = () => Math.max(0, contentHeight - clientHeight);
  Object.defineProperties(scroller, {
    scrollHeight: { get: () => Math.max(contentHeight, clientHeight) },
    clientHeight: { get: () => clientHeight },
    clientWidth: { get: () => 300 },
    scrollTop: {
      get: () => top,
      set: (value: number) => (top = Math.min(max(), Math.max(0, value))),
    },
  });
  let sizesChanged: (() => void) | undefined;
  const observed: Element[] = [];
  const pinnedChanges: boolean[] = [];
  const appScrolls: number[] = [];
  const follower = new BottomFollower(scroller, content, {
    onPinnedChange: (pinned) => pinnedChanges.push(pinned),
    onAppScroll: (at) => appScrolls.push(at),
    observeSizes: (elements, changed) => {
      observed.push(...elements);
      sizesChanged = changed;
      // As a ResizeObserver does, a first report of every element's size.
      changed();
      return () => (sizesChanged = undefined);
    },
    now: () => clock,
  });
  cleanups.push(() => follower.dispose());
  const browserScrollEvent = () => scroller.dispatchEvent(new Event('scroll'));
  return {
    scroller,
    nested,
    follower,
    observed,
    pinnedChanges,
    appScrolls,
    top: () => top,
    distanceFromBottom: () => max() - top,
    tick: (ms: number) => (clock += ms),
    browserScrollEvent,
    /**
     * Streamed text makes the content taller. A scroll event from before this frame's layout sees the new
     * size before the ResizeObserver reports it: `grow(px, false)` then `layout()`.
     */
    grow(px: number, observe = true) {
      contentHeight += px;
      if (observe) sizesChanged?.();
    },
    layout: () => sizesChanged?.(),
    /** The window (so the pane) changes height: the browser clamps scrollTop, reports sizes, then the scroll. */
    resize(height: number, reflowedContent = contentHeight) {
      const before = top;
      clientHeight = height;
      contentHeight = reflowedContent;
      top = Math.min(top, max());
      sizesChanged?.();
      if (top !== before) browserScrollEvent();
    },
    /** Something moves the view (a person, find in page, focus) and the browser reports it. */
    scrollTo(at: number) {
      top = Math.min(max(), Math.max(0, at));
      browserScrollEvent();
    },
    wheel(deltaY: number, target: Element = content, init: WheelEventInit = {}) {
      target.dispatchEvent(new WheelEvent('wheel', { deltaY, bubbles: true, ...init }));
    },
    key(key: string, target: Element = scroller, init: KeyboardEventInit = {}) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
    },
    touch(type: 'touchstart' | 'touchmove', clientY: number) {
      const event = new Event(type, { bubbles: true });
      Object.defineProperty(event, 'touches', { value: [{ clientY }] });
      content.dispatchEvent(event);
    },
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanups.splice(0)) undo();
  document.body.replaceChildren();
});

describe('the bottom', () => {
  it('is the end of the content, within a little slack', () => {
    expect(isAtBottom({ top: 1_500, scrollHeight: 2_000, clientHeight: 500 })).toBe(true);
    expect(isAtBottom({ top: 1_500 - BOTTOM_SLACK_PX, scrollHeight: 2_000, clientHeight: 500 })).toBe(true);
    expect(isAtBottom({ top: 1_500 - BOTTOM_SLACK_PX - 1, scrollHeight: 2_000, clientHeight: 500 })).toBe(false);
  });

  it('is reached going up only by the keys that scroll up', () => {
    expect(['ArrowUp', 'PageUp', 'Home'].map((key) => keyScrollsUp({ key, shiftKey: false }))).toEqual([true, true, true]);
    expect(keyScrollsUp({ key: ' ', shiftKey: true })).toBe(true);
    expect(keyScrollsUp({ key: ' ', shiftKey: false })).toBe(false);
    expect(keyScrollsUp({ key: 'ArrowDown', shiftKey: false })).toBe(false);
  });
});

describe('following the newest text', () => {
  it('starts at the bottom and watches the scroller and its content', () => {
    const s = setup();
    expect(s.follower.pinned).toBe(true);
    expect(s.top()).toBe(1_500);
    expect(s.appScrolls).toEqual([1_500]);
    expect(s.observed).toEqual([s.scroller, s.scroller.firstElementChild]);
  });

  it('reads nothing of the page until the observer first reports: mid-mount a read would lay out the window', () => {
    const scroller = document.createElement('div');
    const content = scroller.appendChild(document.createElement('div'));
    const reads: string[] = [];
    let top = 0;
    Object.defineProperties(scroller, {
      scrollHeight: { get: () => (reads.push('scrollHeight'), 2_000) },
      clientHeight: { get: () => (reads.push('clientHeight'), 500) },
      scrollTop: { get: () => (reads.push('scrollTop'), top), set: (value: number) => (top = value) },
    });
    let report = () => {};
    const follower = new BottomFollower(scroller, content, { observeSizes: (_, changed) => ((report = changed), () => {}) });
    cleanups.push(() => follower.dispose());
    // The view's first effects pin it (a new turn does too) before the window has been laid out.
    follower.pin();
    expect(reads).toEqual([]);
    report();
    expect(top).toBe(1_500);
  });

  it('stays at the bottom as the answer grows', () => {
    const s = setup();
    for (let i = 0; i < 5; i++) s.grow(300);
    expect(s.distanceFromBottom()).toBe(0);
    expect(s.appScrolls.at(-1)).toBe(s.top());
  });

  it('stays at the bottom through resizes mid-stream: shorter, taller, reflowed narrower and wider', () => {
    const s = setup();
    s.grow(200);
    s.resize(300); // shorter window: the view ends 200 px above the end without anyone scrolling
    s.grow(200);
    s.resize(700, 3_100); // taller and wider: the content reflows shorter, the browser clamps
    s.grow(200);
    s.resize(400, 4_000); // narrower: the content reflows taller
    s.grow(200);
    expect(s.follower.pinned).toBe(true);
    expect(s.distanceFromBottom()).toBe(0);
    expect(s.pinnedChanges).toEqual([]);
  });

  it('holds the pin when a scroll comes from layout, even one that leaves the view short of the end', () => {
    const s = setup();
    s.grow(400); // pinned: the view follows, to 1,900
    s.grow(-300, false); // a placeholder goes: the browser clamps the view to 1,600…
    s.grow(200, false); // …and more text arrives before the scroll event is sent
    s.scrollTo(1_600);
    expect(s.follower.pinned).toBe(true);
    expect(s.distanceFromBottom()).toBe(0);
  });

  it('lets go when the view moves up while nothing changed size: find in page, focus on an earlier turn', () => {
    const s = setup();
    s.scrollTo(900);
    expect(s.follower.pinned).toBe(false);
    expect(s.pinnedChanges).toEqual([false]);
    s.grow(600);
    expect(s.top()).toBe(900);
  });

  it('turns off scroll anchoring while pinned and back on once let go', () => {
    const s = setup();
    expect(s.scroller.style.overflowAnchor).toBe('none');
    s.scrollTo(100);
    expect(s.scroller.style.overflowAnchor).toBe('');
  });
});

describe('the person scrolling up', () => {
  it('lets go at the first wheel step up, before the browser has moved the view, and stays where they are', () => {
    const s = setup();
    s.wheel(-100);
    expect(s.follower.pinned).toBe(false);
    s.grow(500); // text streams on below
    s.scrollTo(1_400); // the wheel's scroll arrives late, after layout changed
    s.grow(500);
    expect(s.top()).toBe(1_400);
    expect(s.pinnedChanges).toEqual([false]);
  });

  it('is not undone by the first frames of the animated scroll, still near the end', () => {
    const s = setup();
    s.wheel(-100);
    s.scrollTo(1_500 - 5);
    expect(s.follower.pinned).toBe(false);
    s.tick(UP_GESTURE_MS);
    s.scrollTo(1_500); // later, the person comes back to the end
    expect(s.follower.pinned).toBe(true);
  });

  it('is pinned again by scrolling back down to the end, at once after a wheel down', () => {
    const s = setup();
    s.wheel(-100);
    s.scrollTo(1_000);
    s.wheel(100);
    s.scrollTo(1_500 - BOTTOM_SLACK_PX);
    expect(s.follower.pinned).toBe(true);
    s.grow(300);
    expect(s.distanceFromBottom()).toBe(0);
    expect(s.pinnedChanges).toEqual([false, true]);
  });

  it('ignores a wheel up when there is nothing above, a sideways wheel and Ctrl+wheel (zoom)', () => {
    const s = setup({ contentHeight: 300 }); // everything fits: scrollTop is 0
    s.wheel(-100);
    expect(s.follower.pinned).toBe(true);
    const t = setup();
    t.wheel(0, undefined, { deltaX: -100 });
    t.wheel(-100, undefined, { ctrlKey: true });
    expect(t.follower.pinned).toBe(true);
  });

  it('leaves a wheel to a nested scroller that can still go up itself', () => {
    const s = setup();
    Object.defineProperty(s.nested, 'scrollTop', { value: 40 });
    s.wheel(-100, s.nested);
    expect(s.follower.pinned).toBe(true);
  });

  it('lets go on keys that scroll up, but not while typing in a field', () => {
    const s = setup();
    const field = document.createElement('textarea');
    s.scroller.firstElementChild!.append(field);
    s.key('ArrowUp', field);
    expect(s.follower.pinned).toBe(true);
    s.key('PageUp', s.scroller, { cancelable: true });
    expect(s.pinnedChanges).toEqual([false]);
    const t = setup();
    t.key('Home');
    expect(t.follower.pinned).toBe(false);
  });

  it('ignores a key whose default another handler prevented', () => {
    const s = setup();
    s.scroller.firstElementChild!.addEventListener('keydown', (e) => e.preventDefault());
    s.key('PageUp', s.scroller.firstElementChild!, { cancelable: true });
    expect(s.follower.pinned).toBe(true);
  });

  it('lets go when a finger drags the text down, not up', () => {
    const s = setup();
    s.touch('touchstart', 200);
    s.touch('touchmove', 150);
    expect(s.follower.pinned).toBe(true);
    s.touch('touchmove', 220);
    expect(s.follower.pinned).toBe(false);
  });

  it('follows a drag of the scrollbar even while the text grows under it', () => {
    const s = setup();
    // jsdom has no offsetX: the pointer is on the scrollbar, beyond the client width.
    const down = new PointerEvent('pointerdown', { bubbles: true });
    Object.defineProperty(down, 'offsetX', { value: 305 });
    s.scroller.dispatchEvent(down);
    s.grow(100, false); // sizes changed, so only the drag tells the person from layout
    s.scrollTo(800);
    expect(s.follower.pinned).toBe(false);
    s.scrollTo(10_000);
    expect(s.follower.pinned).toBe(true);
    window.dispatchEvent(new PointerEvent('pointerup'));
    s.grow(100, false);
    s.scrollTo(700); // after the drag, a scroll with changed sizes is layout again
    expect(s.follower.pinned).toBe(true);
  });

  it('does not take a click in the text for a scrollbar drag', () => {
    const s = setup();
    const down = new PointerEvent('pointerdown', { bubbles: true });
    Object.defineProperty(down, 'offsetX', { value: 20 });
    s.scroller.firstElementChild!.dispatchEvent(down);
    s.grow(100, false);
    s.scrollTo(800);
    expect(s.follower.pinned).toBe(true);
  });
});

describe('pinning again', () => {
  it('pin() goes to the end and follows again (the "↓ latest" button, a new turn)', () => {
    const s = setup();
    s.wheel(-100);
    s.scrollTo(200);
    s.grow(400);
    s.follower.pin();
    expect(s.follower.pinned).toBe(true);
    expect(s.distanceFromBottom()).toBe(0);
    s.grow(100, false);
    s.browserScrollEvent(); // the app's own scroll, reported after more text came: still pinned, and follows
    expect(s.distanceFromBottom()).toBe(0);
    expect(s.pinnedChanges).toEqual([false, true]);
  });

  it("pin('after-layout') (a new turn) reads nothing then, and goes to the end at the size report of the growth", () => {
    const scroller = document.createElement('div');
    const content = scroller.appendChild(document.createElement('div'));
    const reads: string[] = [];
    let top = 0;
    let height = 2_000;
    Object.defineProperties(scroller, {
      scrollHeight: { get: () => (reads.push('scrollHeight'), height) },
      clientHeight: { get: () => (reads.push('clientHeight'), 500) },
      scrollTop: { get: () => (reads.push('scrollTop'), top), set: (value: number) => (top = value) },
    });
    let report = () => {};
    const frames: (() => void)[] = [];
    const follower = new BottomFollower(scroller, content, {
      observeSizes: (_, changed) => ((report = changed), () => {}),
      afterFrame: (callback) => frames.push(callback),
    });
    cleanups.push(() => follower.dispose());
    report();
    expect(top).toBe(1_500);
    top = 300; // the person had read further up
    reads.length = 0;

    follower.pin('after-layout');
    expect(reads).toEqual([]);
    expect(follower.pinned).toBe(true);
    height = 2_600;
    report();
    expect(top).toBe(2_100);
    // The frame's check finds the report came: nothing more is read.
    reads.length = 0;
    frames.splice(0).forEach((run) => run());
    expect(reads).toEqual([]);
  });

  it("pin('after-layout') still reaches the end once the frame is drawn when nothing changed size", () => {
    const s = setup();
    const frames: (() => void)[] = [];
    const follower = new BottomFollower(s.scroller, s.scroller.firstElementChild!, {
      observeSizes: (_, changed) => (changed(), () => {}),
      afterFrame: (callback) => frames.push(callback),
    });
    cleanups.push(() => follower.dispose());
    s.scroller.scrollTop = 200;
    follower.pin('after-layout');
    follower.pin('after-layout'); // a second new turn in the same frame asks nothing more
    expect(s.top()).toBe(200);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(s.distanceFromBottom()).toBe(0);
  });

  it('pin() right after a wheel up is not undone by the rest of that gesture', () => {
    const s = setup();
    s.wheel(-100);
    s.follower.pin();
    s.scrollTo(1_500);
    expect(s.follower.pinned).toBe(true);
  });

  it('movedWithOthers: synchronised scrolling lets go here unless it left this view at the end', () => {
    const s = setup();
    s.scroller.scrollTop = 300;
    s.follower.movedWithOthers();
    expect(s.follower.pinned).toBe(false);
    s.scroller.scrollTop = 1_500;
    s.follower.movedWithOthers();
    expect(s.follower.pinned).toBe(true);
  });

  it('tells synchronised scrolling about its own moves only, and nothing when already there', () => {
    const s = setup();
    s.grow(100);
    s.grow(0);
    expect(s.appScrolls).toEqual([1_500, 1_600]);
  });

  it('stops listening and observing when disposed', () => {
    const s = setup();
    s.follower.dispose();
    s.wheel(-100);
    s.grow(500);
    expect(s.follower.pinned).toBe(true);
    expect(s.top()).toBe(1_500);
  });
});
