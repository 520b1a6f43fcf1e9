// Shared animation frames: one frame for all panes, a bounded number of flushes per frame, taking turns.
import { describe, expect, it } from 'vitest';
import { SharedFrames } from './frame';

function fakeRaf() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    pending,
    raf: {
      request: (callback: () => void) => {
        pending.set(next, callback);
        return next++;
      },
      cancel: (handle: number) => void pending.delete(handle),
    },
    /** Runs the frame callbacks that were due at the start of this frame. */
    frame() {
      const due = [...pending.values()];
      pending.clear();
      for (const run of due) run();
    },
  };
}

describe('SharedFrames', () => {
  it('asks the browser for one frame, however many panes are waiting', () => {
    const clock = fakeRaf();
    const frames = new SharedFrames({ raf: clock.raf, perFrame: 3 });
    const ran: string[] = [];
    frames.request(() => ran.push('a'));
    frames.request(() => ran.push('b'));
    expect(clock.pending.size).toBe(1);
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
    expect(clock.pending.size).toBe(0);
  });

  it('runs at most the budget per frame, oldest first, and panes that ask again queue behind the rest', () => {
    const clock = fakeRaf();
    const frames = new SharedFrames({ raf: clock.raf, perFrame: 3 });
    const ran: string[] = [];
    const streaming = (name: string) => {
      const tick = () => {
        ran.push(name);
        frames.request(tick); // still streaming: wants the next frame too
      };
      frames.request(tick);
    };
    for (const name of ['1', '2', '3', '4', '5', '6']) streaming(name);
    clock.frame();
    expect(ran).toEqual(['1', '2', '3']);
    clock.frame();
    expect(ran).toEqual(['1', '2', '3', '4', '5', '6']);
    clock.frame();
    expect(ran.slice(6)).toEqual(['1', '2', '3']);
  });

  it('cancels a waiting callback, and the frame when nothing is left', () => {
    const clock = fakeRaf();
    const frames = new SharedFrames({ raf: clock.raf });
    const ran: string[] = [];
    const cancelA = frames.request(() => ran.push('a'));
    const cancelB = frames.request(() => ran.push('b'));
    cancelA();
    expect(clock.pending.size).toBe(1);
    cancelB();
    expect(clock.pending.size).toBe(0);
    clock.frame();
    expect(ran).toEqual([]);
    frames.request(() => ran.push('c'));
    clock.frame();
    expect(ran).toEqual(['c']);
  });

  it('runs no further callback once a frame has used its time budget, the first always', () => {
    const clock = fakeRaf();
    let now = 0;
    const settled: string[] = [];
    const ran: string[] = [];
    const frames = new SharedFrames({
      raf: clock.raf,
      perFrame: 6,
      budgetMs: 8,
      now: () => now,
      settle: () => settled.push(ran.at(-1) ?? ''),
    });
    const costs: Record<string, number> = { a: 5, b: 5, c: 1, d: 20 };
    for (const name of Object.keys(costs)) frames.request(() => (ran.push(name), (now += costs[name]!)));
    clock.frame();
    expect(ran).toEqual(['a', 'b']); // 10 ms spent after b: c waits
    expect(settled).toEqual(['a', 'b']); // each callback's DOM update is applied before the clock is read
    clock.frame();
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    frames.request(() => ran.push('e'));
    frames.request(() => ran.push('f'));
    now += 100; // time spent outside the frame does not count
    clock.frame();
    expect(ran.slice(4)).toEqual(['e', 'f']);
  });

  /** Frames whose rendering takes the time a test says, on a fake clock: `frame(ms)` returns the callbacks it ran. */
  function measuredFrames(perFrame: number, frameMs: number) {
    const clock = fakeRaf();
    let now = 0;
    const rendered: (() => void)[] = [];
    const frames = new SharedFrames({ raf: clock.raf, perFrame, frameMs, now: () => now, afterRendering: (done) => rendered.push(done) });
    const ran: string[] = [];
    return {
      frames,
      ran,
      frame(ms: number) {
        const before = ran.length;
        clock.frame();
        now += ms; // the callbacks, then the browser's style, layout and paint of what they changed
        rendered.shift()?.();
        return ran.slice(before);
      },
      idle: (ms: number) => void (now += ms),
    };
  }

  it('runs fewer callbacks after a frame whose rendering ran long, and all again once frames are short', () => {
    const { frames, ran, frame } = measuredFrames(4, 20);
    const streaming = (name: string) => {
      const tick = () => {
        ran.push(name);
        frames.request(tick);
      };
      frames.request(tick);
    };
    for (const name of ['1', '2', '3', '4', '5', '6', '7', '8']) streaming(name);
    expect(frame(50)).toEqual(['1', '2', '3', '4']); // nothing measured yet: the whole perFrame
    expect(frame(30)).toEqual(['5']); // 50 ms is 2.5 × 20: 4 × 20 / 50 → 1
    expect(frame(10)).toEqual(['6', '7']); // 30 ms: 4 × 20 / 30 → 2
    expect(frame(10)).toEqual(['8', '1', '2', '3']); // 10 ms: within the frame's time, all four again
  });

  it('measures a frame from its first callback to the end of its rendering, not the idle time between frames', () => {
    const { frames, ran, frame, idle } = measuredFrames(2, 20);
    for (const name of ['a', 'b', 'c', 'd']) frames.request(() => ran.push(name));
    expect(frame(15)).toEqual(['a', 'b']);
    idle(500);
    expect(frame(15)).toEqual(['c', 'd']);
  });
});

