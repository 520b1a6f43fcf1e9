// Pane settings as typed (strings, "unset" choices) → the PaneConfig sent to main, with inline validation.
import type { PaneConfig, ThinkingLevel } from '../../../src-shared/domain';

/** What the settings form holds: raw text where a person types, '' where nothing is chosen. */
export interface PaneFields {
  model: string;
  systemInstruction: string;
  /** '' means unset: no temperature is sent and the API default applies. */
  temperature: string;
  thinkingLevel: ThinkingLevel | '';
  /** false sends nothing: summaries are off by default in the API. */
  thinkingSummaries: boolean;
}

export interface FieldErrors {
  model?: string;
  temperature?: string;
}

export type ConfigResult = { ok: true; config: PaneConfig } | { ok: false; errors: FieldErrors };

export const TEMPERATURE_MIN = 0;
export const TEMPERATURE_MAX = 2;

export type Parsed = { value?: number; error?: string };

/** Accepts "0.7", ".7" and "0,7"; keeps the text as typed and reports what is wrong with it. */
export function parseTemperature(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const normalised = trimmed.replace(',', '.');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(normalised)) return { error: 'Temperature must be a number between 0 and 2' };
  const value = Number(normalised);
  if (value < TEMPERATURE_MIN || value > TEMPERATURE_MAX) return { error: 'Temperature must be between 0 and 2' };
  return { value };
}

export function validateFields(fields: PaneFields): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.model.trim() === '') errors.model = 'Enter a model id';
  else if (fields.model.trim().length > 200) errors.model = 'Model id is too long';
  const temperature = parseTemperature(fields.temperature);
  if (temperature.error) errors.temperature = temperature.error;
  return errors;
}

/** Unset fields are left out entirely, so main sends nothing for them. */
export function buildPaneConfig(fields: PaneFields): ConfigResult {
  const errors = validateFields(fields);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const config: PaneConfig = { model: fields.model.trim() };
  if (fields.systemInstruction.trim() !== '') config.systemInstruction = fields.systemInstruction;
  const temperature = parseTemperature(fields.temperature).value;
  if (temperature !== undefined) config.temperature = temperature;
  if (fields.thinkingLevel !== '') config.thinkingLevel = fields.thinkingLevel;
  if (fields.thinkingSummaries) config.thinkingSummaries = true;
  return { ok: true, config };
}

/** A one-line description for a collapsed settings header. */
export function summarizeConfig(fields: PaneFields): string {
  const parts = [fields.model.trim() || 'no model'];
  const t = parseTemperature(fields.temperature);
  if (t.value !== undefined) parts.push(`temp ${t.value}`);
  if (fields.thinkingLevel) parts.push(`thinking ${fields.thinkingLevel}`);
  if (fields.thinkingSummaries) parts.push('summaries');
  if (fields.systemInstruction.trim()) parts.push('system instruction');
  return parts.join(' · ');
}
