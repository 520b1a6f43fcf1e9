// Composition of the core services behind the contract: the one PlaygroundApi implementation,
// built the same way by the Electron main process and by the e2e harness.
import { join } from 'node:path';
import type { PlaygroundApi } from '../../src-shared/contract';
import { DEFAULT_PREFERENCES, type ThemeChoice } from '../../src-shared/app-settings';
import { CloseGate, mayClose } from './close-gate';
import { openDataFolder, type FolderOpener } from './data-folder';
import { OpenLimit, openExternalLink } from './external-links';
import { AppFailure } from './failure';
import { GeminiClient } from './gemini/client';
import { proxyFromEnv, type SystemProxyResolver } from './gemini/proxy';
import { GenerationService } from './generation';
import { createImagesService } from './images/images-service';
import { createImageSaver } from './images/save-image';
import { createKeyService, noKeyFailure } from './key-service';
import { McpSecrets } from './mcp-secrets';
import type { Dialogs, EmitEvent, Encryptor, Logger, StoreFactory } from './ports';
import type { HeldSecrets } from './redact';
import { SecretsService } from './secrets';
import { BlobStore } from './storage/blobs';
import { createSessionsService } from './sessions/sessions-service';
import { SettingsService, type OriginToApprove } from './settings';
import type { BlobAnswer } from './byte-range';

export interface AppCoreDeps {
  openStore: StoreFactory;
  encryptor: Encryptor;
  env: Record<string, string | undefined>;
  logger: Logger;
  emit: EmitEvent;
  /** shell.openExternal in the app; recorded in tests. Called only with links main validated (external-links.ts). */
  openExternal?: (url: string) => Promise<void>;
  /** shell.openPath in the app (platform/folders.ts); recorded in tests. Only ever given `dataDir`. */
  openFolder?: FolderOpener;
  /** userData in the app, a temp folder in tests: sessions/, trash/, inflight/, blobs/ and the index live here. */
  dataDir: string;
  /** File dialogs, and the confirmation main shows before the API key may go to a new host. */
  dialogs: Dialogs;
  /** The system's proxy settings (session.resolveProxy in the app), asked when the environment names no proxy. */
  systemProxy?: SystemProxyResolver;
  /** Tuning for tests: how long an unreferenced image is kept, how much inline image data one request may carry. */
  images?: { graceMs?: number; inlineBudgetBytes?: number };
}

export interface AppCore {
  api: PlaygroundApi;
  /**
   * Before the window closes: the page saves what is waiting, and the person is asked when it could not
   * (close-gate.ts). true: close.
   */
  mayClose(): Promise<boolean>;
  /** The answer for app://playground/blobs/<sha256> (and the harness's /blobs/) under a Range header, with its type. */
  serveBlob(sha256: string, range: string | null | undefined): Promise<(BlobAnswer & { mimeType: string }) | undefined>;
  /** Start-up collection of unreferenced images (runs once the saved sessions are open). */
  imagesCollected: Promise<unknown>;
  /** The API key and MCP header values as main holds them, for the loggers and error boxes built outside the core to redact. */
  heldSecrets: HeldSecrets;
  /**
   * The theme chosen in the app, read at once: main sets the OS scheme the page sees (nativeTheme) from it before
   * the window exists, so the page's first frame is in it without asking anything.
   */
  savedTheme(): ThemeChoice;
  /**
   * The window's page process ended on its own (window-crashes.ts): its turns are stopped, as it can no longer show
   * them, and what they received is merged into their sessions, so the page loaded again opens them whole.
   */
  windowGone(): Promise<void>;
  dispose(): Promise<void>;
}

