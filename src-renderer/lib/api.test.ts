// @vitest-environment jsdom
// The api wrapper: plain data across the bridge, envelopes unwrapped into BridgeError codes.
import { describe, expect, it } from 'vitest';
import { isBridgeError } from '../../src-shared/bridge';
import { createApi, toPlain } from './api';
import { FakeBridge } from '../../test-support/renderer/fake-bridge';
import { reactive } from '../../test-support/renderer/reactive.svelte';

describe('api', () => {
  it('turns $state proxies into data that survives structured cloning', () => {
    const state = reactive({ input: { text: 'hi' }, panes: [{ paneId: 'p', config: { model: 'm', temperature: undefined } }] });
    expect(() => structuredClone(state)).toThrow();
    const plain = toPlain(state);
    expect(structuredClone(plain)).toEqual({ input: { text: 'hi' }, panes: [{ paneId: 'p', config: { model: 'm' } }] });
  });

  it('sends a reactive start request as plain data', async () => {
    const fake = new FakeBridge();
    const api = createApi(fake.bridge());
    const request = reactive({ input: { text: 'hi' }, panes: [{ requestId: 'turn-1', paneId: 'p', config: { model: 'm' } }] });
    await expect(api.start(request)).resolves.toBeUndefined();
    expect(fake.callsOf('start')).toEqual([{ input: { text: 'hi' }, panes: [{ requestId: 'turn-1', paneId: 'p', config: { model: 'm' } }] }]);
  });

  it('rejects with main’s error code', async () => {
    const fake = new FakeBridge();
    fake.handlers.start = () => ({ error: { code: 'NO_KEY', message: 'No API key is set.' } });
    const error = await createApi(fake.bridge()).start({ input: { text: 'x' }, panes: [] }).catch((e: unknown) => e);
    expect(isBridgeError(error) && error.code).toBe('NO_KEY');
  });

  it('unwraps results', async () => {
    const fake = new FakeBridge();
    const api = createApi(fake.bridge());
    expect(await api.cancelTurn(['a', 'b'])).toBe(2);
    expect(await api.openExternal('https://example.com')).toBe(true);
    expect(fake.callsOf('cancelTurn')).toEqual([{ requestIds: ['a', 'b'] }]);
  });
});
