// AppState.openLink: links go to main, and a link main refuses is never swallowed: the person is told why.
import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../api';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { AppState } from './app.svelte';

function setup() {
  const fake = new FakeBridge();
  const store = new Map<string, string>();
  const app = new AppState(createApi(fake.bridge()), {
    store: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
  });
  return { fake, app };
}

describe('AppState.openLink', () => {
  it('hands the link to main and shows nothing when it opened', async () => {
    const { fake, app } = setup();
    app.openLink('mailto:a@example.com');
    await vi.waitFor(() => expect(fake.callsOf('openExternal')).toEqual([{ url: 'mailto:a@example.com' }]));
    await new Promise((settled) => setTimeout(settled, 0));
    expect(app.sessions.notice).toBeUndefined();
  });

  it('tells the person why main refused a link, quoting the link', async () => {
    const { fake, app } = setup();
    fake.handlers.openExternal = () => ({ error: { code: 'BAD_REQUEST', message: 'The link contains a user name or password.' } });
    app.openLink('https://user@example.com/');
    await vi.waitFor(() =>
      expect(app.sessions.notice).toEqual({
        kind: 'warning',
        message: 'This link was not opened: The link contains a user name or password.\nhttps://user@example.com/',
      }),
    );
  });

  it('says so when main had nothing to open it with, and shortens a long link', async () => {
    const { fake, app } = setup();
    fake.handlers.openExternal = () => ({ opened: false });
    const long = `https://example.com/${'a'.repeat(300)}`;
    app.openLink(long);
    await vi.waitFor(() =>
      expect(app.sessions.notice).toEqual({
        kind: 'warning',
        message: `This link was not opened: nothing is set up here to open links.\n${long.slice(0, 160)}…`,
      }),
    );
  });
});
