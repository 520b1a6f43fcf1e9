// What a setting row sends for a config, and its names outside the form with the defaults filled in.
import { STRUCTURED, type StructuredType } from './structured';
import type { PaneConfig, SettingRow } from './table';

/** The behaviour of a structured row's value (structured.ts), or undefined for the other kinds. */
export function structuredOf(row: SettingRow): StructuredType<unknown> | undefined {
  return row.kind.type === 'structured' ? (STRUCTURED[row.kind.name] as StructuredType<unknown>) : undefined;
}

/**
 * The value as the API receives it, or undefined when nothing is sent: unset, a blank prose text, an
 * empty list. So "same" in the strip and the labels means "the API receives the same thing".
 */
export function sentValue(row: SettingRow, config: PaneConfig): unknown {
  const value = (config as Record<string, unknown>)[row.key];
  if (value === undefined) return undefined;
  if (row.kind.type === 'prose' && typeof value === 'string' && value.trim() === '') return undefined;
  if (row.kind.type === 'lines' && Array.isArray(value) && value.length === 0) return undefined;
  if (structuredOf(row)?.isEmpty(value)) return undefined;
  // A tool switch that is off sends nothing, like one never touched (only flags with wire words send "off").
  if (row.kind.type === 'flag' && !row.kind.wire && value === false) return undefined;
  return value;
}

/** A sent value in its wire form: a flag as the API's word for it, a list copied. */
export function wireForm(row: SettingRow, value: unknown): unknown {
  if (row.kind.type === 'flag' && row.kind.wire) return row.kind.wire[value ? 1 : 0];
  const structured = structuredOf(row);
  if (structured) return structuredClone(structured.wire(value));
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}

/** The fields of the request a config sets at `place` (the top level, or generation_config), in table order. */
export function wireFields(rows: readonly SettingRow[], config: PaneConfig, place: 'request' | 'generation_config'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    if (row.wire.in !== place) continue;
    const value = sentValue(row, config);
    if (value === undefined) continue;
    // Two rows may fill one field: a response schema and an image output are both `response_format`, a list then.
    const before = out[row.wire.name];
    const form = wireForm(row, value);
    out[row.wire.name] = before === undefined ? form : [...(Array.isArray(before) ? before : [before]), form];
  }
  return out;
}

/**
 * The request's `tools` list, in table order: a flag that is on adds `{ type: <its wire name> }`, a structured
 * setting its own entries (functions, MCP servers). Empty when the pane uses no tool.
 */
export function toolsList(rows: readonly SettingRow[], config: PaneConfig): Record<string, unknown>[] {
  const tools: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (row.wire.in !== 'tools') continue;
    const value = sentValue(row, config);
    if (value === undefined || value === false) continue;
    if (row.kind.type === 'flag') tools.push({ type: row.wire.name });
    else tools.push(...(wireForm(row, value) as Record<string, unknown>[]));
  }
  return tools;
}

export interface Shown {
  strip: string;
  pane: string;
  paneUnset: string;
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
    transcript: row.show?.transcript ?? `${slug} {}`,
  };
}

/** The template with `{}` replaced by `text` (taken literally: a `$&` in a prompt stays as typed). */
export function fill(template: string, text: string): string {
  return template.replace('{}', () => text);
}

/** A bound as a person reads it, with a real minus sign. */
export function showNumber(n: number): string {
  return n < 0 ? `−${plainNumber(-n)}` : plainNumber(n);
}

/**
 * A number as plain decimal digits, never in exponent form: String(1e-7) is "1e-7", which the settings form
 * (and a person reading a label) does not take as a number, so a swept temperature of 0.0000001 reads "0.0000001".
 */
export function plainNumber(n: number): string {
  const text = String(n);
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, lead, fraction = '', power] = exponent;
  const shift = Number(power);
  return shift < 0 ? `${sign}0.${'0'.repeat(-shift - 1)}${lead}${fraction}` : `${sign}${lead}${fraction}${'0'.repeat(shift - fraction.length)}`;
}

/** A setting's single value as text: a number in plain decimals (plainNumber), anything else as String gives it. */
export function scalarText(value: unknown): string {
  return typeof value === 'number' ? plainNumber(value) : String(value);
}

export function rowsByKey(rows: readonly SettingRow[]): ReadonlyMap<string, SettingRow> {
  return new Map(rows.map((row) => [row.key, row]));
}
