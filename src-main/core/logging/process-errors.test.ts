// What nothing in main caught reaches the redacting logger, not stderr or Electron's dialog raw.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src-shared/domain';
import type { Logger } from '../ports';
import { redactingLogger } from './file-logger';
import { faultMessage, logProcessErrors } from './process-errors';

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

describe('the window hears of it', () => {
  const held = [HELD];
  const redact = (text: string) => text.split(HELD).join(REDACTED);

  it('in one sentence per error, after the log line, with what the key looked like redacted', () => {
    const proc = new EventEmitter();
    const seen = recorder();
    const told: string[] = [];
    logProcessErrors(proc, redactingLogger(seen, () => held), (error) => {
      expect(seen.records).toHaveLength(told.length + 1);
      told.push(faultMessage(error, redact));
    });
    proc.emit('uncaughtException', new Error(`boom\n  at https://h/?key=${HELD}`), 'uncaughtException');
    proc.emit('unhandledRejection', 'plain reason');
    expect(told).toEqual([
      `Something inside the app failed and nothing caught it: boom at https://h/?key=${REDACTED}. The app goes on, but what it was doing may not have finished. The details are in main.log (Help → Open logs folder).`,
      'Something inside the app failed and nothing caught it: plain reason. The app goes on, but what it was doing may not have finished. The details are in main.log (Help → Open logs folder).',
    ]);
  });

  it('quotes at most 300 characters of the error, and still logs when telling fails', () => {
    expect(faultMessage(new Error('x'.repeat(1000)), (t) => t)).toContain(`: ${'x'.repeat(299)}…. The app goes on`);
    const proc = new EventEmitter();
    const seen = recorder();
    logProcessErrors(proc, seen, () => {
      throw new Error('window gone');
    });
    expect(() => proc.emit('uncaughtException', new Error('boom'), 'uncaughtException')).not.toThrow();
    expect(seen.records).toHaveLength(1);
  });
});
