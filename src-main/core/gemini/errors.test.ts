// errors.ts: both HTTP error dialects (§9.1), retry hints, non-JSON bodies, key redaction, network codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src-shared/domain';
import { MAX_KEPT_WAIT_MS } from '../../../src-shared/wait';
import {
  errorCode,
  failedInteractionFailure,
  HEADERS_TIMEOUT_SETTING,
  IDLE_TIMEOUT_SETTING,
  httpFailure,
  interruptedFailure,
  networkFailure,
  parseDuration,
  retryAfterFromHeaders,
  streamErrorFailure,
  UnclearNotFound,
} from './errors';

const KEY = 'AIzaSyTESTKEY-0123456789abcdefghijklmno';
const json = (v: unknown): string => JSON.stringify(v);
const google = (code: number, status: string, message: string, details: unknown[] = []): string =>
  json({ error: { code, status, message, details } });
const ctx = { host: '127.0.0.1:9', headersMs: 30_000, idleMs: 120_000 };

describe('httpFailure — Google envelope', () => {
  it('400 API_KEY_INVALID → BAD_KEY', () => {
    const body = google(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
    ]);
    const f = httpFailure({ status: 400, headers: {}, bodyText: body });
    expect(f.code).toBe('BAD_KEY');
    expect(f.httpStatus).toBe(400);
    expect(f.retryable).toBe(false);
    expect(f.message).toBe('The API key was rejected: API key not valid. Please pass a valid API key. Check the key in Settings.');
  });

  it('"API key not valid" without ErrorInfo, and 401, are BAD_KEY too', () => {
    expect(httpFailure({ status: 400, headers: {}, bodyText: google(400, 'INVALID_ARGUMENT', 'API key not valid.') }).code).toBe('BAD_KEY');
    expect(httpFailure({ status: 401, headers: {}, bodyText: google(401, 'UNAUTHENTICATED', 'Request had invalid credentials.') }).code).toBe('BAD_KEY');
  });

  it('403 → PERMISSION_DENIED, 404 → NOT_FOUND mentioning the model name, other 4xx → INVALID_REQUEST', () => {
    const denied = httpFailure({ status: 403, headers: {}, bodyText: google(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers.") });
    expect(denied.code).toBe('PERMISSION_DENIED');
    expect(denied.message).toContain('unregistered callers');
    const missing = httpFailure({ status: 404, headers: {}, bodyText: google(404, 'NOT_FOUND', 'models/gemini-9 is not found.') });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/Check the model name/);
    const bad = httpFailure({ status: 400, headers: {}, bodyText: google(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.') });
    expect(bad).toMatchObject({ code: 'INVALID_REQUEST', httpStatus: 400, retryable: false });
    expect(bad.message).toBe('The request was rejected (HTTP 400): User location is not supported for the API use.');
    expect(httpFailure({ status: 413, headers: {}, bodyText: '' }).code).toBe('INVALID_REQUEST');
  });

  it('429 with RetryInfo.retryDelay → RATE_LIMITED, retryAfterMs, retryable', () => {
    const body = google(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaValue: '2' }] },
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '46s' },
    ]);
    const f = httpFailure({ status: 429, headers: {}, bodyText: body });
    expect(f).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 46_000, httpStatus: 429 });
    expect(f.message).toBe(
      'Quota or rate limit reached: You exceeded your current quota, please check your plan and billing details. Try again in 46 s.',
    );
  });

  it('429 without any hint says "later" and leaves retryAfterMs unset', () => {
    const f = httpFailure({ status: 429, headers: {}, bodyText: google(429, 'RESOURCE_EXHAUSTED', 'Slow down') });
    expect(f.retryAfterMs).toBeUndefined();
    expect(f.message).toBe('Quota or rate limit reached: Slow down. Try again later.');
  });

  it('5xx → SERVER; 500/502/503/504 retryable, 501 not', () => {
    for (const s of [500, 502, 503, 504]) {
      expect(httpFailure({ status: s, headers: {}, bodyText: google(s, 'UNAVAILABLE', 'The model is overloaded.') })).toMatchObject({ code: 'SERVER', retryable: true });
    }
    expect(httpFailure({ status: 501, headers: {}, bodyText: '' })).toMatchObject({ code: 'SERVER', retryable: false });
  });
});

