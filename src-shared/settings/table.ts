// The pane settings, one row each: what a setting is (kind and bounds), where it goes on the wire, where the
// form shows it and how it is named in the strip, the pane labels and the transcript. The zod schema, the
// request builder, the "what differs" strip, labels, transcripts and the settings form are all generated from
// these rows (docs/ARCHITECTURE.md, "Adding a setting"). Plain data: no zod, no DOM, so every layer can read it.
import type { ThinkingLevel } from '../interactions';
import { MAX_ID, MAX_TEXT } from '../limits';
import type { StructuredName, StructuredValues } from './structured';

export type { ThinkingLevel };
/** As the SDK typings list them (ThinkingLevel in genai.d.ts); a model may take fewer (ModelInfo.thinkingLevels). */
export const THINKING_LEVELS: readonly ThinkingLevel[] = ['minimal', 'low', 'medium', 'high', 'xhigh'];

/** What a setting's value is. Every kind but `id` with `required` may be unset, which sends nothing. */
export type Kind =
  /** One line naming something (a model id). */
  | { readonly type: 'id'; readonly max: number }
  /** Free text over several lines (a system instruction): blank is unset; shown quoted and shortened. */
  | { readonly type: 'prose'; readonly max: number }
  | { readonly type: 'decimal'; readonly min: number; readonly max: number }
  /** A whole number. With `min: 1` it is a count, and its messages say "above 0" and "at most max". */
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'choice'; readonly options: readonly string[] }
  /** On or off. `wire` gives the words the API takes for [off, on] where it does not take a boolean. */
  | { readonly type: 'flag'; readonly wire?: readonly [off: string, on: string] }
  /**
   * A list typed one item per line (`\n`, `\t`, `\\` escapes); an empty list is unset. `maxItems` is what the API
   * takes, and the form's bound; `maxSaved`, when larger, is what a saved session may hold because the form once
   * allowed it: such a session still opens, and its pane asks for the list to be trimmed before it sends.
   */
  | { readonly type: 'lines'; readonly item: string; readonly maxItems: number; readonly maxSaved?: number; readonly maxChars: number }
  /** More than one word (functions, a schema …): its behaviour is in structured.ts under `name`; the form holds JSON text. */
  | { readonly type: 'structured'; readonly name: StructuredName };

/** How the settings form shows a setting (src-renderer/components/settings/SettingField.svelte). */
export type Control =
  /** A slider beside the text; `resting` is where the slider sits while unset (the API's usual default). */
  | { readonly type: 'range'; readonly step: number; readonly resting: number }
  | { readonly type: 'number'; readonly placeholder?: string }
  /** The `choice` options, and "Default" for unset. */
  | { readonly type: 'select' }
  /** A switch; `beside` puts it in another setting's cell, under that setting's control. */
  | { readonly type: 'switch'; readonly beside?: string }
  /** Spans the form's width. `hint` is shown under it; `code` in backticks is set as code. */
  | { readonly type: 'textarea'; readonly placeholder: string; readonly hint?: string; readonly mono?: boolean }
  /** A component of its own: src-renderer/components/settings/custom/<component>.svelte. */
  | { readonly type: 'custom'; readonly component: string; readonly wide?: boolean };

/**
 * How a setting is named outside the form; `{}` stands for the value. Left out, each follows the label
 * ("Top K"): strip "Top K", pane label and summary "top-k={}" (unset "top-k=default"), transcript "top-k {}".
 */
export interface Show {
  /** The "what differs" strip's name for it. */
  readonly strip?: string;
  /** In a pane label and its header summary. A flag's is a bare word: "summaries", "no summaries", "summaries=default". */
  readonly pane?: string;
  readonly paneUnset?: string;
  /** In the transcript's settings line; false leaves it out. Prose is a block of its own instead. */
  readonly transcript?: string | false;
}

export interface SettingRow {
  /** The PaneConfig field, and the settings form's field. */
  readonly key: string;
  /** As the form labels it; error messages name the setting by it too. */
  readonly label: string;
  /** "more" folds it under "More settings"; "tools" under "Tools & output". */
  readonly group: 'main' | 'more' | 'tools';
  readonly kind: Kind;
  /**
   * Its name on the wire: at the request's top level, in generation_config, or in the `tools` list (a flag adds
   * `{ type: name }`, a structured value its entries). `local` settings are the app's own and never sent.
   */
  readonly wire: { readonly in: 'request' | 'generation_config' | 'tools' | 'local'; readonly name: string };
  /** Always sent (the model). Any other setting left unset sends nothing at all: the API default applies. */
  readonly required?: boolean;
  readonly control: Control;
  /** data-testid of the element a person types in; `<testid>-error`, `apply-all-<testid>` … derive from it. */
  readonly testid: string;
  readonly show?: Show;
}

