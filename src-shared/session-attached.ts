// The files a session keeps in its prompt box (session.ts `attached`) are this machine's unsent work, as the typed
// draft is, not part of the conversation. Without zod, so the renderer's first load can use it.
import type { Session } from './session';

/** The document without the files in its prompt box: what a copy, a session file or an import carries. */
export function withoutAttached(doc: Session): Session {
  const { attached: _, ...rest } = doc;
  return rest;
}
