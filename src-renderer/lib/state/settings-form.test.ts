// The settings form is generated from the settings table: a hypothetical row appended to it is parsed,
// validated, summarised and held by a pane's form with nothing else written for it.
import { describe, expect, it, vi } from 'vitest';
import type { PaneConfig } from '../../../src-shared/domain';
import { PANE_SETTINGS } from '../../../src-shared/settings/table';
import { buildPaneConfig, EMPTY_FIELDS, fieldsFromConfig, MORE_FIELDS, parseField, type PaneFields } from './config';
import { summarizePane } from '../../../src-shared/pane-label';
import { PaneSettings } from './pane.svelte';


vi.mock('../../../src-shared/settings/table', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src-shared/settings/table')>();
  const { EXTRA_SETTING_ROWS } = await import('../../../test-support/shared/extra-settings');
  return { ...actual, PANE_SETTINGS: [...actual.PANE_SETTINGS, ...EXTRA_SETTING_ROWS] };
});

const M = 'gemini-3-flash-preview';
type Loose = Record<string, unknown>;

describe('a setting added as one row of the table, in the form', () => {
  it('parses what is typed by the row’s kind and bounds', () => {
    expect(parseField('topK' as never, '40')).toEqual({ value: 40 });
    expect(parseField('topK' as never, '0')).toEqual({ error: 'Top K must be a whole number above 0' });
    expect(parseField('topK' as never, '101')).toEqual({ error: 'Top K is at most 100' });
    expect(parseField('serviceTier' as never, 'flex')).toEqual({ value: 'flex' });
    expect(parseField('serviceTier' as never, '')).toEqual({});
  });

  it('is an empty field of a new form, kept under "More", and round-trips with a config', () => {
    expect(EMPTY_FIELDS as Loose).toMatchObject({ topK: '', serviceTier: '' });
    expect(MORE_FIELDS).toEqual(expect.arrayContaining(['topK', 'serviceTier']));
    const config = { model: M, topK: 40, serviceTier: 'priority' } as PaneConfig;
    const fields = fieldsFromConfig(config);
    expect(fields as Loose).toMatchObject({ topK: '40', serviceTier: 'priority' });
    expect(buildPaneConfig(fields)).toEqual({ ok: true, config });
    expect(summarizePane(config)).toBe(`${M} · top-k=40 · service-tier=priority`);
  });

  it('is a property of a pane’s form, validated like the others', () => {
    const settings = new PaneSettings({ topK: '7' } as Partial<PaneFields>) as PaneSettings & Loose;
    expect(settings.topK).toBe('7');
    expect(settings.config).toEqual({ ok: true, config: { model: M, topK: 7 } });
    expect(settings.moreSetCount).toBe(1);
    settings.topK = '1000';
    expect(settings.errors).toEqual({ topK: 'Top K is at most 100' });
    expect(settings.moreHasErrors).toBe(true);
  });
});

describe('custom controls', () => {
  it('every row with a custom control names a component in components/settings/custom/', () => {
    const files = Object.keys(import.meta.glob('../../components/settings/custom/*.svelte'));
    const named = PANE_SETTINGS.flatMap((row) => (row.control.type === 'custom' ? [row.control.component] : []));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(files).toContain(`../../components/settings/custom/${name}.svelte`);
  });
});
