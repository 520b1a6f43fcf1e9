import { describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer } from './coalescer';

describe('DeltaCoalescer', () => {
  it('sends the first delta at once, then one merged delta per window', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const c = new DeltaCoalescer((d) => sent.push(d), 16);
    c.push('a', undefined);
    expect(sent).toEqual([{ text: 'a' }]);
    c.push('b', undefined);
    c.push('c', 'think');
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([{ text: 'a' }, { text: 'bc', thought: 'think' }]);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
    c.push('d', undefined);
    expect(sent.at(-1)).toEqual({ text: 'd' });
    c.close();
    vi.useRealTimers();
  });

  it('flush sends pending text immediately and close leaves no timer behind', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const c = new DeltaCoalescer((d) => sent.push(d), 16);
    c.push('a', undefined);
    c.push('b', undefined);
    c.close();
    expect(sent).toEqual([{ text: 'a' }, { text: 'b' }]);
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });
});
