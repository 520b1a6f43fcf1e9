// The one IPC contract between renderer and main: methods, events, channel names and the result envelope.
import type {
  AppError,
  KeyStatus,
  McpHeaderStatus,
  ModelList,
  Settings,
  SettingsPatch,
  StartTurnRequest,
  TurnEvent,
  UploadEvent,
} from './domain';
import type { ThemeChoice } from './app-settings';
import type { MediaRef, Session, SessionSummary, StorageProblem } from './session';
import type { ResultsDelta } from './eval/results-delta';

/** Renderer → main. Every method takes at most one plain-object argument and is validated in main. */
export interface PlaygroundApi {
  getKeyStatus(): Promise<KeyStatus>;
  /** The key travels one way: main keeps it and answers with the status only. */
  setKey(args: { key: string }): Promise<KeyStatus>;
  clearKey(): Promise<KeyStatus>;
  /**
   * Keeps an MCP server's headers (tokens) in main, encrypted like the key, for requests that name the server's
   * `url`; an empty `headers` forgets them. Answers with the names only: values never come back to the renderer,
   * and never appear in the request shown, in exports or in logs.
   */
  setMcpHeaders(args: { url: string; headers: Record<string, string> }): Promise<McpHeaderStatus>;
  /** The servers main holds headers for, by name only. */
  listMcpHeaders(): Promise<McpHeaderStatus[]>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  listModels(): Promise<ModelList>;
  /**
   * Checks a file (an image, document, audio or video: type by its bytes, size by its kind), stores it in the
   * app's data folder under its sha256 and answers with the reference to put in TurnInput.images. Refused with
   * BAD_REQUEST and a message naming the file and the reason ("notes.pdf is not a PDF (it is plain text)",
   * "empty.png is empty", "big.png is 31 MB; the limit is 20 MB"). Show it with `mediaUrl(ref.sha256)`
   * (src-shared/media.ts); `mediaKindOf(ref.mimeType)` is the part type it is sent as.
   */
  addMedia(args: { name: string; bytes: Uint8Array }): Promise<MediaRef>;
  /**
   * Starts one request per pane (Send, Retry and repeat-run samples alike), each under the `requestId` the
   * renderer chose and routes by; their events follow on `turn` and `upload`. Refused with BAD_REQUEST, and
   * nothing started, when an id is still running or given twice.
   */
  start(request: StartTurnRequest): Promise<void>;
  /** Stops the given requests, or every running one when `requestIds` is absent. */
  cancelTurn(args: { requestIds?: string[] }): Promise<{ cancelled: number }>;
  /** Opens an http(s) link in the system browser after validation in main. */
  openExternal(args: { url: string }): Promise<{ opened: boolean }>;
  /**
   * Opens the app's data folder (Settings.dataDir) in the system's file manager; nothing else can be opened this
   * way. `opened: false` where nothing is set up to open folders; a failure of the system's opener says why.
   */
  openDataFolder(): Promise<{ opened: boolean }>;
  /**
   * The page's answer to `closing`: whether the open session as it is now is on disk (`problem`: why not). Main
   * closes the window once it hears it, and asks the person first when `saved` is false.
   */
  closeReady(args: { saved: boolean; problem?: string }): Promise<void>;

  /** Newest first. `query` matches every word against titles and prompt text (case-insensitive). */
  listSessions(args: { query?: string }): Promise<SessionSummary[]>;
  getSession(args: { id: string }): Promise<Session>;
  /**
   * Writes the document (autosave); main stamps and returns the time it saved. With `results`, the test set's
   * results are sent as a change of the version saved at `results.since` (the document's own `testSet.results` is
   * then empty and ignored), so a save during a large run sends the cells that finished, not all of them; CONFLICT
   * when the saved document is not that version (another save came between): nothing is written, send it whole.
   */
  saveSession(args: { session: Session; results?: ResultsDelta }): Promise<{ updatedAt: string }>;
  /**
   * The person removed these turns from the session (with their pane, or by clearing the conversation): main drops
   * what it journaled of them for crash recovery at once, saved or not, so a restart never brings them back. A save
   * without a turn does not say this: the page that sends it may have reloaded and never known the turn.
   */
  discardTurns(args: { sessionId: string; turnIds: string[] }): Promise<void>;
  /** Moves the session to the trash; the token undoes it (old trash is purged after 30 days). */
  deleteSession(args: { id: string }): Promise<{ undoToken: string }>;
  restoreSession(args: { undoToken: string }): Promise<SessionSummary>;
  /** A copy under a new id, titled "… (copy)". */
  duplicateSession(args: { id: string }): Promise<Session>;
  /** Save dialog, then a session file with the bytes of its images; `saved: false` when cancelled. */
  exportSessionFile(args: { id: string }): Promise<{ saved: boolean; path?: string }>;
  /** Open dialog, then checks and adds the file's session; nothing changes when `error` is set; `{}` when cancelled. */
  importSessionFile(): Promise<{ session?: Session; error?: string }>;
  /** Save dialog, then the conversation as markdown: one pane (`paneIndex`) or all of them. */
  exportTranscript(args: { id: string; paneIndex?: number }): Promise<{ saved: boolean; path?: string }>;
  /** Files found damaged during this run and set aside, so the UI can tell the person. */
  storageProblems(): Promise<StorageProblem[]>;
  /**
   * Save dialog (starting at `suggestedName`), then `text` written as a UTF-8 file: generated code and the
   * like, never anything from the app's data folder. `saved: false` when cancelled.
   */
  saveTextFile(args: { suggestedName: string; text: string }): Promise<{ saved: boolean; path?: string }>;
  /**
   * Folder dialog, then each file written into the chosen folder under its `name` (a file name, no folders; names
   * unique): a script and the files it reads beside it. `saved: false` when cancelled; `paths` in the order given.
   */
  saveFilesToFolder(args: { files: { name: string; text: string }[] }): Promise<{ saved: boolean; folder?: string; paths?: string[] }>;
  /** Save dialog (starting at `suggestedName`), then a stored image (one the model made) written as it is. */
  saveImage(args: { sha256: string; suggestedName: string }): Promise<{ saved: boolean; path?: string }>;
}

