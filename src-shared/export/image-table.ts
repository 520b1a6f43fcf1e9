// The pictures a script uploads or embeds: one per distinct picture, each read from a file name of its own.
import type { ImageRef } from '../session';

export interface ImageSlot {
  sha256: string;
  /** File name the upload reads, relative to where the script runs. */
  name: string;
  mimeType: string;
  /** Base64 bytes when the image is embedded. */
  data?: string;
  /** Inline was asked for but the bytes were not available, so the image is uploaded instead. */
  missingBytes: boolean;
  /** '' when the script has one image, else 1, 2, … — appended to variable names. */
  suffix: string;
  /** The attachment's own name, when another picture had it first (every pasted screenshot is image.png). */
  renamedFrom?: string;
}

export class ImageTable {
  readonly slots: ImageSlot[] = [];
  private readonly bySha = new Map<string, ImageSlot>();

  constructor(private readonly options: { inlineImages: boolean; images?: Record<string, { base64?: string }> }) {}

  /** The same picture attached twice is uploaded (or embedded) once. */
  slot(ref: ImageRef): ImageSlot {
    const known = this.bySha.get(ref.sha256);
    if (known) return known;
    const data = this.options.inlineImages ? this.options.images?.[ref.sha256]?.base64 : undefined;
    const name = this.#freeName(ref.name);
    const slot: ImageSlot = {
      sha256: ref.sha256,
      name,
      ...(name !== ref.name ? { renamedFrom: ref.name } : {}),
      mimeType: ref.mimeType,
      ...(data !== undefined ? { data } : {}),
      missingBytes: this.options.inlineImages && data === undefined,
      suffix: '',
    };
    this.bySha.set(ref.sha256, slot);
    this.slots.push(slot);
    return slot;
  }

  /** Two pictures read from one file would send the first twice: a later one is read from `name-2.ext`, … */
  #freeName(name: string): string {
    const taken = (candidate: string) => this.slots.some((slot) => slot.name === candidate);
    if (!taken(name)) return name;
    const dot = name.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let n = 2;
    while (taken(`${stem}-${n}${extension}`)) n++;
    return `${stem}-${n}${extension}`;
  }

  finish(): ImageSlot[] {
    if (this.slots.length > 1) this.slots.forEach((slot, i) => (slot.suffix = String(i + 1)));
    return this.slots;
  }
}
