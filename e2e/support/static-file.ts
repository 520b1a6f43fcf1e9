// A built file answered the way a browser cache can keep it: with a validator, and 304 while the browser's copy is
// current. Chromium reuses a script's compiled code (V8's code cache) only for a script it took from its own cache;
// in the app, app:// is registered with `codeCache: true`, so from the third start on the renderer's bundle is not
// compiled again. Without a validator every reload here would fetch and compile the bundle anew, a start-up the app
// never has. `no-cache` still asks the server at every load, as each app:// request still reaches main.
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers `file` (which exists) with `headers`, or 304 when the request's If-None-Match names this version. */
export function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>): void {
  const { size, mtimeMs } = statSync(file);
  const etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
  const cache = { etag, 'cache-control': 'no-cache' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, cache).end();
    return;
  }
  res.writeHead(200, { ...headers, ...cache });
  res.end(readFileSync(file));
}
