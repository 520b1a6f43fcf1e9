// The rotating log file: size cap, generations, never throwing, opened lazily where the logs folder is then.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LazyLogFile, RotatingFile } from './rotating-file';

const temp = () => mkdtempSync(join(tmpdir(), 'pg-log-'));
const line = (n: number) => `line ${String(n).padStart(3, '0')} ${'x'.repeat(40)}`; // 50 bytes + newline

describe('RotatingFile', () => {
  it('appends lines, creating its folder', () => {
    const path = join(temp(), 'deep', 'logs', 'main.log');
    const file = new RotatingFile({ path });
    file.write('first');
    file.write('second\n');
    expect(readFileSync(path, 'utf8')).toBe('first\nsecond\n');
    expect(file.failure).toBeUndefined();
  });

  it('keeps at most `files` files of at most `maxBytes` each, dropping the oldest lines', () => {
    const path = join(temp(), 'main.log');
    const file = new RotatingFile({ path, maxBytes: 160, files: 3 });
    for (let n = 0; n < 10; n++) file.write(line(n));
    const read = (p: string) => readFileSync(p, 'utf8').trim().split('\n');
    // 51-byte lines, three to a file: 9 → main.log; 6–8 → .1; 3–5 → .2; 0–2 dropped.
    expect(read(path)).toEqual([line(9)]);
    expect(read(`${path}.1`)).toEqual([line(6), line(7), line(8)]);
    expect(read(`${path}.2`)).toEqual([line(3), line(4), line(5)]);
    expect(existsSync(`${path}.3`)).toBe(false);
    for (const p of [path, `${path}.1`, `${path}.2`]) expect(fs.statSync(p).size).toBeLessThanOrEqual(160);
  });

  it('counts what an earlier run left in the file', () => {
    const path = join(temp(), 'main.log');
    writeFileSync(path, `${line(0)}\n${line(1)}\n${line(2)}\n`);
    new RotatingFile({ path, maxBytes: 160 }).write(line(3));
    expect(readFileSync(path, 'utf8')).toBe(`${line(3)}\n`);
    expect(readFileSync(`${path}.1`, 'utf8')).toContain(line(2));
  });

  it('never throws: a failed write is remembered as the reason, and the next good one clears it', () => {
    const path = join(temp(), 'main.log');
    let broken = true;
    const failing = {
      ...fs,
      appendFileSync: ((...args: Parameters<typeof fs.appendFileSync>) => {
        if (broken) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return fs.appendFileSync(...args);
      }) as typeof fs.appendFileSync,
    };
    const file = new RotatingFile({ path, fs: failing });
    expect(() => file.write('lost')).not.toThrow();
    expect(file.failure).toBe('ENOSPC: no space left on device, write');
    broken = false;
    file.write('kept');
    expect(file.failure).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe('kept\n');
  });
});

describe('LazyLogFile', () => {
  it('asks for its folder at the first line, not before', () => {
    let folder = join(temp(), 'early');
    const log = new LazyLogFile(() => folder, 'main.log');
    folder = join(temp(), 'chosen');
    log.write('hello');
    expect(log.path()).toBe(join(folder, 'main.log'));
    expect(readFileSync(join(folder, 'main.log'), 'utf8')).toBe('hello\n');
  });

  it('says why when even the folder cannot be named', () => {
    const log = new LazyLogFile(() => {
      throw new Error('no logs folder');
    }, 'main.log');
    log.write('lost');
    expect(log.path()).toBeUndefined();
    expect(log.failure()).toBe('no logs folder');
  });
});
