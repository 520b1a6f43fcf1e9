// The FolderOpener port over shell.openPath, which answers a failure as text instead of rejecting.
import { shell } from 'electron';
import type { FolderOpener } from '../core/data-folder';

export const openFolderWithShell: FolderOpener = async (path) => {
  const problem = await shell.openPath(path);
  if (problem) throw new Error(problem);
};
