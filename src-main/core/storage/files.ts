// The few file operations persistence needs, over an injectable fs (so tests can fail any step):
// atomic replace (temp file, fsync, rename, fsync of the folder), size-capped reads, durable appends,
// and moving a damaged file aside under a timestamped name.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as nodeFsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The part of node:fs/promises persistence uses; tests wrap it to inject failures between steps. */
export type FsPort = Pick<typeof nodeFsPromises, 'open' | 'rename' | 'unlink' | 'readdir' | 'mkdir' | 'stat' | 'utimes'>;

export const nodeFs: FsPort = nodeFsPromises;

/** Private conversations: owner-only files. */
export const FILE_MODE = 0o600;
export const TEMP_SUFFIX = '.tmp';

/** A file refused before parsing: too large, or not a regular file (a FIFO, a device, a folder). */
export class FileLimitError extends Error {
  constructor(
    message: string,
    readonly reason: 'too-large' | 'not-a-file',
  ) {
    super(message);
    this.name = 'FileLimitError';
  }
}

export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Replaces `file` so that a reader sees the old or the new content, never a mix: a crash at any
 * step leaves the previous version in place (plus at most a stray temp file, removed at the next start).
 * `durable: false` skips both fsyncs — for data that only has to survive a crash of the app, not of the OS.
 */
export async function writeFileAtomic(
  fs: FsPort,
  file: string,
  data: string | Uint8Array,
  options: { durable?: boolean; mode?: number } = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  let handle: nodeFsPromises.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', options.mode ?? FILE_MODE);
    await handle.writeFile(data);
    if (durable) await handle.sync();
    await handle.close();
    handle = undefined;
    await renameRetrying(fs, temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename itself is only durable once the folder's entry is flushed.
  if (durable) await syncFolder(fs, dirname(file));
}

/**
 * Windows refuses a rename for a moment while another process (an antivirus scan, the search indexer, a backup
 * tool) holds either file open: EPERM, EBUSY or EACCES that go away on their own. Retry those there with a short
 * backoff, as graceful-fs and write-file-atomic do, but give up within about a second so a save never hangs.
 * Elsewhere these codes are real (a read-only or forbidden folder) and fail at once.
 */
export async function renameRetrying(
  fs: Pick<FsPort, 'rename'>,
  from: string,
  to: string,
  env: { platform?: NodeJS.Platform; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const platform = env.platform ?? process.platform;
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const transient = platform === 'win32' && ['EPERM', 'EBUSY', 'EACCES'].includes(errnoCode(error) ?? '');
      if (!transient || attempt >= RENAME_DELAYS_MS.length) throw error;
      await sleep(RENAME_DELAYS_MS[attempt]!);
    }
  }
}

/** About a second in all. */
const RENAME_DELAYS_MS = [10, 20, 40, 80, 160, 320, 400];

/** Appends one line and flushes it before returning (a write-ahead record). */
export async function appendDurable(fs: FsPort, file: string, line: string): Promise<void> {
  const handle = await fs.open(file, 'a', FILE_MODE);
  try {
    await handle.writeFile(line.endsWith('\n') ? line : `${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(fs: FsPort, dir: string): Promise<void> {
  let handle: nodeFsPromises.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open or fsync a folder; the rename is as durable as that platform allows.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'EBADF'].includes(errnoCode(error) ?? '')) throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Reads at most `maxBytes`, refusing larger files and non-files before reading them. */
/** O_NONBLOCK where the platform has it (Windows has neither the flag nor FIFOs that open() waits on). */
export const READ_WITHOUT_WAITING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readFileCapped(fs: FsPort, file: string, maxBytes: number): Promise<Buffer> {
  // Non-blocking, so that a FIFO nobody writes to (picked in an import dialog) is refused below instead of
  // hanging main on open(); on a regular file the flag changes nothing.
  const handle = await fs.open(file, READ_WITHOUT_WAITING);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FileLimitError('This is not a regular file.', 'not-a-file');
    if (stat.size > maxBytes) throw tooLarge(stat.size, maxBytes);
    // The size can lie (a file still growing, /proc): read in chunks and stop one byte past the cap.
    // The first chunk is the whole file as stat saw it plus one byte, so a short read means the end.
    const chunks: Buffer[] = [];
    let total = 0;
    let want = stat.size > 0 ? stat.size + 1 : 64 * 1024;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead > 0) chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(total, maxBytes);
      if (bytesRead < chunk.length) break;
      want = 1 << 20;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function tooLarge(size: number, max: number): FileLimitError {
  return new FileLimitError(`The file is too large (${megabytes(size)}; the limit is ${megabytes(max)}).`, 'too-large');
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** "2026-11-27T10-00-00-000Z": sortable, and valid in file names on every platform. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/** Renames a damaged file to `<name>.corrupt-<stamp>` next to it and returns the new path. */
export async function moveAside(fs: FsPort, file: string, nowMs: number): Promise<string> {
  const movedTo = `${file}.corrupt-${fileStamp(nowMs)}`;
  await fs.rename(file, movedTo);
  return movedTo;
}

/**
 * `mkdir -p` that says why it failed: Node's recursive mkdir reports ENOENT when it cannot create a folder
 * on a read-only, full or forbidden disk (nodejs/node#47098, #42808, #31481), which would tell the person
 * that something is missing. On ENOENT the folders are made one at a time, which fails with the real code.
 */
export async function ensureFolder(fs: FsPort, dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    await makeFolderStepwise(fs, dir);
  }
}

async function makeFolderStepwise(fs: FsPort, dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeFolderStepwise(fs, parent);
    await fs.mkdir(dir).catch((again: unknown) => {
      if (errnoCode(again) !== 'EEXIST') throw again;
    });
  }
}

/** Names in a folder, or none when it does not exist. */
export async function listFolder(fs: FsPort, dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/** Removes temp files a crash left behind (their rename never happened, so nothing refers to them). */
export async function removeStrayTemps(fs: FsPort, dir: string): Promise<number> {
  let removed = 0;
  for (const name of await listFolder(fs, dir)) {
    if (!name.startsWith('.') || !name.endsWith(TEMP_SUFFIX)) continue;
    await fs.unlink(join(dir, name)).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}