describe('httpFailure — Interactions dialect and odd bodies', () => {
  it('reads a string error code and message', () => {
    const body = json({ error: { message: 'The legacy Interactions API schema is no longer supported.', code: 'invalid_request' } });
    const f = httpFailure({ status: 400, headers: {}, bodyText: body });
    expect(f.code).toBe('INVALID_REQUEST');
    expect(f.message).toContain('legacy Interactions API schema');
  });

  it('uses the string code when there is no message', () => {
    const f = httpFailure({ status: 503, headers: {}, bodyText: json({ error: { code: 'unavailable' } }) });
    expect(f.message).toContain('unavailable');
  });

  it('503 text/html → SERVER with a plain description, no HTML in the message', () => {
    const f = httpFailure({
      status: 503,
      headers: { 'content-type': 'text/html; charset=UTF-8' },
      bodyText: '<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>',
    });
    expect(f).toMatchObject({ code: 'SERVER', retryable: true, httpStatus: 503 });
    expect(f.message).not.toContain('<');
    expect(f.message).toContain('an HTML page');
  });

  it('empty or non-JSON bodies still map by status', () => {
    expect(httpFailure({ status: 404, headers: {}, bodyText: '' }).code).toBe('NOT_FOUND');
    expect(httpFailure({ status: 429, headers: { 'content-type': 'text/plain' }, bodyText: 'too many' }).code).toBe('RATE_LIMITED');
    expect(httpFailure({ status: 502, headers: {}, bodyText: json({ unexpected: true }) }).message).toContain('HTTP 502 Bad Gateway');
  });

  it('truncates a very long server message', () => {
    const f = httpFailure({ status: 400, headers: {}, bodyText: google(400, 'INVALID_ARGUMENT', 'x'.repeat(10_000)) });
    expect(f.message.length).toBeLessThan(600);
  });
});

describe('retry hints', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');

  it('Retry-After in seconds', () => {
    expect(retryAfterFromHeaders({ 'retry-after': '7' }, now)).toBe(7000);
    expect(httpFailure({ status: 429, headers: { 'retry-after': '7' }, bodyText: '' }).retryAfterMs).toBe(7000);
  });

  it('Retry-After as an HTTP date', () => {
    expect(retryAfterFromHeaders({ 'retry-after': 'Tue, 24 Nov 2026 10:00:30 GMT' }, now)).toBe(30_000);
    expect(retryAfterFromHeaders({ 'retry-after': 'Tue, 24 Nov 2026 09:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterFromHeaders({ 'retry-after': 'soon' }, now)).toBe('unusable');
    expect(retryAfterFromHeaders({}, now)).toBeUndefined();
  });

  it('a wait of a billion seconds, or of 400 digits, is kept as a finite "much later", never as minutes', () => {
    for (const seconds of ['1000000000', '9'.repeat(400)]) {
      expect(retryAfterFromHeaders({ 'retry-after': seconds }, now)).toBe(MAX_KEPT_WAIT_MS);
      const f = httpFailure({ status: 429, headers: { 'retry-after': seconds }, bodyText: '', now });
      expect(f.retryAfterMs).toBe(MAX_KEPT_WAIT_MS);
      expect(f.message).toMatch(/Try again much later\.$/);
      // A session stores the error as JSON: Infinity would come back as null and fail the schema.
      expect(JSON.parse(JSON.stringify(f.toAppError())).retryAfterMs).toBe(MAX_KEPT_WAIT_MS);
    }
    expect(parseDuration(`${'9'.repeat(400)}s`)).toBe(MAX_KEPT_WAIT_MS);
    expect(httpFailure({ status: 503, headers: { 'retry-after': String(3 * 3600) }, bodyText: '', now }).message).toMatch(/Try again in 3 h\.$/);
  });

  it('a Retry-After that gives no usable time (negative, NaN, not a date) is not retried on our own and says "later"', () => {
    // Date.parse alone reads "-5" as May 2001, a date long past, which used to mean "send again at once".
    for (const value of ['-5', 'NaN', '1e9', 'soon', '5 minutes']) {
      expect(retryAfterFromHeaders({ 'retry-after': value }, now), value).toBe('unusable');
      const limited = httpFailure({ status: 429, headers: { 'retry-after': value }, bodyText: '', now });
      expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryable: false, retryAfterMs: undefined });
      expect(limited.message).toMatch(/Try again later\.$/);
      const busy = httpFailure({ status: 503, headers: { 'retry-after': value }, bodyText: '', now });
      expect(busy).toMatchObject({ code: 'SERVER', retryable: false, retryAfterMs: undefined });
      expect(busy.message).toMatch(/Try again later\.$/);
    }
    const body = google(429, 'RESOURCE_EXHAUSTED', 'quota', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '-5s' }]);
    expect(httpFailure({ status: 429, headers: {}, bodyText: body, now })).toMatchObject({ retryable: false, retryAfterMs: undefined });
    // One usable source is enough: a broken retry-after-ms does not hide a good Retry-After.
    expect(retryAfterFromHeaders({ 'retry-after-ms': 'x', 'retry-after': '9' }, now)).toBe(9000);
    expect(httpFailure({ status: 429, headers: { 'retry-after': 'soon' }, bodyText: body.replace('-5s', '4s'), now })).toMatchObject({
      retryable: true,
      retryAfterMs: 4000,
    });
    expect(httpFailure({ status: 503, headers: {}, bodyText: '', now })).toMatchObject({ retryable: true, retryAfterMs: undefined });
  });

  it('retry-after-ms wins over Retry-After, headers over RetryInfo', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    const body = google(429, 'RESOURCE_EXHAUSTED', 'quota', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '46s' }]);
    expect(httpFailure({ status: 429, headers: { 'retry-after': '3' }, bodyText: body, now }).retryAfterMs).toBe(3000);
    expect(httpFailure({ status: 503, headers: { 'retry-after-ms': '1500' }, bodyText: '', now }).message).toContain('Try again in 1.5 s.');
  });

  it('parses protobuf durations', () => {
    expect(parseDuration('46s')).toBe(46_000);
    expect(parseDuration('0.250s')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('46')).toBeUndefined();
    expect(parseDuration(46)).toBeUndefined();
  });

});

