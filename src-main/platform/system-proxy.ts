// The system's proxy settings for a URL (PAC scripts, WPAD, the OS's own settings), as Chromium resolves them for
// the default session; core/gemini/proxy.ts turns the answer into a way out. Read per call, after `ready`.
import { session } from 'electron';
import type { SystemProxyResolver } from '../core/gemini/proxy';

export const resolveSystemProxy: SystemProxyResolver = (url) => session.defaultSession.resolveProxy(url);
