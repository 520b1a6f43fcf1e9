// Every row of the settings table reaches every place generated from it: the schema, the request, the
// "what differs" strip, the pane labels and the transcript — and unset sends nothing.
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, diffConfigs } from '../config-diff';
import { derivePaneLabels } from '../pane-label';
import { paneConfigSchema } from '../pane-config-schema';
import { buildCreateRequest } from '../request';
import { transcriptMarkdown } from '../transcript';
import { PANE_SETTINGS, readingOrder, type Kind, type PaneConfig, type SettingRow } from './table';
import type { StructuredName, StructuredValues } from './structured';
import { shown, structuredOf } from './values';

const ROWS: readonly SettingRow[] = PANE_SETTINGS;
const BASE = { model: 'base-model' };

/** Two different valid values of a kind, and one the schema must refuse. */
function samples(kind: Kind): [unknown, unknown, unknown] {
  switch (kind.type) {
    case 'id':
      return ['model-a', 'model-b', 'x'.repeat(kind.max + 1)];
    case 'prose':
      return ['Be brief.', 'Be thorough.', 'x'.repeat(kind.max + 1)];
    case 'decimal':
    case 'integer':
      return [kind.min, kind.max, kind.max + 1];
    case 'choice':
      return [kind.options[0], kind.options.at(-1), 'no-such-option'];
    case 'flag':
      return [true, false, 'yes'];
    case 'lines':
      return [['END'], ['STOP', '###'], Array.from({ length: (kind.maxSaved ?? kind.maxItems) + 1 }, (_, i) => `s${i}`)];
    case 'structured':
      return STRUCTURED_SAMPLES[kind.name];
  }
}

const STRUCTURED_SAMPLES: { [N in StructuredName]: [StructuredValues[N], StructuredValues[N], unknown] } = {
  functions: [
    [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    [{ name: 'lookup', description: 'Finds a word', mock: '{"found":true}' }],
    [{ name: '1bad' }],
  ],
  mcpServers: [[{ name: 'docs', url: 'https://mcp.example.com/a' }], [{ name: 'crm', url: 'https://crm.example.com/mcp', allowedTools: ['find'] }], [{ name: 'x', url: 'http://insecure.example.com' }]],
  toolChoice: [{ mode: 'any' }, { mode: 'validated', tools: ['lookup'] }, { mode: 'sometimes' }],
  responseSchema: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'array' }, 'not a schema'],
  imageOutput: [{}, { aspectRatio: '16:9', imageSize: '2K', mimeType: 'image/jpeg' }, { aspectRatio: '7:5' }],
  safetySettings: [{ harassment: 'block_none' }, { hate_speech: 'block_only_high', jailbreak: 'off' }, { harassment: 'block_everything' }],
};

/** What one pane's request carries for a value, in the transcript's words. */
function shownValue(row: SettingRow, value: unknown): string {
  const structured = structuredOf(row);
  return structured ? structured.text(value) : String(value);
}

const config = (row: SettingRow, value: unknown): PaneConfig => ({ ...BASE, [row.key]: value }) as PaneConfig;

function sent(row: SettingRow, c: PaneConfig): unknown {
  const body = buildCreateRequest(c, { text: 'Hi' }, { stream: false }) as unknown as Record<string, Record<string, unknown> | undefined>;
  switch (row.wire.in) {
    case 'request':
      return body[row.wire.name];
    case 'generation_config':
      return body.generation_config?.[row.wire.name];
    case 'tools': {
      const tools = ((body.tools ?? []) as unknown as Record<string, unknown>[]).filter((t) => t.type === row.wire.name);
      return tools.length > 0 ? tools : undefined;
    }
    case 'local':
      return undefined;
  }
}

describe.each(ROWS.map((row) => [row.key, row] as const))('setting %s', (_, row) => {
  const [a, b, bad] = samples(row.kind);

  it('is a field of the schema: valid values pass, out of bounds is refused at its key', () => {
    expect(paneConfigSchema.parse(config(row, a))).toEqual(config(row, a));
    const refused = paneConfigSchema.safeParse(config(row, bad));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path[0]).toBe(row.key);
    if (!row.required) expect(paneConfigSchema.safeParse(BASE).success).toBe(true);
  });

  it('goes into the request under its wire name, and unset sends nothing', () => {
    if (row.wire.in === 'local') {
      // The app's own setting: it changes what the app does, never the request.
      expect(buildCreateRequest(config(row, a), { text: 'Hi' }, { stream: false })).toEqual(buildCreateRequest(BASE, { text: 'Hi' }, { stream: false }));
      return;
    }
    expect(sent(row, config(row, a))).toBeDefined();
    // A flag is sent when on only: "off" and unset both leave the API's default.
    if (row.kind.type === 'flag' && !row.kind.wire) expect(sent(row, config(row, b))).toBeUndefined();
    else expect(sent(row, config(row, a))).not.toEqual(sent(row, config(row, b)));
    if (!row.required) expect(JSON.stringify(buildCreateRequest(BASE, { text: 'Hi' }, { stream: false }))).not.toContain(`"${row.wire.name}"`);
  });

  it('is an entry of the strip under its strip name, and names what differs in the pane labels', () => {
    const differing = diffConfigs([config(row, a), config(row, b)]).differing;
    expect(differing.map((f) => [f.field, f.label])).toEqual([[row.key, shown(row).strip]]);
    const [labelA, labelB] = derivePaneLabels([config(row, a), config(row, b)]);
    expect(labelA).not.toBe(labelB);
    expect(labelA).not.toMatch(/#\d$/);
  });

  it('appears in the transcript where its row says so', () => {
    const session = {
      version: 2,
      id: 's',
      title: 'T',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      historyMode: 'server',
      panes: [{ id: 'p', config: config(row, a), turns: [] }],
    } as unknown as Parameters<typeof transcriptMarkdown>[0];
    const line = transcriptMarkdown(session).split('\n')[4]!;
    const template = shown(row).transcript;
    if (row.kind.type === 'prose') expect(transcriptMarkdown(session)).toContain(`**${row.label}**\n\n> ${String(a)}`);
    else if (template === false) expect(line).not.toContain(String(a));
    else expect(line).toContain(template.replace('{}', shownValue(row, a)));
  });
});

describe('the table', () => {
  it('has one row per key and per wire name (response_format, a list, takes the schema and the image format)', () => {
    expect(new Set(ROWS.map((r) => r.key)).size).toBe(ROWS.length);
    expect(ROWS.filter((r) => r.wire.name === 'response_format').map((r) => r.key)).toEqual(['responseSchema', 'imageOutput']);
    expect(new Set(ROWS.map((r) => `${r.wire.in}.${r.wire.name}`)).size + 1).toBe(ROWS.length);
  });

  it('the strip lists every row once, in the form’s reading order', () => {
    expect(CONFIG_FIELDS.map((f) => f.field)).toEqual(readingOrder(ROWS).map((r) => r.key));
  });

  it('a switch placed beside another setting names one that exists in the same group', () => {
    for (const row of ROWS) {
      if (row.control.type !== 'switch' || !row.control.beside) continue;
      const host = ROWS.find((r) => r.key === (row.control as { beside: string }).beside);
      expect(host?.group).toBe(row.group);
    }
  });
});
