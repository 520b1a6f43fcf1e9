// Opening a link from the page outside the app: main's own validation first, then the system's opener.
import { AppFailure } from './failure';
import { systemClock, type Clock, type Logger } from './ports';
import { checkExternalUrl } from './window-policy';

/**
 * Links opened in any OPEN_WINDOW_MS. Each follows a click and brings the browser to the front, so a person opens
 * a few in a row at most; a page gone wrong, which needs no click, would open tab after tab. Past the limit a link
 * is refused with the reason, and the person clicks again a moment later.
 */
export const MAX_OPENS = 5;
export const OPEN_WINDOW_MS = 10_000;

/** Counts links opened; one per app, shared by every way the page can ask (IPC, window.open). */
export class OpenLimit {
  readonly #opened: number[] = [];

  constructor(private readonly clock: Clock = systemClock) {}

  /** true, and counted, when one more link may open now. */
  take(): boolean {
    const now = this.clock.now();
    while (this.#opened.length > 0 && this.#opened[0]! <= now - OPEN_WINDOW_MS) this.#opened.shift();
    if (this.#opened.length >= MAX_OPENS) return false;
    this.#opened.push(now);
    return true;
  }
}

/**
 * Opens exactly what was validated (`href` of the parsed URL). A refusal says why, so the renderer can tell
 * the person instead of a click doing nothing. `opener` is shell.openExternal in the app; it fails when the
 * system has no application for the scheme (a mailto link without a mail client), which is said too.
 */
export async function openExternalLink(
  url: string,
  opener: ((url: string) => Promise<void>) | undefined,
  logger: Logger,
  limit?: OpenLimit,
): Promise<{ opened: boolean }> {
  const check = checkExternalUrl(url);
  if ('refused' in check) throw new AppFailure('BAD_REQUEST', check.refused);
  if (!opener) return { opened: false };
  if (limit && !limit.take()) {
    throw new AppFailure('BAD_REQUEST', `At most ${MAX_OPENS} links open within ${OPEN_WINDOW_MS / 1000} seconds: wait a moment and open it again.`);
  }
  try {
    await opener(check.url.href);
  } catch (error) {
    logger.warn('openExternal failed', { scheme: check.url.protocol, error: String(error).slice(0, 200) });
    const app = check.url.protocol === 'mailto:' ? 'a mail application' : 'a web browser';
    throw new AppFailure('INTERNAL', `The system could not open the link: is ${app} set up to open it?`, { cause: error });
  }
  return { opened: true };
}
