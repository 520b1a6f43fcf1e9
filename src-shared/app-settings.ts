// The app's own preferences (the Settings view): what each may be, its default, and the one check both the form
// and main apply to what was typed, so the person reads the same message whichever of them refuses it.
import { MAX_ID, MAX_PANES } from './limits';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

/** Kept by main's settings store; `Settings` carries them whole, `SettingsPatch` any of them (null: the default). */
export interface Preferences {
  /** How long a request may wait for the server's first answer (the headers of a stream). */
  headersTimeoutSeconds: number;
  /** How long an answer may go without a byte before it is given up. */
  idleTimeoutSeconds: number;
  theme: ThemeChoice;
  /** The model a new pane starts with; '' lets a new pane take the last pane's model. */
  defaultModel: string;
  /** Requests at once for repeat runs (and test cases): where they start, before a 429 slows them down. */
  concurrency: number;
  /** Whether a pane's settings fold away once its prompt is sent, so the answer gets the height. */
  collapseSettingsOnSend: boolean;
}

export type PreferencesPatch = { [K in keyof Preferences]?: Preferences[K] | null };

export type NumberPreference = 'headersTimeoutSeconds' | 'idleTimeoutSeconds' | 'concurrency';

export interface NumberBounds {
  min: number;
  max: number;
  /** Words after the number in a message ("seconds"). */
  unit: string;
  /** What the person calls it, at the start of a message. */
  label: string;
}

/** The timeouts' defaults are what the client used before they were settings (30 s to start, 120 s idle). */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = {
  headersTimeoutSeconds: 30,
  idleTimeoutSeconds: 120,
  theme: 'system',
  defaultModel: '',
  concurrency: 3,
  collapseSettingsOnSend: true,
};

// Below 5 s a busy API times out for no fault of its own; an idle answer is given up after 15 minutes at most.
export const NUMBER_BOUNDS: Readonly<Record<NumberPreference, NumberBounds>> = {
  headersTimeoutSeconds: { min: 5, max: 300, unit: 'seconds', label: 'Wait for the answer to start' },
  idleTimeoutSeconds: { min: 10, max: 900, unit: 'seconds', label: 'Wait between two parts of an answer' },
  concurrency: { min: 1, max: MAX_PANES, unit: 'requests', label: 'Requests at once' },
};

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A whole number within its bounds; an empty field means the default (null). */
export function checkNumberText(name: NumberPreference, text: string): Checked<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const value = Number(trimmed);
  return /^\d+$/.test(trimmed) ? checkNumber(name, value) : { ok: false, error: rangeMessage(name) };
}

export function checkNumber(name: NumberPreference, value: number): Checked<number> {
  const { min, max } = NUMBER_BOUNDS[name];
  return Number.isInteger(value) && value >= min && value <= max ? { ok: true, value } : { ok: false, error: rangeMessage(name) };
}

export function rangeMessage(name: NumberPreference): string {
  const { min, max, unit, label } = NUMBER_BOUNDS[name];
  return `${label}: a whole number of ${unit} from ${min} to ${max}.`;
}

export type MegabyteSetting = 'maxImageMb' | 'inlineImageMaxMb';

/** The image limits (Settings.images, in bytes; SettingsPatch, in MB): a conversation compares pictures. */
export const MEGABYTE_BOUNDS: Readonly<Record<MegabyteSetting, Omit<NumberBounds, 'unit'>>> = {
  maxImageMb: { min: 1, max: 100, label: 'Largest image' },
  inlineImageMaxMb: { min: 0, max: 20, label: 'Send inline up to' },
};

/** A size in MB (fractions allowed) within its bounds; an empty field means the default (null). */
export function checkMegabytesText(name: MegabyteSetting, text: string): Checked<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const { min, max, label } = MEGABYTE_BOUNDS[name];
  const value = Number(trimmed);
  return /^\d+(?:\.\d+)?$/.test(trimmed) && value >= min && value <= max
    ? { ok: true, value }
    : { ok: false, error: `${label}: a size in MB from ${min} to ${max}.` };
}

/** A model id as the API names it ("gemini-2.5-pro", "tunedModels/x"): one word, no spaces; '' clears it. */
export function checkModelId(text: string): Checked<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: '' };
  if (trimmed.length > MAX_ID || !/^[\x21-\x7e]+$/.test(trimmed)) {
    return { ok: false, error: `Default model: a model id such as gemini-2.5-flash, without spaces (at most ${MAX_ID} characters).` };
  }
  return { ok: true, value: trimmed.replace(/^models\//, '') };
}

export function isTheme(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}
