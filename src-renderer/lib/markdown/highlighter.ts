// The window's side of the highlighter worker: one worker for every code block and the export preview, started
// the first time a block needs it. A worker that fails (its file did not load: an update replaced it) fails what
// it was asked, and the next block starts a new one.
import type { HighlightLanguage } from './code-language';
import type { HighlightReply, HighlightRequest, TokenNode } from './highlight-tokens';

/** The part of a Worker used here, so tests can stand in for the thread. */
export interface WorkerPort {
  onmessage: ((event: MessageEvent<HighlightReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
  postMessage(request: HighlightRequest): void;
  terminate(): void;
}

export type TokenSource = (language: HighlightLanguage, text: string) => Promise<TokenNode[]>;

export function workerTokens(start: () => WorkerPort): TokenSource {
  let worker: WorkerPort | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (tokens: TokenNode[]) => void; reject: (error: Error) => void }>();

  const open = (): WorkerPort => {
    if (worker) return worker;
    const started = start();
    started.onmessage = ({ data }) => {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      if ('tokens' in data) waiting.resolve(data.tokens);
      else waiting.reject(new Error(data.error));
    };
    started.onerror = () => {
      started.terminate();
      if (worker === started) worker = undefined;
      const failed = [...pending.values()];
      pending.clear();
      for (const waiting of failed) waiting.reject(new Error('the highlighter did not start'));
    };
    return (worker = started);
  };

  return (language, text) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      open().postMessage({ id, language, text });
    });
}

/** The app's highlighter thread (a file of the build, on the app's own origin). */
export const highlightTokens: TokenSource = workerTokens(
  () => new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module', name: 'highlighter' }) as WorkerPort,
);
