// The title bar at narrow widths: every session tool stays in reach — in the bar, or in its "⋯" menu — and works
// from the keyboard; panes the board's sideways scroll cuts off are announced at its edge and brought in from there.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll, settingsFolded } from './support/ui';

const KEY = 'AIzaTestKey-toolbar-77d2';

type Tool = 'history' | 'add' | 'compare' | 'experiments' | 'export' | 'sync' | 'settings' | 'help';
/** Each tool's control in the bar, and its first item in the "⋯" menu. */
const TOOLS: Record<Tool, { bar: string; menu: string }> = {
  history: { bar: 'history-mode', menu: 'overflow-history-server' },
  add: { bar: 'add-pane', menu: 'overflow-add-pane' },
  compare: { bar: 'compare-open', menu: 'overflow-compare-open' },
  experiments: { bar: 'experiments-menu', menu: 'overflow-sweep-open' },
  export: { bar: 'export-code', menu: 'overflow-export-code' },
  sync: { bar: 'sync-scroll', menu: 'overflow-sync-scroll' },
  settings: { bar: 'toggle-all-settings', menu: 'overflow-toggle-all-settings' },
  help: { bar: 'shortcuts-open', menu: 'overflow-shortcuts-open' },
};
const ALL = Object.keys(TOOLS) as Tool[];

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Session' });
const overflow = (page: Page) => page.getByTestId('toolbar-overflow');
const overflowMenu = (page: Page) => page.getByRole('menu', { name: 'More session tools' });

/** Wholly inside `outer` (both from boundingBox), allowing for sub-pixel layout. */
function inside(box: { x: number; width: number }, outer: { x: number; width: number }): boolean {
  return box.x >= outer.x - 0.5 && box.x + box.width <= outer.x + outer.width + 0.5;
}

/** Which tools are in the bar, checking that each of those is wholly visible, and that the rest are in "⋯". */
async function toolsInReach(page: Page): Promise<{ inBar: Tool[]; inMenu: Tool[] }> {
  const bar = (await toolbar(page).boundingBox())!;
  const width = page.viewportSize()!.width;
  const inBar: Tool[] = [];
  for (const tool of ALL) {
    const control = page.getByTestId(TOOLS[tool].bar);
    if (!(await control.isVisible())) continue;
    const box = (await control.boundingBox())!;
    expect(inside(box, bar), `${tool} is cut by the toolbar's edge`).toBe(true);
    expect(inside(box, { x: 0, width }), `${tool} is off the window`).toBe(true);
    inBar.push(tool);
  }
  const inMenu = ALL.filter((tool) => !inBar.includes(tool));
  if (inMenu.length === 0) {
    await expect(overflow(page)).toHaveCount(0);
  } else {
    await expect(overflow(page)).toBeVisible();
    expect(inside((await overflow(page).boundingBox())!, bar)).toBe(true);
    await overflow(page).click();
    for (const tool of inMenu) await expect(overflowMenu(page).getByTestId(TOOLS[tool].menu)).toBeVisible();
    for (const tool of inBar) await expect(overflowMenu(page).getByTestId(TOOLS[tool].menu)).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(overflowMenu(page)).toBeHidden();
  }
  // The key button, at the far end of the bar, is never pushed off either.
  expect(inside((await page.getByTestId('key-button').boundingBox())!, { x: 0, width })).toBe(true);
  return { inBar, inMenu };
}

/** Focuses a control and presses a key on it, as the keyboard would. */
async function press(control: Locator, key: string): Promise<void> {
  await control.focus();
  await expect(control).toBeFocused();
  await control.press(key);
}

