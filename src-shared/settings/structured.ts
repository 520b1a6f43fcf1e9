// The settings whose value is more than one word (function declarations, MCP servers, tool choice, a response
// schema, safety settings): how the form's text becomes a value and back, what the API receives for it, and how
// it is named in one line. The settings table names them by `StructuredName`; zod schemas for the saved document
// are in pane-config-schema.ts (main), so the renderer's form needs no zod. Wire shapes: docs/interactions-api.md §3.5.
import { checkImageOutput, imageOutputText, imageResponseFormat, type ImageOutput } from '../image-output';
import { checkFunctionParameters, checkSchema, parseJsonText } from '../json-check';

export const TOOL_CHOICE_MODES = ['auto', 'any', 'none', 'validated'] as const;
export type ToolChoiceMode = (typeof TOOL_CHOICE_MODES)[number];

export const HARM_CATEGORIES = [
  'harassment',
  'hate_speech',
  'sexually_explicit',
  'dangerous_content',
  'civic_integrity',
  'image_hate',
  'image_dangerous_content',
  'image_harassment',
  'image_sexually_explicit',
  'jailbreak',
] as const;
export type HarmCategory = (typeof HARM_CATEGORIES)[number];
export const THRESHOLDS = ['block_none', 'block_only_high', 'block_medium_and_above', 'block_low_and_above', 'off'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/** A function the model may call. `mock` is the result the app answers with (JSON text); it is never sent. */
export interface FunctionDecl {
  name: string;
  description?: string;
  /** A JSON Schema of type "object": the function's named arguments. */
  parameters?: Record<string, unknown>;
  mock?: string;
}

/**
 * A remote MCP server the API calls for the model. Header values (tokens) are not here: main keeps them like the
 * key and adds them to the request; exports read them from environment variables (`mcpHeaderEnv`).
 */
export interface McpServer {
  name: string;
  url: string;
  /** Only these of the server's tools; none listed allows every tool. */
  allowedTools?: string[];
  headerNames?: string[];
}

export interface ToolChoice {
  mode?: ToolChoiceMode;
  /** Only these tools (function names) may be called. */
  tools?: string[];
}

export type SafetySettings = Partial<Record<HarmCategory, Threshold>>;
export type ResponseSchema = Record<string, unknown>;

export interface StructuredValues {
  functions: FunctionDecl[];
  mcpServers: McpServer[];
  toolChoice: ToolChoice;
  responseSchema: ResponseSchema;
  imageOutput: ImageOutput;
  safetySettings: SafetySettings;
}
export type StructuredName = keyof StructuredValues;

export const MAX_FUNCTIONS = 64;
export const MAX_MCP_SERVERS = 10;
export const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.-]{0,63}$/;
/** The API's rule for a server name is not published; this keeps it a readable identifier for env names too. */
export const MCP_SERVER_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

export type Parsed<T> = { value?: T; error?: string };

