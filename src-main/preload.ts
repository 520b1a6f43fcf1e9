// Sandboxed preload: exposes window.playground (named methods + on) built from the contract; nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge, type BridgeTransport } from '../src-shared/bridge';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../src-shared/contract';

const invokeChannels = new Set<string>(Object.values(INVOKE_CHANNELS));
const eventChannels = new Set<string>(Object.values(EVENT_CHANNELS));

const transport: BridgeTransport = {
  invoke(channel, arg) {
    if (!invokeChannels.has(channel)) return Promise.reject(new Error('Unknown channel'));
    return ipcRenderer.invoke(channel, arg);
  },
  on(channel, listener) {
    if (!eventChannels.has(channel)) throw new Error('Unknown event');
    // The Electron event object (with its sender) never reaches the page.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.off(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('playground', createBridge(transport));
