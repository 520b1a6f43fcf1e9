// The "Tools & output" section of a pane's form: how many of its settings are set, whether one is wrong, and that
// a problem there (or a strip click on one of them) opens it.
import { describe, expect, it } from 'vitest';
import { PaneState } from './pane.svelte';

describe('a pane’s "Tools & output" section', () => {
  it('counts what is set in it and flags an error there', () => {
    const pane = new PaneState('p', { googleSearch: true, safetySettings: '{"jailbreak":"off"}', topP: '0.5' });
    expect(pane.settings.toolsSetCount).toBe(2);
    expect(pane.settings.toolsHasErrors).toBe(false);
    pane.settings.set('responseSchema', '{"type": "objekt"}');
    expect(pane.settings.toolsSetCount).toBe(3);
    expect(pane.settings.toolsHasErrors).toBe(true);
    expect(pane.settings.moreHasErrors).toBe(false);
  });

  it('opens when a problem is there, and when one of its settings is asked for', () => {
    const pane = new PaneState('p', { responseSchema: '{' });
    pane.settingsOpen = false;
    pane.revealErrors();
    expect([pane.settingsOpen, pane.toolsOpen, pane.moreOpen]).toEqual([true, true, false]);
    const other = new PaneState('q');
    other.reveal('safetySettings');
    expect([other.toolsOpen, other.moreOpen]).toEqual([true, false]);
    other.reveal('temperature');
    expect(other.moreOpen).toBe(false);
  });
});
