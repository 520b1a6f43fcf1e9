// App settings over a KeyValueStore: the API base URL (GEMINI_BASE_URL takes precedence) and the image
// limits (PG_IMAGE_MAX_MB / PG_IMAGE_INLINE_MAX_MB take precedence).
import { DEFAULT_IMAGE_LIMITS, type ImageLimits, type Settings, type SettingsPatch } from '../../src-shared/domain';
import { DEFAULT_BASE_URL } from '../../src-shared/interactions';
import { AppFailure } from './failure';
import type { KeyValueStore } from './ports';

export const BASE_URL_FIELD = 'baseUrl';
export const MAX_IMAGE_FIELD = 'maxImageBytes';
export const INLINE_IMAGE_FIELD = 'inlineImageMaxBytes';

const MB = 1_048_576;
/** What the settings may be set to, in MB: the Files API takes far more, but a conversation compares pictures. */
const MAX_IMAGE_RANGE: [number, number] = [1, 100];
const INLINE_IMAGE_RANGE: [number, number] = [0, 20];

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
    return { ...this.#baseUrl(), images: this.imageLimits() };
  }

  #baseUrl(): Pick<Settings, 'baseUrl' | 'baseUrlSource'> {
    // An unusable environment value is ignored rather than fatal: the app must still open.
    const fromEnv = normalizeBaseUrl(this.#env.GEMINI_BASE_URL ?? '');
    if (fromEnv) return { baseUrl: fromEnv, baseUrlSource: 'env' };
    const saved = this.#store.get(BASE_URL_FIELD);
    const fromSettings = typeof saved === 'string' ? normalizeBaseUrl(saved) : undefined;
    if (fromSettings) return { baseUrl: fromSettings, baseUrlSource: 'settings' };
    return { baseUrl: DEFAULT_BASE_URL, baseUrlSource: 'default' };
  }

  /** Read per use, so a change applies to the next image. */
  imageLimits(): ImageLimits {
    const pick = (envName: string, field: string, range: [number, number], fallback: number): number => {
      const fromEnv = this.#env[envName];
      const env = fromEnv === undefined || fromEnv.trim() === '' ? Number.NaN : Number(fromEnv) * MB;
      if (inRange(env, range)) return Math.round(env);
      const saved = this.#store.get(field);
      return typeof saved === 'number' && inRange(saved, range) ? saved : fallback;
    };
    return {
      maxBytes: pick('PG_IMAGE_MAX_MB', MAX_IMAGE_FIELD, MAX_IMAGE_RANGE, DEFAULT_IMAGE_LIMITS.maxBytes),
      inlineMaxBytes: pick('PG_IMAGE_INLINE_MAX_MB', INLINE_IMAGE_FIELD, INLINE_IMAGE_RANGE, DEFAULT_IMAGE_LIMITS.inlineMaxBytes),
    };
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
    this.#setMegabytes(MAX_IMAGE_FIELD, patch.maxImageMb, MAX_IMAGE_RANGE);
    this.#setMegabytes(INLINE_IMAGE_FIELD, patch.inlineImageMaxMb, INLINE_IMAGE_RANGE);
    return this.get();
  }

  #setMegabytes(field: string, mb: number | null | undefined, range: [number, number]): void {
    if (mb === undefined) return;
    if (mb === null) {
      this.#store.delete(field);
      return;
    }
    const bytes = Math.round(mb * MB);
    if (!inRange(bytes, range)) throw new AppFailure('BAD_REQUEST', `Use a size between ${range[0]} and ${range[1]} MB.`);
    this.#store.set(field, bytes);
  }
}

function inRange(bytes: number, [min, max]: [number, number]): boolean {
  return Number.isFinite(bytes) && bytes >= min * MB && bytes <= max * MB;
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