/** In the order pane labels, summaries, transcripts and generation_config list them; the form groups them. */
export const PANE_SETTINGS = [
  {
    key: 'model',
    label: 'Model',
    group: 'main',
    kind: { type: 'id', max: MAX_ID },
    wire: { in: 'request', name: 'model' },
    required: true,
    control: { type: 'custom', component: 'ModelPicker' },
    testid: 'model-select',
    show: { pane: '{}', transcript: 'model `{}`' },
  },
  {
    key: 'temperature',
    label: 'Temperature',
    group: 'main',
    kind: { type: 'decimal', min: 0, max: 2 },
    wire: { in: 'generation_config', name: 'temperature' },
    control: { type: 'range', step: 0.05, resting: 1 },
    testid: 'temperature',
    show: { pane: 'T={}' },
  },
  {
    key: 'topP',
    label: 'Top P',
    group: 'more',
    kind: { type: 'decimal', min: 0, max: 1 },
    wire: { in: 'generation_config', name: 'top_p' },
    control: { type: 'range', step: 0.01, resting: 0.95 },
    testid: 'top-p',
  },
  {
    key: 'thinkingLevel',
    label: 'Thinking level',
    group: 'main',
    kind: { type: 'choice', options: THINKING_LEVELS },
    wire: { in: 'generation_config', name: 'thinking_level' },
    control: { type: 'select' },
    testid: 'thinking-level',
    show: { strip: 'Thinking', pane: 'thinking={}', transcript: 'thinking {}' },
  },
  {
    key: 'thinkingSummaries',
    label: 'Thought summaries',
    group: 'main',
    kind: { type: 'flag', wire: ['none', 'auto'] },
    wire: { in: 'generation_config', name: 'thinking_summaries' },
    control: { type: 'switch', beside: 'thinkingLevel' },
    testid: 'thinking-summaries',
    show: { strip: 'Summaries', pane: 'summaries', transcript: false },
  },
  {
    key: 'maxOutputTokens',
    label: 'Max output tokens',
    group: 'more',
    kind: { type: 'integer', min: 1, max: 10_000_000 },
    wire: { in: 'generation_config', name: 'max_output_tokens' },
    control: { type: 'number' },
    testid: 'max-output-tokens',
    show: { strip: 'Max tokens', pane: 'max={}', transcript: 'max {} tokens' },
  },
  {
    key: 'stopSequences',
    label: 'Stop sequences',
    group: 'more',
    kind: { type: 'lines', item: 'stop sequence', maxItems: 5, maxSaved: 16, maxChars: 1_000 },
    wire: { in: 'generation_config', name: 'stop_sequences' },
    control: { type: 'textarea', placeholder: 'One per line, e.g. ###  or  \\n\\n', hint: 'One per line. Write `\\n` for a line break.', mono: true },
    testid: 'stop-sequences',
    show: { strip: 'Stop', pane: 'stop={}', paneUnset: 'no stop', transcript: false },
  },
  {
    key: 'seed',
    label: 'Seed',
    group: 'more',
    kind: { type: 'integer', min: -(2 ** 31), max: 2 ** 31 - 1 },
    wire: { in: 'generation_config', name: 'seed' },
    control: { type: 'number', placeholder: 'Random' },
    testid: 'seed',
    show: { paneUnset: 'no seed' },
  },
  {
    key: 'systemInstruction',
    label: 'System instruction',
    group: 'main',
    kind: { type: 'prose', max: MAX_TEXT },
    wire: { in: 'request', name: 'system_instruction' },
    control: { type: 'textarea', placeholder: 'Optional: role, tone, rules…' },
    testid: 'system-instruction',
    show: { strip: 'System', pane: 'system={}', paneUnset: 'no system' },
  },
  {
    key: 'googleSearch',
    label: 'Google Search',
    group: 'tools',
    kind: { type: 'flag' },
    wire: { in: 'tools', name: 'google_search' },
    control: { type: 'switch' },
    testid: 'tool-google-search',
    show: { strip: 'Search', pane: 'search', transcript: 'Google Search' },
  },
  {
    key: 'urlContext',
    label: 'URL context',
    group: 'tools',
    kind: { type: 'flag' },
    wire: { in: 'tools', name: 'url_context' },
    control: { type: 'switch' },
    testid: 'tool-url-context',
    show: { strip: 'URL context', pane: 'urls', transcript: 'URL context' },
  },
  {
    key: 'codeExecution',
    label: 'Code execution',
    group: 'tools',
    kind: { type: 'flag' },
    wire: { in: 'tools', name: 'code_execution' },
    control: { type: 'switch' },
    testid: 'tool-code-execution',
    show: { strip: 'Code', pane: 'code', transcript: 'code execution' },
  },
  {
    key: 'functions',
    label: 'Functions',
    group: 'tools',
    kind: { type: 'structured', name: 'functions' },
    wire: { in: 'tools', name: 'function' },
    control: { type: 'custom', component: 'FunctionsEditor', wide: true },
    testid: 'functions',
    show: { pane: 'fn={}', paneUnset: 'no functions', transcript: 'functions {}' },
  },
  {
    key: 'autoMock',
    label: 'Answer function calls with the mocks automatically',
    group: 'tools',
    kind: { type: 'flag' },
    wire: { in: 'local', name: 'autoMock' },
    control: { type: 'switch', beside: 'functions' },
    testid: 'auto-mock',
    show: { strip: 'Auto-mock', pane: 'auto-mock', transcript: 'answered with mocks' },
  },
  {
    key: 'mcpServers',
    label: 'MCP servers',
    group: 'tools',
    kind: { type: 'structured', name: 'mcpServers' },
    wire: { in: 'tools', name: 'mcp_server' },
    control: { type: 'custom', component: 'McpServersEditor', wide: true },
    testid: 'mcp-servers',
    show: { strip: 'MCP', pane: 'mcp={}', paneUnset: 'no mcp', transcript: 'MCP servers {}' },
  },
  {
    key: 'toolChoice',
    label: 'Tool choice',
    group: 'tools',
    kind: { type: 'structured', name: 'toolChoice' },
    wire: { in: 'generation_config', name: 'tool_choice' },
    control: { type: 'custom', component: 'ToolChoiceField' },
    testid: 'tool-choice',
    show: { pane: 'choice={}', transcript: 'tool choice {}' },
  },
  {
    key: 'responseSchema',
    label: 'Response schema',
    group: 'tools',
    kind: { type: 'structured', name: 'responseSchema' },
    wire: { in: 'request', name: 'response_format' },
    control: { type: 'custom', component: 'ResponseSchemaEditor', wide: true },
    testid: 'response-schema',
    show: { strip: 'Schema', pane: 'schema={}', paneUnset: 'no schema', transcript: 'response schema {}' },
  },
  {
    // Beside a response schema both go in response_format, as a list (settings/values.ts wireFields).
    key: 'imageOutput',
    label: 'Image output',
    group: 'tools',
    kind: { type: 'structured', name: 'imageOutput' },
    wire: { in: 'request', name: 'response_format' },
    control: { type: 'custom', component: 'ImageOutputField', wide: true },
    testid: 'image-output',
    show: { strip: 'Image', pane: '{}', paneUnset: 'no image', transcript: 'image output {}' },
  },
  {
    key: 'safetySettings',
    label: 'Safety settings',
    group: 'tools',
    kind: { type: 'structured', name: 'safetySettings' },
    wire: { in: 'request', name: 'safety_settings' },
    control: { type: 'custom', component: 'SafetySettingsField', wide: true },
    testid: 'safety-settings',
    show: { strip: 'Safety', pane: 'safety={}', paneUnset: 'default safety', transcript: 'safety {}' },
  },
] as const satisfies readonly SettingRow[];

