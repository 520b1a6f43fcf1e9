// Builds window.playground from the contract over any transport: ipcRenderer in the preload, Playwright in e2e.
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type ApiMethod,
  type IpcErrorBody,
  type IpcResult,
  type PlaygroundBridge,
  type PlaygroundEvents,
  type Unsubscribe,
} from './contract';

export interface BridgeTransport {
  invoke(channel: string, arg: unknown): Promise<IpcResult<unknown>>;
  on(channel: string, listener: (payload: unknown) => void): Unsubscribe;
}

/** A failed IPC call, with the code main chose (BAD_REQUEST, NO_KEY, …). */
export class BridgeError extends Error {
  readonly code: IpcErrorBody['code'];
  readonly keyUnreadable: IpcErrorBody['keyUnreadable'];
  constructor(body: IpcErrorBody) {
    super(body.message);
    this.name = 'BridgeError';
    this.code = body.code;
    this.keyUnreadable = body.keyUnreadable;
  }
}

export function isBridgeError(e: unknown): e is BridgeError {
  return e instanceof Error && e.name === 'BridgeError' && 'code' in e;
}

/** The renderer's side of the envelope: a value, or a BridgeError carrying main's code. */
export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new BridgeError(result.error);
}

export function createBridge(transport: BridgeTransport): PlaygroundBridge {
  const methods: Record<string, (arg?: unknown) => Promise<IpcResult<unknown>>> = {};
  for (const method of Object.keys(INVOKE_CHANNELS) as ApiMethod[]) {
    const channel = INVOKE_CHANNELS[method];
    methods[method] = (arg?: unknown) => transport.invoke(channel, arg);
  }
  const on = <E extends keyof PlaygroundEvents>(
    event: E,
    listener: (payload: PlaygroundEvents[E]) => void,
  ): Unsubscribe => {
    const channel = EVENT_CHANNELS[event];
    if (!channel) throw new Error(`unknown event ${String(event)}`);
    return transport.on(channel, (payload) => listener(payload as PlaygroundEvents[E]));
  };
  return { ...methods, on } as unknown as PlaygroundBridge;
}
