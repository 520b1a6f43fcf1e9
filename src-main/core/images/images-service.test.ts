// addMedia over a real data folder: checked by content, stored once, named without folders; the bytes served
// back for /blobs/<sha256>; and start-up collection that never takes what this run added.
import { readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_LIMITS } from '../../../src-shared/domain';
import { AppFailure } from '../failure';
import { silentLogger } from '../ports';
import { BlobStore } from '../storage/blobs';
import { tempDir } from '../../../test-support/main/sessions';
import { faultyFs, type FaultyFs } from '../../../test-support/main/fault-fs';
import { createImagesService, displayName } from './images-service';
import { jpegBytes, pngBytes, pngOfSize } from '../../../test-support/main/images';
import { mediaFixture } from '../../../test-support/main/media';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir('pg-images-svc-');
});
afterEach(() => temp.remove());

function service(limits = DEFAULT_IMAGE_LIMITS, fs?: FaultyFs, now?: () => number) {
  const blobs = new BlobStore(temp.dir, fs);
  const images = createImagesService({
    dataDir: temp.dir,
    blobs,
    uploader: { uploadFile: () => Promise.reject(new Error('no uploads here')) },
    limits: () => limits,
    baseUrl: () => 'http://127.0.0.1:1',
    emit: () => undefined,
    logger: silentLogger,
    ...(now ? { now } : {}),
  });
  return { images, blobs };
}

async function refusal(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  expect((error as AppFailure).code).toBe('BAD_REQUEST');
  return error as AppFailure;
}

describe('ImagesService.add', () => {
  it('answers an ImageRef with the type found in the bytes, stored once', async () => {
    const { images } = service();
    const ref = await images.add({ name: 'holiday.png', bytes: jpegBytes() });
    expect(ref).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mimeType: 'image/jpeg', name: 'holiday.png', size: jpegBytes().length });
    expect(await images.add({ name: 'copy.jpg', bytes: jpegBytes() })).toEqual({ ...ref, name: 'copy.jpg' });
    expect(readdirSync(join(temp.dir, 'blobs'))).toEqual([ref.sha256]);
  });

  it('refuses empty, non-image, damaged and oversized files with a message naming the file', async () => {
    const { images } = service({ maxBytes: 20 * 1_048_576, inlineMaxBytes: 0 });
    expect((await refusal(images.add({ name: 'empty.png', bytes: new Uint8Array(0) }))).message).toBe('empty.png is empty');
    expect((await refusal(images.add({ name: 'notes.pdf', bytes: new TextEncoder().encode('hello') }))).message).toBe(
      'notes.pdf is not a PDF (it is plain text)',
    );
    expect((await refusal(images.add({ name: 'cut.png', bytes: pngBytes().subarray(0, 50) }))).message).toMatch(/^cut\.png is not a complete PNG image/);
    expect((await refusal(images.add({ name: 'big.png', bytes: pngOfSize(31 * 1_048_576) }))).message).toBe('big.png is 31 MB; the limit for an image is 20 MB');
    expect(readdirSync(temp.dir)).not.toContain('blobs');
  });

  it('keeps only the file name of a path, without control characters', () => {
    expect(displayName('C:\\Users\\me\\Pictures\\cat.png')).toBe('cat.png');
    expect(displayName('/home/me/dog\u0000.jpg')).toBe('dog.jpg');
    expect(displayName('   ')).toBe('');
  });
});

describe('ImagesService.add when the data folder cannot be written', () => {
  it('says the folder is read-only, or the disk full, with STORAGE — not a missing file', async () => {
    const fs = faultyFs();
    const { images } = service(DEFAULT_IMAGE_LIMITS, fs);
    // The first image makes blobs/: on a read-only disk Node's recursive mkdir says ENOENT.
    const disarm = fs.failWhen('mkdir', (p) => p === join(temp.dir, 'blobs'), 'EROFS');
    await expect(images.add({ name: 'holiday.png', bytes: pngBytes() })).rejects.toMatchObject({
      code: 'STORAGE',
      message: "Could not store holiday.png: the app's data folder is read-only.",
    });
    disarm();
    fs.failWhen('open', (p, flags) => flags === 'wx', 'ENOSPC');
    await expect(images.add({ name: 'holiday.png', bytes: pngBytes() })).rejects.toMatchObject({
      code: 'STORAGE',
      message: 'Could not store holiday.png: the disk is full.',
    });
    expect(readdirSync(join(temp.dir, 'blobs'))).toEqual([]);
  });
});

describe('ImagesService.read', () => {
  it('serves stored media with their sniffed type, text only as plain text, nothing else', async () => {
    const { images, blobs } = service();
    const ref = await images.add({ name: 'a.png', bytes: pngBytes() });
    expect(await images.read(ref.sha256)).toEqual({ bytes: expect.any(Uint8Array), mimeType: 'image/png' });
    const wav = await images.add({ name: 'a.wav', bytes: mediaFixture('sample.wav') });
    expect(await images.read(wav.sha256)).toMatchObject({ mimeType: 'audio/wav' });
    const html = await blobs.write(new TextEncoder().encode('<html><script>alert(1)</script>'));
    expect(await images.read(html)).toMatchObject({ mimeType: 'text/plain; charset=utf-8' });
    expect(await images.read(await blobs.write(Uint8Array.of(0, 1, 2, 0xff)))).toBeUndefined();
    expect(await images.read('../../etc/passwd')).toBeUndefined();
    expect(await images.read('0'.repeat(64))).toBeUndefined();
  });
});

