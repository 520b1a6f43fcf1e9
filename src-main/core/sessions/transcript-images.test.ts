// A transcript's answer images are written as files beside the Markdown, which links them; an image no longer
// stored is named by its sha256 rather than linked to a file that is not there.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { solidPng } from '../../../e2e/fake-api/image-out';
import { scriptedDialogs } from '../../../e2e/support/scripted-dialogs';
import { simpleSession, tempDir } from '../../../test-support/main/sessions';
import { silentLogger } from '../ports';
import { BlobStore } from '../storage/blobs';
import { createSessionsService } from './sessions-service';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('exportTranscript with images the model made', () => {
  it('writes each image beside the Markdown and links it there', async () => {
    const data = tempDir('pg-data-');
    const outside = tempDir('pg-files-');
    dirs.push(data, outside);
    const blobs = new BlobStore(data.dir);
    const png = solidPng(8, 4, [200, 10, 10]);
    const sha256 = await blobs.write(png);
    const gone = 'e'.repeat(64);
    const session = simpleSession('img', 'Foxes', ['A fox']);
    session.panes[0]!.turns[0]!.steps = [
      { type: 'model_output', content: [{ type: 'text', text: 'answer 1' }] },
      { type: 'model_output', content: [{ type: 'image', mime_type: 'image/png', sha256 }] },
      { type: 'model_output', content: [{ type: 'image', mime_type: 'image/png', sha256: gone }] },
    ];
    const path = join(outside.dir, 'Foxes.md');
    const service = createSessionsService({ dataDir: data.dir, dialogs: scriptedDialogs({ save: [path] }), logger: silentLogger, blobs });
    await service.ready();
    await service.api.saveSession({ session });
    expect(await service.api.exportTranscript({ id: 'img' })).toEqual({ saved: true, path });
    const markdown = readFileSync(path, 'utf8');
    expect(markdown).toContain('answer 1\n\n![Image 1](<Foxes - image 1.png>)\n\n_[Image 2: eeeeeeeeeeee]_');
    expect(readFileSync(join(outside.dir, 'Foxes - image 1.png')).equals(png)).toBe(true);
    await service.close();

    // Again into the same place: the save dialog asked about the .md only, so main asks before the image is
    // replaced; Cancel writes nothing, Replace writes both.
    const again = scriptedDialogs({ save: [path, path], confirm: [false, true] });
    const second = createSessionsService({ dataDir: data.dir, dialogs: again, logger: silentLogger, blobs });
    await second.ready();
    writeFileSync(join(outside.dir, 'Foxes - image 1.png'), 'mine');
    writeFileSync(path, 'my notes');
    expect(await second.api.exportTranscript({ id: 'img' })).toEqual({ saved: false });
    expect(again.shown.filter((d) => d.kind === 'confirm')).toEqual([
      expect.objectContaining({ title: 'Replace files?', message: '“Foxes - image 1.png” is already in ' + basename(outside.dir) + '.', confirmLabel: 'Replace' }),
    ]);
    expect(readFileSync(path, 'utf8')).toBe('my notes');
    expect(readFileSync(join(outside.dir, 'Foxes - image 1.png'), 'utf8')).toBe('mine');
    expect(await second.api.exportTranscript({ id: 'img' })).toEqual({ saved: true, path });
    expect(readFileSync(join(outside.dir, 'Foxes - image 1.png')).equals(png)).toBe(true);
    await second.close();
  });
});
