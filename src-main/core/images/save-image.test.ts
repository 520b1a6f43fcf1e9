// "Save image…": the stored bytes land where the save dialog says, named for their real type; a missing blob is refused.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { solidJpeg } from '../../../e2e/fake-api/image-out';
import { scriptedDialogs } from '../../../e2e/support/scripted-dialogs';
import { BlobStore } from '../storage/blobs';
import { createImageSaver } from './save-image';

describe('saveImage', () => {
  it('writes the blob to the chosen file, offering the extension of its bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'save-image-'));
    const blobs = new BlobStore(dir);
    const jpeg = solidJpeg(16, 8, [1, 2, 3]);
    const sha256 = await blobs.write(jpeg);
    const dialogs = scriptedDialogs({ save: [join(dir, 'fox.jpg'), null] });
    const save = createImageSaver({ blobs, dialogs });
    expect(await save({ sha256, suggestedName: 'image_1.png' })).toEqual({ saved: true, path: join(dir, 'fox.jpg') });
    expect(readFileSync(join(dir, 'fox.jpg')).equals(jpeg)).toBe(true);
    expect(dialogs.shown[0]).toMatchObject({ kind: 'save', defaultName: 'image_1.jpg', extensions: ['jpg'] });
    expect(await save({ sha256, suggestedName: 'image_1.png' })).toEqual({ saved: false });
    await expect(save({ sha256: 'f'.repeat(64), suggestedName: 'x.png' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
