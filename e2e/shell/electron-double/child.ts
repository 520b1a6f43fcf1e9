// The child process a shell test boots: installs the double's world, maps 'electron' to it, imports the built
// main bundle as Electron would, emits `ready`, then answers the test's requests over the IPC channel. Unhandled
// rejections and uncaught exceptions are recorded, not fatal, because Electron's main process keeps running after
// them — which is how a failed start-up used to leave a process without a window.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Rectangle } from './screen';
import { DOUBLE_VERSIONS } from './versions';
import { World, installWorld, type IpcSender, type WorldOptions } from './world';

interface Request {
  id: number;
  op: string;
  args: Record<string, unknown>;
}

const { main, options } = JSON.parse(process.env.PG_DOUBLE_BOOT ?? '{}') as { main: string; options: WorldOptions & { manualReady?: boolean } };
const unhandled: string[] = [];

const send = (message: unknown, then?: () => void) => process.send?.(message, undefined, {}, () => then?.());

const world = installWorld(
  new World({
    ...options,
    onTerminate(code) {
      // What the test reads after the end; then the process really ends, with the app's code.
      send({ type: 'terminated', code, snapshot: snapshot() }, () => process.exit(code));
    },
  }),
);

function snapshot() {
  return { ...world.snapshot(), unhandled };
}

// An orphan (the test runner gone) ends with it.
process.on('disconnect', () => process.exit(0));
process.on('unhandledRejection', (reason) => unhandled.push(`unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`));
process.on('uncaughtException', (error) => unhandled.push(`uncaught exception: ${String(error?.stack ?? error)}`));

async function answer(request: Request): Promise<unknown> {
  const a = request.args;
  switch (request.op) {
    case 'snapshot':
      return snapshot();
    case 'ready':
      world.app.emitReady();
      return true;
    case 'fetch': {
      const response = await world.fetch(a.url as string, { method: (a.method as string | undefined) ?? 'GET' });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: new Uint8Array(await response.arrayBuffer()) };
    }
    case 'invoke':
      return world.invoke(a.channel as string, a.arg, a.from as IpcSender);
    case 'navigate':
      return world.window.webContents.navigate(a.kind as string, a.url as string);
    case 'openWindow':
      return world.openWindow(a.url as string);
    case 'requestPermission':
      return world.requestPermission(a.permission as string, a.details as { requestingUrl: string; isMainFrame: boolean });
    case 'checkPermission':
      return world.checkPermission(a.permission as string, a.origin as string, a.details as { isMainFrame: boolean });
    case 'minimize':
      world.window.minimize();
      return true;
    case 'setWindowBounds':
      world.window.setBounds(a.bounds as Partial<Rectangle>);
      return true;
    case 'maximize':
      world.window.maximize();
      return true;
    case 'unmaximize':
      world.window.unmaximize();
      return true;
    case 'clickMenu':
      world.clickMenu(a.path as string[]);
      return true;
    case 'blur':
      world.focused = undefined;
      return true;
    case 'secondInstance':
      world.secondInstance((a.argv as string[] | undefined) ?? []);
      return true;
    case 'quit':
      world.app.quit();
      return true;
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

process.on('message', (request: Request) => {
  answer(request).then(
    (value) => send({ id: request.id, ok: true, value }),
    (error: unknown) => send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

// What Electron's main process reports of itself: its platform as the test sets it, and its own versions.
if (options.platform) Object.defineProperty(process, 'platform', { value: options.platform });
Object.assign(process.versions, DOUBLE_VERSIONS);

register(new URL('./hooks.mjs', import.meta.url), { data: { electronUrl: new URL('./electron-module.ts', import.meta.url).href } });
try {
  await import(pathToFileURL(main).href);
} catch (error) {
  unhandled.push(`import failed: ${String((error as Error)?.stack ?? error)}`);
}
// Electron emits ready after the entry module has been evaluated (an ESM entry's static imports included).
if (!options.manualReady) setImmediate(() => world.app.emitReady());
setImmediate(() => setImmediate(() => send({ type: 'booted' })));
