// Code blocks in answers, through the bridge harness (issue 16, item 11): a header with the fence's language and a
// Copy button that copies the block's exact text; syntax highlighting only for closed blocks (never the block still
// streaming) and only for those in view; the export preview highlighted too; screenshots and axe in both themes.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { Lexer, type Tokens } from 'marked';
import type { TurnEvent } from '../src-shared/domain';
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-code-4d1a';
/** The fake's markdown answer to exactly this prompt ends inside its second code block (checked below). */
const ENDS_IN_CODE = 'Show me code [[markdown]] [[len:3325]] [[delay:15]]';

/** The answer's text as main streamed it, and its fenced code blocks as marked reads them (what a copy must give). */
function answerOf(events: TurnEvent[]): { text: string; codes: Tokens.Code[] } {
  const text = events.map((e) => (e.type === 'delta' ? (e.text ?? '') : '')).join('');
  const codes: Tokens.Code[] = [];
  new Lexer().lex(text).forEach((t) => t.type === 'code' && codes.push(t as Tokens.Code));
  return { text, codes };
}

const frames = (pane: Locator): Locator => pane.getByTestId('answer').locator('.md-code');
const isHighlighted = (frame: Locator): Promise<boolean> => frame.locator('code').evaluate((c) => c.classList.contains('hljs') && c.querySelector('[class^="hljs-"]') !== null);

/** Whether the frame is within the pane's scrolled view (not the window's: the pane scrolls on its own). */
const inView = (frame: Locator): Promise<boolean> =>
  frame.evaluate((el) => {
    const scroller = el.closest('[data-testid="conversation"]')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return box.bottom > scroller.top && box.top < scroller.bottom;
  });

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('a code block shows its language and copies its exact text; the block still streaming is left plain until the answer ends', async ({ launch }, testInfo) => {
  test.setTimeout(90_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await addPanes(page, 1);
  const pane = paneAt(page, 0);

  // Every frame while the pane streams: what the open tail's code blocks carry, and whether a closed one had its button.
  await page.evaluate(() => {
    const seen = { streamingFrames: 0, tailCode: 0, tailHighlighted: 0, tailCopy: 0, closedWithCopy: 0 };
    (window as unknown as { codeSamples: typeof seen }).codeSamples = seen;
    const tick = () => {
      const paneEl = document.querySelector<HTMLElement>('[data-testid="pane"]');
      if (paneEl?.dataset['status'] === 'streaming') {
        seen.streamingFrames++;
        for (const frame of paneEl.querySelectorAll('[data-testid="answer"] .md-tail .md-code')) {
          seen.tailCode++;
          if (frame.querySelector('code.hljs, [class^="hljs-"]')) seen.tailHighlighted++;
          if (frame.querySelector('[data-testid="code-block-copy"]')) seen.tailCopy++;
        }
        if (paneEl.querySelector('[data-testid="answer"] .md-block [data-testid="code-block-copy"]')) seen.closedWithCopy++;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  await sendToAll(page, ENDS_IN_CODE);
  await expect(pane).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const { codes } = answerOf(app.events);
  expect(codes, 'the fake answer has two code blocks').toHaveLength(2);

  const samples = await page.evaluate(() => (window as unknown as { codeSamples: Record<string, number> }).codeSamples);
  // The open block was drawn, frame after frame, without highlighting or a Copy button; the closed one had its button.
  expect(samples['streamingFrames']).toBeGreaterThan(10);
  // A few frames suffice: a loaded machine draws few of them while the last block streams.
  expect(samples['tailCode']).toBeGreaterThan(2);
  expect(samples['tailHighlighted']).toBe(0);
  expect(samples['tailCopy']).toBe(0);
  expect(samples['closedWithCopy']).toBeGreaterThan(0);

  // Finished: the last block (still in the tail, the answer ended inside it) is highlighted now, and has its button.
  const all = frames(pane);
  await expect(all).toHaveCount(2);
  const last = all.nth(1);
  await expect(last).toHaveClass('md-code');
  expect(await last.evaluate((el) => el.closest('.md-tail') !== null), 'the answer ends inside the second code block').toBe(true);
  await expect.poll(() => isHighlighted(last)).toBe(true);
  await expect(last.locator('.hljs-keyword').first()).toHaveText('export');

  // The header names the fence's language.
  for (let i = 0; i < 2; i++) {
    expect(codes[i]!.lang).toBe('ts');
    await expect(all.nth(i).locator('.md-code-head .md-code-lang')).toHaveText('TypeScript');
  }

  // Copy gives the block's text exactly as the answer wrote it between the fences, highlighted or not.
  for (let i = 0; i < 2; i++) {
    const button = all.nth(i).getByTestId('code-block-copy');
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await expect(button).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes[i]!.text);
  }

  // From the keyboard a code block takes the focus (to scroll it sideways), and its ring shows on the block's left
  // edge too, where the frame's clipping cuts off a ring drawn outside the block.
  const code = all.nth(0).locator('pre');
  await all.nth(0).getByTestId('code-block-copy').focus();
  await page.keyboard.press('Tab');
  await expect(code).toBeFocused();
  const box = (await code.boundingBox())!;
  const leftEdge = { x: box.x, y: box.y + box.height / 2 - 10, width: 3, height: 20 };
  const ringed = await page.screenshot({ clip: leftEdge });
  await code.blur();
  expect(ringed.equals(await page.screenshot({ clip: leftEdge })), 'the focus ring shows on the left edge').toBe(false);

  // Both themes at three widths, the pane's settings folded away and the view at the answer's end (the last block).
  const settings = pane.getByTestId('settings-toggle');
  if ((await settings.getAttribute('aria-expanded')) === 'true') await settings.click();
  await expect(settings).toHaveAttribute('aria-expanded', 'false');
  const conversation = pane.getByTestId('conversation');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: 900 });
      await conversation.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(() => isHighlighted(all.nth(0))).toBe(true);
      expect(await blockingAxeViolations(page, '[data-testid="pane"]'), `axe (${colorScheme}, ${width} px)`).toEqual([]);
      await shoot(page, testInfo, `code-block-${colorScheme}-${width}`);
    }
  }
});

