import { describe, expect, it } from 'vitest';
import { FALLBACK_MODELS, type AppError } from '../../../src-shared/domain';
import { fallbackNote } from './models.svelte';

const fallback = (error?: AppError) => ({ models: [...FALLBACK_MODELS], source: 'fallback' as const, ...(error ? { error } : {}) });
const err = (code: AppError['code'], message = 'x'): AppError => ({ code, message }) as AppError;

describe('fallbackNote', () => {
  it('says nothing for a list from the API', () => {
    expect(fallbackNote({ models: [...FALLBACK_MODELS], source: 'api' } as never)).toBeUndefined();
    expect(fallbackNote(undefined)).toBeUndefined();
  });

  it('sends a key problem to the key dialog and an unreachable or failing API to Settings', () => {
    expect(fallbackNote(fallback(err('NO_KEY')))).toEqual({ text: 'Built-in list: add an API key to load every available model.', action: 'key' });
    expect(fallbackNote(fallback(err('BAD_KEY')))?.action).toBe('key');
    expect(fallbackNote(fallback(err('PERMISSION_DENIED')))?.action).toBe('key');
    expect(fallbackNote(fallback(err('NETWORK')))).toEqual({ text: 'Built-in list: the models API could not be reached.', action: 'settings' });
    expect(fallbackNote(fallback(err('TIMEOUT')))?.action).toBe('settings');
    expect(fallbackNote(fallback(err('SERVER', 'Check the base URL in Settings')))).toEqual({
      text: 'Built-in list: the models API failed (Check the base URL in Settings).',
      action: 'settings',
    });
  });

  it('a saved key main cannot read is named with its reason and advice, not "add an API key", and keeps the key dialog', () => {
    // Main's NO_KEY for it carries the reason (noKeyFailure, asserted in app-core-secrets.test.ts); its words do not matter.
    expect(fallbackNote(fallback({ ...err('NO_KEY', 'worded any way'), keyUnreadable: 'keyring-locked' }))).toEqual({
      text: 'Built-in list: the saved API key cannot be read here. The system keyring is locked or not available. Unlock the keyring and restart the app, or enter the key again (Settings → API key).',
      action: 'key',
    });
  });

  it('a fallback without an error has no action', () => {
    expect(fallbackNote(fallback())).toEqual({ text: 'Built-in list.' });
  });
});
