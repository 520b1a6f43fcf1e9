// The Settings view's preferences in main's settings store: read back checked (a value out of bounds, from an
// edited file or an older version, counts as unset), and a patch checked whole before any of it is written.
import {
  DEFAULT_PREFERENCES,
  NUMBER_BOUNDS,
  checkModelId,
  checkNumber,
  isTheme,
  type NumberPreference,
  type Preferences,
  type PreferencesPatch,
} from '../../src-shared/app-settings';
import { AppFailure } from './failure';
import type { KeyValueStore } from './ports';

/** Stored under their own names, in the settings file beside the base URL. */
const KEYS = Object.keys(DEFAULT_PREFERENCES) as (keyof Preferences)[];
const NUMBERS = Object.keys(NUMBER_BOUNDS) as NumberPreference[];

/** What a patch changes: a value to store, or null to forget the saved one. */
export type PreferenceChanges = { [K in keyof Preferences]?: Preferences[K] | null };

export function readPreferences(store: KeyValueStore): Preferences {
  const read = { ...DEFAULT_PREFERENCES };
  for (const name of NUMBERS) {
    const saved = store.get(name);
    if (typeof saved === 'number' && checkNumber(name, saved).ok) read[name] = saved;
  }
  const theme = store.get('theme');
  if (isTheme(theme)) read.theme = theme;
  const model = store.get('defaultModel');
  const checked = typeof model === 'string' ? checkModelId(model) : undefined;
  if (checked?.ok) read.defaultModel = checked.value;
  const collapse = store.get('collapseSettingsOnSend');
  if (typeof collapse === 'boolean') read.collapseSettingsOnSend = collapse;
  return read;
}

/** Throws BAD_REQUEST with the first refused preference's message; nothing is written by this. */
export function checkPreferences(patch: PreferencesPatch): PreferenceChanges {
  const changes: PreferenceChanges = {};
  for (const name of NUMBERS) {
    const value = patch[name];
    if (value === undefined || value === null) {
      if (value === null) changes[name] = null;
      continue;
    }
    changes[name] = accept(checkNumber(name, value));
  }
  if (patch.theme !== undefined) {
    if (patch.theme !== null && !isTheme(patch.theme)) throw new AppFailure('BAD_REQUEST', 'Theme: system, light or dark.');
    changes.theme = patch.theme;
  }
  if (patch.defaultModel !== undefined) {
    const model = patch.defaultModel === null ? '' : accept(checkModelId(patch.defaultModel));
    changes.defaultModel = model === '' ? null : model;
  }
  if (patch.collapseSettingsOnSend !== undefined) {
    const collapse = patch.collapseSettingsOnSend;
    if (collapse !== null && typeof collapse !== 'boolean') throw new AppFailure('BAD_REQUEST', 'Fold settings on send: on or off.');
    changes.collapseSettingsOnSend = collapse;
  }
  return changes;
}

export function writePreferences(store: KeyValueStore, changes: PreferenceChanges): void {
  for (const name of KEYS) {
    const value = changes[name];
    if (value === null) store.delete(name);
    else if (value !== undefined) store.set(name, value);
  }
}

function accept<T>(checked: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!checked.ok) throw new AppFailure('BAD_REQUEST', checked.error);
  return checked.value;
}
