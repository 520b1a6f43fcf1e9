import { describe, expect, it } from 'vitest';
import { BridgeError, createBridge, isBridgeError, unwrap, type BridgeTransport } from './bridge';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './contract';

function recordingTransport() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  const transport: BridgeTransport = {
    invoke: async (channel, arg) => (invoked.push([channel, arg]), { ok: true, value: channel }),
    on: (channel, listener) => (listeners.set(channel, listener), () => listeners.delete(channel)),
  };
  return { transport, invoked, listeners };
}

describe('createBridge', () => {
  it('exposes exactly one named function per contract method, plus on', () => {
    const bridge = createBridge(recordingTransport().transport);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), 'on'].sort());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as Record<string, unknown>)[key]).toBe('function');
  });

  it('sends each method on its own channel with its one argument', async () => {
    const { transport, invoked } = recordingTransport();
    const bridge = createBridge(transport);
    const result = await bridge.setKey({ key: 'k' });
    await bridge.getKeyStatus();
    expect(result).toEqual({ ok: true, value: INVOKE_CHANNELS.setKey });
    expect(invoked).toEqual([
      [INVOKE_CHANNELS.setKey, { key: 'k' }],
      [INVOKE_CHANNELS.getKeyStatus, undefined],
    ]);
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { transport, listeners } = recordingTransport();
    const seen: unknown[] = [];
    const off = createBridge(transport).on('turn', (e) => seen.push(e));
    listeners.get(EVENT_CHANNELS.turn)?.({ type: 'delta' });
    off();
    expect(seen).toEqual([{ type: 'delta' }]);
    expect(listeners.size).toBe(0);
  });

  it('unwrap returns values and throws a BridgeError with main’s code', () => {
    expect(unwrap({ ok: true, value: 3 })).toBe(3);
    try {
      unwrap({ ok: false, error: { code: 'NO_KEY', message: 'Add a key' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BridgeError);
      expect(isBridgeError(e) && e.code).toBe('NO_KEY');
      expect((e as Error).message).toBe('Add a key');
    }
    try {
      unwrap({ ok: false, error: { code: 'NO_KEY', message: 'x', keyUnreadable: 'keyring-absent' } });
      expect.unreachable();
    } catch (e) {
      expect(isBridgeError(e) && e.keyUnreadable).toBe('keyring-absent');
    }
  });
});
