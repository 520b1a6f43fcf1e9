// Adding a setting is one row: two hypothetical rows appended to the table (an integer in generation_config,
// a choice at the request's top level) reach the schema, the request, the strip, the labels and the
// transcript with nothing else written for them.
import { describe, expect, it, vi } from 'vitest';
import { describeSame, diffConfigs } from '../config-diff';
import type { PaneConfig } from '../domain';
import { derivePaneLabels } from '../pane-label';
import { paneConfigSchema } from '../pane-config-schema';
import { buildCreateRequest } from '../request';
import { transcriptMarkdown } from '../transcript';


vi.mock('./table', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./table')>();
  const { EXTRA_SETTING_ROWS } = await import('../../test-support/shared/extra-settings');
  return { ...actual, PANE_SETTINGS: [...actual.PANE_SETTINGS, ...EXTRA_SETTING_ROWS] };
});

const M = 'gemini-3-flash-preview';
const withExtra = (extra: Record<string, unknown>): PaneConfig => ({ model: M, ...extra }) as PaneConfig;

describe('a setting added as one row of the table', () => {
  it('is a field of the schema, with its bounds and its options', () => {
    expect(paneConfigSchema.parse(withExtra({ topK: 40, serviceTier: 'flex' }))).toEqual({ model: M, topK: 40, serviceTier: 'flex' });
    const tooHigh = paneConfigSchema.safeParse(withExtra({ topK: 101 }));
    expect(tooHigh.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['topK', 'Top K is between 1 and 100']]);
    expect(paneConfigSchema.safeParse(withExtra({ topK: 2.5 })).error?.issues[0]?.message).toBe('Use a whole number');
    expect(paneConfigSchema.safeParse(withExtra({ serviceTier: 'cheap' })).success).toBe(false);
  });

  it('is sent under its wire name, in generation_config or at the top level, and not at all when unset', () => {
    expect(buildCreateRequest(withExtra({ temperature: 0.5, topK: 40, serviceTier: 'flex' }), { text: 'Hi' }, { stream: false })).toEqual({
      model: M,
      input: 'Hi',
      service_tier: 'flex',
      generation_config: { temperature: 0.5, top_k: 40 },
    });
    expect(buildCreateRequest(withExtra({}), { text: 'Hi' }, { stream: false })).toEqual({ model: M, input: 'Hi' });
  });

  it('is an entry of the what-differs strip, named by its label', () => {
    const diff = diffConfigs([withExtra({ topK: 40 }), withExtra({ topK: 20, serviceTier: 'flex' })]);
    expect(diff.differing.map((f) => [f.label, f.values.map((v) => v.text)])).toEqual([
      ['Top K', ['40', '20']],
      ['Service tier', ['default', 'flex']],
    ]);
    expect(describeSame(diffConfigs([withExtra({ topK: 40 }), withExtra({ topK: 40 })]).same)).toBe(
      `${M} · Top K 40 · default Temperature, Thinking, Summaries, System, Top P, Max tokens, Seed, Service tier, Stop`,
    );
  });

  it('names what differs in the pane labels', () => {
    expect(derivePaneLabels([withExtra({ topK: 40 }), withExtra({ topK: 20, serviceTier: 'flex' })])).toEqual([
      'top-k=40 · service-tier=default',
      'top-k=20 · service-tier=flex',
    ]);
  });

  it('is in the transcript’s settings line', () => {
    const session = {
      version: 2,
      id: 's',
      title: 'T',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      historyMode: 'server',
      panes: [{ id: 'p', config: withExtra({ temperature: 0.5, topK: 40, serviceTier: 'flex' }), turns: [] }],
    } as unknown as Parameters<typeof transcriptMarkdown>[0];
    expect(transcriptMarkdown(session)).toContain(`_model \`${M}\` · temperature 0.5 · top-k 40 · service-tier flex_`);
  });
});
