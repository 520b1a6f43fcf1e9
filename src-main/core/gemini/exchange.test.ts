// Exchange.failure: whatever a request threw becomes an AppFailure whose message and stack carry no key.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src-shared/domain';
import { AppFailure } from '../failure';
import type { Logger } from '../ports';
import type { RetryNotice } from './client';
import { Exchange, type Wire } from './exchange';
import type { Routes } from './proxy';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const settings = { connectMs: undefined, headersMs: 1_000, idleMs: 1_000, maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 };
const wire: Wire = { base: 'https://proxy.example', host: 'proxy.example', key: 'pxy_9f8e7d6c5b4a', secrets: [] };

describe('Exchange.failure', () => {
  it('redacts a thrown message that quotes a URL with another key, though the held key is not in it', () => {
    const exchange = new Exchange({} as Routes, quiet, settings);
    const thrown = new Error('invalid header for https://proxy.example/v1beta/models?key=sk-other-123');
    const failure = exchange.failure(thrown, wire, false);
    expect(failure.message).toBe(
      `Could not talk to proxy.example (invalid header for https://proxy.example/v1beta/models?key=${REDACTED}). Check your network and the base URL in Settings.`,
    );
  });

  it('redacts the held key, whatever its shape, from message and stack', () => {
    const exchange = new Exchange({} as Routes, quiet, settings);
    const failure = exchange.failure(new Error(`refused ${wire.key}`), wire, false);
    expect(failure.message).toContain(`refused ${REDACTED}`);
    expect(String(failure.stack)).not.toContain(wire.key);
  });
});

describe('Exchange.send retry notices', () => {
  it('redact the values the request carried besides the key, in the notice and in its log line', async () => {
    const lines: string[] = [];
    const logger: Logger = { ...quiet, info: (m, d) => void lines.push(`${m} ${JSON.stringify(d)}`) };
    const routes: Routes = {
      dispatcherFor: () => {
        throw new AppFailure('SERVER', 'The MCP server refused "Bearer mcp-token-31337"', { retryable: true });
      },
      connectionFailed() {},
    };
    const exchange = new Exchange(routes, logger, { ...settings, maxRetries: 1 }, async () => undefined);
    const notices: RetryNotice[] = [];
    const call = exchange.begin(undefined);
    const sent = exchange.send({ ...wire, secrets: ['Bearer mcp-token-31337'] }, call, {
      method: 'POST',
      url: `${wire.base}/v1beta/interactions`,
      headers: {},
      expect: undefined,
      headersMs: 1_000,
      onRetry: (notice) => void notices.push(notice),
    });
    await expect(sent).rejects.toBeInstanceOf(AppFailure);
    expect(notices.map((n) => n.reason)).toEqual([`The MCP server refused "${REDACTED}"`]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(REDACTED);
    expect(lines[0]).not.toContain('mcp-token-31337');
  });
});
