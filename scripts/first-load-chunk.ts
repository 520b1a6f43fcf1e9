// One chunk for everything the window needs before its first frame. Left to itself, rolldown splits each module
// that the entry and a chunk loaded on demand both import into a shared chunk of its own: ten small files that the
// entry waits for before it can run, each one request to app:// (a round trip to main) and one module record
// to link. Modules reached from the entry by static imports are loaded at start anyway, so they go together.
import type { Rolldown } from 'vite';

type ModuleGraph = Pick<Rolldown.ChunkingContext, 'getModuleInfo'>;

/**
 * Whether `id` is imported, through static imports only, by an entry of the build: a walk up its importers.
 * `known` keeps the modules found loaded at start, for later questions; a "no" is not kept, since a walk that
 * meets a module already on its path (an import cycle) answers no for that branch only.
 */
export function loadedAtStart(id: string, graph: ModuleGraph, known = new Set<string>()): boolean {
  const onPath = new Set<string>();
  const walk = (module: string): boolean => {
    if (known.has(module)) return true;
    if (onPath.has(module)) return false;
    onPath.add(module);
    const info = graph.getModuleInfo(module);
    const atStart = !!info && (info.isEntry || info.importers.some(walk));
    if (atStart) known.add(module);
    return atStart;
  };
  return walk(id);
}

/** The codeSplitting group that gathers the first load into one chunk named `name`. */
export function firstLoadGroup(name: string): Rolldown.CodeSplittingGroup {
  const known = new Set<string>();
  return { name: (id, graph) => (loadedAtStart(id, graph, known) ? name : null) };
}
