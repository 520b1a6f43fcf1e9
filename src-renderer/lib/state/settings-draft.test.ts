// The Settings view's form: built from main's answer, checked with main's words, a patch of only what changed, and
// main's refusals placed under their field.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../src-shared/app-settings';
import { DEFAULT_IMAGE_LIMITS, type Settings } from '../../../src-shared/domain';
import { checkDraft, draftFrom, fieldOfError } from './settings-draft';

const saved: Settings = { baseUrl: 'https://generativelanguage.googleapis.com', baseUrlSource: 'default', images: DEFAULT_IMAGE_LIMITS, ...DEFAULT_PREFERENCES };

describe('settings draft', () => {
  it('shows main’s values as text, and an unchanged form sends nothing', () => {
    const draft = draftFrom(saved);
    expect(draft).toEqual({
      baseUrl: 'https://generativelanguage.googleapis.com',
      headersTimeoutSeconds: '30',
      idleTimeoutSeconds: '120',
      theme: 'system',
      defaultModel: '',
      concurrency: '3',
      maxImageMb: '20',
      inlineImageMaxMb: '4',
      collapseSettingsOnSend: true,
    });
    expect(checkDraft(draft, saved)).toEqual({ patch: {}, errors: {} });
  });

  it('sends only what changed; an emptied field restores the default', () => {
    const draft = {
      ...draftFrom(saved),
      idleTimeoutSeconds: ' 300 ',
      theme: 'dark' as const,
      defaultModel: 'gemini-2.5-pro',
      maxImageMb: '',
      baseUrl: 'http://127.0.0.1:8080',
      collapseSettingsOnSend: false,
    };
    expect(checkDraft(draft, saved)).toEqual({
      patch: { idleTimeoutSeconds: 300, theme: 'dark', defaultModel: 'gemini-2.5-pro', maxImageMb: null, baseUrl: 'http://127.0.0.1:8080', collapseSettingsOnSend: false },
      errors: {},
    });
    const cleared = { ...draftFrom({ ...saved, defaultModel: 'gemini-2.5-pro', baseUrl: 'http://127.0.0.1:8080', baseUrlSource: 'settings' }), defaultModel: '', baseUrl: '' };
    expect(checkDraft(cleared, { ...saved, defaultModel: 'gemini-2.5-pro', baseUrl: 'http://127.0.0.1:8080', baseUrlSource: 'settings' }).patch).toEqual({ defaultModel: null, baseUrl: null });
  });

  it('refuses what main would refuse, with main’s words, and sends nothing at all then', () => {
    const draft = { ...draftFrom(saved), headersTimeoutSeconds: '2', concurrency: 'three', inlineImageMaxMb: '25', defaultModel: 'gemini 2.5', theme: 'light' as const };
    expect(checkDraft(draft, saved)).toEqual({
      patch: {},
      errors: {
        headersTimeoutSeconds: 'Wait for the answer to start: a whole number of seconds from 5 to 300.',
        concurrency: 'Requests at once: a whole number of requests from 1 to 6.',
        inlineImageMaxMb: 'Send inline up to: a size in MB from 0 to 20.',
        defaultModel: 'Default model: a model id such as gemini-2.5-flash, without spaces (at most 200 characters).',
      },
    });
  });

  it('leaves a base URL from the environment alone', () => {
    const fromEnv: Settings = { ...saved, baseUrl: 'http://127.0.0.1:1', baseUrlSource: 'env' };
    expect(checkDraft({ ...draftFrom(fromEnv), baseUrl: 'https://elsewhere.example' }, fromEnv).patch).toEqual({});
  });

  it('places main’s refusals under their field', () => {
    expect(fieldOfError({ code: 'FORBIDDEN', message: 'The base URL was not changed: sending your API key to x was not approved.' })).toBe('baseUrl');
    expect(fieldOfError({ code: 'BAD_REQUEST', message: 'Base URL must start with https://' })).toBe('baseUrl');
    expect(fieldOfError({ code: 'BAD_REQUEST', message: 'idleTimeoutSeconds: Wait between two parts of an answer: …' })).toBe('idleTimeoutSeconds');
    expect(fieldOfError({ code: 'BAD_REQUEST', message: 'Requests at once: a whole number of requests from 1 to 6.' })).toBe('concurrency');
    expect(fieldOfError({ code: 'STORAGE', message: 'Could not save the settings: the disk is full.' })).toBeUndefined();
  });
});
