// @vitest-environment jsdom
// "Use … in all panes": whyNotApplyToAll says why a value would be copied nowhere (so the strip does not offer it),
// and is silent exactly when applyToAll copies.
import { describe, expect, it } from 'vitest';
import { createApi } from '../api';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import type { FieldName } from './config';
import { SessionState } from './session.svelte';

const M = 'gemini-3-flash-preview';

function twoPanes() {
  const session = new SessionState(createApi(new FakeBridge().bridge()), { scheduler: new ManualFrames() });
  session.connect();
  session.addPane();
  const [source, other] = session.panes;
  for (const pane of session.panes) pane.settings.model = M;
  return { session, source: source!, other: other! };
}

describe('whyNotApplyToAll', () => {
  it('a blank or invalid model has no default to send instead: it says why, and applying copies nothing', () => {
    for (const [typed, why] of [
      ['', 'Enter a model id'],
      ['   ', 'Enter a model id'],
      ['m'.repeat(300), 'Model id is too long'],
    ] as const) {
      const { session, source, other } = twoPanes();
      source.settings.model = typed;
      expect(session.whyNotApplyToAll('model', source.id)).toBe(why);
      session.applyToAll('model', source.id);
      expect(other.settings.model).toBe(M);
    }
  });

  it('a value that copies has no reason: a model, a setting left blank, and an invalid one (its default is copied)', () => {
    const cases: [FieldName, string, string][] = [
      ['model', 'gemini-2.5-pro', 'gemini-2.5-pro'],
      ['temperature', '', ''],
      ['temperature', '3', ''],
    ];
    for (const [field, typed, copied] of cases) {
      const { session, source, other } = twoPanes();
      other.settings.temperature = '0.5';
      source.settings.set(field, typed);
      expect(session.whyNotApplyToAll(field, source.id)).toBeUndefined();
      session.applyToAll(field, source.id);
      expect(other.settings[field]).toBe(copied);
    }
  });

  it('follows the value as it is typed', () => {
    const { session, source } = twoPanes();
    source.settings.model = '';
    expect(session.whyNotApplyToAll('model', source.id)).toBe('Enter a model id');
    source.settings.model = 'gemini-2.5-flash';
    expect(session.whyNotApplyToAll('model', source.id)).toBeUndefined();
  });
});
