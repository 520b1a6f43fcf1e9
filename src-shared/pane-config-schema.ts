// The pane configuration schema, generated from the settings table, in a module of its own so that both
// schemas.ts (IPC arguments) and session.ts (the saved document) can use it without an import cycle.
import { z } from 'zod';
import { PANE_SETTINGS, type PaneConfig, type SettingRow } from './settings/table';
import { showNumber } from './settings/values';

export { MAX_ID, MAX_PANES, MAX_TEXT } from './limits';

function fieldSchema(row: SettingRow): z.ZodType {
  const kind = row.kind;
  switch (kind.type) {
    case 'id':
      return z.string().trim().min(1, `Choose a ${row.label.toLowerCase()}`).max(kind.max);
    case 'prose':
      return z.string().max(kind.max);
    case 'decimal':
    case 'integer': {
      const between = `${row.label} is between ${showNumber(kind.min)} and ${showNumber(kind.max)}`;
      const number = kind.type === 'integer' ? z.number().int('Use a whole number') : z.number();
      return number.min(kind.min, between).max(kind.max, between);
    }
    case 'choice':
      return z.enum(kind.options as readonly [string, ...string[]]);
    case 'flag':
      return z.boolean();
    case 'lines':
      return z.array(z.string().min(1).max(kind.maxChars)).max(kind.maxItems);
  }
}

/** A strict object with one field per row; only `required` rows must be present. */
export const paneConfigSchema = z.strictObject(
  Object.fromEntries(PANE_SETTINGS.map((row: SettingRow) => [row.key, row.required ? fieldSchema(row) : fieldSchema(row).optional()])),
) as unknown as z.ZodType<PaneConfig>;
