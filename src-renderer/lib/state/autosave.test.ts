// Autosave scheduling: debounced edits, immediate saves when a turn ends, never two writes at once.
import { describe, expect, it, vi } from 'vitest';
import { Autosaver, type AutosaveTimers } from './autosave';

function manualTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: AutosaveTimers = {
    set: (run, ms) => (pending.set(++seq, { at: now + ms, run }), seq),
    clear: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      pending.delete(id);
      t.run();
    }
  };
  return { timers, advance, pending };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Autosaver', () => {
  it('waits for a 500 ms pause in edits, then saves once', async () => {
    const { timers, advance } = manualTimers();
    const save = vi.fn(async () => {});
    const saver = new Autosaver({ save, timers });
    saver.schedule();
    advance(300);
    saver.schedule();
    advance(300);
    saver.schedule();
    advance(499);
    expect(save).not.toHaveBeenCalled();
    advance(1);
    await settle();
    expect(save).toHaveBeenCalledOnce();
  });

  it('saves at once when a turn ends, and drops the pending debounced save', async () => {
    const { timers, advance, pending } = manualTimers();
    const save = vi.fn(async () => {});
    const saver = new Autosaver({ save, timers });
    saver.schedule();
    await saver.now();
    expect(save).toHaveBeenCalledOnce();
    expect(pending.size).toBe(0);
    advance(1000);
    await settle();
    expect(save).toHaveBeenCalledOnce();
  });

  it('never overlaps writes: a request during a save runs once right after it', async () => {
    const { timers } = manualTimers();
    let release!: () => void;
    let running = 0;
    let maxRunning = 0;
    const save = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          release = () => {
            running--;
            resolve();
          };
        }),
    );
    const saver = new Autosaver({ save, timers });
    const first = saver.now();
    const second = saver.now();
    const third = saver.now();
    expect(save).toHaveBeenCalledTimes(1);
    release();
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    release();
    await Promise.all([first, second, third]);
    expect(save).toHaveBeenCalledTimes(2);
    expect(maxRunning).toBe(1);
  });

  it('reports pending → saving → saved, and error without giving up on later changes', async () => {
    const { timers, advance } = manualTimers();
    const states: string[] = [];
    let fail = true;
    const saver = new Autosaver({
      save: async () => {
        if (fail) throw new Error('disk full');
      },
      timers,
      onState: (s) => states.push(s),
    });
    saver.schedule();
    advance(500);
    await settle();
    expect(states).toEqual(['pending', 'saving', 'error']);
    fail = false;
    saver.schedule();
    advance(500);
    await settle();
    expect(states.slice(3)).toEqual(['pending', 'saving', 'saved']);
  });

  it('flush writes a waiting save now; cancel forgets it', async () => {
    const { timers, advance } = manualTimers();
    const save = vi.fn(async () => {});
    const saver = new Autosaver({ save, timers });
    saver.schedule();
    await saver.flush();
    expect(save).toHaveBeenCalledOnce();
    saver.schedule();
    saver.cancel();
    advance(1000);
    await settle();
    expect(save).toHaveBeenCalledOnce();
    expect(saver.pending).toBe(false);
  });
});
