// Opening the data folder: that folder only (made if a first run has not yet), and the system's refusal in words.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataFolder } from './data-folder';
import { silentLogger } from './ports';
import { tempDir } from '../../test-support/main/sessions';

const temps: ReturnType<typeof tempDir>[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.remove()));

describe('openDataFolder', () => {
  it('gives the opener the data folder, creating it first when nothing was written yet', async () => {
    const temp = tempDir('pg-folder-');
    temps.push(temp);
    const dataDir = join(temp.dir, 'not-yet');
    const opened: string[] = [];
    expect(await openDataFolder(dataDir, async (path) => void opened.push(path), silentLogger)).toEqual({ opened: true });
    expect(opened).toEqual([dataDir]);
    expect(existsSync(dataDir)).toBe(true);
  });

  it('answers opened: false where nothing can open folders, and says why the system could not', async () => {
    expect(await openDataFolder('/tmp', undefined, silentLogger)).toEqual({ opened: false });
    const refusing = async () => {
      throw new Error('No application is registered for folders');
    };
    await expect(openDataFolder('/tmp', refusing, silentLogger)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'The system could not open the data folder (No application is registered for folders). It is /tmp',
    });
  });
});
