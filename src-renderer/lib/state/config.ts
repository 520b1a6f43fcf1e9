// Pane settings as typed (strings, "unset" choices) → the PaneConfig sent to main, with inline validation.
// Every setting is parsed by its kind in the settings table (src-shared/settings/table.ts).
import type { ConfigField } from '../../../src-shared/config-diff';
import { PANE_SETTINGS, type PaneConfig, type SettingKey, type SettingRow } from '../../../src-shared/settings/table';
import type { FunctionDecl, ToolChoice } from '../../../src-shared/settings/structured';
import { rowsByKey, scalarText, showNumber, structuredOf } from '../../../src-shared/settings/values';

type Row = (typeof PANE_SETTINGS)[number];

/** What the form holds for a kind: the text as typed, a choice or '' (unset), a switch. */
type FormValue<R extends Row> = R['kind'] extends { type: 'flag' }
  ? boolean
  : R['kind'] extends { type: 'choice'; options: readonly (infer O)[] }
    ? O | ''
    : string;

/**
 * What the settings form holds: raw text where a person types, '' where nothing is set (nothing is sent).
 * A switch that is off sends nothing either (thought summaries are off by default in the API). A list is
 * one item per line; `\n`, `\t` and `\\` stand for a newline, a tab and a backslash.
 */
export type PaneFields = { [R in Row as R['key']]: FormValue<R> };

/** The form's fields are named like PaneConfig's, so "apply to all" and the diff strip share one key. */
export type FieldName = SettingKey & ConfigField;

export type FieldErrors = Partial<Record<FieldName, string>>;

export type ConfigResult = { ok: true; config: PaneConfig } | { ok: false; errors: FieldErrors };

type RequiredKey = Extract<Row, { required: true }>['key'];

const ROWS = rowsByKey(PANE_SETTINGS);

export const EMPTY_FIELDS = Object.fromEntries(
  PANE_SETTINGS.filter((row: SettingRow) => !row.required).map((row) => [row.key, row.kind.type === 'flag' ? false : '']),
) as Omit<PaneFields, RequiredKey>;

/** Settings kept under "More" in the form. */
export const MORE_FIELDS: readonly FieldName[] = PANE_SETTINGS.filter((row) => row.group === 'more').map((row) => row.key);

/** Settings kept under "Tools & output" in the form. */
export const TOOLS_FIELDS: readonly FieldName[] = PANE_SETTINGS.filter((row) => row.group === 'tools').map((row) => row.key);

