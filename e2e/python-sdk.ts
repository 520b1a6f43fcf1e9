// The real google-genai for the Python exports: the project's .venv-py when it has the SDK, else made once with pip.
// Where pip cannot install it, the caller is told why and runs the test stand-in instead (test-support/shared/export/python).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const VENV = join(ROOT, '.venv-py');
const PYTHON = join(VENV, 'bin/python');
/** Held while one test process makes the venv: test files run in parallel processes. */
const LOCK = join(tmpdir(), `venv-py-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
const LOCK_WAIT_MS = 180_000;

/** `python3 -m venv .venv-py && .venv-py/bin/pip install …`, as .ci/run does it; --retries 0 keeps a missing index quick to fail. */
export const INSTALL_COMMAND = 'python3 -m venv .venv-py && .venv-py/bin/pip install --retries 0 --timeout 10 google-genai';

export type PythonSdk = { python: string; version: string } | { python?: undefined; reason: string };

interface Ran {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: error === null, stdout: String(stdout), stderr: String(stderr) || (error?.message ?? '') });
    });
  });
}

async function installedVersion(): Promise<string | undefined> {
  if (!existsSync(PYTHON)) return undefined;
  const probe = await run(PYTHON, ['-c', 'import google.genai as g; print(g.__version__)'], 30_000);
  return probe.ok ? probe.stdout.trim() : undefined;
}

/** The last lines of pip's complaint: enough to say why without pages of retries. */
function tail(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > deadline) throw new Error(`${LOCK} has been held for ${LOCK_WAIT_MS / 1000} s; remove it if no test is installing google-genai`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(LOCK).catch(() => {});
  }
}

async function findOrInstall(): Promise<PythonSdk> {
  const found = await installedVersion();
  if (found) return { python: PYTHON, version: found };
  return withLock(async () => {
    // Another test process may have made it while this one waited.
    const made = await installedVersion();
    if (made) return { python: PYTHON, version: made };
    if (!existsSync(PYTHON)) {
      const venv = await run('python3', ['-m', 'venv', VENV], 120_000);
      if (!venv.ok) return { reason: `python3 -m venv failed: ${tail(venv.stderr)}` };
    }
    const pip = await run(join(VENV, 'bin/pip'), ['install', '--retries', '0', '--timeout', '10', 'google-genai'], 300_000);
    if (!pip.ok) return { reason: `pip could not install google-genai (${tail(pip.stderr)}); to install it: ${INSTALL_COMMAND}` };
    const version = await installedVersion();
    return version ? { python: PYTHON, version } : { reason: 'pip installed google-genai but `import google.genai` still fails' };
  });
}

let sdk: Promise<PythonSdk> | undefined;

/** The venv's python with google-genai, found or installed once per test process; or why there is none. */
export function pythonSdk(): Promise<PythonSdk> {
  sdk ??= findOrInstall();
  return sdk;
}
