// Atomic replace, capped reads and bounded JSON over real files in a temp folder, with injected failures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faultyFs } from '../../../test-support/main/fault-fs';
import { FileLimitError, appendDurable, ensureFolder, moveAside, readFileCapped, removeStrayTemps, renameRetrying, writeFileAtomic } from './files';
import { JsonShapeError, jsonDepth, parseJsonBytes, parseJsonText } from './safe-json';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp file', async () => {
    const file = join(dir, 'a.json');
    await writeFileAtomic(fsp, file, 'one');
    await writeFileAtomic(fsp, file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('on Windows, a rename refused for a moment (a scanner holding the file) still saves', async () => {
    const file = join(dir, 'a.json');
    await writeFileAtomic(fsp, file, 'previous');
    const fs = faultyFs();
    let refusals = 0;
    fs.failWhen('rename', () => refusals++ < 2, 'EBUSY');
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      await writeFileAtomic(fs, file, 'next', { durable: false });
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(refusals).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe('next');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('a failure before the rename keeps the previous version and removes the temp file', async () => {
    const file = join(dir, 'a.json');
    await writeFileAtomic(fsp, file, 'previous');
    const fs = faultyFs();
    fs.failWhen('rename', (p) => p === file);
    await expect(writeFileAtomic(fs, file, 'next')).rejects.toThrow(/injected/);
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('writes owner-only files by default', async () => {
    const file = join(dir, 'private.json');
    await writeFileAtomic(fsp, file, 'x');
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('stray temp files (a crash between write and rename) are removed, real files kept', async () => {
    writeFileSync(join(dir, 'a.json'), 'kept');
    writeFileSync(join(dir, '.a.json.0123abcd.tmp'), 'half');
    expect(await removeStrayTemps(fsp, dir)).toBe(1);
    expect(readdirSync(dir)).toEqual(['a.json']);
  });
});

describe('renameRetrying', () => {
  /** A rename that fails `times` times with `code`, then works; records each wait. */
  function flaky(times: number, code: string) {
    let failures = 0;
    const waits: number[] = [];
    const fs = {
      rename: async () => {
        if (failures++ < times) throw Object.assign(new Error(code), { code });
      },
    };
    return { fs, waits, sleep: async (ms: number) => void waits.push(ms), calls: () => failures };
  }

  it.each(['EPERM', 'EBUSY', 'EACCES'])('on Windows, retries a rename refused for a moment with %s', async (code) => {
    const f = flaky(3, code);
    await renameRetrying(f.fs, 'a', 'b', { platform: 'win32', sleep: f.sleep });
    expect(f.calls()).toBe(4);
    expect(f.waits).toEqual([10, 20, 40]);
  });

  it('on Windows, gives up after about a second with the last error', async () => {
    const f = flaky(100, 'EBUSY');
    await expect(renameRetrying(f.fs, 'a', 'b', { platform: 'win32', sleep: f.sleep })).rejects.toMatchObject({ code: 'EBUSY' });
    expect(f.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_100);
    expect(f.calls()).toBe(8);
  });

  it('fails at once on other errors, and elsewhere than Windows, where these codes mean a real refusal', async () => {
    const other = flaky(1, 'ENOSPC');
    await expect(renameRetrying(other.fs, 'a', 'b', { platform: 'win32', sleep: other.sleep })).rejects.toMatchObject({ code: 'ENOSPC' });
    const linux = flaky(1, 'EACCES');
    await expect(renameRetrying(linux.fs, 'a', 'b', { platform: 'linux', sleep: linux.sleep })).rejects.toMatchObject({ code: 'EACCES' });
    expect([other.waits, linux.waits]).toEqual([[], []]);
  });
});

describe('appendDurable and moveAside', () => {
  it('appends whole lines', async () => {
    const file = join(dir, 'log');
    await appendDurable(fsp, file, 'a');
    await appendDurable(fsp, file, 'b\n');
    expect(readFileSync(file, 'utf8')).toBe('a\nb\n');
  });

  it('moves a file aside under a timestamped name', async () => {
    const file = join(dir, 'x.json');
    writeFileSync(file, 'bad');
    const moved = await moveAside(fsp, file, Date.UTC(2026, 10, 27, 10, 0, 0));
    expect(moved).toBe(`${file}.corrupt-2026-11-27T10-00-00-000Z`);
    expect(readFileSync(moved, 'utf8')).toBe('bad');
  });
});

describe('ensureFolder', () => {
  it('makes missing folders, and accepts ones that exist', async () => {
    const nested = join(dir, 'a', 'b', 'c');
    await ensureFolder(fsp, nested);
    await ensureFolder(fsp, nested);
    expect(statSync(nested).isDirectory()).toBe(true);
  });

  it('fails with the real reason where Node’s recursive mkdir says ENOENT (read-only, full, forbidden)', async () => {
    const fs = faultyFs();
    fs.failWhen('mkdir', (p) => p === join(dir, 'blobs'), 'EROFS');
    await expect(ensureFolder(fs, join(dir, 'blobs'))).rejects.toMatchObject({ code: 'EROFS' });
    // The first folder that cannot be made is the one that tells why, however deep the request.
    fs.failWhen('mkdir', (p) => p === join(dir, 'x'), 'ENOSPC');
    await expect(ensureFolder(fs, join(dir, 'x', 'y', 'z'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('readFileCapped', () => {
  it('reads a file within the cap', async () => {
    const file = join(dir, 'ok');
    writeFileSync(file, 'hello');
    expect((await readFileCapped(fsp, file, 5)).toString()).toBe('hello');
  });

  it('refuses a larger file before reading it', async () => {
    const file = join(dir, 'big');
    writeFileSync(file, Buffer.alloc(6));
    await expect(readFileCapped(fsp, file, 5)).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('refuses folders and FIFOs', async () => {
    await expect(readFileCapped(fsp, dir, 5)).rejects.toBeInstanceOf(FileLimitError);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // No writer: a blocking open() would wait for one forever (an import of a FIFO once hung main).
    await expect(readFileCapped(fsp, fifo, 5)).rejects.toMatchObject({ reason: 'not-a-file' });
  });
});

describe('bounded JSON', () => {
  it('measures depth outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
  });

  it('refuses deep nesting before JSON.parse', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseJsonText(deep)).toThrow(/nested too deeply/);
    expect(parseJsonText(`${'['.repeat(100)}${']'.repeat(100)}`)).toBeInstanceOf(Array);
  });

  it('explains bad text: empty, truncated, not UTF-8; accepts a byte-order mark', () => {
    expect(() => parseJsonText('  ')).toThrow(/empty/);
    expect(() => parseJsonText('{"a": [1, 2')).toThrow(JsonShapeError);
    expect(() => parseJsonText('{"a": [1, 2')).toThrow(/truncated/);
    expect(() => parseJsonBytes(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))).toThrow(/not valid UTF-8/);
    expect(parseJsonText('\ufeff{"a":1}')).toEqual({ a: 1 });
  });
});
