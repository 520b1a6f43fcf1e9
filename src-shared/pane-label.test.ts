// Pane labels name what differs between panes, briefly, and never collide.
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from './domain';
import { derivePaneLabels, summarizePane } from './pane-label';

const M = 'gemini-3-flash-preview';
const c = (config: Partial<PaneConfig>): PaneConfig => ({ model: M, ...config });

describe('derivePaneLabels', () => {
  it('names only what differs, joined by " · "', () => {
    expect(derivePaneLabels([c({ temperature: 0.2, thinkingLevel: 'high' }), c({ temperature: 1, thinkingLevel: 'low' })])).toEqual([
      'T=0.2 · thinking=high',
      'T=1 · thinking=low',
    ]);
    expect(derivePaneLabels([c({ temperature: 1 }), c({ model: 'gemini-2.5-pro', temperature: 1 })])).toEqual([M, 'gemini-2.5-pro']);
    expect(derivePaneLabels([c({ temperature: 0.2 }), c({ model: 'gemini-2.5-pro', temperature: 1 })])).toEqual([
      `${M} · T=0.2`,
      'gemini-2.5-pro · T=1',
    ]);
  });

  it('says "default" for a setting one pane leaves unset', () => {
    expect(derivePaneLabels([c({ temperature: 0.5 }), c({})])).toEqual(['T=0.5', 'T=default']);
    expect(derivePaneLabels([c({ thinkingLevel: 'minimal' }), c({})])).toEqual(['thinking=minimal', 'thinking=default']);
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

describe('summarizePane', () => {
  it('names everything a pane sends, in the words of its label', () => {
    expect(summarizePane(c({}))).toBe(M);
    const config = c({ temperature: 0.2, thinkingLevel: 'high', thinkingSummaries: false, maxOutputTokens: 500, systemInstruction: 'Be terse.' });
    expect(summarizePane(config)).toBe(`${M} · T=0.2 · thinking=high · no summaries · max=500 · system="Be terse."`);
  });

  it('uses the same words as the label for every setting the label names', () => {
    const panes = [
      c({ temperature: 0.2, thinkingLevel: 'low', stopSequences: ['END'], googleSearch: true }),
      c({ temperature: 0.9, thinkingLevel: 'high', seed: 3 }),
    ];
    derivePaneLabels(panes).forEach((label, i) => {
      const summary = summarizePane(panes[i]!).split(' · ');
      // What a label says a pane sets is said the same way in its summary; only "default"/"no …" are label-only.
      const set = label.split(' · ').filter((part) => !/=default$|^no /.test(part));
      expect(set.length).toBeGreaterThan(0);
      for (const part of set) expect(summary).toContain(part);
    });
  });

  it('says when the required model is missing', () => {
    expect(summarizePane(c({ model: '', temperature: 1 }))).toBe('no model · T=1');
  });
});