/** Uses a tool by keyboard, through the bar or through "⋯": Enter on it, or on its menu item after arrowing there. */
async function useTool(page: Page, tool: Tool, inMenu: boolean): Promise<void> {
  if (!inMenu) {
    if (tool === 'history') {
      await press(page.getByTestId('history-mode'), 'ArrowDown');
      return;
    }
    await press(page.getByTestId(TOOLS[tool].bar), 'Enter');
    // The experiments menu opens on its first item, the sweep.
    if (tool === 'experiments') await expect(page.getByTestId('sweep-open')).toBeFocused();
    if (tool === 'experiments') await page.keyboard.press('Enter');
    return;
  }
  await press(overflow(page), 'Enter');
  const items = overflowMenu(page).locator('[role^="menuitem"]:not(:disabled)');
  await expect(items.first()).toBeFocused();
  const target = overflowMenu(page).getByTestId(tool === 'history' ? 'overflow-history-stateless' : TOOLS[tool].menu);
  for (let step = 0; step < 20 && !(await target.evaluate((el) => el === document.activeElement)); step++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(overflowMenu(page)).toBeHidden();
}

interface Before {
  panes: number;
  anySettingsOpen: boolean;
}

async function snapshot(page: Page): Promise<Before> {
  const expanded = await page.getByTestId('settings-toggle').evaluateAll((toggles) => toggles.map((t) => t.getAttribute('aria-expanded')));
  return { panes: expanded.length, anySettingsOpen: expanded.includes('true') };
}

/** What each tool does, seen from outside; a dialog it opens is closed again with Esc. */
async function checkEffect(page: Page, tool: Tool, before: Before): Promise<void> {
  const dialog = (name: string) => page.getByRole('dialog', { name });
  const closes = async (name: string) => {
    await expect(dialog(name)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog(name)).toBeHidden();
  };
  switch (tool) {
    case 'history':
      return void (await expect(page.getByTestId('history-mode')).toHaveValue('stateless'));
    case 'add':
      return void (await expect(page.getByTestId('pane')).toHaveCount(before.panes + 1));
    case 'compare':
      return closes('Compare answers');
    case 'experiments':
      return closes('Sweep settings');
    case 'export':
      return closes('Export code');
    case 'sync':
      return void (await expect(page.getByTestId('sync-scroll')).toHaveAttribute('aria-pressed', 'true'));
    case 'settings':
      // Opens every pane's settings when all were closed, else closes them all.
      for (const toggle of await page.getByTestId('settings-toggle').all()) await expect(toggle).toHaveAttribute('aria-expanded', String(!before.anySettingsOpen));
      return;
    case 'help':
      return closes('Keyboard shortcuts');
  }
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

for (const width of [900, 700]) {
  test(`at ${width} px every toolbar tool is in reach and works from the keyboard`, async ({ launch }, testInfo) => {
    const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width, height: 800 } });
    const { page } = app;
    await addPanes(page, 3);
    await sendToAll(page, 'Hello');
    for (const index of [0, 1, 2]) await expect(paneAt(page, index)).toHaveAttribute('data-status', 'done');
    // Settings closed everywhere (the send folds them), so that "Show settings" has something to show.
    await settingsFolded(page);

    const { inBar, inMenu } = await toolsInReach(page);
    // The narrower window keeps fewer tools in the bar, and still some: the bar is not simply emptied.
    expect(inMenu.length).toBeGreaterThan(0);
    expect(inBar).toContain('add');
    await overflow(page).click();
    await screenshot(page, testInfo, `toolbar-${width}-menu`);
    await page.keyboard.press('Escape');

    // Tab walks the bar: its visible tools in order, then "⋯", then on out of the bar.
    await page.getByTestId('session-menu').focus();
    const walked: string[] = [];
    for (let step = 0; step < inBar.length + 1; step++) {
      await page.keyboard.press('Tab');
      walked.push(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? ''));
    }
    expect(walked).toEqual([...inBar.map((tool) => TOOLS[tool].bar), 'toolbar-overflow']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') === null)).toBe(true);

    for (const tool of ALL) {
      const before = await snapshot(page);
      await useTool(page, tool, inMenu.includes(tool));
      await checkEffect(page, tool, before);
    }
  });
}