type Row = (typeof PANE_SETTINGS)[number];
export type SettingKey = Row['key'];

/** The value a kind holds in a PaneConfig. */
export type ValueOf<K extends Kind> = K extends { type: 'id' | 'prose' }
  ? string
  : K extends { type: 'decimal' | 'integer' }
    ? number
    : K extends { type: 'choice'; options: readonly (infer O)[] }
      ? O
      : K extends { type: 'flag' }
        ? boolean
        : K extends { type: 'lines' }
          ? string[]
          : K extends { type: 'structured'; name: infer N extends StructuredName }
            ? StructuredValues[N]
            : never;

type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * One pane's settings, one field per row. An absent optional field means "send nothing" (the API default),
 * which is different from any value — the UI shows the difference.
 */
export type PaneConfig = Flatten<
  { [R in Row as R extends { required: true } ? R['key'] : never]: ValueOf<R['kind']> } & {
    [R in Row as R extends { required: true } ? never : R['key']]?: ValueOf<R['kind']>;
  }
>;

/** The rows by key, for the few places that name one setting (the sweep's temperature bounds). */
export const SETTING = Object.fromEntries(PANE_SETTINGS.map((row) => [row.key, row])) as { readonly [R in Row as R['key']]: R };

/** Rows that take a form cell of their own across the whole width (text areas, wide custom controls). */
export function isWide(row: SettingRow): boolean {
  return row.control.type === 'textarea' || (row.control.type === 'custom' && row.control.wide === true);
}

/**
 * The order a person reads the settings in: the form's main group, then "More", then "Tools & output", each with its full-width
 * fields last — the order of the form, and of the "what differs" strip.
 */
export function readingOrder<T extends SettingRow>(rows: readonly T[]): T[] {
  const rank = (row: SettingRow): number => ({ main: 0, more: 2, tools: 4 })[row.group] + (isWide(row) ? 1 : 0);
  return rows.map((row, i) => ({ row, i })).sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i).map(({ row }) => row);
}
