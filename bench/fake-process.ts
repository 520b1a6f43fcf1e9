// Runs the fake Interactions API (or a replay of one answer) in its own process, so its CPU time is not charged to what a benchmark measures.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface FakeProcess {
  url: string;
  stop(): Promise<void>;
}

export function startFakeProcess(): Promise<FakeProcess> {
  return startServerProcess(['--import', 'tsx', join(ROOT, 'e2e/fake-api/cli.ts'), '--port', '0']);
}

/** Serves one recorded SSE body for every request (bench/replay-server.mjs). */
export function startReplayProcess(file: string): Promise<FakeProcess> {
  return startServerProcess([join(ROOT, 'bench/replay-server.mjs'), file]);
}

function startServerProcess(args: string[]): Promise<FakeProcess> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`fake API exited early (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match?.[1]) return;
      child.removeAllListeners('exit');
      resolve({
        url: match[1],
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
