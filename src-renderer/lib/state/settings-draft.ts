// The Settings view's form as typed: built from what main answered, checked field by field with the same words
// main uses (app-settings.ts), and turned into a patch of only what changed. A refusal from main is placed under
// the field it is about. Nothing here clears what was typed: the form keeps its text until a save succeeds.
import {
  DEFAULT_PREFERENCES,
  checkMegabytesText,
  checkModelId,
  checkNumberText,
  type MegabyteSetting,
  type NumberPreference,
  type ThemeChoice,
} from '../../../src-shared/app-settings';
import { DEFAULT_IMAGE_LIMITS, type AppError, type Settings, type SettingsPatch } from '../../../src-shared/domain';

export interface SettingsDraft {
  baseUrl: string;
  headersTimeoutSeconds: string;
  idleTimeoutSeconds: string;
  theme: ThemeChoice;
  defaultModel: string;
  concurrency: string;
  maxImageMb: string;
  inlineImageMaxMb: string;
  collapseSettingsOnSend: boolean;
}

export type DraftField = keyof SettingsDraft;
type TextField = Exclude<DraftField, 'collapseSettingsOnSend'>;
export type DraftErrors = Partial<Record<DraftField, string>>;

const NUMBERS: NumberPreference[] = ['headersTimeoutSeconds', 'idleTimeoutSeconds', 'concurrency'];
const MEGABYTES: MegabyteSetting[] = ['maxImageMb', 'inlineImageMaxMb'];
const MB = 1_048_576;

/** Sizes as a person reads them: 20, 0.5 — never 20.000000953. */
const megabytes = (bytes: number): string => String(Math.round((bytes / MB) * 1000) / 1000);

export function draftFrom(settings: Settings): SettingsDraft {
  const images = settings.images ?? DEFAULT_IMAGE_LIMITS;
  return {
    baseUrl: settings.baseUrl,
    headersTimeoutSeconds: String(settings.headersTimeoutSeconds ?? DEFAULT_PREFERENCES.headersTimeoutSeconds),
    idleTimeoutSeconds: String(settings.idleTimeoutSeconds ?? DEFAULT_PREFERENCES.idleTimeoutSeconds),
    theme: settings.theme ?? DEFAULT_PREFERENCES.theme,
    defaultModel: settings.defaultModel ?? DEFAULT_PREFERENCES.defaultModel,
    concurrency: String(settings.concurrency ?? DEFAULT_PREFERENCES.concurrency),
    maxImageMb: megabytes(images.maxBytes),
    inlineImageMaxMb: megabytes(images.inlineMaxBytes),
    collapseSettingsOnSend: settings.collapseSettingsOnSend ?? DEFAULT_PREFERENCES.collapseSettingsOnSend,
  };
}

/**
 * The patch that saves `draft` over `saved`: changed fields only (an emptied number field restores its default),
 * or the errors of the fields that cannot be saved as typed — then nothing is sent.
 */
export function checkDraft(draft: SettingsDraft, saved: Settings): { patch: SettingsPatch; errors: DraftErrors } {
  const before = draftFrom(saved);
  const patch: SettingsPatch = {};
  const errors: DraftErrors = {};
  const changed = (field: TextField) => draft[field].trim() !== before[field].trim();

  // An environment base URL (GEMINI_BASE_URL) is not the form's to change; an emptied field resets to Google's.
  if (saved.baseUrlSource !== 'env' && changed('baseUrl')) patch.baseUrl = draft.baseUrl.trim() === '' ? null : draft.baseUrl.trim();
  for (const name of NUMBERS) {
    if (!changed(name)) continue;
    const checked = checkNumberText(name, draft[name]);
    if (checked.ok) patch[name] = checked.value;
    else errors[name] = checked.error;
  }
  for (const name of MEGABYTES) {
    if (!changed(name)) continue;
    const checked = checkMegabytesText(name, draft[name]);
    if (checked.ok) patch[name] = checked.value;
    else errors[name] = checked.error;
  }
  if (draft.theme !== before.theme) patch.theme = draft.theme;
  if (draft.collapseSettingsOnSend !== before.collapseSettingsOnSend) patch.collapseSettingsOnSend = draft.collapseSettingsOnSend;
  if (changed('defaultModel')) {
    const checked = checkModelId(draft.defaultModel);
    if (checked.ok) patch.defaultModel = checked.value === '' ? null : checked.value;
    else errors.defaultModel = checked.error;
  }
  return { patch: Object.keys(errors).length > 0 ? {} : patch, errors };
}

/** Labels main's refusals start with (app-settings.ts), and the IPC check's "field: message". */
const PREFIXES: [RegExp, DraftField][] = [
  [/^Wait for the answer to start:|^headersTimeoutSeconds:/, 'headersTimeoutSeconds'],
  [/^Wait between two parts of an answer:|^idleTimeoutSeconds:/, 'idleTimeoutSeconds'],
  [/^Requests at once:|^concurrency:/, 'concurrency'],
  [/^Default model:|^defaultModel:/, 'defaultModel'],
  [/^Largest image:|^maxImageMb:/, 'maxImageMb'],
  [/^Send inline up to:|^inlineImageMaxMb:/, 'inlineImageMaxMb'],
  [/^Theme:|^theme:/, 'theme'],
  [/^Base URL|^baseUrl:|base URL|API key to/, 'baseUrl'],
];

/** Which field a refusal from main is about (a declined new host is the base URL's); undefined: the form's as a whole. */
export function fieldOfError(error: Pick<AppError, 'code' | 'message'>): DraftField | undefined {
  if (error.code === 'FORBIDDEN') return 'baseUrl';
  if (error.code !== 'BAD_REQUEST') return undefined;
  return PREFIXES.find(([pattern]) => pattern.test(error.message))?.[1];
}
