// The markdown pipeline (marked + DOMPurify, a third of the renderer's JavaScript) is its own chunk: the
// prompt box does not wait for it at start-up, and main.ts fetches it right after the first paint, long
// before an answer can arrive. Views that mount earlier (a restored session) ask for it themselves.
type MarkdownModule = typeof import('./incremental');

let loaded: MarkdownModule | undefined;
let loading: Promise<MarkdownModule> | undefined;

/** The pipeline if it has arrived, so a view can render in the same frame instead of a later one. */
export function loadedMarkdown(): MarkdownModule | undefined {
  return loaded;
}

export function loadMarkdown(): Promise<MarkdownModule> {
  loading ??= import('./incremental').then((module) => {
    loaded = module;
    // A task of its own, after any view that waited for the module has rendered.
    setTimeout(() => module.warmUp());
    return module;
  });
  return loading;
}
