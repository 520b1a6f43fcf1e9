// Things made at first use and kept, chiefly Intl formatters. A formatter costs far more to make than to use, so each
// is made once; and none is made while the window mounts: the first Intl object a renderer process makes costs
// 10–15 ms (ICU sets up its locale data), which a cold start paid in the first frame's task (bench/RESULTS.md §5b).
export function madeOnce<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
