// App settings over a KeyValueStore: the API base URL (GEMINI_BASE_URL takes precedence) with the origins the
// person approved for the API key, the image limits (PG_IMAGE_MAX_MB / PG_IMAGE_INLINE_MAX_MB take precedence)
// and the preferences of the Settings view (preferences.ts).
import { MEGABYTE_BOUNDS } from '../../src-shared/app-settings';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits, type Settings, type SettingsPatch } from '../../src-shared/domain';
import { DEFAULT_BASE_URL } from '../../src-shared/interactions';
import { checkBaseUrl, normalizeBaseUrl } from './base-url';
import { AppFailure } from './failure';
import type { KeyValueStore } from './ports';
import { checkPreferences, readPreferences, writePreferences } from './preferences';
import { withStorageFailures } from './storage/storage-failure';

export const BASE_URL_FIELD = 'baseUrl';
export const APPROVED_ORIGINS_FIELD = 'approvedOrigins';
export const MAX_IMAGE_FIELD = 'maxImageBytes';
export const INLINE_IMAGE_FIELD = 'inlineImageMaxBytes';

const MB = 1_048_576;
/** What the settings may be set to, in MB (app-settings.ts): the Files API takes far more. */
const MAX_IMAGE_RANGE: [number, number] = [MEGABYTE_BOUNDS.maxImageMb.min, MEGABYTE_BOUNDS.maxImageMb.max];
const INLINE_IMAGE_RANGE: [number, number] = [MEGABYTE_BOUNDS.inlineImageMaxMb.min, MEGABYTE_BOUNDS.inlineImageMaxMb.max];
const MAX_APPROVED_ORIGINS = 50;

/** A base URL whose origin the person has not approved for the API key yet. */
export interface OriginToApprove {
  url: string;
  origin: string;
  host: string;
}

export interface SettingsServiceDeps {
  store: KeyValueStore;
  env: Record<string, string | undefined>;
  /** The app's data folder, shown in the Settings view. */
  dataDir?: string;
}

export class SettingsService {
  readonly #store: KeyValueStore;
  readonly #env: Record<string, string | undefined>;
  readonly #dataDir: string | undefined;

  constructor(deps: SettingsServiceDeps) {
    this.#store = withStorageFailures(deps.store, 'save the settings');
    this.#env = deps.env;
    this.#dataDir = deps.dataDir;
  }

  get(): Settings {
    const settings: Settings = { ...this.#baseUrl(), images: this.imageLimits(), ...readPreferences(this.#store) };
    if (this.#dataDir !== undefined) settings.dataDir = this.#dataDir;
    return settings;
  }

  /** Read per request, so a changed timeout applies to the next one. */
  requestTimeouts(): { headersMs: number; idleMs: number } {
    const { headersTimeoutSeconds, idleTimeoutSeconds } = readPreferences(this.#store);
    return { headersMs: headersTimeoutSeconds * 1000, idleMs: idleTimeoutSeconds * 1000 };
  }

  #baseUrl(): Pick<Settings, 'baseUrl' | 'baseUrlSource'> {
    // An unusable environment value is ignored rather than fatal: the app must still open.
    const fromEnv = normalizeBaseUrl(this.#env.GEMINI_BASE_URL ?? '');
    if (fromEnv) return { baseUrl: fromEnv, baseUrlSource: 'env' };
    const saved = this.#store.get(BASE_URL_FIELD);
    // Also checked on read: a value saved by an older version, or edited in the file, was never approved.
    const fromSettings = typeof saved === 'string' ? checkBaseUrl(saved) : undefined;
    if (fromSettings?.ok && this.isApprovedOrigin(fromSettings.origin)) return { baseUrl: fromSettings.url, baseUrlSource: 'settings' };
    return { baseUrl: DEFAULT_BASE_URL, baseUrlSource: 'default' };
  }

  /** Google's endpoint and GEMINI_BASE_URL's origin always; others once the person approved them in main. */
  isApprovedOrigin(origin: string): boolean {
    if (origin === new URL(DEFAULT_BASE_URL).origin) return true;
    const fromEnv = checkBaseUrl(this.#env.GEMINI_BASE_URL ?? '');
    if (fromEnv.ok && fromEnv.origin === origin) return true;
    return this.#approvedOrigins().includes(origin);
  }

  /**
   * The base URL `baseUrl` would set when its origin still needs the person's approval; undefined for a
   * reset, no change or an approved origin. Throws BAD_REQUEST, as update would, for an unusable URL.
   */
  originToApprove(baseUrl: string | null | undefined): OriginToApprove | undefined {
    if (baseUrl === undefined || baseUrl === null || baseUrl.trim() === '') return undefined;
    const checked = checkBaseUrl(baseUrl);
    if (!checked.ok) throw new AppFailure('BAD_REQUEST', checked.message);
    return this.isApprovedOrigin(checked.origin) ? undefined : { url: checked.url, origin: checked.origin, host: checked.host };
  }

  /** Only main calls this, after the person said yes in a dialog main showed. */
  approveOrigin(origin: string): void {
    const kept = this.#approvedOrigins().filter((o) => o !== origin);
    this.#store.set(APPROVED_ORIGINS_FIELD, [...kept, origin].slice(-MAX_APPROVED_ORIGINS));
  }

  #approvedOrigins(): string[] {
    const saved = this.#store.get(APPROVED_ORIGINS_FIELD);
    return Array.isArray(saved) ? saved.filter((o): o is string => typeof o === 'string') : [];
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

  /**
   * `baseUrl: null` (or an empty string, as a cleared field sends) resets to the default. A base URL on an
   * origin not approved yet is refused with FORBIDDEN: main asks the person first (app-core). The preferences are
   * checked before anything is written, so a refused one leaves every setting of the patch as it was.
   */
  update(patch: SettingsPatch): Settings {
    const preferences = checkPreferences(patch);
    if (patch.baseUrl !== undefined) {
      if (patch.baseUrl === null || patch.baseUrl.trim() === '') {
        this.#store.delete(BASE_URL_FIELD);
      } else {
        const checked = checkBaseUrl(patch.baseUrl);
        if (!checked.ok) throw new AppFailure('BAD_REQUEST', checked.message);
        if (!this.isApprovedOrigin(checked.origin)) {
          throw new AppFailure('FORBIDDEN', `Sending your API key to ${checked.host} was not approved, so the base URL was not changed.`);
        }
        this.#store.set(BASE_URL_FIELD, checked.url);
      }
    }
    this.#setMegabytes(MAX_IMAGE_FIELD, patch.maxImageMb, MAX_IMAGE_RANGE);
    this.#setMegabytes(INLINE_IMAGE_FIELD, patch.inlineImageMaxMb, INLINE_IMAGE_RANGE);
    writePreferences(this.#store, preferences);
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
