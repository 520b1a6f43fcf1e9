#!/usr/bin/env node
// playground-export: a saved session file in, Python / JavaScript / curl code on stdout (headless, no Electron).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXPORT_LANGUAGES, type ExportLanguage, type ExportOptions, exportCode } from '../src-shared/export/index';
import { type HistoryMode, type Session } from '../src-shared/session';
import { decodeSessionFile, SessionFileError } from './core/sessions/session-file';
import { FileLimitError } from './core/storage/files';
import { NotRegularFileError, readSessionFile } from './cli-file';
import { escapeForTerminal } from './terminal-text';

export const USAGE =
  'Usage: playground-export <session-file> --lang python|javascript|rest [--pane <n>] [--stream] [--history server|stateless] [--inline-images]';

const HELP = `${USAGE}

Prints code that reproduces a saved playground session with the Gemini Interactions API.
  --lang            python, javascript or rest (curl)
  --pane <n>        export pane n (1 = the first) with its whole conversation;
                    without it, a session with several panes exports the whole comparison
  --stream          stream the (last) answer
  --history         how earlier turns reach the model (default: the session's own mode)
  --inline-images   embed images as base64 (needs an export file that carries them)
The key is never written: the code reads GEMINI_API_KEY.`;

/** Usage mistakes exit 2, unreadable or invalid files exit 1. */
export const EXIT = { ok: 0, badFile: 1, usage: 2 } as const;

export interface CliArgs {
  file: string;
  language: ExportLanguage;
  /** 1-based, as people count panes. */
  pane?: number;
  stream: boolean;
  history?: HistoryMode;
  inlineImages: boolean;
}

export type ParsedArgs = { kind: 'run'; args: CliArgs } | { kind: 'help' } | { kind: 'error'; message: string };

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | { error: string } {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  const list = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
  return { error: value === undefined ? `${name} is required (${list})` : `${name} must be ${list}, not "${value}"` };
}

/** Pure: argv (without node and the script) to what to do. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string' },
        pane: { type: 'string' },
        stream: { type: 'boolean', default: false },
        history: { type: 'string' },
        'inline-images': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs explains at length; the first sentence is the reason.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', message: message.split(/\.\s/)[0]!.replace(/\.$/, '') };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1) {
    return { kind: 'error', message: positionals.length === 0 ? 'missing <session-file>' : `expected one session file, got ${positionals.length}` };
  }
  const language = oneOf(values.lang, EXPORT_LANGUAGES, '--lang');
  if (typeof language === 'object') return { kind: 'error', message: language.error };
  let history: HistoryMode | undefined;
  if (values.history !== undefined) {
    const mode = oneOf(values.history, ['server', 'stateless'] as const, '--history');
    if (typeof mode === 'object') return { kind: 'error', message: mode.error };
    history = mode;
  }
  let pane: number | undefined;
  if (values.pane !== undefined) {
    pane = /^\d+$/.test(values.pane) ? Number(values.pane) : NaN;
    if (!Number.isSafeInteger(pane) || pane < 1) return { kind: 'error', message: `--pane must be a pane number from 1, not "${values.pane}"` };
  }
  return {
    kind: 'run',
    args: {
      file: positionals[0]!,
      language,
      ...(pane !== undefined ? { pane } : {}),
      stream: values.stream,
      ...(history ? { history } : {}),
      inlineImages: values['inline-images'],
    },
  };
}

/**
 * A bare Session document, or the export envelope that also carries image bytes; decoded as the app's import
 * does (size cap, nesting limit, migrations, image hashes checked), so both accept exactly the same files.
 */
export function readSessionDocument(bytes: Uint8Array, file: string): { session: Session; images: Record<string, string> } {
  try {
    const decoded = decodeSessionFile(bytes);
    const images = Object.fromEntries([...decoded.images].map(([sha, bytes]) => [sha, bytes.toString('base64')]));
    return { session: decoded.session, images };
  } catch (error) {
    if (error instanceof SessionFileError) throw new CliError(`${escapeForTerminal(file)}: ${error.message}`, EXIT.badFile);
    throw error;
  }
}

export interface CliIo {
  /** Refuses what is not a regular file, or is too large, before reading it (cli-file.ts). */
  readFile(path: string): Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
}

function readError(file: string, error: unknown): CliError {
  return new CliError(`cannot read ${escapeForTerminal(file)}: ${readFailure(error)}`, EXIT.badFile);
}

function readFailure(error: unknown): string {
  if (error instanceof NotRegularFileError) return error.message;
  if (error instanceof FileLimitError) return error.message.replace(/^The file/, 'the file').replace(/\.$/, '');
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
      return 'permission denied';
    case 'ENXIO':
      // What open() says of a socket, or of a device with no driver behind it.
      return 'it is a socket or a device, not a regular file';
    default:
      return String(error);
  }
}

/** The reason on one line: people read it, scripts grep it. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout(`${HELP}\n`);
    return EXIT.ok;
  }
  try {
    if (parsed.kind === 'error') throw new CliError(parsed.message, EXIT.usage);
    const { args } = parsed;
    const bytes = await io.readFile(args.file).catch((error: unknown) => {
      throw readError(args.file, error);
    });
    const { session, images } = readSessionDocument(bytes, args.file);
    if (args.pane !== undefined && args.pane > session.panes.length) {
      throw new CliError(`--pane must be between 1 and ${session.panes.length}: the session has ${session.panes.length} pane(s)`, EXIT.usage);
    }
    const options: ExportOptions = {
      language: args.language,
      stream: args.stream,
      ...(args.history ? { history: args.history } : {}),
      inlineImages: args.inlineImages,
      images: Object.fromEntries(Object.entries(images).map(([sha, base64]) => [sha, { base64 }])),
    };
    io.stdout(exportCode({ session, ...(args.pane !== undefined ? { paneIndex: args.pane - 1 } : {}) }, options));
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof CliError && error.exitCode === EXIT.usage ? ' (see --help)' : '';
    // The message may quote the file (a JSON key, a value, its name): what reaches the terminal is never a control sequence.
    io.stderr(`playground-export: ${escapeForTerminal(oneLine(message))}${hint}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.badFile;
  }
}

/** True when this file is the program (node, a bin symlink, tsx), false when a test imports it. */
function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const io: CliIo = {
    readFile: (path) => readSessionFile(path),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