describe('key redaction', () => {
  it('never repeats the key the server echoed, in either dialect', () => {
    const envelope = google(400, 'INVALID_ARGUMENT', `API key not valid: ${KEY}`);
    const dialect = json({ error: { message: `bad key ${encodeURIComponent(KEY)} / ${KEY}`, code: `invalid_${KEY}` } });
    for (const bodyText of [envelope, dialect]) {
      const f = httpFailure({ status: 400, headers: {}, bodyText, apiKey: KEY });
      expect(f.message).not.toContain(KEY);
      expect(f.message).toContain(REDACTED);
    }
  });

  it('redacts Google-shaped keys even when they are not the key sent, and keys in stream errors', () => {
    const other = 'AIzaSyOTHERKEY_abcdefghijklmnopqrstuvwxy';
    expect(httpFailure({ status: 403, headers: {}, bodyText: google(403, 'PERMISSION_DENIED', `key ${other} denied`) }).message).not.toContain(other);
    const f = streamErrorFailure({ code: 'internal', message: `failed for ${KEY}` }, KEY);
    expect(f.message).not.toContain(KEY);
  });

  it('redacts a held key that is not Google-shaped, and keys the body names by place, in an upstream error body', () => {
    const held = 'pxy_9f8e7d6c5b4a';
    const bodyText = google(401, 'UNAUTHENTICATED', `token ${held} refused for https://h/v1beta/models?key=sk-other; Authorization: Bearer ya29.tok`);
    const f = httpFailure({ status: 401, headers: {}, bodyText, apiKey: held });
    expect(f.message).toBe(`The API key was rejected: token ${REDACTED} refused for https://h/v1beta/models?key=${REDACTED}; Authorization: Bearer ${REDACTED}. Check the key in Settings.`);
  });
});

describe('stream failures', () => {
  it('an error event → STREAM_ERROR with its message and string code', () => {
    const f = streamErrorFailure({ code: 'gateway_timeout', message: 'Deadline expired before operation could complete.' });
    expect(f).toMatchObject({ code: 'STREAM_ERROR', retryable: true });
    expect(f.message).toBe('The model stopped with an error: Deadline expired before operation could complete (gateway_timeout). The partial answer is kept; try again.');
    expect(streamErrorFailure({}).message).toContain('no details');
  });

  it('a failed completion → STREAM_ERROR from its errors[0]', () => {
    expect(failedInteractionFailure([{ code: 'internal', message: 'An internal error occurred' }]).message).toContain('An internal error occurred (internal)');
    expect(failedInteractionFailure(undefined).code).toBe('STREAM_ERROR');
  });

  it('EOF or a cut → INTERRUPTED', () => {
    expect(interruptedFailure('eof').code).toBe('INTERRUPTED');
    expect(interruptedFailure('cut').message).toContain('connection was cut');
  });
});

