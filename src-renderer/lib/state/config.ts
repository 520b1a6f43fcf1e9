// Pane settings as typed (strings, "unset" choices) → the PaneConfig sent to main, with inline validation.
import type { ConfigField } from '../../../src-shared/config-diff';
import type { PaneConfig, ThinkingLevel } from '../../../src-shared/domain';

/** What the settings form holds: raw text where a person types, '' where nothing is set (nothing is sent). */
export interface PaneFields {
  model: string;
  systemInstruction: string;
  temperature: string;
  topP: string;
  maxOutputTokens: string;
  thinkingLevel: ThinkingLevel | '';
  /** false sends nothing: summaries are off by default in the API. */
  thinkingSummaries: boolean;
  /** One sequence per line; `\n`, `\t` and `\\` stand for a newline, a tab and a backslash. */
  stopSequences: string;
  seed: string;
}

/** The form's fields are named like PaneConfig's, so "apply to all" and the diff strip share one key. */
export type FieldName = keyof PaneFields & ConfigField;

export type FieldErrors = Partial<Record<FieldName, string>>;

export type ConfigResult = { ok: true; config: PaneConfig } | { ok: false; errors: FieldErrors };

export const EMPTY_FIELDS: Omit<PaneFields, 'model'> = {
  systemInstruction: '',
  temperature: '',
  topP: '',
  maxOutputTokens: '',
  thinkingLevel: '',
  thinkingSummaries: false,
  stopSequences: '',
  seed: '',
};

export const TEMPERATURE_MIN = 0;
export const TEMPERATURE_MAX = 2;
export const MAX_OUTPUT_TOKENS = 10_000_000;
export const MAX_STOP_SEQUENCES = 16;
const MAX_STOP_CHARS = 1_000;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Settings kept under "More" in the form. */
export const MORE_FIELDS: readonly FieldName[] = ['topP', 'maxOutputTokens', 'seed', 'stopSequences'];

export type Parsed = { value?: number; error?: string };

/** Accepts "0.7", ".7" and "0,7"; keeps the text as typed and reports what is wrong with it. */
function parseDecimal(text: string, min: number, max: number, name: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const normalised = trimmed.replace(',', '.');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(normalised)) return { error: `${name} must be a number between ${min} and ${max}` };
  const value = Number(normalised);
  if (value < min || value > max) return { error: `${name} must be between ${min} and ${max}` };
  return { value };
}

export function parseTemperature(text: string): Parsed {
  return parseDecimal(text, TEMPERATURE_MIN, TEMPERATURE_MAX, 'Temperature');
}

export function parseTopP(text: string): Parsed {
  return parseDecimal(text, 0, 1, 'Top P');
}

