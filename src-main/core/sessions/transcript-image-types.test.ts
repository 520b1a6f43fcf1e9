// An answer image's `mime_type` is only a claim: a session file made elsewhere (or a compromised renderer saving a
// session) may pair text/html, x/hta or x/bat with a script. Import refuses such a file, and the transcript writes
// an image beside the Markdown only as what its bytes are, so no file the system would open or run is written.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { solidJpeg, solidPng } from '../../../e2e/fake-api/image-out';
import { scriptedDialogs } from '../../../e2e/support/scripted-dialogs';
import { SESSION_FILE_FORMAT, SESSION_FILE_VERSION, type Session } from '../../../src-shared/session';
import { simpleSession, tempDir } from '../../../test-support/main/sessions';
import { sniffImage } from '../images/sniff';
import { silentLogger } from '../ports';
import { BlobStore, sha256Hex } from '../storage/blobs';
import { createSessionsService } from './sessions-service';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const SCRIPT = Buffer.from('<script>require("child_process").exec("calc")</script>');
const PNG = solidPng(8, 4, [200, 10, 10]);
const JPEG = solidJpeg(8, 8, [10, 200, 10]);
/** The extension each sniffed type is written with. */
const EXTENSION: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg' };

function setUp(answers: { save?: string[]; open?: string[] }) {
  const data = tempDir('pg-data-');
  const inbox = tempDir('pg-inbox-');
  const outside = tempDir('pg-files-');
  dirs.push(data, inbox, outside);
  const blobs = new BlobStore(data.dir);
  const dialogs = scriptedDialogs({ open: (answers.open ?? []).map((name) => join(inbox.dir, name)), save: (answers.save ?? []).map((name) => join(outside.dir, name)) });
  const service = createSessionsService({ dataDir: data.dir, dialogs, logger: silentLogger, blobs });
  return { inbox: inbox.dir, outside: outside.dir, blobs, service };
}

/** A one-turn session whose answer holds these image parts, with text between them. */
function answerWith(parts: { mime_type: string; sha256: string }[]): Session {
  const session = simpleSession('hostile', 'Drawings', ['Draw']);
  session.panes[0]!.turns[0]!.steps = [
    { type: 'model_output', content: [{ type: 'text', text: 'Here they are.' }] },
    ...parts.map((part) => ({ type: 'model_output', content: [{ type: 'image', ...part }] })),
  ];
  return session;
}

const fileOf = (session: Session, images: Buffer[]) =>
  JSON.stringify({
    format: SESSION_FILE_FORMAT,
    version: SESSION_FILE_VERSION,
    session,
    images: Object.fromEntries(images.map((bytes) => [sha256Hex(bytes), bytes.toString('base64')])),
  });

/** Every file beside the transcript is an image whose extension is the one its bytes call for. */
function expectOnlyTrueImages(folder: string, transcript: string): string[] {
  const beside = readdirSync(folder).filter((name) => name !== transcript);
  for (const name of beside) {
    const sniffed = sniffImage(readFileSync(join(folder, name)));
    expect(sniffed.kind, name).toBe('image');
    if (sniffed.kind === 'image') expect(extname(name), name).toBe(EXTENSION[sniffed.mimeType]);
  }
  return beside;
}

