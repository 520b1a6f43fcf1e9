// One chunk for everything the window needs before its first frame. Left to itself, rolldown splits each module
// that the entry and a chunk loaded on demand both import into a shared chunk of its own: ten small files that the
// entry waits for before it can run, each one request to app:// (a round trip to main) and one module record
// to link. Modules reached from the entry by static imports are loaded at start anyway, so they go together.
import type { Rolldown } from 'vite';

type ModuleGraph = Rolldown.ChunkingContext;

/** Whether `id` is imported, through static imports only, by an entry of the build. */
export function loadedAtStart(id: string, graph: ModuleGraph, seen = new Map<string, boolean>()): boolean {
  const known = seen.get(id);
  if (known !== undefined) return known;
  seen.set(id, false); // a cycle back here proves nothing by itself
  const info = graph.getModuleInfo(id);
  const answer = !!info && (info.isEntry || info.importers.some((importer) => loadedAtStart(importer, graph, seen)));
  seen.set(id, answer);
  return answer;
}

/** The codeSplitting group that gathers the first load into one chunk named `name`. */
export function firstLoadGroup(name: string): Rolldown.CodeSplittingGroup {
  const seen = new Map<string, boolean>();
  return { name: (id, graph) => (loadedAtStart(id, graph, seen) ? name : null) };
}