/** What a structured setting is beyond its name in the table. */
export interface StructuredType<T> {
  /** The form's text → the value; '' is unset. The message says where and what is wrong. */
  parse(text: string): Parsed<T>;
  /** The value → the form's text (a restored session, a duplicated pane). */
  format(value: T): string;
  /** Sends nothing (an empty list, an empty choice). */
  isEmpty(value: T): boolean;
  /** The value as the API receives it: a tools entry list for tools, the field's value elsewhere. */
  wire(value: T): unknown;
  /** One short line (strip, pane label, summary, transcript). */
  text(value: T): string;
  /** Everything, for a tooltip. */
  full(value: T): string;
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** The form's JSON text, parsed; a blank text is unset. */
function parseJson(text: string, what: string): Parsed<unknown> & { blank?: true } {
  if (text.trim() === '') return { blank: true };
  const parsed = parseJsonText(text);
  return parsed.ok ? { value: parsed.value } : { error: `${what}: ${parsed.message}` };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * The functions form holds each function's parameters and mock as typed text (so a half-typed schema is kept,
 * not lost): `[{ name, description, parameters: "<JSON text>", mock: "<JSON text>" }]`.
 */
export interface FunctionForm {
  name: string;
  description: string;
  parameters: string;
  mock: string;
}

export function functionForms(value: readonly FunctionDecl[]): FunctionForm[] {
  return value.map((f) => ({
    name: f.name,
    description: f.description ?? '',
    parameters: f.parameters ? pretty(f.parameters) : '',
    mock: f.mock ?? '',
  }));
}

/** One function as typed → its declaration, or what is wrong with it (the first problem). */
export function parseFunction(form: FunctionForm, index: number, names: ReadonlySet<string> = new Set()): Parsed<FunctionDecl> {
  const label = form.name.trim() === '' ? `Function ${index + 1}` : `Function “${form.name.trim()}”`;
  const name = form.name.trim();
  if (name === '') return { error: `${label}: give it a name` };
  if (!FUNCTION_NAME.test(name)) return { error: `${label}: a name starts with a letter or _ and has only letters, digits, _ . - (at most 64)` };
  if (names.has(name)) return { error: `${label}: another function has this name` };
  const decl: FunctionDecl = { name };
  if (form.description.trim() !== '') decl.description = form.description.trim();
  const params = parseJson(form.parameters, `${label} parameters`);
  if (params.error) return { error: params.error };
  if (!params.blank) {
    const check = checkFunctionParameters(params.value);
    if (!check.ok) return { error: `${label} parameters${check.path ? ` at ${check.path}` : ''}: ${check.message}` };
    decl.parameters = params.value as Record<string, unknown>;
  }
  const mock = parseJson(form.mock, `${label} mock result`);
  if (mock.error) return { error: mock.error };
  if (!mock.blank) decl.mock = form.mock;
  return { value: decl };
}

const functions: StructuredType<FunctionDecl[]> = {
  parse(text) {
    const json = parseJson(text, 'Functions');
    if (json.error || json.blank) return json.error ? { error: json.error } : {};
    const forms = json.value;
    if (!Array.isArray(forms) || !forms.every(isObject)) return { error: 'Functions: expected a list of functions' };
    if (forms.length > MAX_FUNCTIONS) return { error: `At most ${MAX_FUNCTIONS} functions` };
    const names = new Set<string>();
    const out: FunctionDecl[] = [];
    for (const [i, raw] of forms.entries()) {
      const form: FunctionForm = {
        name: String(raw.name ?? ''),
        description: String(raw.description ?? ''),
        parameters: typeof raw.parameters === 'string' ? raw.parameters : raw.parameters === undefined ? '' : pretty(raw.parameters),
        mock: typeof raw.mock === 'string' ? raw.mock : '',
      };
      const one = parseFunction(form, i, names);
      if (one.error) return { error: one.error };
      names.add(one.value!.name);
      out.push(one.value!);
    }
    return out.length === 0 ? {} : { value: out };
  },
  format: (value) => (value.length === 0 ? '' : pretty(functionForms(value))),
  isEmpty: (value) => value.length === 0,
  wire: (value) =>
    value.map((f) => ({
      type: 'function',
      name: f.name,
      ...(f.description ? { description: f.description } : {}),
      ...(f.parameters ? { parameters: f.parameters } : {}),
    })),
  text: (value) => value.map((f) => f.name).join(', '),
  full: (value) => value.map((f) => (f.description ? `${f.name}: ${f.description}` : f.name)).join('\n'),
};

/** The environment variable an exported program reads one MCP header from: MCP_<SERVER>_<HEADER>. */
export function mcpHeaderEnv(server: string, header: string): string {
  const part = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `MCP_${part(server)}_${part(header)}`;
}

function parseMcpServer(raw: unknown, i: number, names: Set<string>): Parsed<McpServer> {
  if (!isObject(raw)) return { error: `MCP server ${i + 1}: expected an object` };
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  const label = name === '' ? `MCP server ${i + 1}` : `MCP server “${name}”`;
  if (!MCP_SERVER_NAME.test(name)) return { error: `${label}: a name starts with a letter or _ and has only letters, digits, _ and - (at most 64)` };
  if (names.has(name)) return { error: `${label}: another server has this name` };
  const url = typeof raw.url === 'string' ? raw.url.trim() : '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    return { error: `${label}: the URL must be an https:// address without a user name or password` };
  }
  const server: McpServer = { name, url };
  if (raw.allowedTools !== undefined) {
    if (!isStringList(raw.allowedTools)) return { error: `${label}: allowed tools must be a list of names` };
    const tools = raw.allowedTools.map((t) => t.trim()).filter((t) => t !== '');
    if (tools.length > 0) server.allowedTools = tools;
  }
  if (raw.headerNames !== undefined) {
    if (!isStringList(raw.headerNames)) return { error: `${label}: header names must be a list` };
    const headers = raw.headerNames.map((h) => h.trim()).filter((h) => h !== '');
    const bad = headers.find((h) => !HEADER_NAME.test(h));
    if (bad !== undefined) return { error: `${label}: “${bad}” is not a header name` };
    if (headers.length > 0) server.headerNames = headers;
  }
  return { value: server };
}

const mcpServers: StructuredType<McpServer[]> = {
  parse(text) {
    const json = parseJson(text, 'MCP servers');
    if (json.error || json.blank) return json.error ? { error: json.error } : {};
    if (!Array.isArray(json.value)) return { error: 'MCP servers: expected a list of servers' };
    if (json.value.length > MAX_MCP_SERVERS) return { error: `At most ${MAX_MCP_SERVERS} MCP servers` };
    const names = new Set<string>();
    const out: McpServer[] = [];
    for (const [i, raw] of json.value.entries()) {
      const one = parseMcpServer(raw, i, names);
      if (one.error) return { error: one.error };
      names.add(one.value!.name);
      out.push(one.value!);
    }
    return out.length === 0 ? {} : { value: out };
  },
  format: (value) => (value.length === 0 ? '' : pretty(value)),
  isEmpty: (value) => value.length === 0,
  // Header values are added by main (gemini/mcp-headers.ts); the renderer never has them.
  wire: (value) =>
    value.map((s) => ({
      type: 'mcp_server',
      name: s.name,
      url: s.url,
      ...(s.allowedTools ? { allowed_tools: [{ tools: [...s.allowedTools] }] } : {}),
    })),
  text: (value) => value.map((s) => s.name).join(', '),
  full: (value) => value.map((s) => `${s.name}: ${s.url}${s.allowedTools ? ` (${s.allowedTools.join(', ')})` : ''}`).join('\n'),
};

