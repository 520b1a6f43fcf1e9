// What a setting row sends for a config, and its names outside the form with the defaults filled in.
import type { PaneConfig, SettingRow } from './table';

/**
 * The value as the API receives it, or undefined when nothing is sent: unset, a blank prose text, an
 * empty list. So "same" in the strip and the labels means "the API receives the same thing".
 */
export function sentValue(row: SettingRow, config: PaneConfig): unknown {
  const value = (config as Record<string, unknown>)[row.key];
  if (value === undefined) return undefined;
  if (row.kind.type === 'prose' && typeof value === 'string' && value.trim() === '') return undefined;
  if (row.kind.type === 'lines' && Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

/** A sent value in its wire form: a flag as the API's word for it, a list copied. */
export function wireForm(row: SettingRow, value: unknown): unknown {
  if (row.kind.type === 'flag' && row.kind.wire) return row.kind.wire[value ? 1 : 0];
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}

/** The fields of the request a config sets at `place` (the top level, or generation_config), in table order. */
export function wireFields(rows: readonly SettingRow[], config: PaneConfig, place: SettingRow['wire']['in']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    if (row.wire.in !== place) continue;
    const value = sentValue(row, config);
    if (value !== undefined) out[row.wire.name] = wireForm(row, value);
  }
  return out;
}

export interface Shown {
  strip: string;
  pane: string;
  paneUnset: string;
  summary: string | false;
  transcript: string | false;
}

/** A row's names outside the form (table.ts `Show`), with what it leaves out derived from its label. */
export function shown(row: SettingRow): Shown {
  const slug = row.label.toLowerCase().replace(/\s+/g, '-');
  const pane = row.show?.pane ?? (row.kind.type === 'flag' ? slug : `${slug}={}`);
  return {
    strip: row.show?.strip ?? row.label,
    pane,
    paneUnset: row.show?.paneUnset ?? (row.kind.type === 'flag' ? `${pane}=default` : fill(pane, 'default')),
    summary: row.show?.summary ?? `${slug} {}`,
    transcript: row.show?.transcript ?? `${slug} {}`,
  };
}

/** The template with `{}` replaced by `text` (taken literally: a `$&` in a prompt stays as typed). */
export function fill(template: string, text: string): string {
  return template.replace('{}', () => text);
}

/** A bound as a person reads it, with a real minus sign. */
export function showNumber(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

export function rowsByKey(rows: readonly SettingRow[]): ReadonlyMap<string, SettingRow> {
  return new Map(rows.map((row) => [row.key, row]));
}