function parseInteger(text: string): number | undefined {
  const trimmed = text.trim().replace(/[_\s]/g, '');
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

export function parseMaxOutputTokens(text: string): Parsed {
  if (text.trim() === '') return {};
  const value = parseInteger(text);
  if (value === undefined || value < 1) return { error: 'Max output tokens must be a whole number above 0' };
  if (value > MAX_OUTPUT_TOKENS) return { error: 'Max output tokens is at most 10,000,000' };
  return { value };
}

export function parseSeed(text: string): Parsed {
  if (text.trim() === '') return {};
  const value = parseInteger(text);
  if (value === undefined) return { error: 'Seed must be a whole number' };
  if (value < INT32_MIN || value > INT32_MAX) return { error: 'Seed must be between −2147483648 and 2147483647' };
  return { value };
}

function unescapeStop(line: string): string {
  return line.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

export function escapeStop(stop: string): string {
  return stop.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** Blank lines are ignored; an empty list sends nothing. */
export function parseStopSequences(text: string): { value?: string[]; error?: string } {
  const stops = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(unescapeStop);
  if (stops.length === 0) return {};
  if (stops.length > MAX_STOP_SEQUENCES) return { error: `At most ${MAX_STOP_SEQUENCES} stop sequences` };
  if (stops.some((s) => s.length > MAX_STOP_CHARS)) return { error: `A stop sequence is at most ${MAX_STOP_CHARS} characters` };
  return { value: stops };
}

export function validateFields(fields: PaneFields): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.model.trim() === '') errors.model = 'Enter a model id';
  else if (fields.model.trim().length > 200) errors.model = 'Model id is too long';
  const checks: [FieldName, string | undefined][] = [
    ['temperature', parseTemperature(fields.temperature).error],
    ['topP', parseTopP(fields.topP).error],
    ['maxOutputTokens', parseMaxOutputTokens(fields.maxOutputTokens).error],
    ['seed', parseSeed(fields.seed).error],
    ['stopSequences', parseStopSequences(fields.stopSequences).error],
  ];
  for (const [name, error] of checks) if (error) errors[name] = error;
  return errors;
}

/** Every valid field that is set; invalid ones are left out (used for labels and the diff while typing). */
export function draftConfig(fields: PaneFields): PaneConfig {
  const config: PaneConfig = { model: fields.model.trim() };
  if (fields.systemInstruction.trim() !== '') config.systemInstruction = fields.systemInstruction;
  const temperature = parseTemperature(fields.temperature).value;
  if (temperature !== undefined) config.temperature = temperature;
  const topP = parseTopP(fields.topP).value;
  if (topP !== undefined) config.topP = topP;
  const maxOutputTokens = parseMaxOutputTokens(fields.maxOutputTokens).value;
  if (maxOutputTokens !== undefined) config.maxOutputTokens = maxOutputTokens;
  if (fields.thinkingLevel !== '') config.thinkingLevel = fields.thinkingLevel;
  if (fields.thinkingSummaries) config.thinkingSummaries = true;
  const stops = parseStopSequences(fields.stopSequences).value;
  if (stops !== undefined) config.stopSequences = stops;
  const seed = parseSeed(fields.seed).value;
  if (seed !== undefined) config.seed = seed;
  return config;
}

/** Unset fields are left out entirely, so main sends nothing for them. */
export function buildPaneConfig(fields: PaneFields): ConfigResult {
  const errors = validateFields(fields);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, config: draftConfig(fields) };
}

/** The form's text for a config (a restored session, a duplicated pane). */
export function fieldsFromConfig(config: PaneConfig): PaneFields {
  return {
    model: config.model,
    systemInstruction: config.systemInstruction ?? '',
    temperature: config.temperature === undefined ? '' : String(config.temperature),
    topP: config.topP === undefined ? '' : String(config.topP),
    maxOutputTokens: config.maxOutputTokens === undefined ? '' : String(config.maxOutputTokens),
    thinkingLevel: config.thinkingLevel ?? '',
    thinkingSummaries: config.thinkingSummaries === true,
    stopSequences: (config.stopSequences ?? []).map(escapeStop).join('\n'),
    seed: config.seed === undefined ? '' : String(config.seed),
  };
}

/** A one-line description for a collapsed settings header. */
export function summarizeConfig(fields: PaneFields): string {
  const config = draftConfig(fields);
  const parts = [config.model || 'no model'];
  if (config.temperature !== undefined) parts.push(`temp ${config.temperature}`);
  if (config.topP !== undefined) parts.push(`top-p ${config.topP}`);
  if (config.thinkingLevel) parts.push(`thinking ${config.thinkingLevel}`);
  if (config.thinkingSummaries) parts.push('summaries');
  if (config.maxOutputTokens !== undefined) parts.push(`max ${config.maxOutputTokens}`);
  if (config.seed !== undefined) parts.push(`seed ${config.seed}`);
  if (config.stopSequences) parts.push(`${config.stopSequences.length} stop`);
  if (config.systemInstruction) parts.push('system instruction');
  return parts.join(' · ');
}
