// The session file named on the command line: a regular file within the import size cap, or a refusal before
// any byte is read. A FIFO, /dev/zero or a 200 MB file once hung the CLI, threw a RangeError, or took 8 s and 680 MB.
import type { Stats } from 'node:fs';
import type { PathLike } from 'node:fs';
import { MAX_IMPORT_BYTES } from './core/sessions/session-file';
import { nodeFs, READ_WITHOUT_WAITING, readFileCapped, type FsPort } from './core/storage/files';


/** Refused because of what the path is, before reading it. */
export class NotRegularFileError extends Error {
  constructor(readonly kind: string) {
    super(`it is ${kind}, not a regular file`);
    this.name = 'NotRegularFileError';
  }
}

export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The file's bytes, at most MAX_IMPORT_BYTES. The type and size come from fstat on the descriptor that is then
 * read (readFileCapped checks the size again on it and stops one byte past the cap if the file grows), so a
 * path swapped between a check and the read cannot slip a FIFO or a device past the check.
 */
export async function readSessionFile(path: string, fs: Pick<FsPort, 'open'> = nodeFs): Promise<Buffer> {
  const open = async (file: PathLike) => {
    const handle = await fs.open(file, READ_WITHOUT_WAITING);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new NotRegularFileError(kindOf(stat));
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  };
  return readFileCapped({ ...nodeFs, open }, path, MAX_IMPORT_BYTES);
}
