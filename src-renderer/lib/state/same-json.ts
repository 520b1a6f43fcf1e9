// Whether two documents would be written as the same JSON, without writing them: shared parts (the test set's
// results and cases are immutable arrays, strings are shared) are equal by reference at once, so comparing a large
// document to an earlier build of it costs its structure, not its characters. JSON's rules, not a deep-equal
// library's: a property that is undefined is the same as one that is absent (dequal and the like tell them apart).
// Sharing by reference is sound because raw state ($state.raw: cases, results) is only ever replaced, never changed
// in place — which Svelte needs anyway to notice the change.

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    defined++;
    if (!sameJson(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) defined--;
  return defined === 0;
}
