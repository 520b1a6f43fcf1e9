// The sessions half of PlaygroundApi: repository, start-up recovery, in-flight journal, blobs, and
// the file dialogs for export / import / transcript / text files — composed once, the same in the app and in e2e.
import { basename, dirname, join } from 'node:path';
import type { PlaygroundApi } from '../../../src-shared/contract';
import type { Session } from '../../../src-shared/session';
import { withoutAttached } from '../../../src-shared/session-attached';
import { transcriptImageFile, transcriptImages, transcriptMarkdown } from '../../../src-shared/transcript';
import type { Timers } from '../../../src-shared/timers';
import { AppFailure } from '../failure';
import type { Dialogs, Logger } from '../ports';
import { FileLimitError, nodeFs, readFileCapped, writeFileAtomic, type FsPort } from '../storage/files';
import type { Walk } from '../value-budget';
import { BlobStore } from '../storage/blobs';
import { sniffImage } from '../images/sniff';
import { InflightJournal } from './inflight-journal';
import { recoverInflight } from './inflight-recovery';
import { SessionRepository } from './repository';
import { storageFailure, storageReason } from '../storage/storage-failure';
import { MAX_IMPORT_BYTES, SessionFileError, checkExportable, decodeSessionFile, encodeSessionFile, referencedImages } from './session-file';
import { sentence } from '../sentence';

export type SessionsApi = Pick<
  PlaygroundApi,
  | 'listSessions'
  | 'getSession'
  | 'saveSession'
  | 'discardTurns'
  | 'deleteSession'
  | 'restoreSession'
  | 'duplicateSession'
  | 'exportSessionFile'
  | 'importSessionFile'
  | 'exportTranscript'
  | 'storageProblems'
  | 'saveTextFile'
  | 'saveFilesToFolder'
>;

export interface SessionsDeps {
  dataDir: string;
  /** File dialogs, and the question before files already in a chosen folder are replaced. */
  dialogs: Dialogs;
  logger: Logger;
  fs?: FsPort;
  now?: () => number;
  timers?: Timers;
  /** Shared with the images service; one over dataDir by default. */
  blobs?: BlobStore;
}

export interface SessionsService {
  api: SessionsApi;
  repository: SessionRepository;
  /** The generation service's observer. */
  journal: InflightJournal;
  /** Index loaded and a previous run's journals merged. */
  ready(): Promise<void>;
  /**
   * The window's page ended with turns it never saved (AppCore.windowGone): the journals written so far merged into
   * their sessions now, as a start would, so the page loaded again opens them with those answers.
   */
  recoverNow(): Promise<void>;
  close(): Promise<void>;
}

/** Files written for people to open elsewhere are not private to the app. */
const SHARED_FILE_MODE = 0o644;

