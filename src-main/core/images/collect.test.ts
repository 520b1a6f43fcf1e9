// The blob store over real files (dedup, touch) and the collection of unreferenced images: kept when a
// session, a deleted session in the trash, a journal or a damaged file mentions them, when this run added
// them, or when they are younger than the grace period.
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src-shared/session';
import { silentLogger } from '../ports';
import { BlobStore, sha256Hex } from '../storage/blobs';
import { simpleSession, tempDir } from '../../../test-support/main/sessions';
import { faultyFs } from '../../../test-support/main/fault-fs';
import { collectBlobs } from './collect';
import { pngBytes } from '../../../test-support/main/images';

const HOUR = 3_600_000;
let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir('pg-blobs-');
});
afterEach(() => temp.remove());

const blobFile = (sha: string) => join(temp.dir, 'blobs', sha);
const age = (sha: string, hours: number) => {
  const at = new Date(Date.now() - hours * HOUR);
  utimesSync(blobFile(sha), at, at);
};

function withImage(id: string, sha: string): Session {
  const session = simpleSession(id, 'With a picture', ['Look']);
  session.panes[0]!.turns[0]!.input.images = [{ sha256: sha, mimeType: 'image/png', name: 'p.png', size: 1 }];
  return session;
}

function writeDoc(dir: string, name: string, content: unknown) {
  mkdirSync(join(temp.dir, dir), { recursive: true });
  writeFileSync(join(temp.dir, dir, name), typeof content === 'string' ? content : JSON.stringify(content));
}

describe('BlobStore', () => {
  it('stores bytes once under their sha256, and storing them again is a fresh use', async () => {
    let now = Date.now() - 10 * HOUR;
    const blobs = new BlobStore(temp.dir, undefined, () => now);
    const png = pngBytes();
    const sha = await blobs.write(png);
    expect(sha).toBe(sha256Hex(png));
    age(sha, 48);
    now = Date.now();
    expect(await blobs.write(Uint8Array.from(png))).toBe(sha);
    expect(readdirSync(join(temp.dir, 'blobs'))).toEqual([sha]);
    expect((await blobs.stat(sha))!.mtimeMs).toBeGreaterThan(Date.now() - HOUR);
    expect(Buffer.from((await blobs.read(sha))!)).toEqual(Buffer.from(png));
    expect(await blobs.list()).toEqual([{ sha256: sha, size: png.length, mtimeMs: expect.any(Number) }]);
  });

  it('a damaged blob reads as missing; touch and remove of an unknown blob are harmless', async () => {
    const blobs = new BlobStore(temp.dir);
    const sha = await blobs.write(pngBytes());
    writeFileSync(blobFile(sha), 'not the same bytes');
    expect(await blobs.read(sha)).toBeUndefined();
    expect(await blobs.touch('0'.repeat(64))).toBe(false);
    await blobs.remove('0'.repeat(64));
  });
});

describe('collectBlobs', () => {
  async function setup() {
    const blobs = new BlobStore(temp.dir);
    const shas = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((pixel) => blobs.write(pngBytes(pixel))));
    for (const sha of shas) age(sha, 48);
    return { blobs, shas };
  }

  it('removes only old blobs that nothing mentions and this run did not add', async () => {
    const { blobs, shas } = await setup();
    const [inSession, inTrash, inJournal, inDamaged, pinned, fresh, orphan] = shas as [string, string, string, string, string, string, string];
    writeDoc('sessions', 's1.json', withImage('s1', inSession));
    writeDoc('trash', '1764237600000-s2.json', withImage('s2', inTrash));
    writeDoc('inflight', 'r1.json', { input: { text: 'x', images: [{ sha256: inJournal }] } });
    writeDoc('sessions', 's3.json.corrupt-2026-11-27T10-00-00-000Z', `{"panes":[{"turns":[{"input":{"images":[{"sha256":"${inDamaged}"`);
    age(fresh, 1);
    const strayTemp = join(temp.dir, 'blobs', '.x.png.0a1b2c.tmp');
    writeFileSync(strayTemp, 'left by a crash');
    utimesSync(strayTemp, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 2 * HOUR));
    const writing = join(temp.dir, 'blobs', '.y.png.3d4e5f.tmp');
    writeFileSync(writing, 'a write in progress');

    const result = await collectBlobs({
      blobs,
      referenceDirs: ['sessions', 'trash', 'inflight'].map((d) => join(temp.dir, d)),
      now: Date.now,
      graceMs: 24 * HOUR,
      isPinned: (sha) => sha === pinned,
      logger: silentLogger,
    });
    expect(result).toEqual({ removed: [orphan], kept: 6 });
    expect(readdirSync(join(temp.dir, 'blobs')).sort()).toEqual([...shas.filter((s) => s !== orphan), '.y.png.3d4e5f.tmp'].sort());
  });

  it('a start with no old unreferenced blob reads no document', async () => {
    const blobs = new BlobStore(temp.dir);
    const sha = await blobs.write(pngBytes());
    writeDoc('sessions', 's1.json', withImage('s1', sha));
    const fs = faultyFs();
    const result = await collectBlobs({ blobs, referenceDirs: [join(temp.dir, 'sessions')], now: Date.now, isPinned: () => false, logger: silentLogger, fs });
    expect(result).toEqual({ removed: [], kept: 1 });
    expect(fs.reads()).toEqual([]);
  });

  it('keeps everything when a file that may refer to images cannot be read', async () => {
    const { blobs, shas } = await setup();
    writeDoc('sessions', 's1.json', withImage('s1', shas[0]!));
    const fs = faultyFs();
    fs.failWhen('open', (path) => path.endsWith('s1.json'), 'EACCES');
    const result = await collectBlobs({ blobs, referenceDirs: [join(temp.dir, 'sessions')], now: Date.now, isPinned: () => false, logger: silentLogger, fs });
    expect(result.removed).toEqual([]);
    expect(result.skipped).toMatch(/EACCES/);
    expect(shas.every((sha) => existsSync(blobFile(sha)))).toBe(true);
  });

  it('finds a sha256 that straddles two read chunks of a large document', async () => {
    const { blobs, shas } = await setup();
    const padding = 'x'.repeat((1 << 20) - 30);
    writeDoc('sessions', 'big.json', `${padding}"sha256":"${shas[0]}"`);
    const result = await collectBlobs({ blobs, referenceDirs: [join(temp.dir, 'sessions')], now: Date.now, isPinned: () => false, logger: silentLogger });
    expect(result.removed).not.toContain(shas[0]);
    expect(result.removed).toHaveLength(shas.length - 1);
  });

  it('a blob stored again while the folders were read is kept', async () => {
    const { blobs, shas } = await setup();
    const slow = faultyFs();
    let restored = false;
    const fs = {
      ...slow,
      readdir: (async (dir: string) => {
        if (!restored) {
          restored = true;
          await blobs.touch(shas[0]!); // e.g. addMedia of the same picture, or an import
        }
        return slow.readdir(dir);
      }) as typeof slow.readdir,
    };
    writeDoc('sessions', 'unrelated.json', simpleSession('u', 'No images', ['hi']));
    const result = await collectBlobs({ blobs, referenceDirs: [join(temp.dir, 'sessions')], now: Date.now, isPinned: () => false, logger: silentLogger, fs });
    expect(result.removed).not.toContain(shas[0]);
    expect(existsSync(blobFile(shas[0]!))).toBe(true);
  });
});
