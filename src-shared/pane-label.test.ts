// Pane labels name what differs between panes, briefly, and never collide.
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from './domain';
import { derivePaneLabels } from './pane-label';

const M = 'gemini-3-flash-preview';
const c = (config: Partial<PaneConfig>): PaneConfig => ({ model: M, ...config });

describe('derivePaneLabels', () => {
  it('names only what differs, joined by " · "', () => {
    expect(derivePaneLabels([c({ temperature: 0.2, thinkingLevel: 'high' }), c({ temperature: 1, thinkingLevel: 'low' })])).toEqual([
      'T=0.2 · high',
      'T=1 · low',
    ]);
    expect(derivePaneLabels([c({ temperature: 1 }), c({ model: 'gemini-2.5-pro', temperature: 1 })])).toEqual([M, 'gemini-2.5-pro']);
    expect(derivePaneLabels([c({ temperature: 0.2 }), c({ model: 'gemini-2.5-pro', temperature: 1 })])).toEqual([
      `${M} · T=0.2`,
      'gemini-2.5-pro · T=1',
    ]);
  });

  it('says "default" for a setting one pane leaves unset', () => {
    expect(derivePaneLabels([c({ temperature: 0.5 }), c({})])).toEqual(['T=0.5', 'T=default']);
    expect(derivePaneLabels([c({ thinkingLevel: 'minimal' }), c({})])).toEqual(['minimal', 'thinking=default']);
  });

  it('covers every setting', () => {
    const labels = derivePaneLabels([
      c({ topP: 0.9, maxOutputTokens: 100, thinkingSummaries: true, stopSequences: ['END', 'STOP'], seed: 1, systemInstruction: 'You are a helpful assistant who answers in French.' }),
      c({ thinkingSummaries: false }),
    ]);
    expect(labels).toEqual([
      'top-p=0.9 · summaries · max=100 · stop="END","STOP" · seed=1 · system="You are a helpful assis…"',
      'top-p=default · no summaries · max=default · no stop · no seed · no system',
    ]);
  });

  it('treats a blank system instruction and an empty stop list as unset', () => {
    expect(derivePaneLabels([c({ systemInstruction: '  ', stopSequences: [] }), c({ temperature: 1 })])).toEqual(['T=default', 'T=1']);
  });

  it('names a lone pane, or identical panes, by model, numbering duplicates', () => {
    expect(derivePaneLabels([c({ temperature: 1 })])).toEqual([M]);
    expect(derivePaneLabels([c({}), c({})])).toEqual([`${M} #1`, `${M} #2`]);
    expect(derivePaneLabels([])).toEqual([]);
  });

  it('numbers labels that still collide after truncation', () => {
    const long = 'x'.repeat(40);
    expect(derivePaneLabels([c({ systemInstruction: `${long}A` }), c({ systemInstruction: `${long}B` }), c({})])).toEqual([
      `system="${'x'.repeat(23)}…" #1`,
      `system="${'x'.repeat(23)}…" #2`,
      'no system',
    ]);
  });
});