describe('an answer image typed as something else', () => {
  it('import refuses the file, naming why, and stores nothing', async () => {
    for (const mime_type of ['text/html', 'x/hta', 'x/bat']) {
      const { service, inbox, blobs } = setUp({ open: ['received.json'] });
      await service.ready();
      writeFileSync(join(inbox, 'received.json'), fileOf(answerWith([{ mime_type, sha256: sha256Hex(SCRIPT) }]), [SCRIPT]));
      const result = await service.api.importSessionFile();
      expect(result.session).toBeUndefined();
      expect(result.error).toMatch(/^Could not import “received\.json”: An answer's image \([0-9a-f]{12}…\) claims a type that is not an image \(PNG, JPEG.*Nothing was changed\.$/);
      expect(await service.api.listSessions({})).toEqual([]);
      expect(await blobs.has(sha256Hex(SCRIPT))).toBe(false);
      await service.close();
    }
  });

  it('import refuses script bytes behind an image type too', async () => {
    const { service, inbox, blobs } = setUp({ open: ['received.json'] });
    await service.ready();
    writeFileSync(join(inbox, 'received.json'), fileOf(answerWith([{ mime_type: 'image/png', sha256: sha256Hex(SCRIPT) }]), [SCRIPT]));
    const result = await service.api.importSessionFile();
    expect(result.error).toMatch(/An answer's image \([0-9a-f]{12}…\) in the file is not a complete PNG, JPEG.* image/);
    expect(await service.api.listSessions({})).toEqual([]);
    expect(await blobs.has(sha256Hex(SCRIPT))).toBe(false);
    await service.close();
  });

  it('a legitimate PNG and JPEG import, and the transcript writes them as .png and .jpg', async () => {
    const { service, inbox, outside } = setUp({ open: ['mine.json'], save: ['Mine.md'] });
    await service.ready();
    const parts = [
      { mime_type: 'image/png', sha256: sha256Hex(PNG) },
      { mime_type: 'image/jpeg', sha256: sha256Hex(JPEG) },
    ];
    writeFileSync(join(inbox, 'mine.json'), fileOf(answerWith(parts), [PNG, JPEG]));
    const { session, error } = await service.api.importSessionFile();
    expect(error).toBeUndefined();
    expect(await service.api.exportTranscript({ id: session!.id })).toEqual({ saved: true, path: join(outside, 'Mine.md') });
    expect(expectOnlyTrueImages(outside, 'Mine.md').sort()).toEqual(['Mine - image 1.png', 'Mine - image 2.jpg']);
    expect(readFileSync(join(outside, 'Mine - image 1.png')).equals(PNG)).toBe(true);
    expect(readFileSync(join(outside, 'Mine - image 2.jpg')).equals(JPEG)).toBe(true);
    await service.close();
  });
});

describe('exportTranscript of a saved session whose answer images lie about their type', () => {
  it('writes each image as what its bytes are, and leaves out bytes that are no image, saying so', async () => {
    const { service, outside, blobs } = setUp({ save: ['Drawings.md'] });
    await service.ready();
    // Saved directly, as a compromised renderer could: import would have refused these parts.
    const script = await blobs.write(SCRIPT);
    const html = Buffer.from('<!doctype html><html><body onload="alert(1)"></body></html>');
    const page = await blobs.write(html);
    const png = await blobs.write(PNG);
    const jpeg = await blobs.write(JPEG);
    const session = answerWith([
      { mime_type: 'x/hta', sha256: script },
      { mime_type: 'text/html', sha256: page },
      { mime_type: 'x/bat', sha256: png },
      { mime_type: 'image/png', sha256: jpeg },
    ]);
    await service.api.saveSession({ session });
    expect(await service.api.exportTranscript({ id: 'hostile' })).toEqual({ saved: true, path: join(outside, 'Drawings.md') });

    const beside = expectOnlyTrueImages(outside, 'Drawings.md');
    expect(beside.sort()).toEqual(['Drawings - image 1.png', 'Drawings - image 2.jpg']);
    expect(readFileSync(join(outside, 'Drawings - image 1.png')).equals(PNG)).toBe(true);
    expect(readFileSync(join(outside, 'Drawings - image 2.jpg')).equals(JPEG)).toBe(true);
    const markdown = readFileSync(join(outside, 'Drawings.md'), 'utf8');
    expect(markdown).toContain(`_[Image 1: ${script.slice(0, 12)}, left out: its stored bytes are not a complete image]_`);
    expect(markdown).toContain(`_[Image 2: ${page.slice(0, 12)}, left out: its stored bytes are not a complete image]_`);
    expect(markdown).toContain('![Image 3](<Drawings - image 1.png>)');
    expect(markdown).toContain('![Image 4](<Drawings - image 2.jpg>)');
    await service.close();
  });
});
