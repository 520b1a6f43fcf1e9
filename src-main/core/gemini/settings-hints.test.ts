// Item 4 of issue 16: every failure main words with "in Settings" reaches the person with a button to what it
// names — the Settings view, or the key dialog for key problems — never a pointer to nothing. Main's own failure
// builders meet the renderer's wording (src-renderer/lib/state/errors.ts) here.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src-renderer/lib/state/errors';
import { AppFailure } from '../failure';
import { httpFailure, networkFailure } from './errors';

describe('messages that send the person to Settings come with a button to it', () => {
  const CTX = { host: '127.0.0.1:9', headersMs: 30_000, idleMs: 120_000, connectMs: 10_000 };
  const net = (code: string) => networkFailure(Object.assign(new Error(code), { code }), CTX);
  const http = (status: number, body = '{}') => httpFailure({ status, headers: {}, bodyText: body });
  // Every message main words with "in Settings" (gemini/errors.ts, exchange.ts, client.ts): built by main's own code where it can be.
  const fromMain = [
    net('ECONNREFUSED'),
    net('ENOTFOUND'),
    net('UND_ERR_CONNECT_TIMEOUT'),
    net('UND_ERR_HEADERS_TIMEOUT'),
    net('UND_ERR_BODY_TIMEOUT'),
    net('EWEIRD'),
    http(401),
    http(400, '{"error":{"message":"API key not valid.","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}'),
    http(403),
    http(404),
    new AppFailure('PROTOCOL', 'The server at h answered with "text/html" instead of an event stream (text/event-stream). Check the base URL in Settings.'),
    new AppFailure('INVALID_REQUEST', 'The base URL "x" is not an http(s) URL. Check it in Settings.'),
    new AppFailure('NO_KEY', 'Add your Gemini API key first (Settings → API key), or set GEMINI_API_KEY.'),
  ];

  it.each(fromMain.map((f) => [f.code, f.message, f] as const))('%s: %s', (_code, _message, failure) => {
    const shown = describeError(failure.toAppError());
    const keyProblem = ['NO_KEY', 'BAD_KEY', 'PERMISSION_DENIED'].includes(failure.code);
    if (keyProblem) expect(shown.action).toBe('key');
    else if (/Settings/.test(shown.detail)) expect(shown.action).toBe('settings');
    else expect(shown.detail).not.toMatch(/Settings/);
  });

  it('the base URL, connection and timeout messages are the ones that open Settings', () => {
    const opening = fromMain.filter((f) => describeError(f.toAppError()).action === 'settings').map((f) => f.code);
    expect(opening).toEqual(['NETWORK', 'NETWORK', 'TIMEOUT', 'TIMEOUT', 'TIMEOUT', 'NETWORK', 'PROTOCOL', 'INVALID_REQUEST']);
  });
});
