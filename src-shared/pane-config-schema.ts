// The pane configuration schema, generated from the settings table, in a module of its own so that both
// schemas.ts (IPC arguments) and session.ts (the saved document) can use it without an import cycle.
import { z } from 'zod';
import { IMAGE_ASPECT_RATIOS, IMAGE_DELIVERIES, IMAGE_OUTPUT_TYPES, IMAGE_SIZES } from './image-output';
import {
  FUNCTION_NAME,
  HARM_CATEGORIES,
  HEADER_NAME,
  MAX_FUNCTIONS,
  MAX_MCP_SERVERS,
  MCP_SERVER_NAME,
  THRESHOLDS,
  TOOL_CHOICE_MODES,
  type StructuredName,
} from './settings/structured';
import { PANE_SETTINGS, type PaneConfig, type SettingRow } from './settings/table';
import { showNumber } from './settings/values';

/** A JSON Schema as the person wrote it: an object, bounded in size; what it says is checked where it is edited. */
const jsonSchemaObject = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 200_000, 'A schema is at most 200,000 characters as JSON');

const names = (max: number) => z.array(z.string().min(1).max(200)).min(1).max(max);

/** The saved and IPC form of each structured setting (settings/structured.ts); the form's own checks say more. */
const STRUCTURED_SCHEMAS: { readonly [N in StructuredName]: z.ZodType } = {
  functions: z
    .array(
      z.strictObject({
        name: z.string().regex(FUNCTION_NAME, 'Not a function name'),
        description: z.string().max(10_000).optional(),
        parameters: jsonSchemaObject.optional(),
        mock: z.string().max(100_000).optional(),
      }),
    )
    .max(MAX_FUNCTIONS),
  mcpServers: z
    .array(
      z.strictObject({
        name: z.string().regex(MCP_SERVER_NAME, 'Not a server name'),
        url: z.url({ protocol: /^https$/ }).max(2_000),
        allowedTools: names(100).optional(),
        headerNames: z.array(z.string().regex(HEADER_NAME)).min(1).max(20).optional(),
      }),
    )
    .max(MAX_MCP_SERVERS),
  toolChoice: z.strictObject({ mode: z.enum(TOOL_CHOICE_MODES).optional(), tools: names(MAX_FUNCTIONS + MAX_MCP_SERVERS).optional() }),
  responseSchema: jsonSchemaObject,
  imageOutput: z.strictObject({
    aspectRatio: z.enum(IMAGE_ASPECT_RATIOS).optional(),
    imageSize: z.enum(IMAGE_SIZES).optional(),
    mimeType: z.enum(IMAGE_OUTPUT_TYPES).optional(),
    delivery: z.enum(IMAGE_DELIVERIES).optional(),
  }),
  safetySettings: z.partialRecord(z.enum(HARM_CATEGORIES), z.enum(THRESHOLDS)),
};


export { MAX_ID, MAX_PANES, MAX_TEXT } from './limits';

/** `saved`: the bound of a stored config (a session, the in-flight journal), which may exceed what the API takes. */
function fieldSchema(row: SettingRow, saved: boolean): z.ZodType {
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
    case 'lines': {
      const items = z.array(z.string().min(1).max(kind.maxChars));
      return saved ? items.max(kind.maxSaved ?? kind.maxItems) : items.max(kind.maxItems, `At most ${kind.maxItems} ${row.label.toLowerCase()}: the API takes no more`);
    }
    case 'structured':
      return STRUCTURED_SCHEMAS[kind.name];
  }
}

/** A strict object with one field per row; only `required` rows must be present. */
const configSchema = (saved: boolean) =>
  z.strictObject(
    Object.fromEntries(
      PANE_SETTINGS.map((row: SettingRow) => [row.key, row.required ? fieldSchema(row, saved) : fieldSchema(row, saved).optional()]),
    ),
  ) as unknown as z.ZodType<PaneConfig>;

/** A config as stored (session documents, the in-flight journal): what the form once allowed still opens. */
export const paneConfigSchema = configSchema(true);

/** A config main is asked to send: within what the API takes, so a stored turn over a limit is refused, not sent. */
export const paneConfigWireSchema = configSchema(false);
