// The seams between core logic and its surroundings (Electron, files, time), so core runs under plain Node.
import type { PlaygroundEvents } from '../../src-shared/contract';
import type { PaneTurnRequest, TerminalTurnEvent, TurnInput } from '../../src-shared/domain';
import type { Step } from '../../src-shared/interactions';

/** safeStorage in the app; a fake in tests. */
export interface Encryptor {
  isAvailable(): boolean;
  /** Linux backend name (e.g. "basic_text", "gnome_libsecret"); undefined elsewhere. */
  backend(): string | undefined;
  encrypt(plain: string): Uint8Array;
  decrypt(cipher: Uint8Array): string;
}

/** electron-store in the app, conf in tests: both write atomically. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Electron's dialog in the app (platform/dialogs.ts), a scripted fake in tests and the e2e harness. */
export interface FileDialogs {
  /** The chosen absolute path, or undefined when the person cancelled. */
  showSaveDialog(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | undefined>;
  /** `folder`: a folder is chosen (and may be made there), not a file. */
  showOpenDialog(options: { title: string; filters: FileFilter[]; folder?: boolean }): Promise<string | undefined>;
}

/** A native question asked by main: nothing in the window can see, answer or dismiss it on the person's behalf. */
export interface ConfirmDialogs {
  /** True only when the person chose `confirmLabel`; Cancel and closing the dialog are a no. */
  confirm(options: { title: string; message: string; detail: string; confirmLabel: string }): Promise<boolean>;
}

export type Dialogs = FileDialogs & ConfirmDialogs;

export type StoreFactory = (
  name: string,
  /** `onRecovered`: the file no longer parsed and was moved aside to `movedTo`; the store starts empty. */
  options?: { fileMode?: number; onRecovered?: (movedTo: string) => void },
) => KeyValueStore;

export interface Clock {
  now(): number;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** What a turn has produced so far; computed only when an observer asks (steps are copied). */
export interface TurnSnapshot {
  text: string;
  thought: string;
  steps: Step[];
  /** Set once the answer was cut at the per-answer limit (limits.ts MAX_ANSWER_CHARS). */
  truncatedAt?: number;
}

/**
 * What GenerationService tells a watcher of its turns (the in-flight journal, sessions/inflight-journal.ts).
 * Called synchronously; a throwing observer is logged and ignored, never fails a turn.
 */
export interface TurnObserver {
  started(turn: { requestId: string; sessionId?: string; pane: PaneTurnRequest; input: TurnInput }): void;
  /** After new text, thought or a finished step; `snapshot` is cheap to pass and costly to call. */
  progress(requestId: string, snapshot: () => TurnSnapshot): void;
  /** After the last event was sent: the terminal event, or the short error in its place when the window could not take it (last-event.ts), taken or not. */
  finished(event: TerminalTurnEvent): void;
}

/** Pushes an event to the renderer (webContents.send in the app, page.evaluate in e2e). */
export type EmitEvent = <E extends keyof PlaygroundEvents>(event: E, payload: PlaygroundEvents[E]) => void;

export const systemClock: Clock = { now: () => performance.now() };

/** A level that prints nothing: a logger wrapping one can skip preparing its records. */
export const silent: Logger['debug'] = () => {};

export const silentLogger: Logger = { debug: silent, info: silent, warn: silent, error: silent };

/** Console logger for the app; callers never pass key material in `data`. */
export const consoleLogger: Logger = {
  debug: process.env.PG_DEBUG ? (m, d) => console.debug(`[pg] ${m}`, d ?? '') : silent,
  info: (m, d) => console.info(`[pg] ${m}`, d ?? ''),
  warn: (m, d) => console.warn(`[pg] ${m}`, d ?? ''),
  error: (m, d) => console.error(`[pg] ${m}`, d ?? ''),
};
