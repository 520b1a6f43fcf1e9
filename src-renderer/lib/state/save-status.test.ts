// How a save ends, in the words a save dialog or an image's Save shows.
import { expect, it } from 'vitest';
import { BridgeError } from '../../../src-shared/bridge';
import { saveStatusOf } from './save-status';

const failing = (code: 'STORAGE' | 'NOT_FOUND' | 'NETWORK', message: string) => () => Promise.reject(new BridgeError({ code, message }));

it('says where it went, or nothing when the person cancelled the dialog', async () => {
  expect(await saveStatusOf(() => Promise.resolve('/home/a/x.py'))).toEqual({ state: 'saved', path: '/home/a/x.py' });
  expect(await saveStatusOf(() => Promise.resolve(undefined))).toEqual({ state: 'idle' });
});

it('keeps the words of a storage error and of something no longer there; describes the others', async () => {
  expect(await saveStatusOf(failing('STORAGE', 'Could not write the image: the disk is full.'))).toEqual({
    state: 'failed',
    message: 'Could not write the image: the disk is full.',
  });
  expect(await saveStatusOf(failing('NOT_FOUND', 'This image is no longer stored, so it cannot be saved.'))).toEqual({
    state: 'failed',
    message: 'This image is no longer stored, so it cannot be saved.',
  });
  const other = await saveStatusOf(failing('NETWORK', 'socket hang up'));
  expect(other.state).toBe('failed');
  expect(other.state === 'failed' && other.message).not.toBe('socket hang up');
});
