// Reading answers as they arrive, through the bridge harness: each pane follows the newest text through
// window resizes until the person scrolls up, and "↓ latest" follows again (issue 16, item 2); an answer
// too quick to time shows no speed (item 5); wide tables scroll sideways instead of breaking words (item 6).
import type { Locator, Page, TestInfo } from '@playwright/test';
import { MIN_RATE_WINDOW_MS } from '../src-shared/output-rate';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll, useToolbarTool } from './support/ui';

const KEY = 'AIzaTestKey-reading-7c2e';

const conversation = (page: Page, index: number): Locator => paneAt(page, index).getByTestId('conversation');
const latestButton = (page: Page, index: number): Locator => paneAt(page, index).getByTestId('scroll-latest');

/** Pixels between the end of the view and the end of the text (0 at the bottom). */
const distanceFromBottom = (scroller: Locator): Promise<number> =>
  scroller.evaluate((el) => Math.round(el.scrollHeight - el.clientHeight - el.scrollTop));

const scrollHeight = (scroller: Locator): Promise<number> => scroller.evaluate((el) => el.scrollHeight);
const scrollTop = (scroller: Locator): Promise<number> => scroller.evaluate((el) => el.scrollTop);

/** Where the view rests once an animated scroll is over: the same position two frames running. */
const restingScrollTop = (scroller: Locator): Promise<number> =>
  scroller.evaluate(async (el) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    for (let last = -1; ; await frame(), await frame()) {
      if (el.scrollTop === last) return last;
      last = el.scrollTop;
    }
  });

/** While text streams in, the view may be a frame behind: a line or two, never a screenful. */
const FRAME_BEHIND_PX = 60;

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('every pane stays at the bottom while the window is resized mid-stream', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 3);
  await page.getByTestId('toggle-all-settings').click();
  // ~17 s of streaming per pane: room for every resize below while text still arrives.
  await sendToAll(page, 'Keep going [[len:20000]] [[delay:20]]');
  for (let i = 0; i < 3; i++) await expect(paneAt(page, i).getByTestId('answer')).toContainText('Echo:');

  const sizes = [
    { width: 900, height: 700 },
    { width: 700, height: 520 },
    { width: 1440, height: 900 },
    { width: 1100, height: 480 },
    { width: 1280, height: 800 },
  ];
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400); // let a few more chunks arrive at the new size
    expect(await paneAt(page, 0).getAttribute('data-status')).toBe('streaming');
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => distanceFromBottom(conversation(page, i)), { message: `pane ${i + 1} at ${size.width}×${size.height}` }).toBeLessThan(FRAME_BEHIND_PX);
      await expect(latestButton(page, i)).toHaveCount(0);
    }
  }

  await app.waitForTerminalEvents(3, 60_000);
  for (let i = 0; i < 3; i++) {
    await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
    await expect.poll(() => distanceFromBottom(conversation(page, i))).toBeLessThanOrEqual(1);
    await expect(latestButton(page, i)).toHaveCount(0);
  }
  await shoot(page, testInfo, 'followed-after-resizes-1280');
});