/**
 * What the application menu asks of the window: the page runs the same code as its own buttons, so a menu item
 * and the button it stands for cannot drift apart.
 */
export type AppCommand =
  | { command: 'new-session' | 'import-session' | 'export-session' | 'open-settings' | 'toggle-sidebar' | 'show-shortcuts' }
  | { command: 'set-theme'; theme: ThemeChoice };

/** Main → renderer. */
export interface PlaygroundEvents {
  turn: TurnEvent;
  /** Files API upload progress of a turn's images, before its `started` event. */
  upload: UploadEvent;
  /** An application menu item chosen while this window had the focus. */
  command: AppCommand;
  /** An error nothing in main caught, redacted, in words for the window: main goes on running. */
  fault: { message: string };
  /** The window is about to close (or the app to quit): write what is not saved yet, then call `closeReady`. */
  closing: Record<string, never>;
}

export type ApiMethod = keyof PlaygroundApi;
export type ApiArg<M extends ApiMethod> = Parameters<PlaygroundApi[M]> extends [infer A] ? A : undefined;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<PlaygroundApi[M]>>;

export const INVOKE_CHANNELS = {
  getKeyStatus: 'pg:key:status',
  setKey: 'pg:key:set',
  clearKey: 'pg:key:clear',
  setMcpHeaders: 'pg:mcp:set-headers',
  listMcpHeaders: 'pg:mcp:list-headers',
  getSettings: 'pg:settings:get',
  updateSettings: 'pg:settings:update',
  listModels: 'pg:models:list',
  addMedia: 'pg:media:add',
  start: 'pg:turn:start',
  cancelTurn: 'pg:turn:cancel',
  openExternal: 'pg:shell:open-external',
  openDataFolder: 'pg:shell:open-data-folder',
  closeReady: 'pg:window:close-ready',
  listSessions: 'pg:sessions:list',
  getSession: 'pg:sessions:get',
  saveSession: 'pg:sessions:save',
  discardTurns: 'pg:sessions:discard-turns',
  deleteSession: 'pg:sessions:delete',
  restoreSession: 'pg:sessions:restore',
  duplicateSession: 'pg:sessions:duplicate',
  exportSessionFile: 'pg:sessions:export-file',
  importSessionFile: 'pg:sessions:import-file',
  exportTranscript: 'pg:sessions:export-transcript',
  storageProblems: 'pg:storage:problems',
  saveTextFile: 'pg:files:save-text',
  saveFilesToFolder: 'pg:files:save-to-folder',
  saveImage: 'pg:files:save-image',
} as const satisfies Record<ApiMethod, `pg:${string}:${string}`>;

export const EVENT_CHANNELS = {
  turn: 'pg:event:turn',
  upload: 'pg:event:upload',
  command: 'pg:event:command',
  fault: 'pg:event:fault',
  closing: 'pg:event:closing',
} as const satisfies Record<keyof PlaygroundEvents, `pg:event:${string}`>;

/** A refusal's code and message, and for a saved key the keyring cannot open, why (AppError.keyUnreadable). */
export type IpcErrorBody = Pick<AppError, 'code' | 'message' | 'keyUnreadable'>;

/** Electron keeps only `message` of a thrown error, so handlers answer with an envelope instead. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorBody };

export type Unsubscribe = () => void;

/**
 * What `window.playground` is: named methods only, plus event subscription. Methods resolve to the
 * envelope rather than throwing, because contextBridge copies thrown errors without their fields.
 */
export type PlaygroundBridge = {
  [M in ApiMethod]: (...args: Parameters<PlaygroundApi[M]>) => Promise<IpcResult<ApiResult<M>>>;
} & {
  on<E extends keyof PlaygroundEvents>(event: E, listener: (payload: PlaygroundEvents[E]) => void): Unsubscribe;
};