export function createSessionsService(deps: SessionsDeps): SessionsService {
  const fs = deps.fs ?? nodeFs;
  const { logger, dialogs } = deps;
  const repository = new SessionRepository({ dir: deps.dataDir, logger, fs, ...(deps.now ? { now: deps.now } : {}) });
  const blobs = deps.blobs ?? new BlobStore(deps.dataDir, fs);
  const inflightDir = join(deps.dataDir, 'inflight');

  const recover = (reportEarlier = true) =>
    recoverInflight({ dir: inflightDir, repo: repository, logger, fs, reportEarlier, ...(deps.now ? { now: deps.now } : {}) });
  let starting: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    starting ??= repository
      .open()
      .then(() => recover())
      .then(
        () => undefined,
        (error: unknown) => {
          starting = undefined;
          throw storageFailure('open your saved sessions', error);
        },
      );
    return starting;
  };
  const journal = new InflightJournal({
    dir: inflightDir,
    logger,
    fs,
    ready: ready(),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.timers ? { timers: deps.timers } : {}),
  });
  repository.onSaved((session) => journal.noteSaved(session));
  void ready().catch((error: unknown) => logger.error('sessions: start-up failed', { error: String(error) }));

  const writeForPerson = async (path: string, text: string | Uint8Array, what: string) => {
    try {
      await writeFileAtomic(fs, path, text, { mode: SHARED_FILE_MODE });
    } catch (error) {
      throw storageFailure(`write the ${what}`, error, { folder: 'the chosen folder' });
    }
  };

  /**
   * Asks before replacing files the person did not pick one by one (a folder's worth, the images beside a
   * transcript): the OS dialogs only ask about the one file they name. True when nothing is in the way.
   */
  const mayReplace = async (paths: readonly string[]): Promise<boolean> => {
    const there: string[] = [];
    for (const path of paths) if (await fs.stat(path).then(() => true, () => false)) there.push(basename(path));
    if (there.length === 0) return true;
    const folder = basename(dirname(paths[0]!));
    return dialogs.confirm({
      title: 'Replace files?',
      message: there.length === 1 ? `“${there[0]}” is already in ${folder}.` : `${there.length} of these files are already in ${folder}.`,
      detail: `Replacing overwrites what is there now:\n${there.join('\n')}`,
      confirmLabel: 'Replace',
    });
  };

  const api: SessionsApi = {
    listSessions: async ({ query }) => (await ready(), repository.list(query)),
    getSession: async ({ id }) => (await ready(), repository.get(id)),
    // The IPC router walked the argument (ipc-router.ts): the session, a level down, is one level less deep.
    saveSession: async ({ session, results }, walked?: Walk) => (await ready(), repository.save(session, results, walked && { depth: walked.depth - 1 })),
    discardTurns: async ({ sessionId, turnIds }) => journal.discard(sessionId, turnIds),
    deleteSession: async ({ id }) => (await ready(), repository.delete(id)),
    restoreSession: async ({ undoToken }) => (await ready(), repository.restore(undoToken)),
    duplicateSession: async ({ id }) => (await ready(), repository.duplicate(id)),
    storageProblems: async () => {
      await ready().catch(() => undefined);
      return repository.problems();
    },

    exportSessionFile: async ({ id }) => {
      await ready();
      const session = withoutAttached(await repository.get(id));
      const shas = referencedImages(session);
      const sizes: number[] = [];
      for (const sha of shas) {
        const size = (await blobs.stat(sha).catch(() => undefined))?.size;
        if (size !== undefined) sizes.push(size);
      }
      // Before the dialog: a file import would refuse is never written, and the person learns why before choosing where.
      exportable(() => checkExportable(session, sizes));
      const path = await dialogs.showSaveDialog({
        title: 'Export session',
        defaultName: `${fileNameFor(session.title)}.json`,
        filters: [{ name: 'Playground session', extensions: ['json'] }],
      });
      if (!path) return { saved: false };
      const images: Record<string, string> = {};
      for (const sha of shas) {
        const bytes = await blobs.read(sha).catch(() => undefined);
        if (bytes) images[sha] = bytes.toString('base64');
        else logger.warn('export: an image of the session is missing', { sha: sha.slice(0, 12) });
      }
      await writeForPerson(path, exportable(() => encodeSessionFile(session, images)), 'session file');
      return { saved: true, path };
    },

    importSessionFile: async () => {
      await ready();
      const path = await dialogs.showOpenDialog({
        title: 'Import session',
        filters: [{ name: 'Playground session', extensions: ['json'] }],
      });
      if (!path) return {};
      const name = basename(path);
      let session: Session;
      let images: Map<string, Buffer>;
      try {
        const decoded = decodeSessionFile(await readFileCapped(fs, path, MAX_IMPORT_BYTES));
        const unavailable: string[] = [];
        for (const sha of decoded.missing) if (!(await blobs.has(sha))) unavailable.push(sha);
        if (unavailable.length > 0) {
          throw new SessionFileError(`The session refers to ${unavailable.length} image(s) that the file does not contain.`);
        }
        ({ images } = decoded);
        // A document copied from sessions/ may hold unsent files whose bytes the file does not carry.
        session = withoutAttached(decoded.session);
      } catch (error) {
        return { error: `Could not import “${name}”: ${describeReadError(error)} Nothing was changed.` };
      }
      try {
        // Images first: a session is only added once everything it refers to is stored.
        for (const bytes of images.values()) await blobs.write(bytes);
        return { session: await repository.add(session) };
      } catch (error) {
        return { error: `Could not import “${name}”: ${storageFailure('store it', error).message}` };
      }
    },

    exportTranscript: async ({ id, paneIndex }) => {
      await ready();
      const session = await repository.get(id);
      if (paneIndex !== undefined && !session.panes[paneIndex]) {
        throw new AppFailure('BAD_REQUEST', `This session has ${session.panes.length} pane(s).`);
      }
      const suffix = paneIndex === undefined || session.panes.length === 1 ? '' : ` - pane ${paneIndex + 1}`;
      const path = await dialogs.showSaveDialog({
        title: 'Export transcript',
        defaultName: `${fileNameFor(session.title)}${suffix}.md`,
        filters: [{ name: 'Markdown', extensions: ['md'] }],
      });
      if (!path) return { saved: false };
      // The answers' images go beside the Markdown, which links them; one no longer stored is named, not linked.
      // Each is written only as what its bytes are: the step's mime_type may come from a session file someone
      // else made, and bytes that are no image (HTML, a script) must never land beside it as a file to double-click.
      const stem = basename(path).replace(/\.md$/i, '');
      const images: { file: string; bytes: Uint8Array; sha256: string }[] = [];
      const notImages = new Set<string>();
      for (const sha256 of transcriptImages(session, paneIndex)) {
        const bytes = await blobs.read(sha256).catch(() => undefined);
        if (!bytes) continue;
        const sniffed = sniffImage(bytes);
        if (sniffed.kind === 'image') images.push({ sha256, bytes, file: transcriptImageFile(stem, images.length + 1, sniffed.mimeType) });
        else notImages.add(sha256);
      }
      if (notImages.size > 0) logger.warn('transcript: stored answer images that are not images were left out', { count: notImages.size });
      if (!(await mayReplace(images.map((image) => join(dirname(path), image.file))))) return { saved: false };
      await writeForPerson(path, transcriptMarkdown(session, paneIndex, new Map(images.map((i) => [i.sha256, i.file])), notImages), 'transcript');
      for (const image of images) await writeForPerson(join(dirname(path), image.file), image.bytes, `image ${image.file}`);
      return { saved: true, path };
    },

    saveTextFile: async ({ suggestedName, text }) => {
      const name = fileNameFor(basename(suggestedName));
      const extension = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1];
      const path = await dialogs.showSaveDialog({
        title: 'Save code',
        defaultName: name,
        filters: extension ? [{ name: `.${extension} file`, extensions: [extension] }] : [],
      });
      if (!path) return { saved: false };
      await writeForPerson(path, text, 'file');
      return { saved: true, path };
    },

    saveFilesToFolder: async ({ files }) => {
      const folder = await dialogs.showOpenDialog({ title: 'Save into folder', filters: [], folder: true });
      if (!folder) return { saved: false };
      const paths = files.map((file) => join(folder, fileNameFor(basename(file.name))));
      if (!(await mayReplace(paths))) return { saved: false };
      for (const [i, file] of files.entries()) await writeForPerson(paths[i]!, file.text, `file ${basename(paths[i]!)}`);
      return { saved: true, folder, paths };
    },
  };

  return {
    api,
    repository,
    journal,
    ready,
    async recoverNow() {
      await ready();
      await journal.idle();
      await recover(false);
    },
    async close() {
      await journal.flush();
      await repository.close();
    },
  };
}

/** A session file import would refuse, as a failure the renderer shows: its message names the limit. */
function exportable<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof SessionFileError) throw new AppFailure('BAD_REQUEST', error.message);
    throw error;
  }
}

function describeReadError(error: unknown): string {
  if (error instanceof SessionFileError || error instanceof FileLimitError) return sentence(error.message);
  return `${storageReason(error)}.`;
}

/** A title as a file name on every platform: no separators, reserved or control characters. */
export function fileNameFor(title: string): string {
  const name = title
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim();
  return name === '' ? 'session' : name;
}
