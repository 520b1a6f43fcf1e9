// Start-up failures: logged, shown in an error box naming the problem and the log file, lock released, exit 1.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src-shared/domain';
import type { Logger } from './ports';
import { STARTUP_ERROR_TITLE, createStartupGuard, startupErrorText, type LogFileInfo, type StartupHost } from './startup';

function fakeHost(ready: boolean) {
  const steps: string[] = [];
  let becomeReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (becomeReady = resolve));
  const host: StartupHost = {
    isReady: () => ready,
    whenReady: () => readyPromise,
    showErrorBox: (title, content) => steps.push(`box ${title} | ${content}`),
    releaseSingleInstanceLock: () => steps.push('release'),
    exit: (code) => steps.push(`exit ${code}`),
  };
  return { host, steps, becomeReady: () => (ready = true, becomeReady()) };
}

function recordingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (m, d) => errors.push([m, d]) };
}

const LOG: LogFileInfo = { path: () => '/logs/main.log', failure: () => undefined };

describe('startupErrorText', () => {
  it('names the problem and the log file', () => {
    expect(startupErrorText(new Error('GPU process isn’t usable.'), LOG)).toEqual({
      title: STARTUP_ERROR_TITLE,
      content: 'GPU process isn’t usable.\n\nDetails are in the log file:\n/logs/main.log',
    });
  });

  it('says when the log file could not be written, or opened, and keeps keys out', () => {
    const failing: LogFileInfo = { path: () => '/logs/main.log', failure: () => 'EACCES: permission denied' };
    expect(startupErrorText('boom AIzaSyD-1234567890abcdefghijklmnopqrstu', failing).content).toBe(
      `boom ${REDACTED}\n\nThe log file /logs/main.log could not be written either: EACCES: permission denied`,
    );
    const none: LogFileInfo = { path: () => undefined, failure: () => 'no folder' };
    expect(startupErrorText(new Error(''), none).content).toBe('Error\n\nNo log file could be opened.');
  });
});

describe('createStartupGuard', () => {
  it('after ready: logs, shows the box, releases the lock and exits 1, in that order', () => {
    const { host, steps } = fakeHost(true);
    const logger = recordingLogger();
    const guard = createStartupGuard(host, logger, LOG);
    const error = new Error('no window');
    guard.run(() => {
      throw error;
    });
    expect(logger.errors).toEqual([['app: start-up failed', { error }]]);
    expect(steps).toEqual([`box ${STARTUP_ERROR_TITLE} | no window\n\nDetails are in the log file:\n/logs/main.log`, 'release', 'exit 1']);
    expect(guard.failed).toBe(true);
  });

  it('before ready: waits for ready to show the box (Linux prints it to stderr before), then exits', async () => {
    const { host, steps, becomeReady } = fakeHost(false);
    const guard = createStartupGuard(host, recordingLogger(), LOG);
    guard.fail(new Error('setPath failed'));
    await Promise.resolve();
    expect(steps).toEqual([]);
    becomeReady();
    await new Promise((r) => setTimeout(r, 0));
    expect(steps.map((s) => s.split(' ')[0])).toEqual(['box', 'release', 'exit']);
  });

  it('reports only the first failure, and still exits when the box cannot be shown', () => {
    const { host, steps } = fakeHost(true);
    host.showErrorBox = () => {
      throw new Error('no display');
    };
    const logger = recordingLogger();
    const guard = createStartupGuard(host, logger, LOG);
    expect(() => guard.fail(new Error('first'))).toThrow('no display');
    guard.fail(new Error('second'));
    expect(steps).toEqual(['release', 'exit 1']);
    expect(logger.errors).toHaveLength(2);
  });

  it('keeps the key the app holds out of the box, whatever its shape', () => {
    const { host, steps } = fakeHost(true);
    const guard = createStartupGuard(host, recordingLogger(), LOG, () => ['pxy_9f8e7d6c5b4a']);
    guard.fail(new Error('proxy refused pxy_9f8e7d6c5b4a'));
    expect(steps[0]).toBe(`box ${STARTUP_ERROR_TITLE} | proxy refused ${REDACTED}\n\nDetails are in the log file:\n/logs/main.log`);
  });

  it('runs steps that do not throw and stays unfailed', () => {
    const { host, steps } = fakeHost(true);
    const guard = createStartupGuard(host, recordingLogger(), LOG);
    let ran = false;
    guard.run(() => void (ran = true));
    expect(ran).toBe(true);
    expect(guard.failed).toBe(false);
    expect(steps).toEqual([]);
  });
});
