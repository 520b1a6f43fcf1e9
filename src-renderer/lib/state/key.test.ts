// @vitest-environment jsdom
// KeyState and ModelsState against a fake bridge: first run, save, memory-only warning, removal, fallback list.
import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../api';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { KeyState } from './key.svelte';
import {
  describeKeyCheck,
  describeKeyStatus,
  describeKeyWarning,
  describeUnreadableKey,
  keyButtonLabel,
  keyCheckLabel,
  keyCheckState,
  keyDotState,
  keyLocationLabel,
  keyUnreadable,
} from './key-text';
import { ModelsState } from './models.svelte';

function setup() {
  const fake = new FakeBridge();
  const onChanged = vi.fn();
  const key = new KeyState(createApi(fake.bridge()), onChanged);
  return { fake, key, onChanged };
}

describe('API key state', () => {
  it('opens the dialog on first run', async () => {
    const { key } = setup();
    await key.load();
    expect(key.dialogOpen).toBe(true);
    expect(key.configured).toBe(false);
  });

  it('does not send an empty key', async () => {
    const { key, fake } = setup();
    expect(await key.save('   ')).toBe(false);
    expect(key.error).toBe('Enter a key');
    expect(fake.callsOf('setKey')).toHaveLength(0);
  });

  it('saves, keeps only the status, and closes', async () => {
    const { key, fake, onChanged } = setup();
    key.open();
    expect(await key.save('AIzaSyTEST1234abcd')).toBe(true);
    expect(fake.callsOf('setKey')).toEqual([{ key: 'AIzaSyTEST1234abcd' }]);
    expect(key.status).toEqual({ configured: true, source: 'stored', persisted: true, hint: '…abcd' });
    expect(JSON.stringify(key)).not.toContain('AIzaSy');
    expect(key.dialogOpen).toBe(false);
    expect(keyLocationLabel(key.status)).toBe('encrypted');
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it('stays open to show the warning when the key is kept in memory only', async () => {
    const { key, fake } = setup();
    fake.handlers.setKey = () => ({ configured: true, source: 'memory', persisted: false, hint: '…wxyz', warning: 'encryption-unavailable' });
    key.open();
    await key.save('k-wxyz');
    expect(key.dialogOpen).toBe(true);
    expect(describeKeyStatus(key.status)).toBe('Key …wxyz — kept in memory only, until the app closes');
    expect(describeKeyWarning(key.status)).toContain('memory only');
  });

  it('shows main’s validation message inline', async () => {
    const { key, fake } = setup();
    fake.handlers.setKey = () => ({ error: { code: 'BAD_REQUEST', message: 'key: Enter a key' } });
    await key.save('x');
    expect(key.error).toBe('Enter a key');
  });

  it('shows main’s storage message whole, and keeps the status main still has', async () => {
    const { key, fake } = setup();
    fake.handlers.getKeyStatus = () => ({ configured: true, source: 'stored', persisted: true, hint: '…abcd' });
    await key.load();
    fake.handlers.clearKey = () => ({
      error: { code: 'STORAGE', message: "Could not remove the saved key: the app's data folder is read-only. Nothing was changed: the key stays saved and will be used after a restart." },
    });
    await key.remove();
    expect(key.error).toBe("Could not remove the saved key: the app's data folder is read-only. Nothing was changed: the key stays saved and will be used after a restart.");
    expect(key.status).toMatchObject({ configured: true, hint: '…abcd' });
    fake.handlers.setKey = () => ({ error: { code: 'STORAGE', message: 'Could not save the key: the disk is full. Nothing was changed.' } });
    expect(await key.save('AIzaSyNEW-key-9999')).toBe(false);
    expect(key.error).toBe('Could not save the key: the disk is full. Nothing was changed.');
    fake.handlers.setKey = () => ({ error: { code: 'INTERNAL', message: 'boom' } });
    await key.save('AIzaSyNEW-key-9999');
    expect(key.error).toBe('Could not save the key: boom');
  });

  it('removes a key entered in the app, but never an environment key', async () => {
    const { key, fake } = setup();
    fake.handlers.getKeyStatus = () => ({ configured: true, source: 'env', persisted: false, hint: '…9999' });
    await key.load();
    expect(key.removable).toBe(false);
    expect(describeKeyStatus(key.status)).toContain('environment');
    expect(keyButtonLabel(key.status)).toBe('Key …9999');
    expect(keyLocationLabel(key.status)).toBe('from env');
    await key.save('abcd-1234');
    expect(key.removable).toBe(true);
    await key.remove();
    expect(key.configured).toBe(false);
    expect(keyButtonLabel(key.status)).toBe('Set API key');
  });
});

describe('a saved key this run cannot read', () => {
  it('opens the dialog saying a key is saved but cannot be read, and what to do, never "no key"', async () => {
    for (const [unreadable, remedy] of [
      ['keyring-locked', /Unlock the keyring and restart the app, or enter the key again/],
      ['keyring-absent', /keyring \(Secret Service or KWallet\).*restart the app, or enter the key again/],
      ['other-keyring', /another system keyring.*Restart the app with that keyring unlocked, or enter the key again/],
    ] as const) {
      const { key, fake } = setup();
      fake.handlers.getKeyStatus = () => ({ configured: false, source: 'none', persisted: false, unreadable });
      await key.load();
      expect(key.dialogOpen).toBe(true);
      expect(keyUnreadable(key.status)).toBe(true);
      expect(keyDotState(key.status)).toBe('unreadable');
      expect(describeKeyStatus(key.status)).toBe('A key is saved, but it cannot be read here');
      expect(keyButtonLabel(key.status)).toBe('Saved key');
      expect(describeUnreadableKey(key.status)).toMatch(remedy);
    }
  });

  it('can be removed, not only replaced: main forgets it, and the dialog then says there is no key', async () => {
    const { key, fake, onChanged } = setup();
    fake.handlers.getKeyStatus = () => ({ configured: false, source: 'none', persisted: false, unreadable: 'keyring-locked' });
    await key.load();
    expect(key.removable).toBe(true);
    await key.remove();
    expect(fake.callsOf('clearKey')).toHaveLength(1);
    expect(onChanged).toHaveBeenCalledOnce();
    expect(key.error).toBe('');
    expect(keyUnreadable(key.status)).toBe(false);
    expect(describeUnreadableKey(key.status)).toBeUndefined();
    expect(describeKeyStatus(key.status)).toBe('No API key set');
    expect(keyButtonLabel(key.status)).toBe('Set API key');
    expect(key.removable).toBe(false);
  });

  it('with an environment key in use, the saved one it stands in for can still be removed', async () => {
    const { key, fake } = setup();
    fake.handlers.getKeyStatus = () => ({ configured: true, source: 'env', persisted: false, hint: '…9999', unreadable: 'other-keyring' });
    await key.load();
    expect(key.removable).toBe(true);
  });

  it('with an environment key in use, the key is that one, and the saved one is still explained', () => {
    const status = { configured: true, source: 'env', persisted: false, hint: '…9999', unreadable: 'other-keyring' } as const;
    expect(keyUnreadable(status)).toBe(false);
    expect(keyDotState(status)).toBe('unchecked');
    expect(keyButtonLabel(status)).toBe('Key …9999');
    expect(describeUnreadableKey(status)).toMatch(/Meanwhile the key from the environment is used\.$/);
    expect(describeUnreadableKey({ configured: false, source: 'none', persisted: false })).toBeUndefined();
  });
});

describe('the key check', () => {
  const at = '2026-01-02T03:04:05.000Z';

  it('closes on a valid key; stays open on a rejected or unchecked one, saying which', async () => {
    const { key, fake } = setup();
    fake.handlers.setKey = () => ({ configured: true, source: 'stored', persisted: true, hint: '…good', check: { state: 'valid', at } });
    key.open();
    await key.save('key-good');
    expect(key.dialogOpen).toBe(false);
    expect([keyCheckState(key.status), keyCheckLabel(key.status), describeKeyCheck(key.status)]).toEqual(['valid', 'valid', 'Valid: the Gemini API accepted this key.']);

    fake.handlers.setKey = () => ({ configured: true, source: 'stored', persisted: true, hint: '…bad1', check: { state: 'rejected', at, message: 'API key not valid' } });
    key.open();
    expect(await key.save('key-bad1')).toBe(true);
    expect(key.dialogOpen).toBe(true);
    expect(keyCheckLabel(key.status)).toBe('rejected');
    expect(describeKeyCheck(key.status)).toBe('Rejected: API key not valid. The key stays saved until you replace or remove it.');

    fake.handlers.setKey = () => ({ configured: true, source: 'stored', persisted: true, hint: '…off1', check: { state: 'unchecked', at, message: 'Could not reach h (connection refused).' } });
    await key.save('key-off1');
    expect(key.dialogOpen).toBe(true);
    expect(keyCheckLabel(key.status)).toBe('not checked');
    expect(describeKeyCheck(key.status)).toBe('Not checked: the Gemini API could not be asked. Could not reach h (connection refused). The next request checks it.');
  });

  it('a key nothing was asked about yet reads "not checked", never valid; no key has no check at all', () => {
    const status = { configured: true, source: 'env', persisted: false } as const;
    expect(keyCheckState(status)).toBe('unchecked');
    expect(describeKeyCheck(status)).toBe('Not checked yet: the next request checks it.');
    expect(keyCheckState({ configured: false, source: 'none', persisted: false })).toBeUndefined();
  });

  it('refresh reads the status again without opening the dialog', async () => {
    const { key, fake } = setup();
    fake.handlers.getKeyStatus = () => ({ configured: true, source: 'stored', persisted: true, check: { state: 'rejected', at } });
    await key.refresh();
    expect(keyCheckState(key.status)).toBe('rejected');
    expect(key.dialogOpen).toBe(false);
  });
});

describe('model list', () => {
  it('uses the API list when it answers', async () => {
    const fake = new FakeBridge();
    const models = new ModelsState(createApi(fake.bridge()));
    await models.load();
    expect(models.models.map((m) => m.id)).toEqual(['gemini-test']);
    expect(models.note).toBeUndefined();
  });

  it('explains a fallback list', async () => {
    const fake = new FakeBridge();
    fake.handlers.listModels = () => ({ models: [{ id: 'a', displayName: 'A' }], source: 'fallback', error: { code: 'NO_KEY', message: 'x', retryable: false } });
    const models = new ModelsState(createApi(fake.bridge()));
    await models.load();
    expect(models.note?.text).toContain('add an API key');
    expect(models.note?.action).toBe('key');
  });

  it('falls back to the built-in list when the call itself fails', async () => {
    const fake = new FakeBridge();
    fake.handlers.listModels = () => ({ error: { code: 'INTERNAL', message: 'boom' } });
    const models = new ModelsState(createApi(fake.bridge()));
    await models.load();
    expect(models.models.length).toBeGreaterThan(1);
    expect(models.note?.text).toContain('boom');
    expect(models.note?.action).toBe('settings');
  });
});