export function createAppCore(deps: AppCoreDeps): AppCore {
  const { logger } = deps;
  const blobs = new BlobStore(deps.dataDir);
  // First, so that a settings or key file found damaged below is listed with the other storage problems.
  const sessions = createSessionsService({ dataDir: deps.dataDir, dialogs: deps.dialogs, logger, blobs });
  const setAside = (message: string) => (movedTo: string) =>
    sessions.repository.report({ kind: 'settings', file: movedTo.replace(/\.corrupt-[^/\\]*$/, ''), movedTo, message });
  // Secrets the keyring cannot open this run stay in their file (left in place, so no movedTo).
  const leftInPlace = (name: string) => (message: string) =>
    sessions.repository.report({ kind: 'settings', file: join(deps.dataDir, `${name}.json`), message });
  const secrets = new SecretsService({
    encryptor: deps.encryptor,
    store: deps.openStore('secrets', {
      fileMode: 0o600,
      onRecovered: setAside('The file with your saved API key was damaged and was moved aside: set the key again.'),
    }),
    env: deps.env,
    logger,
    onUnusable: leftInPlace('secrets'),
  });
  // A file of its own: a damaged one costs the headers, not the key.
  const mcpSecrets = new McpSecrets({
    encryptor: deps.encryptor,
    store: deps.openStore('mcp-headers', {
      fileMode: 0o600,
      onRecovered: setAside('The file with your saved MCP server headers was damaged and was moved aside: set them again.'),
    }),
    logger,
    onUnusable: leftInPlace('mcp-headers'),
  });
  const settings = new SettingsService({
    store: deps.openStore('settings', {
      onRecovered: setAside('The settings file was damaged and was moved aside: settings are back to their defaults.'),
    }),
    env: deps.env,
    dataDir: deps.dataDir,
  });
  const client = new GeminiClient({
    getBaseUrl: () => settings.get().baseUrl,
    getApiKey: () => secrets.getKey(),
    logger,
    proxy: proxyFromEnv(deps.env),
    systemProxy: deps.systemProxy,
    timeouts: () => settings.requestTimeouts(),
  });
  const keys = createKeyService({ secrets, listModels: (signal) => client.listModels({ signal }), baseUrl: () => settings.get().baseUrl, logger });
  const images = createImagesService({
    dataDir: deps.dataDir,
    blobs,
    uploader: client,
    limits: () => settings.imageLimits(),
    baseUrl: () => settings.get().baseUrl,
    emit: (event) => deps.emit('upload', event),
    logger,
    ...(deps.images?.graceMs === undefined ? {} : { graceMs: deps.images.graceMs }),
    ...(deps.images?.inlineBudgetBytes === undefined ? {} : { inlineBudgetBytes: deps.images.inlineBudgetBytes }),
  });
  // One question at a time: a page that asks again and again gets refused, not a stack of dialogs.
  let asking = false;
  const approve = async (target: OriginToApprove): Promise<void> => {
    if (asking) throw new AppFailure('FORBIDDEN', 'Another change of the base URL is waiting for your answer.');
    asking = true;
    try {
      const yes = await deps.dialogs
        .confirm({
          title: 'Send your API key to a new host?',
          message: `Send your Gemini API key to ${target.host}?`,
          detail:
            `Every request, with your API key, would go to ${target.url} instead of ${settings.get().baseUrl}. ` +
            'Allow this only if you set up this address yourself (a proxy or a local test server): whoever runs it can use your key.',
          confirmLabel: `Send the key to ${target.host}`,
        })
        .catch((error: unknown) => {
          logger.warn('settings: the confirmation dialog could not be shown', { error: String(error) });
          return false;
        });
      if (!yes) throw new AppFailure('FORBIDDEN', `The base URL was not changed: sending your API key to ${target.host} was not approved.`);
      settings.approveOrigin(target.origin);
    } finally {
      asking = false;
    }
  };
  const generation = new GenerationService({
    client,
    emit: keys.watch(deps.emit),
    logger,
    observer: sessions.journal,
    images: images.sender,
    outputImages: blobs,
    mcpHeaders: (url) => mcpSecrets.headersFor(url),
  });
  // After recovery merged the journals into their sessions, so an image only a crashed turn referred to is kept.
  const imagesCollected = sessions
    .ready()
    .then(() => images.collect())
    .catch((error: unknown) => logger.warn('images: start-up collection failed', { error: String(error) }));

  const closeGate = new CloseGate(deps.emit);
  const openLimit = new OpenLimit();
  const api: PlaygroundApi = {
    getKeyStatus: async () => keys.status(),
    setKey: ({ key }) => keys.setKey(key),
    clearKey: async () => keys.clearKey(),
    setMcpHeaders: async ({ url, headers }) => mcpSecrets.set(url, headers),
    listMcpHeaders: async () => mcpSecrets.list(),
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => {
      const target = settings.originToApprove(patch.baseUrl);
      if (target) await approve(target);
      return settings.update(patch);
    },
    addMedia: async (args) => images.add(args),
    saveImage: createImageSaver({ blobs, dialogs: deps.dialogs }),
    listModels: () => keys.listModels(),
    start: async (request) => {
      if (!secrets.getKey()) throw noKeyFailure(secrets.status().unreadable);
      generation.start(request);
    },
    cancelTurn: async ({ requestIds }) => ({ cancelled: generation.cancel(requestIds) }),
    openExternal: ({ url }) => openExternalLink(url, deps.openExternal, logger, openLimit),
    openDataFolder: () => openDataFolder(deps.dataDir, deps.openFolder, logger),
    closeReady: async (answer) => closeGate.answer(answer),
    ...sessions.api,
    storageProblems: async () => {
      // The page asks for these once, at start: a saved key the keyring cannot open must be among them by then.
      secrets.status();
      return sessions.api.storageProblems();
    },
  };

  return {
    api,
    mayClose: () => mayClose(closeGate, deps.dialogs),
    serveBlob: (sha256, range) => images.serve(sha256, range),
    imagesCollected,
    heldSecrets: () => [...secrets.held(), ...mcpSecrets.held()],
    savedTheme: () => settings.get().theme ?? DEFAULT_PREFERENCES.theme,
    async windowGone() {
      generation.cancel();
      await generation.settled();
      await sessions.recoverNow();
    },
    async dispose() {
      await imagesCollected;
      // Cancelling first lets the journal record how each running turn ended before it is flushed.
      await generation.dispose();
      await sessions.close();
      await client.close();
    },
  };
}