const toolChoice: StructuredType<ToolChoice> = {
  parse(text) {
    const json = parseJson(text, 'Tool choice');
    if (json.error || json.blank) return json.error ? { error: json.error } : {};
    const raw = json.value;
    if (!isObject(raw)) return { error: 'Tool choice: expected { mode, tools }' };
    const choice: ToolChoice = {};
    if (raw.mode !== undefined && raw.mode !== '') {
      if (!(TOOL_CHOICE_MODES as readonly unknown[]).includes(raw.mode)) return { error: `Tool choice: “${String(raw.mode)}” is not one of ${TOOL_CHOICE_MODES.join(', ')}` };
      choice.mode = raw.mode as ToolChoiceMode;
    }
    if (raw.tools !== undefined) {
      if (!isStringList(raw.tools)) return { error: 'Tool choice: allowed tools must be a list of names' };
      const tools = raw.tools.filter((t) => t.trim() !== '');
      if (tools.length > 0) choice.tools = tools;
    }
    return toolChoice.isEmpty(choice) ? {} : { value: choice };
  },
  format: (value) => (toolChoice.isEmpty(value) ? '' : JSON.stringify(value)),
  isEmpty: (value) => value.mode === undefined && !value.tools?.length,
  wire: (value) =>
    value.tools?.length ? { allowed_tools: { ...(value.mode ? { mode: value.mode } : {}), tools: [...value.tools] } } : value.mode,
  text: (value) => [value.mode ?? 'auto', ...(value.tools?.length ? [`only ${value.tools.join(', ')}`] : [])].join(' '),
  full: (value) => toolChoice.text(value),
};

const responseSchema: StructuredType<ResponseSchema> = {
  parse(text) {
    const json = parseJson(text, 'Response schema');
    if (json.error || json.blank) return json.error ? { error: json.error } : {};
    const check = checkSchema(json.value);
    if (!check.ok) return { error: `Response schema${check.path ? ` at ${check.path}` : ''}: ${check.message}` };
    return { value: json.value as ResponseSchema };
  },
  format: (value) => pretty(value),
  isEmpty: () => false,
  wire: (value) => ({ type: 'text', mime_type: 'application/json', schema: value }),
  text: (value) => {
    const type = typeof value.type === 'string' ? value.type : 'schema';
    const props = isObject(value.properties) ? Object.keys(value.properties) : [];
    return props.length > 0 ? `JSON ${type} {${props.slice(0, 3).join(', ')}${props.length > 3 ? ', …' : ''}}` : `JSON ${type}`;
  },
  full: (value) => pretty(value),
};

/** `{}` asks for images with the API's defaults; only a blank text is unset. */
const imageOutput: StructuredType<ImageOutput> = {
  parse(text) {
    const json = parseJson(text, 'Image output');
    return json.error || json.blank ? (json.error ? { error: json.error } : {}) : checkImageOutput(json.value);
  },
  format: (value) => JSON.stringify(value),
  isEmpty: () => false,
  wire: (value) => imageResponseFormat(value),
  text: (value) => imageOutputText(value),
  full: (value) => imageOutputText(value),
};

const safetySettings: StructuredType<SafetySettings> = {
  parse(text) {
    const json = parseJson(text, 'Safety settings');
    if (json.error || json.blank) return json.error ? { error: json.error } : {};
    if (!isObject(json.value)) return { error: 'Safety settings: expected { category: threshold }' };
    const out: SafetySettings = {};
    for (const [category, threshold] of Object.entries(json.value)) {
      if (!(HARM_CATEGORIES as readonly string[]).includes(category)) return { error: `Safety settings: “${category}” is not a harm category` };
      if (threshold === '' || threshold === undefined) continue;
      if (!(THRESHOLDS as readonly unknown[]).includes(threshold)) return { error: `Safety settings: “${String(threshold)}” is not a threshold` };
      out[category as HarmCategory] = threshold as Threshold;
    }
    return Object.keys(out).length === 0 ? {} : { value: out };
  },
  format: (value) => (Object.keys(value).length === 0 ? '' : JSON.stringify(value)),
  isEmpty: (value) => Object.keys(value).length === 0,
  // In the order the typings list the categories, so equal settings send equal requests.
  wire: (value) => HARM_CATEGORIES.filter((c) => value[c]).map((c) => ({ type: c, threshold: value[c] })),
  text: (value) =>
    HARM_CATEGORIES.filter((c) => value[c])
      .map((c) => `${c.replace(/_/g, ' ')} ${value[c]!.replace(/^block_/, '').replace(/_/g, ' ')}`)
      .join(', '),
  full: (value) => safetySettings.text(value),
};

export const STRUCTURED: { readonly [N in StructuredName]: StructuredType<StructuredValues[N]> } = {
  functions,
  mcpServers,
  toolChoice,
  responseSchema,
  imageOutput,
  safetySettings,
};
