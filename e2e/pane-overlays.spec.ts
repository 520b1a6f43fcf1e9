// What sits over a pane, through the bridge harness: the buttons that float near an answer ("↓ latest", the cue
// for panes beyond the board's edge) hide none of its text, and a pane's settings panel that is cut off by its
// height says so with a shade at the edge where settings are hidden. Screenshots at 1440, 900 and 700 px in both
// themes, for a person to look at.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { shootWidths } from './support/screenshots';
import { addPanes, paneAt, sendToAll, settingsFolded } from './support/ui';

const KEY = 'AIzaTestKey-overlays-5e2b';
const PILLS = ['scroll-latest', 'panes-before', 'panes-after'];

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Each visible pill that covers text a person could otherwise see: the answer's lines (the boxes of its text
 * runs), cut to the conversation's view and the board's, against each pill's box.
 */
const pillsOverText = (page: Page): Promise<string[]> =>
  page.evaluate((pills) => {
    const clip = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
    const shows = (b: Box) => b.right - b.left > 0.5 && b.bottom - b.top > 0.5;
    const board = document.querySelector('[data-testid="pane-board"]')!.getBoundingClientRect();
    const lines: { box: Box; text: string }[] = [];
    for (const scroller of document.querySelectorAll('[data-testid="conversation"]')) {
      const view = clip(scroller.getBoundingClientRect(), board);
      const walker = document.createTreeWalker(scroller, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        if (!text) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          const box = clip(rect, view);
          if (shows(box)) lines.push({ box, text: text.slice(0, 30) });
        }
      }
    }
    const found: string[] = [];
    for (const id of pills) {
      for (const pill of document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)) {
        const box = pill.getBoundingClientRect();
        const covered = lines.filter((line) => shows(clip(line.box, box)));
        if (covered.length > 0) found.push(`${id} covers ${covered.length} line(s), first "${covered[0]!.text}"`);
      }
    }
    return found;
  }, PILLS);

test('no pill over a pane hides its text, at 1440, 900 and 700 px', async ({ launch }, testInfo) => {
  test.setTimeout(90_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 3);
  await sendToAll(page, 'Tell me more [[markdown]] [[len:6000]]');
  await app.waitForTerminalEvents(3);
  await settingsFolded(page);
  // The first pane read further up, with the answer's text above and below the view: its "↓ latest" shows.
  const conversation = paneAt(page, 0).getByTestId('conversation');
  await conversation.hover();
  await page.mouse.wheel(0, -900);
  const latest = paneAt(page, 0).getByTestId('scroll-latest');
  await expect(latest).toBeVisible();

  for (const width of [1440, 900, 700]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(latest).toBeVisible();
    // Three panes do not fit 900 px or less: the board announces the one beyond its edge.
    if (width < 1440) await expect(page.getByTestId('panes-before').or(page.getByTestId('panes-after')).first()).toBeVisible();
    expect(await pillsOverText(page), `at ${width} px`).toEqual([]);
  }
  await shootWidths(page, testInfo, 'pane-pills');
});

/** Which shades the open settings panel of pane `index` shows, and whether it can scroll at all. */
async function settingsCues(page: Page, index: number): Promise<{ above: boolean; below: boolean; scrolls: boolean }> {
  const pane = paneAt(page, index);
  return {
    above: await pane.getByTestId('settings-more-above').isVisible(),
    below: await pane.getByTestId('settings-more-below').isVisible(),
    scrolls: await pane.getByTestId('pane-settings').evaluate((el) => el.scrollHeight > el.clientHeight + 2),
  };
}

test('a pane’s settings panel shows a shade where settings lie beyond its edge, and none when all show', async ({ launch }, testInfo) => {
  test.setTimeout(60_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  const pane = paneAt(page, 0);
  const panel = pane.getByTestId('pane-settings');
  const toggle = pane.getByTestId('settings-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(panel).toBeVisible();

  // All of it shows: no shade.
  await expect.poll(() => settingsCues(page, 0)).toEqual({ above: false, below: false, scrolls: false });

  // "More settings" open: the panel is cut at its bottom, mid-field, and shades that edge only.
  await pane.getByTestId('more-settings').locator('summary').click();
  await expect.poll(() => settingsCues(page, 0)).toEqual({ above: false, below: true, scrolls: true });
  const [frame, shade] = [(await panel.boundingBox())!, (await pane.getByTestId('settings-more-below').boundingBox())!];
  expect(Math.abs(shade.y + shade.height - (frame.y + frame.height)), 'the shade lies on the panel’s bottom edge').toBeLessThan(1.5);
  expect(shade.width).toBeGreaterThan(frame.width - 2);
  await shootWidths(page, testInfo, 'settings-cut');

  // Scrolled halfway: settings hidden both ways; at the end, above only.
  await panel.evaluate((el) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) / 2 }));
  await expect.poll(() => settingsCues(page, 0)).toEqual({ above: true, below: true, scrolls: true });
  await panel.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(() => settingsCues(page, 0)).toEqual({ above: true, below: false, scrolls: true });
  await shootWidths(page, testInfo, 'settings-end');

  // Folded again, all of it shows once more.
  await pane.getByTestId('more-settings').locator('summary').click();
  await expect.poll(() => settingsCues(page, 0)).toEqual({ above: false, below: false, scrolls: false });
});