test('from 1400 px down to 600 px no toolbar tool is ever out of reach, and the bar gives them up least important first', async ({ launch }) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1400, height: 800 } });
  const { page } = app;
  await addPanes(page, 2);
  let previous: Tool[] = ALL;
  for (let width = 1400; width >= 600; width -= 50) {
    await page.setViewportSize({ width, height: 800 });
    // The bar settles after its ResizeObserver has run.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const { inBar } = await toolsInReach(page);
    // Narrowing only ever takes tools away, never brings back one it gave up.
    expect(inBar.every((tool) => previous.includes(tool)), `at ${width} px: ${inBar.join(', ')} after ${previous.join(', ')}`).toBe(true);
    previous = inBar;
  }
  // At 600 px the most important tools are still in the bar.
  expect(previous).toContain('add');
});

test('a pane cut off by the board’s edge is announced there, and the cue brings it into view', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 700, height: 800 } });
  const { page } = app;
  const board = page.getByTestId('pane-board');
  const before = page.getByTestId('panes-before');
  const after = page.getByTestId('panes-after');
  const fullyInView = async (index: number) => inside((await paneAt(page, index).boundingBox())!, (await board.boundingBox())!);

  await addPanes(page, 2);
  // Two panes fit 700 px: no cue.
  await expect(before).toHaveCount(0);
  await expect(after).toHaveCount(0);

  // Four do not: adding one scrolls the board to it, so panes 1 and 2 lie beyond the left edge.
  await addPanes(page, 4);
  await expect(before).toHaveText('← 2 more panes');
  await expect(after).toHaveCount(0);
  expect(await fullyInView(1)).toBe(false);
  await screenshot(page, testInfo, 'panes-before-cue');

  // From the keyboard: the cue brings in the nearest cut pane (2), whose conversation takes the focus.
  await press(before, 'Enter');
  await expect.poll(() => fullyInView(1)).toBe(true);
  await expect(paneAt(page, 1).getByTestId('conversation')).toBeFocused();
  await expect(before).toHaveText('← 1 more pane');
  await expect(after).toHaveText('1 more pane →');

  // By mouse, to the end on the right and back to the start on the left.
  await after.click();
  await expect.poll(() => fullyInView(3)).toBe(true);
  await expect(after).toHaveCount(0);
  await before.click();
  await before.click();
  await expect.poll(() => fullyInView(0)).toBe(true);
  await expect(before).toHaveCount(0);
  await expect(after).toHaveText('2 more panes →');

  // Scrolling the board by hand updates the count too.
  await board.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(before).toHaveText('← 2 more panes');
  await expect(after).toHaveCount(0);
});

test('the cue for panes beyond the edge never covers the “↓ latest” of a pane it sits over', async ({ launch }) => {
  test.setTimeout(60_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 900, height: 800 } });
  const { page } = app;
  await addPanes(page, 3);
  await sendToAll(page, 'Tell me more [[len:6000]]');
  await app.waitForTerminalEvents(3);
  // The third pane cut by the board's right edge through its middle, where its "↓ latest" sits.
  await page.getByTestId('pane-board').evaluate((board) => {
    const pane = board.querySelectorAll('[data-testid="pane"]')[2]!.getBoundingClientRect();
    board.scrollLeft = 0;
    board.scrollLeft = (pane.left + pane.right) / 2 - board.getBoundingClientRect().right + 60;
  });
  const cue = page.getByTestId('panes-after');
  await expect(cue).toHaveText('1 more pane →');
  const conversation = paneAt(page, 2).getByTestId('conversation');
  const view = (await conversation.boundingBox())!;
  await page.mouse.move(view.x + 20, view.y + view.height / 2);
  await page.mouse.wheel(0, -800);
  const latest = paneAt(page, 2).getByTestId('scroll-latest');
  await expect(latest).toBeVisible();
  const [a, b] = [(await cue.boundingBox())!, (await latest.boundingBox())!];
  const apart = a.x >= b.x + b.width || b.x >= a.x + a.width || a.y >= b.y + b.height || b.y >= a.y + a.height;
  expect(apart, `cue ${JSON.stringify(a)} over “↓ latest” ${JSON.stringify(b)}`).toBe(true);
});
