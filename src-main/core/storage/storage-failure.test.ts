// One wording for every storage failure: Node's error codes as sentences for people, STORAGE as the code,
// and the truth about a damaged file that was (or could not be) moved aside — over real files.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../failure';
import type { KeyValueStore } from '../ports';
import { faultyFs, faultyStore } from '../../../test-support/main/fault-fs';
import { FileLimitError } from './files';
import { describeSetAside, setAside, storageFailure, storageReason, withStorageFailures } from './storage-failure';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-storage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What Node throws: its message names the path and the code, which people should not have to read. */
const fsError = (code: string) => Object.assign(new Error(`${code}: something, open '/home/someone/.config/app/x.json'`), { code });

describe('storageFailure', () => {
  it('says what could not be done and why, in words, with STORAGE as the code', () => {
    const cases: [string, string][] = [
      ['ENOSPC', 'the disk is full'],
      ['EDQUOT', 'your disk quota is used up'],
      ['EROFS', "the app's data folder is read-only"],
      ['EACCES', 'permission denied'],
      ['EPERM', 'permission denied'],
      ['ENOENT', 'the file or its folder does not exist'],
      ['EMFILE', 'too many files are open'],
      ['EBUSY', 'the file is in use by another program'],
      ['EIO', 'the disk reported a read or write error'],
      ['EWEIRD', 'an unexpected file error (EWEIRD)'],
    ];
    for (const [code, reason] of cases) {
      const failure = storageFailure('save the settings', fsError(code));
      expect(failure).toBeInstanceOf(AppFailure);
      expect(failure.toAppError()).toEqual({ code: 'STORAGE', message: `Could not save the settings: ${reason}.`, retryable: true });
    }
    expect(storageFailure('save the settings', new Error('no code')).message).toBe('Could not save the settings: an unexpected error.');
  });

  it('names another folder when asked, and adds what the failure means', () => {
    expect(storageFailure('write the transcript', fsError('EROFS'), { folder: 'the chosen folder' }).message).toBe(
      'Could not write the transcript: the chosen folder is read-only.',
    );
    expect(storageFailure('remove the saved key', fsError('ENOSPC'), { then: 'It is still saved.' }).message).toBe(
      'Could not remove the saved key: the disk is full. It is still saved.',
    );
  });

  it('keeps a failure that already says what happened, and words a refused file by its own message', () => {
    const said = new AppFailure('STORAGE', 'This session is too large to save.');
    expect(storageFailure('save the session', said)).toBe(said);
    expect(storageReason(new FileLimitError('This is not a regular file.', 'not-a-file'))).toBe('this is not a regular file');
  });
});

describe('setAside', () => {
  it('moves a damaged file aside and says where', async () => {
    const file = join(dir, 's1.json');
    writeFileSync(file, '{bad');
    const outcome = await setAside(fsp, file, Date.UTC(2026, 10, 27, 10, 0, 0));
    expect(outcome).toEqual({ movedTo: `${file}.corrupt-2026-11-27T10-00-00-000Z` });
    expect(readFileSync(outcome.movedTo!, 'utf8')).toBe('{bad');
    expect(describeSetAside(outcome)).toBe('it was moved aside to “s1.json.corrupt-2026-11-27T10-00-00-000Z” in the same folder');
  });

  it('says so when the file could not be moved, and leaves it where it was', async () => {
    const file = join(dir, 's1.json');
    writeFileSync(file, '{bad');
    const fs = faultyFs();
    fs.failWhen('rename', (p) => p.startsWith(`${file}.corrupt-`), 'EROFS');
    const outcome = await setAside(fs, file, Date.UTC(2026, 10, 27, 10, 0, 0));
    expect(outcome.movedTo).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('{bad');
    expect(existsSync(`${file}.corrupt-2026-11-27T10-00-00-000Z`)).toBe(false);
    expect(describeSetAside(outcome, 'the damaged copy')).toBe(
      "the damaged copy could not be moved aside (the app's data folder is read-only) and was left in place",
    );
  });
});

describe('withStorageFailures', () => {
  it('turns a failed write into a STORAGE failure and leaves reads alone', () => {
    const data = new Map<string, unknown>([['baseUrl', 'https://a.example']]);
    const inner: KeyValueStore = { get: (k) => data.get(k), set: (k, v) => void data.set(k, v), delete: (k) => void data.delete(k) };
    const store = faultyStore(inner);
    const settings = withStorageFailures(store, 'save the settings');
    store.failWrites('ENOSPC');
    expect(() => settings.set('baseUrl', 'https://b.example')).toThrow(
      expect.objectContaining({ code: 'STORAGE', message: 'Could not save the settings: the disk is full.' }),
    );
    expect(() => settings.delete('baseUrl')).toThrow(expect.objectContaining({ code: 'STORAGE' }));
    expect(settings.get('baseUrl')).toBe('https://a.example');
  });
});
