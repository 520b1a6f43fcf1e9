// An error nothing in main caught reaches the window as main's `fault` event: the person reads it where the session's
// problems are said, and can dismiss it; after the app stops listening, it says nothing more.
import { expect, it } from 'vitest';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { createApi } from '../api';
import { AppState } from './app.svelte';

it('shows main\'s fault as an error notice while the app runs, and not after it stopped', () => {
  const fake = new FakeBridge();
  const store = new Map<string, string>();
  const app = new AppState(createApi(fake.bridge()), {
    store: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
  });
  const stop = app.start();
  const message = 'Something inside the app failed and nothing caught it: disk full.';
  fake.emitFault(message);
  expect(app.sessions.notice).toEqual({ kind: 'error', message });
  app.sessions.notice = undefined;
  stop();
  fake.emitFault('later');
  expect(app.sessions.notice).toBeUndefined();
});
