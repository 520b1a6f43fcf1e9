// A scripted PlaygroundBridge for unit tests: records calls, answers from overridable handlers, emits turn events.
import type { IpcResult, PlaygroundBridge, Unsubscribe } from '../../src-shared/contract';
import type { ErrorCode, KeyStatus, McpHeaderStatus, ModelList, Settings, SettingsPatch, StartTurnRequest, TurnEvent, UploadEvent } from '../../src-shared/domain';
import type { ImageRef } from '../../src-shared/session';

type Answer<T> = T | { error: { code: ErrorCode; message: string } };

export interface FakeHandlers {
  getKeyStatus: () => Answer<KeyStatus>;
  setKey: (args: { key: string }) => Answer<KeyStatus>;
  clearKey: () => Answer<KeyStatus>;
  setMcpHeaders: (args: { url: string; headers: Record<string, string> }) => Answer<McpHeaderStatus>;
  listMcpHeaders: () => Answer<McpHeaderStatus[]>;
  listModels: () => Answer<ModelList>;
  updateSettings: (patch: SettingsPatch) => Answer<Settings>;
  start: (request: StartTurnRequest) => Answer<void> | Promise<Answer<void>>;
  cancelTurn: (args: { requestIds?: string[] }) => Answer<{ cancelled: number }>;
  openExternal: (args: { url: string }) => Answer<{ opened: boolean }>;
  saveTextFile: (args: { suggestedName: string; text: string }) => Answer<{ saved: boolean; path?: string }>;
  addMedia: (args: { name: string; bytes: Uint8Array }) => Answer<ImageRef> | Promise<Answer<ImageRef>>;
}

/** A fake sha256 from a name: 64 hex digits, different per name. */
export function fakeSha(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}

export class FakeBridge {
  readonly calls: { method: string; arg: unknown }[] = [];
  readonly listeners = new Set<(event: TurnEvent) => void>();
  readonly uploadListeners = new Set<(event: UploadEvent) => void>();
  readonly faultListeners = new Set<(fault: { message: string }) => void>();
  /** Header names per MCP server URL, as main would hold them (values are never kept or answered, like main). */
  readonly mcpHeaders = new Map<string, string[]>();
  handlers: FakeHandlers = {
    getKeyStatus: () => ({ configured: false, source: 'none', persisted: false }),
    setKey: ({ key }) => ({ configured: true, source: 'stored', persisted: true, hint: `…${key.slice(-4)}` }),
    clearKey: () => ({ configured: false, source: 'none', persisted: false }),
    setMcpHeaders: ({ url, headers }) => {
      const headerNames = Object.keys(headers);
      if (headerNames.length === 0) this.mcpHeaders.delete(url);
      else this.mcpHeaders.set(url, headerNames);
      return { url, headerNames };
    },
    listMcpHeaders: () => [...this.mcpHeaders].map(([url, headerNames]) => ({ url, headerNames: [...headerNames] })),
    listModels: () => ({ models: [{ id: 'gemini-test', displayName: 'Gemini Test' }], source: 'api' }),
    updateSettings: () => ({ baseUrl: 'http://fake', baseUrlSource: 'default' }),
    start: () => undefined,
    cancelTurn: ({ requestIds }) => ({ cancelled: requestIds?.length ?? 0 }),
    openExternal: () => ({ opened: true }),
    saveTextFile: ({ suggestedName }) => ({ saved: true, path: `/tmp/${suggestedName}` }),
    // Empty files are refused like main does; everything else is a PNG.
    addMedia: ({ name, bytes }) =>
      bytes.byteLength === 0
        ? { error: { code: 'BAD_REQUEST', message: `${name} is empty` } }
        : { sha256: fakeSha(name), mimeType: 'image/png', name, size: bytes.byteLength },
  };

  emit(event: TurnEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  emitUpload(event: UploadEvent): void {
    for (const listener of this.uploadListeners) listener(event);
  }

  /** Main's `fault` event: an error nothing there caught. */
  emitFault(message: string): void {
    for (const listener of this.faultListeners) listener({ message });
  }

  callsOf(method: keyof FakeHandlers): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg);
  }

  bridge(): PlaygroundBridge {
    const answer = <T>(method: keyof FakeHandlers, arg: unknown): Promise<IpcResult<T>> => {
      // Like IPC: the argument must survive structured cloning (a $state proxy would not).
      this.calls.push({ method, arg: arg === undefined ? undefined : structuredClone(arg) });
      const handler = this.handlers[method] as (a: unknown) => Answer<T> | Promise<Answer<T>>;
      return Promise.resolve(handler(arg)).then((result): IpcResult<T> => {
        if (result && typeof result === 'object' && 'error' in result && Object.keys(result).length === 1) {
          return { ok: false, error: result.error };
        }
        return { ok: true, value: result as T };
      });
    };
    // Turn, upload and fault events; commands are never emitted by this fake.
    const on = ((event: string, listener: (event: never) => void): Unsubscribe => {
      if (event === 'fault') {
        const l = listener as (fault: { message: string }) => void;
        this.faultListeners.add(l);
        return () => this.faultListeners.delete(l);
      }
      if (event === 'upload') {
        const l = listener as (event: UploadEvent) => void;
        this.uploadListeners.add(l);
        return () => this.uploadListeners.delete(l);
      }
      if (event !== 'turn') return () => {};
      const l = listener as (event: TurnEvent) => void;
      this.listeners.add(l);
      return () => this.listeners.delete(l);
    }) as PlaygroundBridge['on'];
    const known: Partial<PlaygroundBridge> = {
      getKeyStatus: () => answer('getKeyStatus', undefined),
      setKey: (args) => answer('setKey', args),
      clearKey: () => answer('clearKey', undefined),
      setMcpHeaders: (args) => answer('setMcpHeaders', args),
      listMcpHeaders: () => answer('listMcpHeaders', undefined),
      getSettings: () => Promise.resolve({ ok: true, value: { baseUrl: 'http://fake', baseUrlSource: 'default' } }),
      updateSettings: (patch) => answer('updateSettings', patch),
      listModels: () => answer('listModels', undefined),
      start: (request) => answer('start', request),
      cancelTurn: (args) => answer('cancelTurn', args),
      openExternal: (args) => answer('openExternal', args),
      saveTextFile: (args) => answer('saveTextFile', args),
      addMedia: (args) => answer('addMedia', args),
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
