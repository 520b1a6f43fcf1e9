// A scripted PlaygroundBridge for unit tests: records calls, answers from overridable handlers, emits turn events.
import type { IpcResult, PlaygroundBridge, Unsubscribe } from '../../../src-shared/contract';
import type { ErrorCode, KeyStatus, ModelList, StartTurnRequest, StartTurnResult, TurnEvent } from '../../../src-shared/domain';

type Answer<T> = T | { error: { code: ErrorCode; message: string } };

export interface FakeHandlers {
  getKeyStatus: () => Answer<KeyStatus>;
  setKey: (args: { key: string }) => Answer<KeyStatus>;
  clearKey: () => Answer<KeyStatus>;
  listModels: () => Answer<ModelList>;
  startTurn: (request: StartTurnRequest) => Answer<StartTurnResult>;
  cancelTurn: (args: { requestIds?: string[] }) => Answer<{ cancelled: number }>;
  openExternal: (args: { url: string }) => Answer<{ opened: boolean }>;
  saveTextFile: (args: { suggestedName: string; text: string }) => Answer<{ saved: boolean; path?: string }>;
}

export class FakeBridge {
  readonly calls: { method: string; arg: unknown }[] = [];
  readonly listeners = new Set<(event: TurnEvent) => void>();
  #requestSeq = 0;
  handlers: FakeHandlers = {
    getKeyStatus: () => ({ configured: false, source: 'none', persisted: false }),
    setKey: ({ key }) => ({ configured: true, source: 'stored', persisted: true, hint: `…${key.slice(-4)}` }),
    clearKey: () => ({ configured: false, source: 'none', persisted: false }),
    listModels: () => ({ models: [{ id: 'gemini-test', displayName: 'Gemini Test' }], source: 'api' }),
    startTurn: (request) => ({ requests: request.panes.map((p) => ({ paneId: p.paneId, requestId: `req-${++this.#requestSeq}` })) }),
    cancelTurn: ({ requestIds }) => ({ cancelled: requestIds?.length ?? 0 }),
    openExternal: () => ({ opened: true }),
    saveTextFile: ({ suggestedName }) => ({ saved: true, path: `/tmp/${suggestedName}` }),
  };

  emit(event: TurnEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  callsOf(method: keyof FakeHandlers): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg);
  }

  bridge(): PlaygroundBridge {
    const answer = <T>(method: keyof FakeHandlers, arg: unknown): Promise<IpcResult<T>> => {
      // Like IPC: the argument must survive structured cloning (a $state proxy would not).
      this.calls.push({ method, arg: arg === undefined ? undefined : structuredClone(arg) });
      const handler = this.handlers[method] as (a: unknown) => Answer<T>;
      const result = handler(arg);
      if (result && typeof result === 'object' && 'error' in result && Object.keys(result).length === 1) {
        return Promise.resolve({ ok: false, error: result.error });
      }
      return Promise.resolve({ ok: true, value: result as T });
    };
    // Turn events only: other events (upload) are never emitted by this fake.
    const on = ((event: string, listener: (event: TurnEvent) => void): Unsubscribe => {
      if (event !== 'turn') return () => {};
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }) as PlaygroundBridge['on'];
    const known: Partial<PlaygroundBridge> = {
      getKeyStatus: () => answer('getKeyStatus', undefined),
      setKey: (args) => answer('setKey', args),
      clearKey: () => answer('clearKey', undefined),
      getSettings: () => Promise.resolve({ ok: true, value: { baseUrl: 'http://fake', baseUrlSource: 'default' } }),
      updateSettings: () => Promise.resolve({ ok: true, value: { baseUrl: 'http://fake', baseUrlSource: 'default' } }),
      listModels: () => answer('listModels', undefined),
      startTurn: (request) => answer('startTurn', request),
      cancelTurn: (args) => answer('cancelTurn', args),
      openExternal: (args) => answer('openExternal', args),
      saveTextFile: (args) => answer('saveTextFile', args),
      on,
    };
    // Methods this fake does not script (e.g. sessions) are recorded and answer INTERNAL.
    return new Proxy(known, {
      get: (target, name, receiver) => {
        if (typeof name !== 'string' || name in target) return Reflect.get(target, name, receiver) as unknown;
        return (arg: unknown) => {
          this.calls.push({ method: name, arg });
          return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: `${name} is not faked` } });
        };
      },
    }) as unknown as PlaygroundBridge;
  }
}

export const noMetrics = { totalMs: 10 };
