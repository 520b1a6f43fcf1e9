// Runs exported scripts for real (node + @google/genai, python + google-genai or the test stand-in, bash + curl + jq) against the fake API.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeApi, type FakeApiOptions, type RecordedRequest } from './fake-api/server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PYTHON_STAND_IN = join(ROOT, 'test-support/shared/export/python');
const API_HOST = 'https://generativelanguage.googleapis.com';
const TIMEOUT_MS = 20_000;
/** Importing google-genai alone takes seconds of CPU, and the two cores are shared with the rest of the suite. */
const SDK_TIMEOUT_MS = 60_000;
/** A file in the sandbox HOME that must survive every script. */
export const CANARY = 'canary.txt';

export type ScriptLanguage = 'python' | 'javascript' | 'rest';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ScriptResult extends ProcessResult {
  /** The directory the script ran in (holds the files it was given). */
  dir: string;
}

export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdinFile?: string; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const stdin = options.stdinFile === undefined ? 'ignore' : openSync(join(options.cwd, options.stdinFile), 'r');
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: [stdin, 'pipe', 'pipe'] });
    if (typeof stdin === 'number') closeSync(stdin);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // Both are pipes (stdio above); the typings cannot tell once stdin is a descriptor.
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Runs `fn` over `items`, at most `size` at a time (the machine has two cores). */
export async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

/**
 * A clean environment: only what the scripts need, so a developer's GOOGLE_API_KEY cannot leak in
 * (the JS SDK prefers it over GEMINI_API_KEY).
 */
export function scriptEnv(fakeUrl: string, home: string, key = 'test-key', standIn = true): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // A sandbox: if a hostile prompt ever reached the shell, `~` would be this directory, not the real home.
    HOME: home,
    LANG: 'C.UTF-8',
    GEMINI_API_KEY: key,
    GOOGLE_GEMINI_BASE_URL: fakeUrl,
    GOOGLE_GENAI_API_VERSION: 'v1beta',
    ...(standIn ? { PYTHONPATH: PYTHON_STAND_IN } : {}),
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

/** curl scripts name the real host; tests point them at the fake. */
export function swapHost(script: string, fakeUrl: string): string {
  return script.split(API_HOST).join(fakeUrl);
}

const FILE_NAMES: Record<ScriptLanguage, string> = { python: 'main.py', javascript: 'main.mjs', rest: 'main.sh' };

/**
 * Writes the script (and `files`, e.g. the image it uploads) to a fresh directory and runs it there.
 * JavaScript resolves @google/genai through a node_modules link to the project's (ESM ignores NODE_PATH);
 * Python is byte-compiled first so a syntax error reads as such. Python runs with `python` (an interpreter
 * with the real google-genai, see python-sdk.ts) when given, else python3 with the stand-in.
 */
export async function runScript(
  language: ScriptLanguage,
  code: string,
  options: {
    fakeUrl: string;
    /** base64 bytes by file name */
    files?: Record<string, string>;
    /** curl only: fed to an interactive bash, as if pasted into a terminal (history expansion on). */
    pasted?: boolean;
    /** Python only: an interpreter with the real google-genai; absent, python3 and the stand-in. */
    python?: string;
    /** More environment variables, e.g. the MCP header values a script reads. */
    env?: Record<string, string>;
  },
): Promise<ScriptResult> {
  const dir = await mkdtemp(join(tmpdir(), 'pg-export-'));
  const home = join(dir, 'home');
  await mkdir(home);
  await writeFile(join(home, CANARY), 'still here');
  const env = { ...scriptEnv(options.fakeUrl, home, 'test-key', options.python === undefined), ...options.env };
  for (const [name, base64] of Object.entries(options.files ?? {})) {
    await writeFile(join(dir, name), Buffer.from(base64, 'base64'));
  }
  const file = FILE_NAMES[language];
  await writeFile(join(dir, file), language === 'rest' ? swapHost(code, options.fakeUrl) : code);
  if (language === 'javascript') {
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return { ...(await runProcess(process.execPath, [file], { cwd: dir, env })), dir };
  }
  if (language === 'python') {
    const python = options.python ?? 'python3';
    const compiled = await runProcess(python, ['-m', 'py_compile', file], { cwd: dir, env });
    if (compiled.code !== 0) return { ...compiled, dir };
    return { ...(await runProcess(python, [file], { cwd: dir, env, ...(options.python ? { timeoutMs: SDK_TIMEOUT_MS } : {}) })), dir };
  }
  if (options.pasted) return { ...(await runProcess('bash', ['-i'], { cwd: dir, env, stdinFile: file })), dir };
  // -e and pipefail only make a failing step visible to the test; the script itself is unchanged.
  return { ...(await runProcess('bash', ['-e', '-o', 'pipefail', file], { cwd: dir, env })), dir };
}

export function fileExists(dir: string, name: string): boolean {
  return existsSync(join(dir, name));
}

/** The bytes of a file a script wrote in its directory (an image it saved), or undefined when there is none. */
export async function readRunFile(dir: string, name: string): Promise<Buffer | undefined> {
  return readFile(join(dir, name)).catch(() => undefined);
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface FakeRun extends ScriptResult {
  fakeUrl: string;
  requests: RecordedRequest[];
  /** Parsed bodies of the POST …/interactions received, in order. */
  bodies: Record<string, unknown>[];
}

/** One fake server per script, so scripts can run side by side and each sees only its own requests. */
export async function runAgainstFake(
  language: ScriptLanguage,
  code: string,
  files?: Record<string, string>,
  pasted = false,
  python?: string,
  env?: Record<string, string>,
  fakeOptions?: FakeApiOptions,
): Promise<FakeRun> {
  const fake = await startFakeApi(fakeOptions);
  try {
    const result = await runScript(language, code, { fakeUrl: fake.url, pasted, ...(files ? { files } : {}), ...(python ? { python } : {}), ...(env ? { env } : {}) });
    const bodies = fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
    return { ...result, fakeUrl: fake.url, requests: [...fake.requests], bodies };
  } finally {
    await fake.close();
  }
}

/** A file of the project, e.g. a golden fixture (src-shared tests may not import node:fs themselves). */
export function readProjectFile(path: string): Promise<string> {
  return readFile(join(ROOT, path), 'utf8');
}

/** Runs `fn` with an environment variable set, restoring it after. */
export async function withEnv<T>(name: string, value: string, fn: () => T | Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}
