// Electron's IPC copies every argument, answer and event with the structured clone algorithm ("Sending Functions,
// Promises, Symbols, WeakMaps, or WeakSets will throw an exception" — https://www.electronjs.org/docs/latest/api/ipc-renderer).
// The harness's transport is JSON, which would quietly drop such values, so it clones them the same way first.

/** Returns the structured clone of `value`, or records why it cannot be made and throws. */
export function ipcClone<T>(what: string, value: T, failures: string[]): T {
  try {
    return structuredClone(value);
  } catch (error) {
    const message = `${what} could not be cloned for IPC: ${(error as Error).message}`;
    failures.push(message);
    throw new Error(message);
  }
}

/** Thrown by Playground.close() when anything crossed (or tried to cross) the bridge that Electron would refuse. */
export function assertNoCloneFailures(failures: string[]): void {
  if (failures.length > 0) throw new Error(`Values that Electron's IPC cannot clone:\n${failures.join('\n')}`);
}
