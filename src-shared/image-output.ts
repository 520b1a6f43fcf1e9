// Images the model makes (issue 19, item 3): the response format a pane asks for them with, as the typings
// name it (ImageResponseFormat in genai.d.ts: aspect_ratio, image_size, mime_type, delivery), and which models
// make them. The catalog says nothing of image output, so the model's name decides, as Google names them
// (gemini-2.5-flash-image, gemini-3-pro-image-preview).
import { SHA256_HEX } from './images';

/** ImageResponseFormatAspectRatio, in the typings' order. */
export const IMAGE_ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', '1:8', '8:1', '1:4', '4:1'] as const;
/** ImageResponseFormatImageSize; the API's default is 1K. */
export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const;
/** The typings name image/jpeg; PNG is what the models return when none is asked for. */
export const IMAGE_OUTPUT_TYPES = ['image/png', 'image/jpeg'] as const;
/** ImageResponseFormatDelivery: the bytes in the answer, or a uri to fetch them from. */
export const IMAGE_DELIVERIES = ['inline', 'uri'] as const;

export type ImageAspectRatio = (typeof IMAGE_ASPECT_RATIOS)[number];
export type ImageSize = (typeof IMAGE_SIZES)[number];
export type ImageOutputType = (typeof IMAGE_OUTPUT_TYPES)[number];
export type ImageDelivery = (typeof IMAGE_DELIVERIES)[number];

/** A pane's image output; every field unset leaves it to the API (`{}` still asks for images). */
export interface ImageOutput {
  aspectRatio?: ImageAspectRatio;
  imageSize?: ImageSize;
  mimeType?: ImageOutputType;
  delivery?: ImageDelivery;
}

/** The ImageResponseFormat entry of `response_format` for it. */
export function imageResponseFormat(value: ImageOutput): Record<string, string> {
  return {
    type: 'image',
    ...(value.aspectRatio ? { aspect_ratio: value.aspectRatio } : {}),
    ...(value.imageSize ? { image_size: value.imageSize } : {}),
    ...(value.mimeType ? { mime_type: value.mimeType } : {}),
    ...(value.delivery ? { delivery: value.delivery } : {}),
  };
}

const FIELDS = [
  ['aspectRatio', 'aspect ratio', IMAGE_ASPECT_RATIOS],
  ['imageSize', 'size', IMAGE_SIZES],
  ['mimeType', 'type', IMAGE_OUTPUT_TYPES],
  ['delivery', 'delivery', IMAGE_DELIVERIES],
] as const;

/** The form's parsed JSON → the value, or which field holds what the API does not name. */
export function checkImageOutput(raw: unknown): { value?: ImageOutput; error?: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'Image output: expected { aspectRatio, imageSize, mimeType, delivery }' };
  const out: Record<string, string> = {};
  for (const [key, name, options] of FIELDS) {
    const v = (raw as Record<string, unknown>)[key];
    if (v === undefined || v === '') continue;
    if (!(options as readonly unknown[]).includes(v)) return { error: `Image output: “${String(v)}” is not an image ${name} (${options.join(', ')})` };
    out[key] = v as string;
  }
  // Main stores and shows the bytes an answer carries; an image sent as a uri would be neither, and lost unseen.
  if (out.delivery === 'uri') return { error: 'Image output: delivery “uri” is not supported here; the app keeps the images sent in the answer (inline)' };
  return { value: out as ImageOutput };
}

/** One line: "image 16:9 2K jpeg". */
export function imageOutputText(value: ImageOutput): string {
  return ['image', value.aspectRatio, value.imageSize, value.mimeType?.replace('image/', ''), value.delivery === 'uri' ? 'by uri' : undefined].filter(Boolean).join(' ');
}

/** True for a model Google names as one that makes images (`…-image` or `…-image-preview`). */
export function makesImages(model: string): boolean {
  return /(^|-)image(-preview)?$/.test(model.replace(/^models\//, ''));
}

/** An image of an answer, stored by main (its step names the blob by sha256), and where it stands in the text. */
export interface AnswerImage {
  sha256: string;
  mimeType: string;
  /** Characters of the answer's text that come before it. */
  at: number;
}

/** The stored images of an answer's model_output steps, in order, each placed after the text that came before it. */
export function answerImages(steps: readonly unknown[]): AnswerImage[] {
  const images: AnswerImage[] = [];
  let at = 0;
  for (const step of steps) {
    const s = step as { type?: unknown; content?: unknown };
    if (s.type !== 'model_output' || !Array.isArray(s.content)) continue;
    for (const part of s.content as Record<string, unknown>[]) {
      if (part?.type === 'text' && typeof part.text === 'string') at += part.text.length;
      else if (part?.type === 'image' && typeof part.sha256 === 'string' && SHA256_HEX.test(part.sha256)) {
        images.push({ sha256: part.sha256, mimeType: typeof part.mime_type === 'string' ? part.mime_type : 'image/png', at });
      }
    }
  }
  return images;
}

/**
 * The accepted image types (media.ts MEDIA_FORMATS, which this module cannot import without a cycle through
 * session.ts; image-output.test.ts checks they agree) and the extension each is written with.
 */
const IMAGE_EXTENSIONS = new Map<string, string>([
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/webp', 'webp'],
  ['image/heic', 'heic'],
  ['image/heif', 'heif'],
  ['image/gif', 'gif'],
  ['image/bmp', 'bmp'],
  ['image/tiff', 'tiff'],
]);

/**
 * The file extension of an accepted image type (`png`, `jpg`, `webp`). Any other type gets `bin`: the type may come
 * from a saved or imported session, and its subtype as an extension (`text/html`, `x/hta`, `x/bat`) would make a
 * file the system opens or runs on a double-click.
 */
export function imageExtension(mimeType: string): string {
  return IMAGE_EXTENSIONS.get(mimeType) ?? 'bin';
}

/** A file name for the n-th image (from 1): `image_1.png`, as the exported code writes them too. */
export function imageFileName(n: number, mimeType: string): string {
  return `image_${n}.${imageExtension(mimeType)}`;
}
