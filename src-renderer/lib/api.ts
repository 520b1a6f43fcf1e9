// The renderer's only door to main: wraps window.playground, unwraps IpcResult envelopes, sends plain data only.
import { unwrap } from '../../src-shared/bridge';
import type { AppCommand, PlaygroundBridge, Unsubscribe } from '../../src-shared/contract';
import type { KeyStatus, McpHeaderStatus, ModelList, Settings, SettingsPatch, StartTurnRequest, TurnEvent, UploadEvent } from '../../src-shared/domain';
import type { ResultsDelta } from '../../src-shared/eval/results-delta';
import type { ImageRef, Session, SessionSummary, StorageProblem } from '../../src-shared/session';

/** The saved-sessions methods, unwrapped (contract.ts documents each). */
export interface SessionsApi {
  listSessions(query?: string): Promise<SessionSummary[]>;
  getSession(id: string): Promise<Session>;
  /** `results`: the test set's results as a change of the saved version it names (contract.ts). */
  saveSession(session: Session, results?: ResultsDelta): Promise<{ updatedAt: string }>;
  /** The person removed these turns: main forgets its crash journals of them (contract.ts). */
  discardTurns(sessionId: string, turnIds: string[]): Promise<void>;
  deleteSession(id: string): Promise<{ undoToken: string }>;
  restoreSession(undoToken: string): Promise<SessionSummary>;
  duplicateSession(id: string): Promise<Session>;
  exportSessionFile(id: string): Promise<{ saved: boolean; path?: string }>;
  importSessionFile(): Promise<{ session?: Session; error?: string }>;
  exportTranscript(id: string, paneIndex?: number): Promise<{ saved: boolean; path?: string }>;
  storageProblems(): Promise<StorageProblem[]>;
}

/** What the state classes use; every method throws a BridgeError (with main's code) when main says no. */
export interface Api extends SessionsApi {
  getKeyStatus(): Promise<KeyStatus>;
  /** The key goes one way; the answer is the status only. */
  setKey(key: string): Promise<KeyStatus>;
  clearKey(): Promise<KeyStatus>;
  /** An MCP server's header values go one way, like the key; the answer names the headers main holds. */
  setMcpHeaders(url: string, headers: Record<string, string>): Promise<McpHeaderStatus>;
  listMcpHeaders(): Promise<McpHeaderStatus[]>;
  listModels(): Promise<ModelList>;
  getSettings(): Promise<Settings>;
  /** A new base URL origin is confirmed by the person in main first; a refusal is FORBIDDEN, a bad value BAD_REQUEST. */
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** Opens the app's data folder in the file manager; false where nothing can. */
  openDataFolder(): Promise<boolean>;
  /** Starts each pane's request under the id it carries; route its events before calling (contract.ts). */
  start(request: StartTurnRequest): Promise<void>;
  /** Stops the given requests, or every running one when `requestIds` is absent. */
  cancelTurn(requestIds?: string[]): Promise<number>;
  openExternal(url: string): Promise<boolean>;
  /** Save dialog, then the text as a file; `saved: false` when the person cancelled. */
  saveTextFile(suggestedName: string, text: string): Promise<{ saved: boolean; path?: string }>;
  saveFilesToFolder(files: { name: string; text: string }[]): Promise<{ saved: boolean; folder?: string; paths?: string[] }>;
  saveImage(sha256: string, suggestedName: string): Promise<{ saved: boolean; path?: string }>;
  onTurn(listener: (event: TurnEvent) => void): Unsubscribe;
  /** Checks and stores an image, document, audio or video; BAD_REQUEST names the file and the reason. The bytes cross as they are. */
  addMedia(args: { name: string; bytes: Uint8Array }): Promise<ImageRef>;
  /** Files API upload progress of turns' images. */
  onUpload(listener: (event: UploadEvent) => void): Unsubscribe;
  /** Application menu items chosen while this window had the focus. */
  onCommand(listener: (command: AppCommand) => void): Unsubscribe;
  /** Errors nothing in main caught, in one redacted sentence each. */
  onFault(listener: (message: string) => void): Unsubscribe;
  /** The window is about to close: save, then answer with `closeReady`. */
  onClosing(listener: () => void): Unsubscribe;
  /** Whether the open session as it is now is on disk, so that main may close the window. */
  closeReady(saved: boolean, problem?: string): Promise<void>;
}

