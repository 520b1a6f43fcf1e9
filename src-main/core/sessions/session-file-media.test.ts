// A session file carries every kind of attachment a turn holds (PDF, audio, video beside images), byte for byte.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../storage/blobs';
import type { MediaRef } from '../../../src-shared/session';
import { mediaFixture } from '../../../test-support/main/media';
import { simpleSession } from '../../../test-support/main/sessions';
import { decodeSessionFile, encodeSessionFile, referencedImages } from './session-file';

const ref = (file: string, mimeType: string): MediaRef => {
  const bytes = mediaFixture(file);
  return { sha256: sha256Hex(bytes), mimeType, name: file, size: bytes.byteLength };
};

describe('session file with media attachments', () => {
  it('exports and imports a PDF, a WAV and a WebM with their bytes; one left out is reported missing', () => {
    const session = simpleSession('media-1', 'Media', ['Compare these']);
    const files = [ref('sample.pdf', 'application/pdf'), ref('sample.wav', 'audio/wav'), ref('sample.webm', 'video/webm')];
    session.panes[0]!.turns[0]!.input.images = files;
    expect(referencedImages(session)).toEqual(files.map((f) => f.sha256));
    const bundle = Object.fromEntries(files.slice(0, 2).map((f) => [f.sha256, Buffer.from(mediaFixture(f.name)).toString('base64')]));
    const decoded = decodeSessionFile(new TextEncoder().encode(encodeSessionFile(session, bundle)));
    expect(decoded.session.panes[0]!.turns[0]!.input.images).toEqual(files);
    expect(Buffer.from(decoded.images.get(files[0]!.sha256)!).equals(Buffer.from(mediaFixture('sample.pdf')))).toBe(true);
    expect(Buffer.from(decoded.images.get(files[1]!.sha256)!).equals(Buffer.from(mediaFixture('sample.wav')))).toBe(true);
    expect(decoded.missing).toEqual([files[2]!.sha256]);
  });

  it('carries the images the model made and the attachments of branches set aside, not only the followed prompts', () => {
    const session = simpleSession('media-2', 'Branches', ['Draw a fox']);
    const drawn = ref('sample.pdf', 'application/pdf').sha256.replace(/^./, 'a');
    const pane = session.panes[0]!;
    const turn = pane.turns[0]!;
    turn.steps = [{ type: 'model_output', content: [{ type: 'image', mime_type: 'image/png', sha256: drawn }] } as (typeof turn.steps)[number]];
    const attached = ref('sample.wav', 'audio/wav');
    pane.forks = [{ position: 1, others: [[{ ...turn, id: 'older', steps: [], input: { text: 'Listen', images: [attached] } }]] }];
    expect(referencedImages(session).sort()).toEqual([drawn, attached.sha256].sort());
    const decoded = decodeSessionFile(new TextEncoder().encode(encodeSessionFile(session, {})));
    expect(decoded.missing.sort()).toEqual([drawn, attached.sha256].sort());
  });

  it('carries an image the model made in a round of function results that did not finish', () => {
    const session = simpleSession('media-3', 'Round', ['Draw the weather']);
    const drawn = ref('sample.pdf', 'application/pdf').sha256.replace(/^./, 'b');
    const turn = session.panes[0]!.turns[0]!;
    const image = { type: 'model_output', content: [{ type: 'image', mime_type: 'image/png', sha256: drawn }] };
    turn.round = { results: [{ type: 'function_result', call_id: 'c1', name: 'get_weather', result: 'sun' }], status: 'stopped', text: '', thought: '', steps: [image] };
    expect(referencedImages(session)).toEqual([drawn]);
    expect(decodeSessionFile(new TextEncoder().encode(encodeSessionFile(session, {}))).missing).toEqual([drawn]);
    // Checked as an answer's image is: one that claims another type is refused, whatever step list holds it.
    image.content[0]!.mime_type = 'text/html';
    expect(() => decodeSessionFile(new TextEncoder().encode(encodeSessionFile(session, {})))).toThrow(/claims a type that is not an image/);
  });
});
