// App settings (today: the API base URL) over a KeyValueStore, with GEMINI_BASE_URL taking precedence.
import type { Settings, SettingsPatch } from '../../src-shared/domain';
import { DEFAULT_BASE_URL } from '../../src-shared/interactions';
import { AppFailure } from './failure';
import type { KeyValueStore } from './ports';

export const BASE_URL_FIELD = 'baseUrl';

export const BAD_BASE_URL_MESSAGE =
  'Base URL must be an http(s) URL without credentials, query or fragment, e.g. https://generativelanguage.googleapis.com';

export interface SettingsServiceDeps {
  store: KeyValueStore;
  env: Record<string, string | undefined>;
}

export class SettingsService {
  readonly #store: KeyValueStore;
  readonly #env: Record<string, string | undefined>;

  constructor(deps: SettingsServiceDeps) {
    this.#store = deps.store;
    this.#env = deps.env;
  }

  get(): Settings {
    // An unusable environment value is ignored rather than fatal: the app must still open.
    const fromEnv = normalizeBaseUrl(this.#env.GEMINI_BASE_URL ?? '');
    if (fromEnv) return { baseUrl: fromEnv, baseUrlSource: 'env' };
    const saved = this.#store.get(BASE_URL_FIELD);
    const fromSettings = typeof saved === 'string' ? normalizeBaseUrl(saved) : undefined;
    if (fromSettings) return { baseUrl: fromSettings, baseUrlSource: 'settings' };
    return { baseUrl: DEFAULT_BASE_URL, baseUrlSource: 'default' };
  }

  /** `baseUrl: null` (or an empty string, as a cleared field sends) resets to the default. */
  update(patch: SettingsPatch): Settings {
    if (patch.baseUrl !== undefined) {
      if (patch.baseUrl === null || patch.baseUrl.trim() === '') {
        this.#store.delete(BASE_URL_FIELD);
      } else {
        const normalized = normalizeBaseUrl(patch.baseUrl);
        if (!normalized) throw new AppFailure('BAD_REQUEST', BAD_BASE_URL_MESSAGE);
        this.#store.set(BASE_URL_FIELD, normalized);
      }
    }
    return this.get();
  }
}

/**
 * An http(s) URL with a host, no credentials (they would leak into logs and request displays), no query or
 * fragment (paths are appended to it), without trailing slashes. Undefined when unusable.
 */
export function normalizeBaseUrl(input: string): string | undefined {
  const text = input.trim();
  // The URL parser silently drops tabs and newlines inside a URL; refuse them instead of guessing.
  if (!text || text.length > 2_000 || /[\s\x00-\x1f\x7f\\]/.test(text)) return undefined;
  if (text.includes('?') || text.includes('#') || !/^https?:\/\/[^/]/i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || !url.hostname) return undefined;
  // Also rejects "@" that the parser might read as an empty userinfo ("http://@host").
  if (text.slice(url.protocol.length + 2).split('/')[0]!.includes('@')) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