export type Parsed = { value?: unknown; error?: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

function parseDecimal(row: SettingRow, text: string, min: number, max: number): Parsed {
  // Accepts "0.7", ".7" and "0,7"; keeps the text as typed and reports what is wrong with it.
  const normalised = text.trim().replace(',', '.');
  if (!DECIMAL.test(normalised)) return { error: `${row.label} must be a number between ${min} and ${max}` };
  const value = Number(normalised);
  if (value < min || value > max) return { error: `${row.label} must be between ${min} and ${max}` };
  return { value };
}

function parseInteger(row: SettingRow, text: string, min: number, max: number): Parsed {
  const trimmed = text.trim().replace(/[_\s]/g, '');
  const value = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
  // A count (min 1) is "a whole number above 0", at most max; any other range reads "between min and max".
  if (min === 1) {
    if (value === undefined || value < 1) return { error: `${row.label} must be a whole number above 0` };
    if (value > max) return { error: `${row.label} is at most ${max.toLocaleString('en-US')}` };
    return { value };
  }
  if (value === undefined) return { error: `${row.label} must be a whole number` };
  if (value < min || value > max) return { error: `${row.label} must be between ${showNumber(min)} and ${showNumber(max)}` };
  return { value };
}

function unescapeItem(line: string): string {
  return line.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

function escapeItem(item: string): string {
  return item.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** One field as typed → its value, or why it is wrong. Nothing typed (or a switch off) is `{}`: unset. */
export function parseField(key: SettingKey, typed: string | boolean): Parsed {
  const row = ROWS.get(key)!;
  const kind = row.kind;
  if (typeof typed === 'boolean') return typed ? { value: true } : {};
  const blank = typed.trim() === '';
  switch (kind.type) {
    case 'id': {
      const name = row.label.toLowerCase();
      if (blank) return row.required ? { error: `Enter a ${name} id` } : {};
      return typed.trim().length > kind.max ? { error: `${row.label} id is too long` } : { value: typed.trim() };
    }
    case 'prose':
      if (blank) return {};
      return typed.length > kind.max ? { error: `${row.label} is at most ${kind.max.toLocaleString('en-US')} characters` } : { value: typed };
    case 'decimal':
      return blank ? {} : parseDecimal(row, typed, kind.min, kind.max);
    case 'integer':
      return blank ? {} : parseInteger(row, typed, kind.min, kind.max);
    case 'choice':
      if (blank) return {};
      return kind.options.includes(typed) ? { value: typed } : { error: `${row.label}: “${typed}” is not one of ${kind.options.join(', ')}` };
    case 'flag':
      return {};
    case 'structured':
      // The form holds JSON text (a custom control writes it); structured.ts says what is wrong, and where.
      return blank ? {} : structuredOf(row)!.parse(typed);
    case 'lines': {
      // Blank lines are ignored; an empty list sends nothing.
      const items = typed
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map(unescapeItem);
      if (items.length === 0) return {};
      if (items.length > kind.maxItems) return { error: `At most ${kind.maxItems} ${row.label.toLowerCase()}: the API takes no more (${items.length} here)` };
      if (items.some((s) => s.length > kind.maxChars)) return { error: `A ${kind.item} is at most ${kind.maxChars} characters` };
      return { value: items };
    }
  }
}

/** Whether a field as typed sets something (a switch on, text that is not blank). */
export function isSetInForm(typed: string | boolean): boolean {
  return typeof typed === 'boolean' ? typed : typed.trim() !== '';
}

export function validateFields(fields: PaneFields): FieldErrors {
  const errors: FieldErrors = {};
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const row of PANE_SETTINGS) {
    const { value, error } = parseField(row.key, fields[row.key]);
    if (error) errors[row.key] = error;
    else values[row.key] = value;
  }
  const stale = undeclaredChoices(values);
  if (stale.length > 0) {
    const names = stale.map((name) => `“${name}”`).join(', ');
    const it = stale.length === 1 ? 'it' : 'them';
    errors.toolChoice = `Tool choice allows only ${names}, which no function of this pane declares, and the API refuses that: untick ${it} or declare ${it}`;
  }
  return errors;
}

/**
 * The names "only these functions" keeps that the pane no longer declares (removed or renamed since they were
 * ticked): the control shows them as "not declared" so nothing ticked is lost, but sent they get a 400. From the
 * fields' parsed values; none while the functions themselves do not parse (that error is theirs).
 */
function undeclaredChoices(values: Partial<Record<SettingKey, unknown>>): string[] {
  const tools = (values.toolChoice as ToolChoice | undefined)?.tools;
  if (!tools?.length || !('functions' in values)) return [];
  const declared = new Set(((values.functions as FunctionDecl[] | undefined) ?? []).map((f) => f.name));
  return tools.filter((name) => !declared.has(name));
}

/** Every valid field that is set; invalid ones are left out (used for labels and the diff while typing). */
export function draftConfig(fields: PaneFields): PaneConfig {
  const config: Partial<Record<SettingKey, unknown>> = {};
  const parsed: Partial<Record<SettingKey, unknown>> = {};
  for (const row of PANE_SETTINGS) {
    const typed = fields[row.key];
    const { value, error } = parseField(row.key, typed);
    if (!error) parsed[row.key] = value;
    // A required setting is always there, as typed, even while it is wrong: a config has a model.
    if (value !== undefined) config[row.key] = value;
    else if ((row as SettingRow).required) config[row.key] = String(typed).trim();
  }
  // A field can be wrong for what another holds (a tool choice naming a removed function): left out too.
  if (undeclaredChoices(parsed).length > 0) delete config.toolChoice;
  return config as PaneConfig;
}

/** Unset fields are left out entirely, so main sends nothing for them. */
export function buildPaneConfig(fields: PaneFields): ConfigResult {
  const errors = validateFields(fields);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, config: draftConfig(fields) };
}

function formValue(row: SettingRow, value: unknown): string | boolean {
  if (row.kind.type === 'flag') return value === true;
  if (value === undefined) return '';
  const structured = structuredOf(row);
  if (structured) return structured.format(value);
  return Array.isArray(value) ? value.map(escapeItem).join('\n') : scalarText(value);
}

/** The form's text for a config (a restored session, a duplicated pane). */
export function fieldsFromConfig(config: PaneConfig): PaneFields {
  const source = config as Record<string, unknown>;
  return Object.fromEntries(PANE_SETTINGS.map((row: SettingRow) => [row.key, formValue(row, source[row.key])])) as PaneFields;
}