describe('networkFailure', () => {
  const err = (code: string, message = code): Error => Object.assign(new Error(message), { code });

  it.each([
    ['ECONNREFUSED', 'NETWORK', true, 'Could not reach 127.0.0.1:9 (connection refused).'],
    ['ENOTFOUND', 'NETWORK', false, 'Could not reach 127.0.0.1:9 (the name could not be resolved).'],
    ['EAI_AGAIN', 'NETWORK', true, 'Could not reach 127.0.0.1:9 (DNS lookup failed).'],
    ['ECONNRESET', 'NETWORK', true, 'The connection to 127.0.0.1:9 was closed unexpectedly (connection reset).'],
    ['UND_ERR_SOCKET', 'NETWORK', true, 'was closed unexpectedly'],
    ['UND_ERR_HEADERS_TIMEOUT', 'TIMEOUT', false, 'did not answer within 30 s.'],
    ['UND_ERR_BODY_TIMEOUT', 'TIMEOUT', true, 'No data from the server for 120 s.'],
    ['UND_ERR_CONNECT_TIMEOUT', 'TIMEOUT', true, 'Could not connect to 127.0.0.1:9'],
    ['ENETUNREACH', 'NETWORK', true, 'network unreachable'],
    ['EWHATEVER', 'NETWORK', false, '(EWHATEVER)'],
  ] as const)('%s → %s', (code, expected, retryable, text) => {
    const f = networkFailure(err(code), ctx);
    expect(f.code).toBe(expected);
    expect(f.retryable).toBe(retryable);
    expect(f.message).toContain(text);
  });

  it('the idle timeout says the partial answer is kept only when some of it arrived, and names its setting', () => {
    const silent = networkFailure(err('UND_ERR_BODY_TIMEOUT'), { ...ctx, streaming: true });
    expect(silent.message).toBe('No data from the server for 120 s. None of the answer had arrived. Try again, or allow longer in Settings (“Wait between two parts”).');
    const partial = networkFailure(err('UND_ERR_BODY_TIMEOUT'), { ...ctx, streaming: true, partial: true });
    expect(partial.message).toBe('No data from the server for 120 s. The partial answer is kept; try again, or allow longer in Settings (“Wait between two parts”).');
  });

  it('the headers timeout names its setting', () => {
    expect(networkFailure(err('UND_ERR_HEADERS_TIMEOUT'), ctx).message).toBe(
      'The server at 127.0.0.1:9 did not answer within 30 s. Try again, or allow longer in Settings (“Wait for the answer to start”).',
    );
  });

  it('the settings the timeouts name are labelled so in the Settings view', () => {
    const dialog = readFileSync(new URL('../../../src-renderer/components/app-settings/SettingsDialog.svelte', import.meta.url), 'utf8');
    expect(dialog).toContain(`label="${HEADERS_TIMEOUT_SETTING}"`);
    expect(dialog).toContain(`label="${IDLE_TIMEOUT_SETTING}"`);
  });

  it('a reset after the first byte is an interrupted answer', () => {
    expect(networkFailure(err('UND_ERR_SOCKET', 'other side closed'), { ...ctx, streaming: true }).code).toBe('INTERRUPTED');
  });

  it('finds the code on a cause or inside an AggregateError', () => {
    const wrapped = new TypeError('fetch failed', { cause: err('ECONNREFUSED') });
    expect(errorCode(wrapped)).toBe('ECONNREFUSED');
    const aggregate = Object.assign(new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')]), {});
    expect(errorCode(aggregate)).toBe('ECONNREFUSED');
    expect(networkFailure('boom', ctx).message).toContain('(boom)');
  });
});

describe('httpFailure — a 404 on a create that chains from a stored interaction', () => {
  const interactions = (code: string, message: string): string => json({ error: { code, message } });

  it("the Interactions service's model_not_found, or a message naming models/, is about the model", () => {
    const coded = httpFailure({ status: 404, headers: {}, bodyText: interactions('model_not_found', 'Model gemini-9 was not found.'), chainedFrom: 'v1_a' });
    expect(coded.code).toBe('NOT_FOUND');
    expect(coded).not.toBeInstanceOf(UnclearNotFound);
    const named = httpFailure({ status: 404, headers: {}, bodyText: google(404, 'NOT_FOUND', 'models/gemini-9 is not found.'), chainedFrom: 'v1_a' });
    expect(named.code).toBe('NOT_FOUND');
    expect(named).not.toBeInstanceOf(UnclearNotFound);
  });

  it('a message naming the interaction it chains from is INTERACTION_GONE', () => {
    const f = httpFailure({ status: 404, headers: {}, bodyText: interactions('not_found', 'Interaction v1_a was not found.'), chainedFrom: 'v1_a' });
    expect(f).toMatchObject({ code: 'INTERACTION_GONE', httpStatus: 404, retryable: false });
  });

  it('a message naming neither is left unclear for the client to ask about', () => {
    const f = httpFailure({ status: 404, headers: {}, bodyText: google(404, 'NOT_FOUND', 'Requested entity was not found.'), chainedFrom: 'v1_a' });
    expect(f.code).toBe('NOT_FOUND');
    expect(f).toBeInstanceOf(UnclearNotFound);
    expect(httpFailure({ status: 404, headers: {}, bodyText: google(404, 'NOT_FOUND', 'Requested entity was not found.') })).not.toBeInstanceOf(UnclearNotFound);
  });
});
