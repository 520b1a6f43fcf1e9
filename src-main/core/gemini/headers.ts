// HTTP headers of the REST API: what every call sends (the key, JSON in and out; for the Interactions API its
// revision and whether the answer streams as SSE or comes whole), and one read back from an answer.
import type { Dispatcher } from 'undici';
import { API_REVISION } from '../../../src-shared/interactions';

export function interactionHeaders(key: string, mode: 'sse' | 'json', hasBody = true): Record<string, string> {
  return { ...jsonHeaders(key, hasBody), 'Api-Revision': API_REVISION, Accept: mode === 'sse' ? 'text/event-stream' : 'application/json' };
}

export function jsonHeaders(key: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'x-goog-api-key': key, Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  return headers;
}

export function headerOf(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