describe('SharedFrames.afterFrame', () => {
  it('runs work after the coming frame is rendered, in a task of its own', () => {
    const clock = fakeRaf();
    const rendered: (() => void)[] = [];
    const frames = new SharedFrames({ raf: clock.raf, frameMs: 25, afterRendering: (run) => void rendered.push(run) });
    const ran: string[] = [];
    frames.afterFrame(() => ran.push('fold'));
    expect(ran).toEqual([]);
    clock.frame();
    expect(ran).toEqual([]);
    expect(rendered).toHaveLength(1);
    rendered[0]!();
    expect(ran).toEqual(['fold']);
  });
});

describe('SharedFrames in a hidden window', () => {
  function fakeVisibility() {
    let hidden = false;
    const listeners: (() => void)[] = [];
    return {
      visibility: { hidden: () => hidden, onChange: (callback: () => void) => void listeners.push(callback) },
      set(value: boolean) {
        hidden = value;
        for (const listener of listeners) listener();
      },
    };
  }

  it('caps what a flush draws only while the window shows: a hidden one gets no frames to draw the rest', () => {
    const view = fakeVisibility();
    const frames = new SharedFrames({ raf: fakeRaf().raf, charsPerFlush: 1500, visibility: view.visibility });
    expect(frames.charsPerFlush).toBe(1500);
    view.set(true);
    expect(frames.charsPerFlush).toBeUndefined();
    view.set(false);
    expect(frames.charsPerFlush).toBe(1500);
  });

  it('runs work meant for after a frame at once while the window is hidden: no frame would come', () => {
    const clock = fakeRaf();
    const view = fakeVisibility();
    const frames = new SharedFrames({ raf: clock.raf, visibility: view.visibility });
    view.set(true);
    const ran: string[] = [];
    frames.afterFrame(() => ran.push('fold'));
    expect(ran).toEqual(['fold']);
    expect(clock.pending.size).toBe(0);
  });

  it('runs what waits for a frame as soon as the window is hidden, and no frame runs it again', () => {
    const clock = fakeRaf();
    const view = fakeVisibility();
    const frames = new SharedFrames({ raf: clock.raf, perFrame: 1, visibility: view.visibility });
    const ran: string[] = [];
    frames.request(() => ran.push('a'));
    frames.request(() => ran.push('b'));
    view.set(true);
    expect(ran).toEqual(['a', 'b']);
    expect(clock.pending.size).toBe(0);
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
  });
});
