// The formats the app accepts are one table (MEDIA_FORMATS in src-shared/media.ts). These tests read back what each
// user of it does — what the picker offers, which names the sniffer takes text under, what a name claims, what a
// refusal names, how a label counts — and ask that they agree, so a list kept by hand again somewhere fails here.
import { describe, expect, it } from 'vitest';
import { ACCEPTED_MEDIA_LABEL, MEDIA_ACCEPT, MEDIA_FORMATS, mediaKindOf } from '../../../src-shared/media';
import { mediaNoun } from '../../../src-shared/media-labels';
import { SAMPLES as IMAGE_SAMPLES } from '../../../test-support/main/images';
import { mediaFixture } from '../../../test-support/main/media';
import { checkMedia, claimedKind, describeMedia } from './check-media';
import { sniffMedia } from './sniff-media';

const LIMITS = { maxBytes: 20 * 1_048_576 };
const TEXT = new TextEncoder().encode('name,notes\nAda,"first"\n');

const offered = MEDIA_ACCEPT.split(',');
const offeredEndings = offered.filter((entry) => entry.startsWith('.')).map((entry) => entry.slice(1));
const offeredTypes = offered.filter((entry) => !entry.startsWith('.'));

/** Every ending offered or in the table, and others a text or media file is often named with, so a hand-made list shows. */
const ENDINGS = [
  ...new Set([
    ...offeredEndings,
    ...MEDIA_FORMATS.flatMap((f) => f.extensions),
    ...['txt', 'text', 'csv', 'md', 'markdown', 'tsv', 'json', 'html', 'xml', 'log', 'rst', 'yaml', 'mdx', 'mkd', 'markdn', 'textile', 'srt', 'vtt', 'rtf', 'doc'],
    ...['mkv', 'avi', 'mpeg', 'opus', 'aiff', 'weba', '3gp', 'svg', 'avif', 'jfif', 'ico'],
  ]),
];

const textRefusal = (() => {
  const check = checkMedia('notes', TEXT, LIMITS);
  return check.ok ? '' : check.message;
})();
const namesEnding = (message: string, ending: string) => new RegExp(`\\.${ending}(?=[,\\s]|$)`).test(message);

/** What the sniffers make of real files of every accepted kind but text. */
const FILES = [
  ...['sample.pdf', 'sample.wav', 'sample.mp3', 'sample.aac', 'sample.ogg', 'sample.flac', 'sample.mp4', 'sample.webm', 'sample.mov'].map(
    (name) => ({ name, bytes: mediaFixture(name) }),
  ),
  // Sound alone in WebM, under the ending that claims it.
  { name: 'voice.weba', bytes: mediaFixture('voice.webm') },
  ...Object.values(IMAGE_SAMPLES).map((bytes) => ({ name: '', bytes: bytes() })),
];

describe('the accepted formats agree everywhere', () => {
  it('text is taken under exactly the endings the picker offers and a refusal of unnamed text lists', () => {
    const views = ENDINGS.map((ending) => ({
      ending,
      takenAsText: sniffMedia(TEXT, `notes.${ending}`).kind === 'media',
      offered: offeredEndings.includes(ending),
      named: namesEnding(textRefusal, ending),
    }));
    const taken = views.filter((v) => v.takenAsText);
    expect(taken.map((v) => v.ending)).toEqual(expect.arrayContaining(['txt', 'csv', 'md']));
    expect(taken.filter((v) => !v.offered || !v.named)).toEqual([]);
    expect(views.filter((v) => v.named && !v.takenAsText)).toEqual([]);
  });

  it('an ending the picker offers is one a name may claim, and no other is', () => {
    const views = ENDINGS.map((ending) => ({ ending, offered: offeredEndings.includes(ending), claims: claimedKind(`file.${ending}`)?.kind }));
    expect(views.filter((v) => v.offered !== (v.claims !== undefined))).toEqual([]);
  });

  it('text under an offered text ending is a file of the kind that ending claims', () => {
    for (const ending of offeredEndings) {
      const sniffed = sniffMedia(TEXT, `notes.${ending}`);
      if (sniffed.kind !== 'media') continue;
      expect({ ending, kind: mediaKindOf(sniffed.mimeType) }).toEqual({ ending, kind: claimedKind(`notes.${ending}`)?.kind });
    }
  });

  it('every type the sniffers return is offered, counted by its own noun, described in words and its kind claimed by its name', () => {
    for (const { name, bytes } of FILES) {
      const sniffed = sniffMedia(bytes, name);
      if (sniffed.kind !== 'media') throw new Error(`${name || 'an image sample'} was not recognised`);
      const kind = mediaKindOf(sniffed.mimeType);
      expect({ type: sniffed.mimeType, offered: offeredTypes.includes(sniffed.mimeType), counted: mediaNoun(sniffed.mimeType) !== 'file', kind }).toEqual({
        type: sniffed.mimeType,
        offered: true,
        counted: true,
        kind: expect.any(String),
      });
      expect(describeMedia(sniffed, bytes)).not.toContain('/');
      if (name) expect({ name, claimed: claimedKind(name)?.kind }).toEqual({ name, claimed: kind });
    }
  });

  it('a refusal names every format by the word the sniffers use for a damaged file of it', () => {
    // FLAC frames carry no length to check, so a cut FLAC passes (sniff-media.test.ts); the tiny image samples lose half.
    const cut = FILES.filter(({ name }) => name !== 'sample.flac').map(({ name, bytes }) => sniffMedia(bytes.subarray(0, name ? bytes.length - 100 : bytes.length / 2)));
    const formats = cut.map((sniffed) => (sniffed.kind === 'damaged' ? sniffed.format : `(not damaged: ${sniffed.kind})`));
    expect(formats.filter((format) => !new RegExp(`\\b${format}\\b`).test(ACCEPTED_MEDIA_LABEL))).toEqual([]);
  });

  it('every offered type has a kind and its own noun', () => {
    expect(offeredTypes.filter((type) => mediaKindOf(type) === undefined || mediaNoun(type) === 'file')).toEqual([]);
  });
});
