// What nothing in main caught reaches the redacting logger, not stderr or Electron's dialog raw.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src-shared/domain';
import type { Logger } from '../ports';
import { redactingLogger } from './file-logger';
import { logProcessErrors } from './process-errors';

const HELD = 'pxy_9f8e7d6c5b4a';

function recorder(): Logger & { records: unknown[] } {
  const records: unknown[] = [];
  const rec = (level: string) => (message: string, data?: Record<string, unknown>) => void records.push([level, message, data]);
  return { records, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

describe('logProcessErrors', () => {
  it('logs an uncaught exception and an unhandled rejection as errors, with the held key out', () => {
    const proc = new EventEmitter();
    const seen = recorder();
    logProcessErrors(proc, redactingLogger(seen, () => [HELD]));
    proc.emit('uncaughtException', new Error(`boom at https://h/?key=${HELD}`), 'uncaughtException');
    proc.emit('unhandledRejection', `refused ${HELD}`);
    expect(seen.records).toEqual([
      ['error', 'app: uncaught exception', { error: expect.objectContaining({ message: `boom at https://h/?key=${REDACTED}` }), origin: 'uncaughtException' }],
      ['error', 'app: unhandled promise rejection', { error: `refused ${REDACTED}` }],
    ]);
    expect(JSON.stringify(seen.records)).not.toContain(HELD);
  });

  it('does not throw out of the listener when logging fails', () => {
    const proc = new EventEmitter();
    const failing: Logger = {
      debug() {},
      info() {},
      warn() {},
      error() {
        throw new Error('EPIPE');
      },
    };
    logProcessErrors(proc, failing);
    expect(() => proc.emit('uncaughtException', new Error('boom'), 'uncaughtException')).not.toThrow();
  });
});
