// Binds the IPC router to ipcMain for every contract channel, and sends contract events to a window.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type ApiMethod } from '../src-shared/contract';
import type { IpcRouter, SenderInfo } from './core/ipc-router';
import type { EmitEvent } from './core/ports';

/** A destroyed or navigated-away frame has no senderFrame: it gets an untrusted, empty sender. */
function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  if (!frame) return { url: '', isMainFrame: false };
  const main = event.sender.mainFrame;
  // Identity first; the ids cover a wrapper object that is not the same instance for the same frame.
  const isMainFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  return { url: frame.url, isMainFrame };
}

/** Registers one handler per channel; the returned function removes them all. */
export function bindIpc(router: IpcRouter): () => void {
  const channels = Object.entries(INVOKE_CHANNELS) as [ApiMethod, string][];
  for (const [method, channel] of channels) {
    ipcMain.handle(channel, (event, arg: unknown) => router.handle(method, senderOf(event), arg));
  }
  return () => {
    for (const [, channel] of channels) ipcMain.removeHandler(channel);
  };
}

export function createEmitter(contents: WebContents): EmitEvent {
  return (event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNELS[event], payload);
  };
}
