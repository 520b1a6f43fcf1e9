// Wording of failures per error code and of the retry notice.
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src-shared/bridge';
import type { ErrorCode } from '../../../src-shared/domain';
import { describeError, describeRetry, toAppError } from './errors';

const error = (code: ErrorCode, extra: { message?: string; retryAfterMs?: number } = {}) => ({
  code,
  message: extra.message ?? 'server said something',
  ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
});

describe('error wording', () => {
  it('BAD_KEY says the key was rejected and offers the key dialog', () => {
    expect(describeError(error('BAD_KEY'))).toMatchObject({ title: 'API key rejected', action: 'key' });
  });

  it('NO_KEY asks for a key', () => {
    expect(describeError(error('NO_KEY'))).toMatchObject({ title: 'No API key', action: 'key' });
  });

  it('RATE_LIMITED says when to try again', () => {
    expect(describeError(error('RATE_LIMITED', { retryAfterMs: 4_200 }))).toMatchObject({ title: 'Rate limited', detail: 'Try again in 4.2 s.' });
    expect(describeError(error('RATE_LIMITED', { retryAfterMs: 5 * 3_600_000 })).detail).toBe('Try again in 5 h.');
    // A daily quota's Retry-After of a billion seconds once read "Try again in 1000000000 s.".
    expect(describeError(error('RATE_LIMITED', { retryAfterMs: 1e12 })).detail).toBe('Try again much later.');
    expect(describeError(error('RATE_LIMITED')).detail).toContain('try again in a moment');
  });

  it('NOT_FOUND names the model and hints at the model id', () => {
    const m = describeError(error('NOT_FOUND'), { model: 'gemini-9-ultra' });
    expect(m.title).toBe('Model “gemini-9-ultra” not found');
    expect(m.detail).toContain('model id');
    expect(m.action).toBe('model');
  });

  it('NETWORK and TIMEOUT are told apart', () => {
    expect(describeError(error('NETWORK')).title).toBe('Network problem');
    expect(describeError(error('TIMEOUT')).title).toBe('The request timed out');
  });

  it('INTERRUPTED says the answer was interrupted', () => {
    expect(describeError(error('INTERRUPTED')).title).toBe('The answer was interrupted');
  });

  it('passes the API explanation through for invalid requests', () => {
    expect(describeError(error('INVALID_REQUEST', { message: 'temperature must be ≤ 2' })).detail).toBe('temperature must be ≤ 2');
  });

  it('has a title for every code', () => {
    const codes: ErrorCode[] = [
      'NO_KEY', 'BAD_KEY', 'PERMISSION_DENIED', 'NOT_FOUND', 'INTERACTION_GONE', 'INVALID_REQUEST', 'RATE_LIMITED', 'SERVER', 'NETWORK',
      'TIMEOUT', 'PROTOCOL', 'STREAM_ERROR', 'INTERRUPTED', 'BAD_REQUEST', 'FORBIDDEN', 'INTERNAL',
    ];
    for (const code of codes) expect(describeError(error(code)).title.length, code).toBeGreaterThan(3);
  });
});

describe('retry notice', () => {
  it('reads "Rate limited — retrying in 4 s"', () => {
    expect(describeRetry({ attempt: 1, delayMs: 4_000, reason: 'HTTP 429' })).toBe('Rate limited — retrying in 4 s');
    expect(describeRetry({ attempt: 1, delayMs: 3_500, reason: 'RATE_LIMITED' })).toBe('Rate limited — retrying in 3.5 s');
    expect(describeRetry({ attempt: 2, delayMs: 900, reason: '503 Service Unavailable' })).toBe('Server busy — retrying in 0.9 s');
  });
});

describe('toAppError', () => {
  it('keeps the code of a bridge error', () => {
    expect(toAppError(new BridgeError({ code: 'NO_KEY', message: 'no key' }))).toEqual({ code: 'NO_KEY', message: 'no key', retryable: false });
    expect(toAppError(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });
});
