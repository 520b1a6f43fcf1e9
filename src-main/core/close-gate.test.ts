import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src-shared/timers';
import { CloseGate, mayClose } from './close-gate';

function manualTimers(): Timers & { fire(): void; pending(): number } {
  const waiting = new Map<number, () => void>();
  let next = 0;
  return {
    set: (callback) => (waiting.set(++next, callback), next),
    clear: (handle) => void waiting.delete(handle as number),
    fire: () => [...waiting.values()].forEach((callback) => callback()),
    pending: () => waiting.size,
  };
}

function gateWith(timers = manualTimers()) {
  const emitted: string[] = [];
  const gate = new CloseGate((event) => void emitted.push(event), { timers, waitMs: 5_000 });
  return { gate, emitted, timers };
}

const confirming = (yes: boolean) => {
  const asked: string[] = [];
  return { asked, confirm: async (o: { detail: string }) => (asked.push(o.detail), yes) };
};

describe('CloseGate', () => {
  it('asks the page once for a close and a quit at once, and hears its answer', async () => {
    const { gate, emitted, timers } = gateWith();
    const first = gate.ask();
    const second = gate.ask();
    expect(emitted).toEqual(['closing']);
    gate.answer({ saved: true });
    expect(await first).toEqual({ saved: true });
    expect(await second).toEqual({ saved: true });
    expect(timers.pending()).toBe(0);
  });

  it('does not wait for a page that never answers', async () => {
    const { gate, timers } = gateWith();
    const asked = gate.ask();
    timers.fire();
    expect(await asked).toBe('unanswered');
    // A late answer changes nothing, and the next close asks again.
    gate.answer({ saved: false, problem: 'late' });
    const again = gate.ask();
    gate.answer({ saved: false, problem: 'The disk is full.' });
    expect(await again).toEqual({ saved: false, problem: 'The disk is full.' });
  });

  it('closes at once where there is no window to ask', async () => {
    const gate = new CloseGate(() => {
      throw new Error('no window');
    }, { timers: manualTimers() });
    expect(await gate.ask()).toBe('unanswered');
  });
});

describe('mayClose', () => {
  it('closes without asking when the page saved, or could not be heard', async () => {
    for (const answer of [{ saved: true }, undefined]) {
      const { gate, timers } = gateWith();
      const dialogs = confirming(false);
      const close = mayClose(gate, dialogs);
      if (answer) gate.answer(answer);
      else timers.fire();
      expect(await close).toBe(true);
      expect(dialogs.asked).toEqual([]);
    }
  });

  it('asks the person when the page could not save, with the reason, and Cancel keeps the window', async () => {
    for (const yes of [false, true]) {
      const { gate } = gateWith();
      const dialogs = confirming(yes);
      const close = mayClose(gate, dialogs);
      gate.answer({ saved: false, problem: 'The disk is full.' });
      expect(await close).toBe(yes);
      expect(dialogs.asked).toEqual([expect.stringContaining('The disk is full.')]);
    }
  });
});
