// Whether the window loads the electron-vite dev server instead of app://, and is trusted as the app over IPC.
// Only in `electron-vite dev`: anyone who can set ELECTRON_RENDERER_URL in a built app's environment would
// otherwise serve the page that holds window.playground.
import { isLoopbackHost } from './base-url';

export interface DevServerInputs {
  /** app.isPackaged */
  isPackaged: boolean;
  /** import.meta.env.DEV: fixed when the main bundle is built, true only in a development build. */
  devBuild: boolean;
  env: Record<string, string | undefined>;
}

/**
 * The dev server's origin, or undefined. All of: not packaged, a development build, NODE_ENV_ELECTRON_VITE
 * set to "development" (as `electron-vite dev` sets it for Electron), and ELECTRON_RENDERER_URL an http(s)
 * origin on this computer, without credentials, path, query or fragment.
 */
export function devServerOrigin({ isPackaged, devBuild, env }: DevServerInputs): string | undefined {
  if (isPackaged || !devBuild || env.NODE_ENV_ELECTRON_VITE !== 'development') return undefined;
  const raw = env.ELECTRON_RENDERER_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return undefined;
  return isLoopbackHost(url.hostname) ? url.origin : undefined;
}
