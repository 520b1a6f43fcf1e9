// Wording of failures per error code and of the retry notice.
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src-shared/bridge';
import type { ErrorCode, UnreadableKey } from '../../../src-shared/domain';
import { describeError, describeRetry, toAppError, unreadableKeyReason } from './errors';

const error = (code: ErrorCode, extra: { message?: string; retryAfterMs?: number; keyUnreadable?: UnreadableKey } = {}) => ({
  code,
  message: extra.message ?? 'server said something',
  ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
  ...(extra.keyUnreadable !== undefined ? { keyUnreadable: extra.keyUnreadable } : {}),
});

/** Main's words for a saved key the keyring cannot open (noKeyFailure, asserted in app-core-secrets.test.ts). */
const MAIN_UNREADABLE_MESSAGE =
  'Your saved Gemini API key cannot be read here: the system keyring is locked or not available. Unlock the keyring and restart the app, or enter the key again (Settings → API key).';

/** Why main could not read a saved key, and the reason the window shows for it. */
const UNREADABLE = [
  [
    'keyring-locked',
    /^The system keyring is locked or not available\. Unlock the keyring and restart the app, or enter the key again \(Settings → API key\)\.$/,
  ],
  [
    'keyring-absent',
    /^The system keyring \(Secret Service or KWallet\) was not found this run\. Start or unlock the keyring and restart the app, or enter the key again/,
  ],
  [
    'other-keyring',
    /^It was encrypted by another system keyring than the one in use now\. Restart the app with that keyring unlocked, or enter the key again/,
  ],
] as const;

describe('error wording', () => {
  it('BAD_KEY says the key was rejected and offers the key dialog', () => {
    expect(describeError(error('BAD_KEY'))).toMatchObject({ title: 'API key rejected', action: 'key' });
  });

  it('NO_KEY asks for a key', () => {
    expect(describeError(error('NO_KEY'))).toMatchObject({ title: 'No API key', action: 'key' });
  });

  it.each(UNREADABLE)('NO_KEY for a saved key main cannot read (%s) says so, with the reason and advice, and still offers the key dialog', (keyUnreadable, remedy) => {
    // Whatever main's words: the reason is the field's.
    const described = describeError(error('NO_KEY', { message: 'worded any way', keyUnreadable }));
    expect(described).toMatchObject({ title: 'Saved API key cannot be read here', action: 'key' });
    expect(described.detail).toMatch(remedy);
    expect(described.detail).toMatch(/^[A-Z]/);
    expect(`${described.title}. ${described.detail}`).not.toMatch(/No API key|Add a Gemini API key|cannot be read here:/);
  });

  it('NO_KEY with no key saved keeps asking for one', () => {
    const message = 'Add your Gemini API key first (Settings → API key), or set GEMINI_API_KEY.';
    expect(describeError(error('NO_KEY', { message }))).toEqual({ title: 'No API key', detail: 'Add a Gemini API key to send prompts.', action: 'key' });
    expect(unreadableKeyReason({ code: 'BAD_KEY', keyUnreadable: 'keyring-locked' })).toBeUndefined();
  });

  it('main\'s wording alone, without the reason as a field, is not taken for a saved key it cannot read', () => {
    expect(describeError(error('NO_KEY', { message: MAIN_UNREADABLE_MESSAGE }))).toMatchObject({ title: 'No API key', action: 'key' });
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
  it('keeps the code of a bridge error, and why a saved key cannot be read', () => {
    expect(toAppError(new BridgeError({ code: 'NO_KEY', message: 'no key' }))).toEqual({ code: 'NO_KEY', message: 'no key', retryable: false });
    expect(toAppError(new BridgeError({ code: 'NO_KEY', message: 'no key', keyUnreadable: 'other-keyring' }))).toMatchObject({ keyUnreadable: 'other-keyring' });
    expect(toAppError(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });
});
