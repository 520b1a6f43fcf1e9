// "Save image…" of an image the model made: the stored blob's bytes written where the person chose in main's save
// dialog. The file's type, and so its extension, comes from the bytes, never from what the page suggests.
import type { FileDialogs } from '../ports';
import { AppFailure } from '../failure';
import type { BlobStore } from '../storage/blobs';
import { nodeFs, writeFileAtomic, type FsPort } from '../storage/files';
import { storageFailure } from '../storage/storage-failure';
import { sniffImage } from './sniff';
import { imageExtension } from '../../../src-shared/image-output';

/** Readable by the person's other programs, like the other files saved for them. */
const SHARED_FILE_MODE = 0o644;

export interface SaveImageDeps {
  blobs: BlobStore;
  dialogs: FileDialogs;
  fs?: FsPort;
}

export function createImageSaver(deps: SaveImageDeps) {
  const fs = deps.fs ?? nodeFs;
  return async ({ sha256, suggestedName }: { sha256: string; suggestedName: string }): Promise<{ saved: boolean; path?: string }> => {
    const bytes = await deps.blobs.read(sha256).catch(() => undefined);
    const sniffed = bytes ? sniffImage(bytes) : undefined;
    if (!bytes || sniffed?.kind !== 'image') throw new AppFailure('NOT_FOUND', 'This image is no longer stored, so it cannot be saved.');
    const extension = imageExtension(sniffed.mimeType);
    const stem = suggestedName.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim() || 'image';
    const path = await deps.dialogs.showSaveDialog({
      title: 'Save image',
      defaultName: `${stem}.${extension}`,
      filters: [{ name: `${extension.toUpperCase()} image`, extensions: [extension] }],
    });
    if (!path) return { saved: false };
    try {
      await writeFileAtomic(fs, path, bytes, { mode: SHARED_FILE_MODE });
    } catch (error) {
      throw storageFailure('write the image', error, { folder: 'the chosen folder' });
    }
    return { saved: true, path };
  };
}
