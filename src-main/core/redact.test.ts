// redact.ts: every form a secret takes in upstream text, logs and URLs is replaced; ordinary text is left alone.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src-shared/domain';
import { redactSecrets } from './redact';

/** A key the person pasted that is not Google-shaped: a newer format, or a proxy's token. */
const HELD = 'gk_live.7Qx/9+tZ$proxyToken';
const GOOGLE = 'AIzaSyD-1234567890abcdefghijklmnopqrstu';

describe('redactSecrets', () => {
  it('replaces the key the app holds, whatever its shape, and its URL-encoded form', () => {
    expect(redactSecrets(`API key not valid: ${HELD}.`, [HELD])).toBe(`API key not valid: ${REDACTED}.`);
    expect(redactSecrets(`GET /v1beta/models/${encodeURIComponent(HELD)}/x`, [HELD])).toBe(`GET /v1beta/models/${REDACTED}/x`);
  });

  it('replaces a longer held value before a shorter one it contains', () => {
    expect(redactSecrets('token abcd-efgh', ['abcd', 'abcd-efgh'])).toBe(`token ${REDACTED}`);
  });

  it('does not hunt for held values too short to be secrets, nor for none', () => {
    expect(redactSecrets('a cat sat', ['cat', undefined])).toBe('a cat sat');
  });

  it('replaces key= query values, and only the value', () => {
    expect(redactSecrets('GET https://proxy.example/v1beta/models?key=sk-9f8e7d&alt=sse failed', [])).toBe(
      `GET https://proxy.example/v1beta/models?key=${REDACTED}&alt=sse failed`,
    );
    expect(redactSecrets('"url":"https://h/x?alt=sse&KEY=tok_123"')).toBe(`"url":"https://h/x?alt=sse&KEY=${REDACTED}"`);
  });

  it('replaces x-goog-api-key header values echoed as text or JSON', () => {
    expect(redactSecrets('sent x-goog-api-key: tok_abc123 twice')).toBe(`sent x-goog-api-key: ${REDACTED} twice`);
    expect(redactSecrets('{"X-Goog-Api-Key":"tok_abc123","a":1}')).toBe(`{"X-Goog-Api-Key":"${REDACTED}","a":1}`);
  });

  it('replaces Authorization: Bearer values echoed as text or JSON', () => {
    expect(redactSecrets('Authorization: Bearer ya29.a0-tok rejected')).toBe(`Authorization: Bearer ${REDACTED} rejected`);
    expect(redactSecrets('{"authorization": "bearer ya29.a0-tok"}')).toBe(`{"authorization": "bearer ${REDACTED}"}`);
  });

  it('replaces Google-shaped keys the app does not hold', () => {
    expect(redactSecrets(`key ${GOOGLE} denied`, [HELD])).toBe(`key ${REDACTED} denied`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'The monkey=3 key: value; authorization was denied, bearer bonds fell. See https://h/x?keys=2&donkey=1';
    expect(redactSecrets(text, [HELD])).toBe(text);
  });
});
