// Which web permissions the window gets: writing to the clipboard (the copy buttons use the Clipboard API), and
// only for the main frame of the app's own page; every other permission, and every other origin or frame, is denied.
import { isTrustedSender } from './window-policy';

/**
 * 'clipboard-sanitized-write' is Chromium's permission behind navigator.clipboard.writeText and write with
 * plain text or images it sanitizes; it cannot read the clipboard ('clipboard-read' stays denied).
 */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export interface PermissionAsker {
  /** The requesting frame's URL (permission requests) or origin (permission checks). */
  url: string | undefined;
  isMainFrame: boolean;
}

/** For both session.setPermissionRequestHandler and setPermissionCheckHandler. */
export function isPermissionAllowed(permission: string, asker: PermissionAsker, devServerUrl?: string): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission) || typeof asker?.url !== 'string') return false;
  return isTrustedSender({ url: asker.url, isMainFrame: asker.isMainFrame }, devServerUrl);
}
