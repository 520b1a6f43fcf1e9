// @vitest-environment jsdom
// SettingsState: Save sends what changed and applies main's answer (theme, default model); a refusal shows under
// its field and keeps the text; closing drops a theme that was only tried.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../src-shared/app-settings';
import { DEFAULT_IMAGE_LIMITS, type Settings, type SettingsPatch } from '../../../src-shared/domain';
import { BridgeError } from '../../../src-shared/bridge';
import type { Api } from '../api';
import { Theme } from '../theme';
import { SettingsState } from './app-settings.svelte';

function setup(refuse?: { code: 'FORBIDDEN' | 'BAD_REQUEST' | 'STORAGE'; message: string }) {
  let current: Settings = { baseUrl: 'https://generativelanguage.googleapis.com', baseUrlSource: 'default', images: DEFAULT_IMAGE_LIMITS, ...DEFAULT_PREFERENCES, dataDir: '/data' };
  const patches: SettingsPatch[] = [];
  const opened: string[] = [];
  const api = {
    getSettings: async () => current,
    updateSettings: async (patch: SettingsPatch) => {
      patches.push(patch);
      if (refuse) throw new BridgeError(refuse);
      current = { ...current, ...(patch as Partial<Settings>) };
      return current;
    },
    openDataFolder: async () => (opened.push('data'), true),
  } as unknown as Api;
  const root = document.createElement('html');
  const theme = new Theme({ root, media: undefined });
  const changes: Settings[] = [];
  const state = new SettingsState(api, theme, (s) => void changes.push(s));
  return { state, patches, root, changes, opened };
}

describe('SettingsState', () => {
  it('saves only what changed and applies main’s answer: the theme on the page, the default model for new panes', async () => {
    const s = setup();
    await s.state.open();
    expect(s.state.dialogOpen).toBe(true);
    s.state.draft!.theme = 'dark';
    s.state.draft!.defaultModel = 'gemini-2.5-pro';
    expect(await s.state.save()).toBe(true);
    expect(s.patches).toEqual([{ theme: 'dark', defaultModel: 'gemini-2.5-pro' }]);
    expect(s.root.dataset.theme).toBe('dark');
    expect(s.changes.at(-1)).toMatchObject({ theme: 'dark', defaultModel: 'gemini-2.5-pro' });
    expect(s.state.saved).toBe(true);
  });

  it('an invalid field is not sent; its text stays with the error under it', async () => {
    const s = setup();
    await s.state.open();
    s.state.draft!.idleTimeoutSeconds = '5 minutes';
    expect(await s.state.save()).toBe(false);
    expect(s.patches).toEqual([]);
    expect(s.state.errors).toEqual({ idleTimeoutSeconds: 'Wait between two parts of an answer: a whole number of seconds from 10 to 900.' });
    expect(s.state.draft!.idleTimeoutSeconds).toBe('5 minutes');
  });

  it('a base URL main was not allowed to set shows under the field, the text kept', async () => {
    const s = setup({ code: 'FORBIDDEN', message: 'The base URL was not changed: sending your API key to evil.example was not approved.' });
    await s.state.open();
    s.state.draft!.baseUrl = 'https://evil.example';
    expect(await s.state.save()).toBe(false);
    expect(s.state.errors.baseUrl).toMatch(/not approved/);
    expect(s.state.draft!.baseUrl).toBe('https://evil.example');
  });

  it('a failure that is no field’s is said for the form', async () => {
    const s = setup({ code: 'STORAGE', message: 'Could not save the settings: the disk is full.' });
    await s.state.open();
    s.state.draft!.concurrency = '2';
    expect(await s.state.save()).toBe(false);
    expect(s.state.problem).toBe('Not saved: Could not save the settings: the disk is full.');
    expect(s.state.draft!.concurrency).toBe('2');
  });

  it('a theme tried but not saved is undone on close', async () => {
    const s = setup();
    await s.state.open();
    s.state.draft!.theme = 'dark';
    s.state.preview();
    expect(s.root.dataset.theme).toBe('dark');
    s.state.close();
    expect(s.root.dataset.theme).toBe('light');
    expect(s.state.dialogOpen).toBe(false);
  });

  it('opened again while open (the key dialog over it offers Settings too): what was typed, and its errors, stay', async () => {
    const s = setup();
    await s.state.open();
    s.state.draft!.concurrency = '12';
    expect(await s.state.save()).toBe(false);
    await s.state.open();
    expect(s.state.draft!.concurrency).toBe('12');
    expect(s.state.errors.concurrency).toMatch(/^Requests at once:/);
  });

  it('opens the data folder through main', async () => {
    const s = setup();
    await s.state.openFolder();
    expect(s.opened).toEqual(['data']);
    expect(s.state.problem).toBe('');
  });
});
