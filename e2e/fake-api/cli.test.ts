// `npm run fake-api`: one line once listening, serves requests, exits cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { KEY } from './test-support';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('prints exactly one line with the URL, honours --delay, and closes on SIGINT', async () => {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'e2e/fake-api/cli.ts', '--port', '0', '--delay', '25'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const started = Date.now();
    while (!out.includes('\n')) {
      if (Date.now() - started > 15_000) throw new Error(`no output: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const match = /^Fake Interactions API listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(out);
    expect(match).not.toBeNull();
    const before = Date.now();
    const res = await fetch(`${match![1]}/v1beta/interactions`, {
      method: 'POST',
      headers: { ...KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-2.0-flash', input: '[[len:100]] [[chunk:25]]', stream: true }),
    });
    await res.text();
    expect(Date.now() - before).toBeGreaterThanOrEqual(4 * 25);
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
  expect(out.trim().split('\n')).toHaveLength(1);
});