describe('ImagesService.collect', () => {
  const DAYS_3 = 72 * 3_600_000;
  const age = (sha256: string) => {
    const old = new Date(Date.now() - DAYS_3);
    utimesSync(join(temp.dir, 'blobs', sha256), old, old);
  };

  it('keeps what this run added, even an old blob added again, for as long as the run lasts; a new run collects it', async () => {
    let clock = Date.now();
    const first = service(DEFAULT_IMAGE_LIMITS, undefined, () => clock);
    const earlier = await first.blobs.write(pngBytes(2));
    const unused = await first.blobs.write(pngBytes(3));
    age(earlier);
    age(unused);
    const ref = await first.images.add({ name: 'a.png', bytes: pngBytes() });
    await first.images.add({ name: 'again.png', bytes: pngBytes(2) });
    clock += DAYS_3;
    expect((await first.images.collect()).removed).toEqual([unused]);
    const second = service(DEFAULT_IMAGE_LIMITS, undefined, () => clock);
    expect((await second.images.collect()).removed.sort()).toEqual([ref.sha256, earlier].sort());
  });

  it('holds no pin once an add has ended, stored or failed: a long session does not grow what main holds', async () => {
    const fs = faultyFs();
    const { images } = service(DEFAULT_IMAGE_LIMITS, fs);
    for (const pixel of [1, 2, 3, 1]) await images.add({ name: `${pixel}.png`, bytes: pngBytes(pixel) });
    const disarm = fs.failWhen('open', (_path, flags) => flags === 'wx', 'ENOSPC');
    await expect(images.add({ name: 'full.png', bytes: pngBytes(4) })).rejects.toMatchObject({ code: 'STORAGE' });
    disarm();
    expect(images.pinnedCount).toBe(0);
  });

  it('pins a blob while an add is still writing it, so a collection then cannot take the old file it is about to touch', async () => {
    const { images, blobs } = service();
    const sha256 = await blobs.write(pngBytes());
    age(sha256);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const write = blobs.write.bind(blobs);
    blobs.write = async (bytes) => gate.then(() => write(bytes));
    const adding = images.add({ name: 'a.png', bytes: pngBytes() });
    expect(images.pinnedCount).toBe(1);
    expect((await images.collect()).removed).toEqual([]);
    release();
    await adding;
    expect(images.pinnedCount).toBe(0);
  });
});

describe('ImagesService.serve', () => {
  // A blob read whole once is then answered range by range from disk: shown by bytes changed on disk behind the
  // service's back (same size), which a whole read would refuse (their sha256 no longer matches) and a range read
  // does not look at.
  it('checks a blob whole the first time, then reads only the ranges asked for', async () => {
    const { images, blobs } = service();
    const bytes = mediaFixture('sample.wav');
    const { sha256 } = await images.add({ name: 'a.wav', bytes });
    const head = await images.serve(sha256, 'bytes=0-3');
    expect(head).toMatchObject({ status: 206, mimeType: 'audio/wav' });
    expect([...head!.body]).toEqual([...bytes.subarray(0, 4)]);

    const file = join(blobs.dir, sha256);
    const changed = Uint8Array.from(bytes);
    changed[changed.length - 1] = changed[changed.length - 1]! ^ 0xff;
    writeFileSync(file, changed);
    const tail = await images.serve(sha256, `bytes=${bytes.length - 2}-`);
    expect(tail).toMatchObject({ status: 206, headers: { 'content-range': `bytes ${bytes.length - 2}-${bytes.length - 1}/${bytes.length}` } });
    expect([...tail!.body]).toEqual([...changed.subarray(bytes.length - 2)]);
    expect(await images.serve(sha256, `bytes=${bytes.length}-`)).toMatchObject({ status: 416 });
    // The whole is checked every time it is asked for.
    expect(await images.serve(sha256, null)).toBeUndefined();
  });

  it('goes back to reading the whole when the file is no longer the size it was, or gone', async () => {
    const { images, blobs } = service();
    const bytes = mediaFixture('sample.wav');
    const { sha256 } = await images.add({ name: 'a.wav', bytes });
    expect((await images.serve(sha256, null))?.body.byteLength).toBe(bytes.length);
    writeFileSync(join(blobs.dir, sha256), bytes.subarray(0, bytes.length - 1));
    expect(await images.serve(sha256, 'bytes=0-3')).toBeUndefined();
    writeFileSync(join(blobs.dir, sha256), bytes);
    expect(await images.serve(sha256, 'bytes=0-3')).toMatchObject({ status: 206 });
    rmSync(join(blobs.dir, sha256));
    expect(await images.serve(sha256, 'bytes=0-3')).toBeUndefined();
  });

  it('answers nothing (404) for a blob the collection removed, even a range past the end it remembered', async () => {
    const { images, blobs } = service();
    const bytes = mediaFixture('sample.wav');
    const sha256 = await blobs.write(bytes);
    const old = new Date(Date.now() - 72 * 3_600_000);
    utimesSync(join(blobs.dir, sha256), old, old);
    expect((await images.serve(sha256, null))?.status).toBe(200);
    expect((await images.collect()).removed).toEqual([sha256]);
    expect(await images.serve(sha256, `bytes=${bytes.length}-`)).toBeUndefined();
  });
});
