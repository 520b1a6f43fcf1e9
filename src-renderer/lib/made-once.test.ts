// Made at first use, once.
import { describe, expect, it, vi } from 'vitest';
import { madeOnce } from './made-once';

describe('madeOnce', () => {
  it('makes nothing until asked, then the same thing every time, also a falsy one', () => {
    const make = vi.fn(() => 0);
    const get = madeOnce(make);
    expect(make).not.toHaveBeenCalled();
    expect([get(), get(), get()]).toEqual([0, 0, 0]);
    expect(make).toHaveBeenCalledTimes(1);
  });
});
