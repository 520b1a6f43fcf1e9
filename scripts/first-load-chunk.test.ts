// The first-load rule on small module graphs: what the entry reaches by static imports, cycles included.
import { expect, it } from 'vitest';
import { loadedAtStart } from './first-load-chunk';

/** A graph from "module ← its static importers"; `entry` is the build's entry. */
function graph(importers: Record<string, string[]>) {
  return {
    getModuleInfo: (id: string) => (id in importers ? ({ isEntry: id === 'entry', importers: importers[id]! } as never) : null),
  };
}

it('takes what the entry imports, directly or through others, and not what only a lazy chunk imports', () => {
  const g = graph({ entry: [], app: ['entry'], util: ['app', 'dialog'], dialog: [], lazyOnly: ['dialog'] });
  expect(['entry', 'app', 'util'].every((id) => loadedAtStart(id, g))).toBe(true);
  expect(loadedAtStart('dialog', g)).toBe(false);
  expect(loadedAtStart('lazyOnly', g)).toBe(false);
  expect(loadedAtStart('missing', g)).toBe(false);
});

it('finds a module in an import cycle reached from the entry, whichever of the two is asked first', () => {
  // b is imported by the entry and by c; c is imported only by b (b ⇄ c).
  const g = graph({ entry: [], b: ['c', 'entry'], c: ['b'] });
  const known = new Set<string>();
  // Asking b first walks b → c → b (a cycle: no for that branch) before b → entry.
  expect(loadedAtStart('b', g, known)).toBe(true);
  expect(loadedAtStart('c', g, known)).toBe(true);
  expect(loadedAtStart('c', graph({ entry: [], b: ['c', 'entry'], c: ['b'] }))).toBe(true);
});