test('scrolling up lets go of the bottom in that pane only; “↓ latest” and End follow again', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  await page.getByTestId('toggle-all-settings').click();
  await sendToAll(page, 'Tell me more [[len:16000]] [[delay:20]]');
  const [left, right] = [conversation(page, 0), conversation(page, 1)];
  await expect.poll(() => scrollHeight(left)).toBeGreaterThan(2_500);

  // The wheel moves up: the pane stays where the person put it while text keeps arriving below.
  await left.hover();
  await page.mouse.wheel(0, -600);
  await expect(latestButton(page, 0)).toBeVisible();
  await expect(latestButton(page, 1)).toHaveCount(0);
  await expect.poll(() => distanceFromBottom(left)).toBeGreaterThan(300);
  const readingAt = await restingScrollTop(left);
  const heightThen = await scrollHeight(left);
  await expect.poll(() => scrollHeight(left)).toBeGreaterThan(heightThen + 800);
  expect(await paneAt(page, 0).getAttribute('data-status')).toBe('streaming');
  expect(Math.abs((await scrollTop(left)) - readingAt)).toBeLessThan(2);
  await expect.poll(() => distanceFromBottom(right)).toBeLessThan(FRAME_BEHIND_PX);

  // "↓ latest" goes to the end and follows the rest of the answer.
  await latestButton(page, 0).click();
  await expect(latestButton(page, 0)).toHaveCount(0);
  await expect(left).toBeFocused();
  await expect.poll(() => distanceFromBottom(left)).toBeLessThan(FRAME_BEHIND_PX);
  await app.waitForTerminalEvents(2, 60_000);
  for (const scroller of [left, right]) await expect.poll(() => distanceFromBottom(scroller)).toBeLessThanOrEqual(1);

  // The keyboard: PageUp lets go, End follows again.
  await right.focus();
  await page.keyboard.press('PageUp');
  await expect(latestButton(page, 1)).toBeVisible();
  await expect.poll(() => distanceFromBottom(right)).toBeGreaterThan(100);
  await page.keyboard.press('End');
  await expect(latestButton(page, 1)).toHaveCount(0);
  await expect.poll(() => distanceFromBottom(right)).toBeLessThanOrEqual(1);

  // What the button looks like, at three widths and in both themes; it stays through the resizes.
  await left.hover();
  await page.mouse.wheel(0, -900);
  await expect(latestButton(page, 0)).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: 900 });
      await expect(latestButton(page, 0)).toBeVisible();
      await expect(latestButton(page, 0)).toBeInViewport();
      await shoot(page, testInfo, `latest-button-${theme}-${width}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // A new turn is always seen: sending brings the pane read further up to its end, and it follows that answer.
  await sendToAll(page, 'And one more [[len:3000]] [[delay:10]]');
  await expect(latestButton(page, 0)).toHaveCount(0);
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect.poll(() => distanceFromBottom(left)).toBeLessThanOrEqual(1);
});

test('with synchronised scrolling, scrolling one pane up mid-stream lets go of both, and “↓ latest” brings both back', async ({ launch }) => {
  test.setTimeout(90_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  await page.getByTestId('toggle-all-settings').click();
  await sendToAll(page, 'Side by side [[len:16000]] [[delay:20]]');
  const [left, right] = [conversation(page, 0), conversation(page, 1)];
  await expect.poll(() => scrollHeight(right)).toBeGreaterThan(2_500);
  await page.getByTestId('sync-scroll').click();
  await expect(page.getByTestId('sync-scroll')).toHaveAttribute('aria-pressed', 'true');

  // Text keeps growing in the other pane too: only being told it was carried along keeps it from snapping back.
  await left.hover();
  await page.mouse.wheel(0, -700);
  for (const i of [0, 1]) await expect(latestButton(page, i)).toBeVisible();
  const heightThen = await scrollHeight(right);
  await expect.poll(() => scrollHeight(right)).toBeGreaterThan(heightThen + 600);
  expect(await paneAt(page, 1).getAttribute('data-status')).toBe('streaming');
  await expect(latestButton(page, 1)).toBeVisible();
  expect(await distanceFromBottom(right)).toBeGreaterThan(600);

  await latestButton(page, 0).click();
  for (const [i, scroller] of [left, right].entries()) {
    await expect(latestButton(page, i)).toHaveCount(0);
    await expect.poll(() => distanceFromBottom(scroller)).toBeLessThan(FRAME_BEHIND_PX);
  }
  await app.waitForTerminalEvents(2, 60_000);
  for (const scroller of [left, right]) await expect.poll(() => distanceFromBottom(scroller)).toBeLessThanOrEqual(1);
});

test('an answer that arrives in one chunk shows no speed; one that streams for a while does', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await sendToAll(page, 'All at once [[len:1500]] [[chunk:5000]]');
  await app.waitForTerminalEvents(1);
  const speed = (turn: number) => paneAt(page, 0).getByTestId('turn').nth(turn).locator('[data-metric="rate"]');
  await expect(speed(0).locator('dd')).toHaveText('—');
  await expect(speed(0)).toHaveAttribute('title', new RegExp(`under ${MIN_RATE_WINDOW_MS} ms`));

  await sendToAll(page, 'Take your time [[len:1500]] [[delay:25]]');
  await app.waitForTerminalEvents(2);
  await expect(speed(1).locator('dd')).toHaveText(/^\d+(\.\d)? tok\/s$/);
});

test('a wide table in a narrow pane scrolls sideways and breaks no word', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 700, height: 800 } });
  const { page } = app;
  await addPanes(page, 2);
  await useToolbarTool(page, 'toggle-all-settings');
  await sendToAll(page, 'A comparison table [[table:6]] [[markdown]] [[len:2500]]');
  await app.waitForTerminalEvents(2);

  for (let i = 0; i < 2; i++) {
    const table = paneAt(page, i).getByTestId('answer').locator('table').first();
    await expect(table).toBeVisible();
    const shape = await table.evaluate((el) => {
      const before = el.scrollLeft;
      el.scrollLeft = 120;
      const scrolled = el.scrollLeft - before;
      el.scrollLeft = 0;
      return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, overflowX: getComputedStyle(el).overflowX, scrolled };
    });
    expect(shape.scrollWidth).toBeGreaterThan(shape.clientWidth + 100);
    expect(shape.overflowX).toBe('auto');
    expect(shape.scrolled).toBe(120);

    // Every long word in a cell sits on one line: a word broken across lines has a box on each.
    const lines = await table.evaluate((el) => {
      const counts: Record<string, number> = {};
      for (const cell of el.querySelectorAll('th, td')) {
        const text = cell.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) continue;
        for (const match of (text.textContent ?? '').matchAll(/[a-z]{13,}/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          const boxes = [...range.getClientRects()].filter((r) => r.width > 0).length;
          counts[match[0]] = Math.max(counts[match[0]] ?? 0, boxes);
        }
      }
      return counts;
    });
    expect(Object.keys(lines).length).toBeGreaterThan(3);
    expect(Object.values(lines).every((n) => n === 1), JSON.stringify(lines)).toBe(true);

    // The table scrolls, not the pane: the conversation itself never scrolls sideways.
    const pane = await conversation(page, i).evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(pane.scrollWidth).toBeLessThanOrEqual(pane.clientWidth);
  }

  await paneAt(page, 0).getByTestId('answer').locator('table').first().scrollIntoViewIfNeeded();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await shoot(page, testInfo, `wide-table-${theme}-700`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});