test('only code blocks in view are highlighted; one scrolled into view is highlighted then', async ({ launch }) => {
  test.setTimeout(90_000);
  const env = { GEMINI_API_KEY: KEY };
  const viewport = { width: 1440, height: 900 };
  const first = await launch({ env, viewport });
  await addPanes(first.page, 1);
  await sendToAll(first.page, 'Plenty of code [[markdown]] [[len:16000]]');
  await expect(paneAt(first.page, 0)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  // A streamed answer passes each of its blocks through the view as it is drawn, so each may be highlighted then.
  // The same answer opened again is drawn whole at its end: the blocks above it were never in view.
  await expect
    .poll(() => first.calls.some((c) => c.method === 'saveSession' && JSON.stringify(c.arg).includes('"status":"done"')))
    .toBe(true);
  await expect(first.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const dataDir = first.dataDir;
  await first.close();
  const app = await launch({ env, viewport, dataDir });
  const { page } = app;
  const pane = paneAt(page, 0);
  await expect(pane).toHaveAttribute('data-status', 'done');

  const all = frames(pane);
  const count = await all.count();
  expect(count).toBeGreaterThan(4);
  // The pane followed the answer to its end: the blocks there are highlighted, those far above are not.
  const visible: number[] = [];
  for (let i = 0; i < count; i++) if (await inView(all.nth(i))) visible.push(i);
  expect(visible.length).toBeGreaterThan(0);
  expect(visible[0]).toBeGreaterThan(0);
  for (const i of visible) await expect.poll(() => isHighlighted(all.nth(i)), { message: `block ${i} in view` }).toBe(true);
  for (let i = 0; i < visible[0]!; i++) expect(await isHighlighted(all.nth(i)), `block ${i} out of view`).toBe(false);

  // Scrolled to the first block: it is highlighted once it shows.
  const top = all.nth(0);
  await top.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await expect.poll(() => isHighlighted(top)).toBe(true);
  await expect(top.locator('code')).toContainText('return total;');
});

test('the export preview is highlighted in its language, and its text is the script exactly', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await page.getByTestId('prompt').fill('Name three otter species');
  await page.getByTestId('export-code').click();
  const preview = page.getByTestId('code-panel').getByTestId('code-preview');
  const code = preview.locator('code');
  await expect.poll(() => code.evaluate((c) => c.classList.contains('hljs'))).toBe(true);
  await expect(code.locator('.hljs-keyword').first()).toHaveText(/^(import|from)$/);
  // Tokenized off the window's thread: the highlighter is a worker of its own, and no script of the window holds it.
  expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringMatching(/\/assets\/highlight\.worker-[\w-]+\.js$/));
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => (r as PerformanceResourceTiming).initiatorType === 'script').map((r) => r.name));
  expect(scripts.filter((name) => /highlight/.test(name))).toEqual([]);
  const python = await code.textContent();
  expect(python).toContain('Name three otter species');
  await page.getByTestId('code-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(python);

  await page.getByTestId('code-tab-rest').click();
  await expect(code).toContainText('curl');
  await expect.poll(() => code.evaluate((c) => c.classList.contains('hljs') && c.querySelector('.hljs-built_in, .hljs-string') !== null)).toBe(true);
  expect(await code.textContent()).not.toBe(python);
});
