// @vitest-environment jsdom
// Synchronised scrolling and following the newest text: the app's own moves are not mirrored, a pane carried
// along is told so, and the end of one pane is the end of every other.
import { afterEach, describe, expect, it } from 'vitest';
import { ScrollSync } from './scroll-sync';

/** A focusable scroller with the geometry a layout engine would give it (jsdom has none), and its turns' boxes. */
function scroller(contentHeight: number, turns: [top: number, height: number][] = [], clientHeight = 500) {
  const el = document.createElement('div');
  el.tabIndex = 0;
  for (const [index, [offsetTop, offsetHeight]] of turns.entries()) {
    const turn = document.createElement('article');
    turn.dataset.turnIndex = String(index);
    Object.defineProperties(turn, { offsetTop: { value: offsetTop }, offsetHeight: { value: offsetHeight } });
    el.append(turn);
  }
  let top = 0;
  Object.defineProperties(el, {
    scrollHeight: { get: () => contentHeight },
    clientHeight: { get: () => clientHeight },
    scrollTop: { get: () => top, set: (v: number) => (top = Math.min(contentHeight - clientHeight, Math.max(0, v))) },
  });
  document.body.append(el);
  return el;
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanups) undo();
  cleanups = [];
  document.body.replaceChildren();
});

function setup(enabled = true) {
  const sync = new ScrollSync(() => enabled);
  // b has no turns yet (its position goes by proportion); c has one long turn where a has two.
  const a = scroller(3_000, [
    [0, 1_000],
    [1_000, 2_000],
  ]);
  const b = scroller(2_000);
  const c = scroller(5_500, [[0, 5_500]]);
  const moved: string[] = [];
  for (const [name, el] of [['a', a], ['b', b], ['c', c]] as const) cleanups.push(sync.register(el, () => moved.push(name)));
  /** The person scrolls `el` (it holds focus, so it is the pane being driven) and the browser reports it. */
  const personScrolls = (el: HTMLElement, top: number) => {
    el.focus();
    el.scrollTop = top;
    el.dispatchEvent(new Event('scroll'));
  };
  return { sync, a, b, c, moved, personScrolls };
}

describe('synchronised scrolling with panes that follow their newest text', () => {
  it('carries the other panes along and tells each it was moved', () => {
    const { a, b, c, moved, personScrolls } = setup();
    personScrolls(a, 1_250); // half way down, an eighth into a's second turn
    expect([b.scrollTop, c.scrollTop]).toEqual([750, 688]);
    expect(moved).toEqual(['b', 'c']);
  });

  it('does not mirror a move the app announced (following the newest text)', () => {
    const { sync, a, b, moved } = setup();
    a.focus();
    sync.movedByApp(a, 2_500);
    a.scrollTop = 2_500;
    a.dispatchEvent(new Event('scroll'));
    expect(b.scrollTop).toBe(0);
    expect(moved).toEqual([]);
  });

  it('takes the end of one pane for the end of every other, whatever their lengths', () => {
    const { a, b, c, personScrolls } = setup();
    // Matched by turn, c would stop three quarters into its turn, far from its end.
    personScrolls(a, 2_500 - 10);
    expect([b.scrollTop, c.scrollTop]).toEqual([1_500, 5_000]);
  });

  it('“↓ latest” sends every other pane to its end, only while synchronised scrolling is on', () => {
    const on = setup();
    on.sync.allToEnd(on.a);
    expect([on.a.scrollTop, on.b.scrollTop, on.c.scrollTop]).toEqual([0, 1_500, 5_000]);
    expect(on.moved).toEqual(['b', 'c']);
    const off = setup(false);
    off.sync.allToEnd(off.a);
    expect([off.b.scrollTop, off.c.scrollTop]).toEqual([0, 0]);
    expect(off.moved).toEqual([]);
  });
});
