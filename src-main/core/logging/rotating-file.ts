// An append-only log file capped in size: when the next line would pass `maxBytes`, main.log becomes main.log.1,
// main.log.1 becomes main.log.2, and so on up to `files` files in all; the oldest is dropped. Synchronous on
// purpose: the line that explains a failed start-up must be on disk before the process exits a moment later.
import * as nodeFs from 'node:fs';
import { dirname, join } from 'node:path';

/** The part of node:fs the log uses; tests pass a failing one. */
export type LogFs = Pick<typeof nodeFs, 'appendFileSync' | 'mkdirSync' | 'renameSync' | 'rmSync' | 'statSync'>;

export interface RotatingFileOptions {
  /** The live file; older ones are `<path>.1` … `<path>.<files - 1>`. */
  path: string;
  maxBytes?: number;
  files?: number;
  fs?: LogFs;
}

export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_FILES = 3;

export class RotatingFile {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #files: number;
  readonly #fs: LogFs;
  #size: number | undefined;
  #failure: string | undefined;

  constructor(options: RotatingFileOptions) {
    this.path = options.path;
    this.#maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
    this.#files = Math.max(1, options.files ?? LOG_FILES);
    this.#fs = options.fs ?? nodeFs;
  }

  /** Why the last write failed (the app goes on without its log file), or undefined while it works. */
  get failure(): string | undefined {
    return this.#failure;
  }

  /** Appends one line; never throws, since a log that cannot be written must not take the app down with it. */
  write(line: string): void {
    const text = line.endsWith('\n') ? line : `${line}\n`;
    const bytes = Buffer.byteLength(text);
    try {
      this.#size ??= this.#currentSize();
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
      this.#fs.appendFileSync(this.path, text, { mode: 0o600 });
      this.#size += bytes;
      this.#failure = undefined;
    } catch (error) {
      this.#size = undefined;
      this.#failure = error instanceof Error ? error.message : String(error);
    }
  }

  #currentSize(): number {
    this.#fs.mkdirSync(dirname(this.path), { recursive: true });
    try {
      return this.#fs.statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  #rotate(): void {
    this.#fs.rmSync(`${this.path}.${this.#files - 1}`, { force: true });
    for (let n = this.#files - 2; n >= 1; n--) {
      try {
        this.#fs.renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    if (this.#files > 1) this.#fs.renameSync(this.path, `${this.path}.1`);
    else this.#fs.rmSync(this.path, { force: true });
    this.#size = 0;
  }
}

/**
 * A RotatingFile made at the first line or question, in the folder `folder()` names then: the logs folder is
 * only known for sure once the data folder has been chosen, which is itself a step of start-up that can fail.
 */
export class LazyLogFile {
  readonly #folder: () => string;
  readonly #name: string;
  readonly #options: Omit<RotatingFileOptions, 'path'>;
  #file: RotatingFile | undefined;
  #openError: string | undefined;

  constructor(folder: () => string, name: string, options: Omit<RotatingFileOptions, 'path'> = {}) {
    this.#folder = folder;
    this.#name = name;
    this.#options = options;
  }

  write(line: string): void {
    this.#open()?.write(line);
  }

  /** The live file's path, or undefined when not even the folder could be named. */
  path(): string | undefined {
    return this.#open()?.path;
  }

  failure(): string | undefined {
    return this.#openError ?? this.#file?.failure;
  }

  #open(): RotatingFile | undefined {
    if (this.#file) return this.#file;
    try {
      this.#file = new RotatingFile({ ...this.#options, path: join(this.#folder(), this.#name) });
      this.#openError = undefined;
    } catch (error) {
      this.#openError = error instanceof Error ? error.message : String(error);
    }
    return this.#file;
  }
}
