// PG_USER_DATA_DIR: the folder (and its logs folder) exist before app.setPath sees them.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFromEnv } from './profile';

describe('profileFromEnv', () => {
  it('is undefined without PG_USER_DATA_DIR (Electron’s defaults apply)', () => {
    expect(profileFromEnv({})).toBeUndefined();
    expect(profileFromEnv({ PG_USER_DATA_DIR: '  ' })).toBeUndefined();
  });

  it('creates a folder that does not exist yet, and its logs folder', () => {
    const userData = join(mkdtempSync(join(tmpdir(), 'pg-profile-')), 'not', 'yet');
    expect(profileFromEnv({ PG_USER_DATA_DIR: userData })).toEqual({ userData, logs: join(userData, 'logs') });
    expect(existsSync(join(userData, 'logs'))).toBe(true);
  });

  it('makes a relative path absolute', () => {
    const made: string[] = [];
    expect(profileFromEnv({ PG_USER_DATA_DIR: 'profile-b' }, (p) => made.push(p))?.userData).toBe(resolve('profile-b'));
    expect(made).toEqual([resolve('profile-b'), join(resolve('profile-b'), 'logs')]);
  });

  it('throws when the folder cannot be made (a file is in the way)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pg-profile-')), 'file');
    writeFileSync(file, '');
    expect(() => profileFromEnv({ PG_USER_DATA_DIR: join(file, 'data') })).toThrow(/ENOTDIR|EEXIST/);
  });
});
