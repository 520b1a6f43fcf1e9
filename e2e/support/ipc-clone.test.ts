// The harness refuses what Electron's IPC cannot clone, and lets through what it can.
import { describe, expect, it } from 'vitest';
import { assertNoCloneFailures, ipcClone } from './ipc-clone';

describe('ipcClone', () => {
  it('copies what structured cloning keeps: bytes, dates, maps, nested data', () => {
    const failures: string[] = [];
    const value = { bytes: new Uint8Array([1, 2]), at: new Date(0), map: new Map([['a', 1]]), list: [{ n: 1 }] };
    const copy = ipcClone('answer to getSession', value, failures);
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(failures).toEqual([]);
    expect(() => assertNoCloneFailures(failures)).not.toThrow();
  });

  it('records and throws on functions, promises and symbols', () => {
    const failures: string[] = [];
    expect(() => ipcClone('event turn', { listener: () => 1 }, failures)).toThrow(/^event turn could not be cloned for IPC: /);
    expect(() => ipcClone('answer to listModels', { later: Promise.resolve(1) }, failures)).toThrow('could not be cloned');
    expect(() => ipcClone('argument of startTurn', { id: Symbol('x') }, failures)).toThrow('could not be cloned');
    expect(failures).toHaveLength(3);
    expect(() => assertNoCloneFailures(failures)).toThrow(/^Values that Electron's IPC cannot clone:\nevent turn could not be cloned/);
  });
});
