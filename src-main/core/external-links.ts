// Opening a link from the page outside the app: main's own validation first, then the system's opener.
import { AppFailure } from './failure';
import type { Logger } from './ports';
import { checkExternalUrl } from './window-policy';

/**
 * Opens exactly what was validated (`href` of the parsed URL). A refusal says why, so the renderer can tell
 * the person instead of a click doing nothing. `opener` is shell.openExternal in the app; it fails when the
 * system has no application for the scheme (a mailto link without a mail client), which is said too.
 */
export async function openExternalLink(
  url: string,
  opener: ((url: string) => Promise<void>) | undefined,
  logger: Logger,
): Promise<{ opened: boolean }> {
  const check = checkExternalUrl(url);
  if ('refused' in check) throw new AppFailure('BAD_REQUEST', check.refused);
  if (!opener) return { opened: false };
  try {
    await opener(check.url.href);
  } catch (error) {
    logger.warn('openExternal failed', { scheme: check.url.protocol, error: String(error).slice(0, 200) });
    const app = check.url.protocol === 'mailto:' ? 'a mail application' : 'a web browser';
    throw new AppFailure('INTERNAL', `The system could not open the link: is ${app} set up to open it?`, { cause: error });
  }
  return { opened: true };
}
