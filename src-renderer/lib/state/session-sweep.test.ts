// @vitest-environment jsdom
// Sweeps into the session: generated panes replace the current ones or go after them, within MAX_PANES.
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from '../../../src-shared/domain';
import { MAX_PANES } from '../../../src-shared/limits';
import { expandSweep, parseTemperatureList } from '../../../src-shared/sweep';
import { createApi } from '../api';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const M = 'gemini-3-flash-preview';

function setup(paneCount = 1) {
  const session = new SessionState(createApi(new FakeBridge().bridge()), { scheduler: new ManualFrames() });
  for (let i = 1; i < paneCount; i++) session.addPane();
  return session;
}

const configs = (n: number): PaneConfig[] => Array.from({ length: n }, (_, i) => ({ model: M, temperature: i / 10 }));

describe('applySweep', () => {
  it('replaces every pane with the generated ones, labelled by what differs', () => {
    const session = setup(2);
    const before = session.panes.map((p) => p.id);
    const sweep = expandSweep({ model: M, topP: 0.5 }, { temperatures: [0.2, 0.6, 1], thinkingLevels: ['low', 'high'] });
    expect(session.applySweep(sweep, 'replace')).toBe(true);
    expect(session.panes).toHaveLength(6);
    expect(session.panes.some((p) => before.includes(p.id))).toBe(false);
    expect(session.panes.map((p) => p.settings.config)).toEqual(sweep.map((config) => ({ ok: true, config })));
    expect(session.labels).toEqual(['T=0.2 · thinking=low', 'T=0.2 · thinking=high', 'T=0.6 · thinking=low', 'T=0.6 · thinking=high', 'T=1 · thinking=low', 'T=1 · thinking=high']);
  });

  it('writes a tiny swept temperature, and the base’s tiny top P, as text the settings form takes', () => {
    const session = setup(1);
    const temperatures = parseTemperatureList('0.0000001, 0.00000015').values!;
    const sweep = expandSweep({ model: M, topP: 1e-7 }, { temperatures });
    expect(session.applySweep(sweep, 'replace')).toBe(true);
    expect(session.panes.map((p) => p.settings.config)).toEqual(sweep.map((config) => ({ ok: true, config })));
    expect(session.panes[0]!.settings.snapshot()).toMatchObject({ temperature: '0.0000001', topP: '0.0000001' });
    expect(session.labels).toEqual(['T=0.0000001', 'T=0.00000015']);
  });

  it('adds after the current panes when they fit, and changes nothing when they do not', () => {
    const session = setup(2);
    const ids = session.panes.map((p) => p.id);
    expect(session.applySweep(configs(MAX_PANES - 1), 'add')).toBe(false);
    expect(session.panes.map((p) => p.id)).toEqual(ids);
    expect(session.applySweep(configs(4), 'add')).toBe(true);
    expect(session.panes.slice(0, 2).map((p) => p.id)).toEqual(ids);
    expect(session.panes).toHaveLength(6);
    expect(session.applySweep(configs(7), 'replace')).toBe(false);
    expect(session.applySweep([], 'replace')).toBe(false);
    expect(session.panes).toHaveLength(6);
  });
});
