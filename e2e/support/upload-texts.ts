// What the panes said while a turn's files were uploading (and processing), for a spec to read after the turn.
import type { Page } from '@playwright/test';

type Recorder = { __uploadTexts: string[] };

/** Starts recording every text of every upload-progress line from now on; the returned function reads them. */
export async function recordUploadTexts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as Recorder).__uploadTexts = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="upload-progress"]')) seen.push(el.textContent?.trim() ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as Recorder).__uploadTexts);
}
