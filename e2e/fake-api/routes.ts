// URL → handler for both /v1beta/ and /v1/, with API-key checks and header-chosen faults in front of every route.
import { createHash } from 'node:crypto';
import { type ApiError, invalidKey, missingKey, routeNotFound, sendError } from './errors';
import { answerHttpFault, hang, RetryBook } from './faults';
import type { FileStore } from './files';
import type { InteractionService } from './interactions';
import { isFault, isHttpFault } from './markers';
import { getModel, listModels } from './models';
import type { Exchange, FakeContext } from './types';

type Outcome = ApiError | undefined | Promise<ApiError | undefined>;

interface Route {
  method: string;
  pattern: RegExp;
  /** Creates read their fault from the body as well, so they apply it themselves. */
  ownFaults?: boolean;
  /** The byte-upload URL is authorised by its upload_id, like Google's. */
  noAuth?: boolean;
  handle(ex: Exchange, params: string[]): Outcome;
}

/** Keys the fake rejects as "not valid"; any other non-empty key is accepted. */
export function isInvalidKey(key: string): boolean {
  return key === 'bad-key' || key.startsWith('invalid');
}

function json(ex: Exchange): unknown {
  if (ex.raw.length === 0) return {};
  try {
    return JSON.parse(ex.raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function isUploadBytes(path: string, query: Record<string, string>): boolean {
  return /^\/upload\/(v1beta|v1)\/files$/.test(path) && query.upload_id !== undefined;
}

export function createRouter(ctx: FakeContext, interactions: InteractionService, files: FileStore): (ex: Exchange) => Promise<void> {
  const retries = new RetryBook();
  const v = '(v1beta|v1)';
  const routes: Route[] = [
    { method: 'POST', pattern: new RegExp(`^/${v}/interactions$`), ownFaults: true, handle: (ex) => interactions.create(ex) },
    { method: 'GET', pattern: new RegExp(`^/${v}/interactions/([^/]+)$`), handle: (ex, [id]) => interactions.get(ex, id ?? '') },
    { method: 'DELETE', pattern: new RegExp(`^/${v}/interactions/([^/]+)$`), handle: (ex, [id]) => interactions.delete(ex, id ?? '') },
    { method: 'POST', pattern: new RegExp(`^/${v}/interactions/([^/]+)/cancel$`), handle: (ex, [id]) => interactions.cancel(ex, id ?? '') },
    { method: 'GET', pattern: new RegExp(`^/${v}/models$`), handle: (ex) => listModels(ex) },
    { method: 'GET', pattern: new RegExp(`^/${v}/models/([^/:]+)$`), handle: (ex, [model]) => getModel(ex, model ?? '') },
    {
      method: 'POST',
      pattern: new RegExp(`^/upload/${v}/files$`),
      handle: (ex) => files.start(ex, json(ex)),
    },
    { method: 'GET', pattern: new RegExp(`^/${v}/files$`), handle: (ex) => files.list(ex) },
    { method: 'GET', pattern: new RegExp(`^/${v}/files/([^/:]+)$`), handle: (ex, [id]) => files.get(ex, id ?? '') },
    { method: 'DELETE', pattern: new RegExp(`^/${v}/files/([^/:]+)$`), handle: (ex, [id]) => files.delete(ex, id ?? '') },
  ];
  const uploadBytes: Route = {
    method: 'POST',
    pattern: /^$/,
    noAuth: true,
    ownFaults: true,
    handle: (ex) => files.chunk(ex, ex.record.query.upload_id ?? ''),
  };

  function match(ex: Exchange): { route: Route; params: string[] } | undefined {
    if (ex.record.method === 'POST' && isUploadBytes(ex.record.path, ex.record.query)) {
      ex.version = ex.record.path.split('/')[2] ?? 'v1beta';
      return { route: uploadBytes, params: [] };
    }
    for (const route of routes) {
      const m = route.pattern.exec(ex.record.path);
      if (m && route.method === ex.record.method) {
        ex.version = m[1] ?? 'v1beta';
        return { route, params: m.slice(2).map((p) => decodeURIComponent(p)) };
      }
    }
    return undefined;
  }

  function authError(ex: Exchange): ApiError | undefined {
    const key = ex.record.headers['x-goog-api-key'] ?? ex.record.query.key ?? '';
    if (key.trim() === '') return missingKey();
    return isInvalidKey(key) ? invalidKey() : undefined;
  }

  return async (ex) => {
    const found = match(ex);
    if (!found) return sendError(ex.res, routeNotFound());
    const { route, params } = found;
    const denied = route.noAuth ? undefined : authError(ex);
    if (denied) return sendError(ex.res, denied);
    const headerFault = ex.record.headers['x-fake-fault']?.trim().toLowerCase();
    if (!route.ownFaults && headerFault && isFault(headerFault)) {
      if (headerFault === 'hang') return hang(ex.res, ctx);
      const key = createHash('sha256').update(`${ex.record.method} ${ex.record.path}`).update(ex.raw).digest('hex');
      if (isHttpFault(headerFault) && answerHttpFault(ex.res, headerFault, {}, retries, key)) return;
    }
    const error = await route.handle(ex, params);
    if (error) sendError(ex.res, error);
  };
}