/**
 * A structured-clone-safe copy of plain data. Svelte's `$state` proxies cannot cross contextBridge, and
 * `$state.snapshot` is a rune that only compiles inside .svelte(.ts) files, so this module does the same
 * walk itself: arrays and plain objects are copied through their (possibly proxied) getters.
 */
export function toPlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => toPlain(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) copy[key] = toPlain(item);
  }
  return copy as T;
}

export function createApi(bridge: PlaygroundBridge): Api {
  return {
    getKeyStatus: async () => unwrap(await bridge.getKeyStatus()),
    setKey: async (key) => unwrap(await bridge.setKey({ key })),
    clearKey: async () => unwrap(await bridge.clearKey()),
    setMcpHeaders: async (url, headers) => unwrap(await bridge.setMcpHeaders({ url, headers: { ...headers } })),
    listMcpHeaders: async () => unwrap(await bridge.listMcpHeaders()),
    listModels: async () => unwrap(await bridge.listModels()),
    getSettings: async () => unwrap(await bridge.getSettings()),
    updateSettings: async (patch) => unwrap(await bridge.updateSettings({ ...patch })),
    openDataFolder: async () => unwrap(await bridge.openDataFolder()).opened,
    start: async (request) => unwrap(await bridge.start(toPlain(request))),
    cancelTurn: async (requestIds) =>
      unwrap(await bridge.cancelTurn(requestIds ? { requestIds: [...requestIds] } : {})).cancelled,
    openExternal: async (url) => unwrap(await bridge.openExternal({ url })).opened,
    saveTextFile: async (suggestedName, text) => unwrap(await bridge.saveTextFile({ suggestedName, text })),
    saveFilesToFolder: async (files) => unwrap(await bridge.saveFilesToFolder({ files })),
    saveImage: async (sha256, suggestedName) => unwrap(await bridge.saveImage({ sha256, suggestedName })),
    onTurn: (listener) => bridge.on('turn', listener),
    // Not through toPlain: a Uint8Array must stay one (structured clone carries it).
    addMedia: async ({ name, bytes }) => unwrap(await bridge.addMedia({ name, bytes })),
    onUpload: (listener) => bridge.on('upload', listener),
    onCommand: (listener) => bridge.on('command', listener),
    onFault: (listener) => bridge.on('fault', (fault) => listener(fault.message)),
    onClosing: (listener) => bridge.on('closing', () => listener()),
    closeReady: async (saved, problem) => unwrap(await bridge.closeReady({ saved, ...(problem ? { problem } : {}) })),
    listSessions: async (query) => unwrap(await bridge.listSessions(query ? { query } : {})),
    getSession: async (id) => unwrap(await bridge.getSession({ id })),
    saveSession: async (session, results) =>
      unwrap(await bridge.saveSession(results ? { session: toPlain(session), results: toPlain(results) } : { session: toPlain(session) })),
    discardTurns: async (sessionId, turnIds) => unwrap(await bridge.discardTurns({ sessionId, turnIds: [...turnIds] })),
    deleteSession: async (id) => unwrap(await bridge.deleteSession({ id })),
    restoreSession: async (undoToken) => unwrap(await bridge.restoreSession({ undoToken })),
    duplicateSession: async (id) => unwrap(await bridge.duplicateSession({ id })),
    exportSessionFile: async (id) => unwrap(await bridge.exportSessionFile({ id })),
    importSessionFile: async () => unwrap(await bridge.importSessionFile()),
    exportTranscript: async (id, paneIndex) =>
      unwrap(await bridge.exportTranscript(paneIndex === undefined ? { id } : { id, paneIndex })),
    storageProblems: async () => unwrap(await bridge.storageProblems()),
  };
}

/** window.playground as the preload (or the e2e harness) installed it; undefined when opened elsewhere. */
export function windowBridge(): PlaygroundBridge | undefined {
  const candidate = (window as unknown as { playground?: PlaygroundBridge }).playground;
  return candidate && typeof candidate.start === 'function' ? candidate : undefined;
}
