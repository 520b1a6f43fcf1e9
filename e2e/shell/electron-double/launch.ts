// Boots the built main process (out/main/index.js) against the Electron double in a child Node process, and
// drives it: the test acts as Chromium (protocol requests, navigation, permissions), the page (IPC calls) and the
// OS (a second launch, quitting). Run `npm run build` first; `npm test` does.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IpcSender, Snapshot, WorldOptions } from './world';
import { outDir } from '../../support/out-dir';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const BUILT_MAIN = join(outDir(), 'main', 'index.js');
export const BUILT_RENDERER = join(outDir(), 'renderer');
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export type ShellSnapshot = Snapshot & { unhandled: string[] };

export interface BootOptions {
  /** Extra environment for the app (PG_USER_DATA_DIR is a fresh folder unless given). */
  env?: Record<string, string>;
  double?: Omit<WorldOptions, 'home' | 'onTerminate'> & { manualReady?: boolean };
}

export interface FetchResult {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export class ShellProcess {
  readonly home: string;
  readonly userData: string;
  /** Resolves when the app quits or exits, with its code and the double's last snapshot. */
  readonly exited: Promise<{ code: number | null; snapshot: ShellSnapshot | undefined }>;
  readonly output: string[] = [];
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  #nextId = 1;
  #booted: Promise<void>;
  #ended: { code: number | null; snapshot: ShellSnapshot | undefined } | undefined;

  constructor(options: BootOptions) {
    if (!existsSync(BUILT_MAIN)) throw new Error(`No built main process at ${BUILT_MAIN}: run \`npm run build\` first.`);
    this.home = mkdtempSync(join(tmpdir(), 'pg-shell-home-'));
    this.userData = options.env?.PG_USER_DATA_DIR ?? join(this.home, 'profile', 'not-created-yet');
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(GEMINI_|GOOGLE_API_KEY|ELECTRON_|NODE_ENV_ELECTRON_VITE|PG_)/.test(name)) env[name] = value;
    }
    Object.assign(env, { HOME: this.home, GEMINI_BASE_URL: 'http://127.0.0.1:9', PG_USER_DATA_DIR: this.userData }, options.env);
    env.PG_DOUBLE_BOOT = JSON.stringify({ main: BUILT_MAIN, options: { ...options.double, home: this.home } });
    this.#child = fork(CHILD, [], { execArgv: ['--import', TSX], env, serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.#child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.#child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    let last: ShellSnapshot | undefined;
    let booted!: () => void;
    this.#booted = new Promise((resolve) => (booted = resolve));
    this.#child.on('message', (message: { type?: string; id?: number; ok?: boolean; value?: unknown; error?: string; snapshot?: ShellSnapshot }) => {
      if (message.type === 'booted') booted();
      else if (message.type === 'terminated') last = message.snapshot;
      else if (message.id !== undefined) {
        const waiter = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(message.error));
      }
    });
    this.exited = new Promise((resolve) =>
      this.#child.on('exit', (code) => {
        booted();
        for (const waiter of this.#pending.values()) waiter.reject(new Error(`the app exited (${code}) before answering`));
        this.#pending.clear();
        this.#ended = { code, snapshot: last };
        resolve(this.#ended);
      }),
    );
  }

  /** Resolves once the app has been imported and `ready` handled (or it has already ended). */
  booted(): Promise<void> {
    return this.#booted;
  }

  call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.#ended) return Promise.reject(new Error(`the app has already exited with code ${this.#ended.code}; cannot ${op}`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ id, op, args }, (error) => {
        if (!error) return;
        this.#pending.delete(id);
        reject(new Error(`the app has exited; cannot ${op}`));
      });
    });
  }

  /** The double's state now, or its last state once the app has exited. */
  snapshot(): Promise<ShellSnapshot> {
    if (this.#ended?.snapshot) return Promise.resolve(this.#ended.snapshot);
    return this.call<ShellSnapshot>('snapshot').catch(async (error: unknown) => {
      const ended = await this.exited;
      if (ended.snapshot) return ended.snapshot;
      throw error;
    });
  }

  fetch(url: string, method = 'GET'): Promise<FetchResult> {
    return this.call('fetch', { url, method });
  }

  invoke(channel: string, arg: unknown, from: IpcSender): Promise<unknown> {
    return this.call('invoke', { channel, arg, from });
  }

  /** A person choosing an item of the application menu, by its labels ("(role)" for a role's item). */
  clickMenu(...path: string[]): Promise<void> {
    return this.call('clickMenu', { path });
  }

  /** Polls the snapshot until `accept` holds (or the app ends), so tests wait for events, not for time. */
  async until(accept: (s: ShellSnapshot) => boolean, what: string, timeoutMs = 15_000): Promise<ShellSnapshot> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.snapshot();
      if (accept(s) || this.#ended) return s;
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}; last snapshot: ${JSON.stringify({ ...s, calls: s.calls.length })}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}

export async function bootShell(options: BootOptions = {}): Promise<ShellProcess> {
  const shell = new ShellProcess(options);
  await shell.booted();
  return shell;
}
