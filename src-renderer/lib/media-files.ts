// Files arriving from a drop, a paste or the picker. Every file goes to addMedia, which decides by its
// bytes; only what the picker offers is narrowed to the accepted types (MEDIA_ACCEPT in src-shared/media.ts).

/** A drag that carries files (not text or a link). */
export function carriesFiles(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes('Files');
}

/** The files of a drop, in order. */
export function droppedFiles(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}

/**
 * The files of a paste, in order — none when the clipboard also holds plain text (a paste from a word
 * processor carries a picture of the text too; the text is what was meant).
 */
export function pastedFiles(data: DataTransfer | null): File[] {
  if (!data || Array.from(data.types).includes('text/plain')) return [];
  const files = Array.from(data.files);
  if (files.length > 0) return files;
  const fromItems: File[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    if (file) fromItems.push(file);
  }
  return fromItems;
}
