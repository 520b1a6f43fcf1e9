// How the app names attachments to a person: "2 PDFs, 1 video" for a turn's list, "0:42" for a clip,
// "3 pages" for a PDF. The kind comes from the stored type (main decided it from the bytes), never the name.
import { MEDIA_FORMATS, MEDIA_KINDS, mediaFormatOf, type MediaFormat, type MediaKind } from './media';

/** One noun per kind a person tells apart: a PDF is not "a document", a CSV is not "a PDF". */
type Noun = readonly [one: string, many: string];

const KIND_NOUNS: Record<MediaKind, Noun> = {
  image: ['image', 'images'],
  document: ['document', 'documents'],
  audio: ['audio file', 'audio files'],
  video: ['video', 'videos'],
};

/** Kind by kind, each format's own noun in MEDIA_FORMATS' order before its kind's; an unknown file last. */
const FORMATS: readonly MediaFormat[] = MEDIA_FORMATS;
const ORDER: readonly string[] = [
  ...MEDIA_KINDS.flatMap((kind) => [...FORMATS.flatMap((f) => (f.kind === kind && f.noun ? [f.noun[0]] : [])), KIND_NOUNS[kind][0]]),
  'file',
];

function nounOf(mimeType: string): Noun {
  const format = mediaFormatOf(mimeType);
  return format ? (format.noun ?? KIND_NOUNS[format.kind]) : ['file', 'files'];
}

/** What kind of attachment a stored type is, for a label: "PDF", "audio file", "image". */
export function mediaNoun(mimeType: string): string {
  return nounOf(mimeType)[0];
}

/** "1 image", "2 PDFs, 1 video": each kind counted, images first, then documents, audio, video. */
export function describeMedia(items: readonly { readonly mimeType: string }[]): string {
  const counts = new Map<string, { noun: Noun; n: number }>();
  for (const item of items) {
    const noun = nounOf(item.mimeType);
    const entry = counts.get(noun[0]);
    if (entry) entry.n++;
    else counts.set(noun[0], { noun, n: 1 });
  }
  return [...counts.values()]
    .sort((a, b) => ORDER.indexOf(a.noun[0]) - ORDER.indexOf(b.noun[0]))
    .map(({ noun, n }) => `${n} ${n === 1 ? noun[0] : noun[1]}`)
    .join(', ');
}

/** "0:07", "12:30", "1:02:03" for a media element's duration; undefined while it is unknown (NaN, Infinity). */
export function formatDuration(seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A clip's caption: its length ("0:42"), where it is while it plays ("0:07 / 0:42"), or that it cannot be played. */
export function clipDetail(clip: { duration: number; failed: boolean; playingAt?: number | undefined }): string | undefined {
  if (clip.failed) return 'Cannot play';
  const total = formatDuration(clip.duration);
  return clip.playingAt !== undefined && total ? `${formatDuration(clip.playingAt)} / ${total}` : total;
}

/** "1 page", "12 pages". */
export function pageCount(n: number): string {
  return `${n} page${n === 1 ? '' : 's'}`;
}
