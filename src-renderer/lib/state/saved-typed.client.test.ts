// A pane's settings typed but not valid yet survive saving and a restart as typed (nothing typed is lost).
import { describe, expect, it } from 'vitest';
import { savedPaneSchema } from '../../../src-shared/session';
import { PaneState } from './pane.svelte';
import { paneToSaved, restorePane } from './saved';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';

const HALF_TYPED = '[{"name":"get_weather","description":"","parameters":"{\\n  \\"type\\": \\"object\\",\\n  \\"properties\\": {","mock":""}]';

describe('settings typed but not valid', () => {
  it('are saved as typed beside the valid config, and restored into the form with their error', () => {
    const pane = new PaneState('p1', { model: 'gemini-3-flash-preview', temperature: '0.4', functions: HALF_TYPED, seed: '12x' });
    expect(pane.settings.valid).toBe(false);
    const saved = paneToSaved(pane);
    expect(saved.config).toEqual({ model: 'gemini-3-flash-preview', temperature: 0.4 });
    expect(saved.typed).toEqual({ functions: HALF_TYPED, seed: '12x' });
    // What is written is a valid document.
    expect(savedPaneSchema.parse(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
    const restored = restorePane(saved, new ManualFrames());
    expect(restored.settings.fields.functions).toBe(HALF_TYPED);
    expect(restored.settings.fields.seed).toBe('12x');
    expect(restored.settings.fields.temperature).toBe('0.4');
    expect(restored.settings.errors.functions).toMatch(/Function “get_weather” parameters/);
  });

  it('a valid form saves no typed text', () => {
    expect(paneToSaved(new PaneState('p1', { model: 'gemini-3-flash-preview', seed: '12' })).typed).toBeUndefined();
  });
});
