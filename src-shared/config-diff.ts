// What differs between panes' configurations: per setting, whether every pane would send the same thing.
import type { PaneConfig } from './domain';

export type ConfigField = keyof PaneConfig;

export interface FieldInfo {
  field: ConfigField;
  label: string;
  /** The rarely changed settings a form keeps under "More". */
  more: boolean;
}

/** Every PaneConfig field, in the order a person reads settings. */
export const CONFIG_FIELDS: readonly FieldInfo[] = [
  { field: 'model', label: 'Model', more: false },
  { field: 'temperature', label: 'Temperature', more: false },
  { field: 'thinkingLevel', label: 'Thinking', more: false },
  { field: 'thinkingSummaries', label: 'Summaries', more: false },
  { field: 'systemInstruction', label: 'System', more: false },
  { field: 'topP', label: 'Top P', more: true },
  { field: 'maxOutputTokens', label: 'Max tokens', more: true },
  { field: 'seed', label: 'Seed', more: true },
  { field: 'stopSequences', label: 'Stop', more: true },
];

export const UNSET_TEXT = 'default';
const SHORT_TEXT = 32;

export interface FieldValue {
  /** false when nothing is sent for this field (the API default applies). */
  set: boolean;
  /** Short, one line. */
  text: string;
  /** Complete, for a tooltip (a long system instruction, every stop sequence). */
  full: string;
}

export interface FieldComparison extends FieldInfo {
  /** One value per pane, in pane order. */
  values: FieldValue[];
}

export interface ConfigDiff {
  /** Fields where at least two panes would send different things. */
  differing: FieldComparison[];
  /** Fields every pane sends alike (including "nothing"). */
  same: FieldComparison[];
}

/**
 * The value as it goes on the wire, so "same" means "the API receives the same thing": a blank system
 * instruction and an empty stop list are not sent (request.ts), so they equal unset.
 */
export function wireValue(config: PaneConfig, field: ConfigField): unknown {
  switch (field) {
    case 'systemInstruction':
      return config.systemInstruction?.trim() ? config.systemInstruction : undefined;
    case 'stopSequences':
      return config.stopSequences && config.stopSequences.length > 0 ? config.stopSequences : undefined;
    default:
      return config[field];
  }
}

function key(value: unknown): string {
  return value === undefined ? '∅' : JSON.stringify(value);
}

function shorten(text: string, max = SHORT_TEXT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A stop sequence as a person reads it: quoted, with newlines and tabs visible. */
export function showStop(stop: string): string {
  return JSON.stringify(stop);
}

export function fieldValue(config: PaneConfig, field: ConfigField): FieldValue {
  const value = wireValue(config, field);
  if (value === undefined) return { set: false, text: UNSET_TEXT, full: 'Not sent: the API default applies' };
  switch (field) {
    case 'systemInstruction': {
      const text = value as string;
      return { set: true, text: `“${shorten(text)}”`, full: text };
    }
    case 'thinkingSummaries':
      return { set: true, text: value ? 'on' : 'off', full: value ? 'on (auto)' : 'off (none)' };
    case 'stopSequences': {
      const stops = (value as string[]).map(showStop);
      return { set: true, text: shorten(stops.join(', ')), full: stops.join(', ') };
    }
    default:
      return { set: true, text: String(value), full: String(value) };
  }
}

export function sameInAll(configs: readonly PaneConfig[], field: ConfigField): boolean {
  const first = configs[0];
  if (!first) return true;
  const expected = key(wireValue(first, field));
  return configs.every((c) => key(wireValue(c, field)) === expected);
}

export function diffConfigs(configs: readonly PaneConfig[]): ConfigDiff {
  const result: ConfigDiff = { differing: [], same: [] };
  for (const info of CONFIG_FIELDS) {
    const comparison: FieldComparison = { ...info, values: configs.map((c) => fieldValue(c, info.field)) };
    (sameInAll(configs, info.field) ? result.same : result.differing).push(comparison);
  }
  return result;
}

/** "gemini-3-flash-preview · Temperature 0.2 · default: Top P, Seed" for the fields every pane shares. */
export function describeSame(same: readonly FieldComparison[]): string {
  const parts: string[] = [];
  const unset: string[] = [];
  for (const field of same) {
    const value = field.values[0];
    if (!value) continue;
    if (!value.set) unset.push(field.label);
    else parts.push(field.field === 'model' ? value.text : `${field.label} ${value.text}`);
  }
  if (unset.length > 0) parts.push(`default ${unset.join(', ')}`);
  return parts.join(' · ');
}
