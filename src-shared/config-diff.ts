// What differs between panes' configurations: per setting, whether every pane would send the same thing.
import type { PaneConfig } from './domain';
import { PANE_SETTINGS, readingOrder, type SettingKey } from './settings/table';
import { rowsByKey, scalarText, sentValue, shown, structuredOf } from './settings/values';

export type ConfigField = SettingKey;

export interface FieldInfo {
  field: ConfigField;
  label: string;
  /** The rarely changed settings a form keeps under "More". */
  more: boolean;
  /** Tools and output settings: off unless a person turns them on, so "default" says nothing about them. */
  tools: boolean;
}

/** Every PaneConfig field, in the order a person reads settings (the form's). */
export const CONFIG_FIELDS: readonly FieldInfo[] = readingOrder(PANE_SETTINGS).map((row) => ({
  field: row.key,
  label: shown(row).strip,
  more: row.group === 'more',
  tools: row.group === 'tools',
}));

const ROWS = rowsByKey(PANE_SETTINGS);

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
  return sentValue(ROWS.get(field)!, config);
}

function key(value: unknown): string {
  return value === undefined ? '∅' : JSON.stringify(value);
}

function shorten(text: string, max = SHORT_TEXT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** An item of a list (a stop sequence) as a person reads it: quoted, with newlines and tabs visible. */
function showItem(item: string): string {
  return JSON.stringify(item);
}

export function fieldValue(config: PaneConfig, field: ConfigField): FieldValue {
  const row = ROWS.get(field)!;
  const value = sentValue(row, config);
  if (value === undefined) return { set: false, text: UNSET_TEXT, full: 'Not sent: the API default applies' };
  switch (row.kind.type) {
    case 'prose': {
      const text = value as string;
      return { set: true, text: `“${shorten(text)}”`, full: text };
    }
    case 'flag': {
      const text = value ? 'on' : 'off';
      return { set: true, text, full: row.kind.wire ? `${text} (${row.kind.wire[value ? 1 : 0]})` : text };
    }
    case 'lines': {
      const items = (value as string[]).map(showItem);
      return { set: true, text: shorten(items.join(', ')), full: items.join(', ') };
    }
    case 'structured': {
      const structured = structuredOf(row)!;
      return { set: true, text: shorten(structured.text(value)), full: structured.full(value) };
    }
    default:
      return { set: true, text: scalarText(value), full: scalarText(value) };
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
    if (!value.set) {
      if (!field.tools) unset.push(field.label);
    }
    // The model names the configuration by itself.
    else parts.push(ROWS.get(field.field)?.required ? value.text : `${field.label} ${value.text}`);
  }
  if (unset.length > 0) parts.push(`default ${unset.join(', ')}`);
  return parts.join(' · ');
}
