// The measures the token counts of attached files need (media-tokens.ts): an image's pixels, a clip's length, a PDF's
// pages, read from the file as the app serves it (/blobs/<sha256>) the way its preview reads them. Each file is read
// once per window; one that cannot be read stays unmeasured, and the estimate says it is not counted.
import { SvelteMap } from 'svelte/reactivity';
import { mediaKindOf, mediaUrl } from '../../src-shared/media';
import type { MediaFile, MediaMeasure } from '../../src-shared/media-tokens';

function imageSize(url: string): Promise<MediaMeasure> {
  const image = new Image();
  image.src = url;
  return image.decode().then(() => ({ width: image.naturalWidth, height: image.naturalHeight }));
}

function clipLength(url: string, kind: 'audio' | 'video'): Promise<MediaMeasure> {
  const clip = document.createElement(kind);
  clip.preload = 'metadata';
  return new Promise((resolve, reject) => {
    clip.onloadedmetadata = () => (Number.isFinite(clip.duration) ? resolve({ seconds: clip.duration }) : reject(new Error('no length')));
    clip.onerror = () => reject(new Error('unreadable'));
    clip.src = url;
  }).finally(() => clip.removeAttribute('src')) as Promise<MediaMeasure>;
}

async function pdfPages(url: string): Promise<MediaMeasure> {
  // pdf.js is a chunk of its own, loaded only once a PDF is attached.
  const { openPdf } = await import('./pdf-preview');
  const pdf = await openPdf(url);
  pdf.close();
  return { pages: pdf.pages };
}

function measure(file: Pick<MediaFile, 'sha256' | 'mimeType'>): Promise<MediaMeasure> | undefined {
  const url = mediaUrl(file.sha256);
  const kind = mediaKindOf(file.mimeType);
  if (kind === 'image') return imageSize(url);
  if (kind === 'audio' || kind === 'video') return clipLength(url, kind);
  if (file.mimeType === 'application/pdf') return pdfPages(url);
  return undefined;
}

const measured = new SvelteMap<string, MediaMeasure>();
const asked = new Set<string>();

/** The measures known of these files (by sha256); the others are read, and join the map as they come in. */
export function mediaMeasures(files: readonly Pick<MediaFile, 'sha256' | 'mimeType'>[]): ReadonlyMap<string, MediaMeasure> {
  for (const file of files) {
    if (asked.has(file.sha256)) continue;
    asked.add(file.sha256);
    measure(file)?.then(
      (m) => measured.set(file.sha256, m),
      () => {},
    );
  }
  return measured;
}
