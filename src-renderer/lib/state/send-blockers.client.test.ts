// A send pressed while a file is still being added is refused, naming the file whatever its kind, and loses nothing.
import { describe, expect, it } from 'vitest';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi } from '../api';
import type { AttachableFile } from './attachments.svelte';
import { SessionState } from './session.svelte';

/** A file whose bytes arrive only when `land` is called. */
function slowFile(name: string): { file: AttachableFile; land: () => void } {
  let land!: () => void;
  const bytes = new Promise<ArrayBuffer>((resolve) => (land = () => resolve(new Uint8Array(8).buffer)));
  return { file: { name, size: 8, arrayBuffer: () => bytes }, land: () => land() };
}

describe('a send while files are still being added', () => {
  it('names the file, a PDF as well as an image, or how many; the prompt and the files stay', async () => {
    const session = new SessionState(createApi(new FakeBridge().bridge()), { scheduler: new ManualFrames() });
    session.connect();
    session.composer.text = 'Summarise this';
    const pdf = slowFile('report.pdf');
    const adding = session.attachments.add([pdf.file]);
    await session.send();
    expect(session.composer.error).toBe('“report.pdf” is still being added; send again in a moment.');
    const clip = slowFile('talk.mp3');
    const more = session.attachments.add([clip.file]);
    await session.send();
    expect(session.composer.error).toBe('2 files are still being added; send again in a moment.');
    expect(session.panes[0]!.turns).toHaveLength(0);
    expect(session.composer.text).toBe('Summarise this');
    pdf.land();
    clip.land();
    await Promise.all([adding, more]);
    expect(session.attachments.items.map((a) => a.name)).toEqual(['report.pdf', 'talk.mp3']);
  });
});
