// Side-by-side comparison through the bridge harness: N panes with their own settings, one composer,
// concurrent streams, stop one, a failing pane with retry, the word diff, and layout screenshots.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import type { TurnEvent } from '../src-shared/domain';
import { launchBrowser, type Playground } from './harness';
import { expect, test } from './support/fixture';
import { addPanes, menuItem, paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-panes-51f0';
const MODEL = 'gemini-3-flash-preview';

const isTerminal = (e: TurnEvent) => e.type === 'done' || e.type === 'error' || e.type === 'cancelled';

function bodies(a: Playground): Record<string, unknown>[] {
  return a.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
}

/** Arrival order between concurrent requests is not defined; compare as sorted lists. */
function sorted<T>(items: T[]): T[] {
  return [...items].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

test('three panes send exactly their own settings, stream at once, and one can stop while the others finish', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 3);

  const [p1, p2, p3] = [paneAt(page, 0), paneAt(page, 1), paneAt(page, 2)];
  await p1.getByTestId('temperature').fill('0.2');
  await p1.getByTestId('thinking-level').selectOption('low');
  await p2.getByTestId('temperature').fill('0.9');
  await p3.getByTestId('system-instruction').fill('Be terse.');
  await p3.getByTestId('thinking-level').selectOption('high');

  // The strip names only what differs, and each pane's label is derived from it.
  const strip = page.getByTestId('config-strip');
  await expect(strip.getByTestId('strip-cell')).toHaveCount(3);
  await expect(strip.getByTestId('strip-cell').nth(0)).toContainText(/Temperature\s*0\.2/);
  await expect(strip.getByTestId('strip-cell').nth(1)).toContainText(/Thinking\s*default/);
  await expect(strip.getByTestId('strip-cell').nth(2)).toContainText(/System\s*“Be terse\.”/);
  await expect(page.getByTestId('strip-same')).toContainText(MODEL);
  await expect(page.getByTestId('strip-same')).not.toContainText('Temperature');
  await expect(p1.getByTestId('pane-label')).toContainText('T=0.2');

  // ~15 s per stream: long enough to stop one mid-way even on a loaded machine.
  const prompt = 'Compare us [[len:12000]] [[delay:30]]';
  await sendToAll(page, prompt);

  // Every pane shows text before any pane is done: the three streams overlap in time.
  for (const pane of [p1, p2, p3]) await expect(pane.getByTestId('answer')).toContainText('Echo:');
  expect(app.events.filter(isTerminal)).toEqual([]);
  await expect(p1.getByTestId('answer')).toContainText('temperature=0.2');
  await expect(p2.getByTestId('answer')).toContainText('temperature=0.9');
  await expect(p3.getByTestId('answer')).toContainText('system_instruction="Be terse."');
  await page.screenshot({ path: testInfo.outputPath('three-panes-streaming.png') });

  // Stop the middle pane only.
  await p2.getByTestId('pane-stop').click();
  await expect(p2).toHaveAttribute('data-status', 'stopped');
  await expect(p1).toHaveAttribute('data-status', 'streaming');
  await expect(p3).toHaveAttribute('data-status', 'streaming');
  await expect(p1).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(p3).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(p2.getByTestId('stopped')).toBeVisible();

  const terminal = await app.waitForTerminalEvents(3);
  expect(sorted(terminal.map((e) => e.type))).toEqual(['cancelled', 'done', 'done']);
  expect(terminal.find((e) => e.type === 'cancelled')?.paneId).toBe(await p2.getAttribute('data-pane-id'));
  await expect.poll(() => app!.fake.openStreams()).toBe(0);

  // The API received exactly these settings, and nothing for the unset ones.
  expect(sorted(bodies(app))).toEqual(
    sorted([
      { model: MODEL, input: prompt, generation_config: { temperature: 0.2, thinking_level: 'low' }, stream: true },
      { model: MODEL, input: prompt, generation_config: { temperature: 0.9 }, stream: true },
      { model: MODEL, input: prompt, system_instruction: 'Be terse.', generation_config: { thinking_level: 'high' }, stream: true },
    ]),
  );

  // Raw JSON: the request as sent (key redacted) and the final interaction.
  await p1.getByTestId('view-raw').click();
  await expect(p1.getByTestId('request-json')).toContainText('"temperature": 0.2');
  await expect(p1.getByTestId('request-json')).toContainText('[redacted]');
  await expect(p1.getByTestId('request-json')).not.toContainText(KEY);
  await p1.getByTestId('raw-tab-response').click();
  await expect(p1.getByTestId('response-json')).toContainText('"status": "completed"');
  await expect(p1.getByTestId('metrics')).toContainText(/first token/i);
  expect(await page.content()).not.toContain(KEY);
});

test('a failing pane shows its error and Retry while the others succeed', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 3);
  const broken = paneAt(page, 1);
  await broken.getByTestId('model-select').selectOption('__custom__');
  await broken.getByTestId('model-custom').fill('no-such-model');

  await sendToAll(page, 'Hello all [[len:600]] [[delay:5]]');
  await expect(broken).toHaveAttribute('data-status', 'failed');
  await expect(broken.getByTestId('error-message')).toContainText('“no-such-model” not found');
  await expect(broken.getByTestId('retry')).toBeEnabled();
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done');
  await expect(paneAt(page, 2)).toHaveAttribute('data-status', 'done');
  const terminal = await app.waitForTerminalEvents(3);
  expect(terminal.filter((e) => e.type === 'error')).toMatchObject([{ error: { code: 'NOT_FOUND' } }]);

  // Fix the model from the error, retry just that pane.
  await broken.getByTestId('error-edit-model').click();
  await broken.getByTestId('model-select').selectOption('gemini-2.5-flash');
  await broken.getByTestId('retry').click();
  await expect(broken).toHaveAttribute('data-status', 'done');
  await expect(broken.getByTestId('answer')).toContainText('model=gemini-2.5-flash');
  expect(app.fake.interactionRequests()).toHaveLength(4);
  expect(bodies(app).at(-1)).toMatchObject({ model: 'gemini-2.5-flash', input: 'Hello all [[len:600]] [[delay:5]]' });
  await expect(page.getByTestId('turn')).toHaveCount(3);
});

test('the diff view highlights the words that differ between two answers', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 3);
  await paneAt(page, 0).getByTestId('temperature').fill('0.2');
  await paneAt(page, 1).getByTestId('temperature').fill('1.5');
  await sendToAll(page, 'Same prompt [[len:800]]');
  await app.waitForTerminalEvents(3);
  for (let i = 0; i < 3; i++) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');

  await page.getByTestId('compare-open').click();
  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog).toBeVisible();
  const comparison = dialog.getByTestId('comparison');
  await expect(comparison).toHaveCount(1);
  const diff = comparison.getByTestId('word-diff');
  await expect(diff.locator('del').first()).toHaveText('0.2');
  await expect(diff.locator('ins').first()).toHaveText('1.5');
  await expect(diff).toContainText('Echo: model=gemini-3-flash-preview');
  const similarity = await comparison.getByTestId('similarity').textContent();
  expect(Number(similarity?.match(/\d+/)?.[0])).toBeLessThan(100);
  await page.screenshot({ path: testInfo.outputPath('compare-pair.png') });

  // Baseline vs each: pane 1 against panes 2 and 3 (pane 3 sent no temperature at all).
  await dialog.getByTestId('compare-mode-baseline').click();
  await expect(comparison).toHaveCount(2);
  await expect(comparison.nth(1).getByTestId('word-diff').locator('ins').first()).toHaveText('unset');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('pane tools: apply to all, rename, duplicate, move, remove, send to one pane, and an invalid pane blocks sending', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  const panes = page.getByTestId('pane');

  // Apply to all from a pane's field.
  await paneAt(page, 0).getByTestId('temperature').fill('0.7');
  await paneAt(page, 0).getByTestId('apply-all-temperature').click();
  await expect(paneAt(page, 1).getByTestId('temperature')).toHaveValue('0.7');
  await expect(page.getByTestId('strip-all-same')).toContainText('Temperature 0.7');

  // Apply to all from the strip.
  await paneAt(page, 1).getByTestId('thinking-level').selectOption('high');
  await page.getByTestId('strip-cell').nth(1).getByTestId('strip-chip-thinkingLevel').click();
  await menuItem(page, 'strip-apply-all').click();
  await expect(paneAt(page, 0).getByTestId('thinking-level')).toHaveValue('high');

  // An invalid value blocks sending, says where, and keeps everything typed.
  await paneAt(page, 1).locator('[data-testid="more-settings"] summary').click();
  await paneAt(page, 1).getByTestId('top-p').fill('1.5');
  await expect(paneAt(page, 1).getByTestId('top-p-error')).toHaveText('Top P must be between 0 and 1');
  await expect(paneAt(page, 1).getByTestId('pane-invalid')).toBeVisible();
  await page.getByTestId('prompt').fill('Blocked?');
  await page.getByTestId('prompt').press('Control+Enter');
  await expect(page.getByTestId('composer-error')).toContainText('Pane 2');
  await expect(page.getByTestId('composer-error')).toContainText('Top P must be between 0 and 1');
  await expect(page.getByTestId('prompt')).toHaveValue('Blocked?');
  await expect(paneAt(page, 1).getByTestId('top-p')).toHaveValue('1.5');
  expect(app.fake.interactionRequests()).toHaveLength(0);
  await page.screenshot({ path: testInfo.outputPath('invalid-pane.png') });
  await paneAt(page, 1).getByTestId('top-p').fill('0.5');
  await expect(paneAt(page, 1).getByTestId('pane-invalid')).toBeHidden();

  // Rename, duplicate, move, remove.
  await paneAt(page, 0).getByTestId('pane-menu').click();
  await page.screenshot({ path: testInfo.outputPath('pane-menu.png') });
  await menuItem(page, 'pane-rename').click();
  await paneAt(page, 0).getByTestId('pane-rename-input').fill('Baseline');
  await paneAt(page, 0).getByTestId('pane-rename-input').press('Enter');
  await expect(paneAt(page, 0).getByTestId('pane-label')).toHaveText('Baseline');
  await paneAt(page, 0).getByTestId('pane-menu').click();
  await menuItem(page, 'pane-duplicate').click();
  await expect(panes).toHaveCount(3);
  await expect(paneAt(page, 1).getByTestId('pane-label')).toHaveText('Baseline (copy)');
  await paneAt(page, 1).getByTestId('pane-menu').click();
  await menuItem(page, 'pane-move-right').click();
  await expect(paneAt(page, 2).getByTestId('pane-label')).toHaveText('Baseline (copy)');
  // Or by dragging its title bar onto another pane: it takes that pane's place.
  const labels = () => page.getByTestId('pane-label').allTextContents();
  const before = await labels();
  await paneAt(page, 2).getByTestId('pane-head').dragTo(paneAt(page, 0).getByTestId('pane-head'));
  await expect.poll(labels).toEqual([before[2], before[0], before[1]]);
  // Anywhere on the pane will do, not only its title bar.
  await paneAt(page, 0).getByTestId('pane-head').dragTo(paneAt(page, 2));
  await expect.poll(labels).toEqual([before[0], before[1], before[2]]);
  await paneAt(page, 2).getByTestId('pane-menu').click();
  await menuItem(page, 'pane-remove').click();
  await expect(panes).toHaveCount(2);

  // Send to one chosen pane only.
  const second = await paneAt(page, 1).getAttribute('data-pane-id');
  await page.getByTestId('send-target').selectOption(second!);
  await expect(page.getByTestId('send')).toHaveText('Send to 2');
  await page.getByTestId('prompt').fill('Only you');
  await page.getByTestId('send').click();
  await expect(paneAt(page, 1)).toHaveAttribute('data-status', 'done');
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(0);
  expect(bodies(app)).toEqual([
    { model: MODEL, input: 'Only you', generation_config: { temperature: 0.7, top_p: 0.5, thinking_level: 'high' }, stream: true },
  ]);
});

test('neither the strip nor the pane offers a blank model to all panes: the strip’s menu and chip say why, until a model is typed', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  const second = paneAt(page, 1);
  await second.getByTestId('model-select').selectOption('__custom__');
  await second.getByTestId('model-custom').fill('');
  await expect(second.getByTestId('model-error')).toHaveText('Enter a model id');
  // The pane's own form offers it only for a model that would be copied: the first pane's, not the blank one.
  await expect(paneAt(page, 0).getByTestId('apply-all-model')).toBeVisible();
  await expect(second.getByTestId('apply-all-model')).toHaveCount(0);

  const chip = page.getByTestId('strip-cell').nth(1).getByTestId('strip-chip-model');
  await chip.click();
  const apply = menuItem(page, 'strip-apply-all');
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveText('Cannot use in all panes: enter a model id');
  // The arrow keys skip a disabled item: the menu opens on what can be done.
  await expect(menuItem(page, 'strip-edit')).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('[role="menu"]:popover-open').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // The strip with its open menu, which hangs below it.
  const strip = (await page.getByTestId('config-strip').boundingBox())!;
  const menu = (await page.locator('[role="menu"]:popover-open').boundingBox())!;
  const clip = { x: strip.x, y: strip.y, width: strip.width, height: menu.y + menu.height + 8 - strip.y };
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ clip, path: testInfo.outputPath(`strip-blank-model-${colorScheme}.png`) });
  }
  await page.keyboard.press('Escape');
  await expect(paneAt(page, 0).getByTestId('model-select')).toHaveValue(MODEL);
  // Also on the chip, for whoever reaches the menu through it.
  await expect(chip).toHaveAccessibleName('Model in pane 2: blank. Cannot use in all panes: enter a model id');

  await second.getByTestId('model-custom').fill('gemini-2.5-pro');
  await expect(chip).toHaveAccessibleName('Model in pane 2: gemini-2.5-pro');
  await expect(second.getByTestId('apply-all-model')).toBeVisible();
  await chip.click();
  await expect(apply).toHaveText('Use “gemini-2.5-pro” in all panes');
  await apply.click();
  await expect(page.getByTestId('strip-all-same')).toContainText('gemini-2.5-pro');
});

test('stop sequences: a sixth is an error and blocks sending with everything kept; five are sent and the API takes them', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const pane = paneAt(page, 0);
  await pane.locator('[data-testid="more-settings"] summary').click();
  // Markers the fake's answer never holds, so the answer is not cut short by them.
  const six = ['ZQ1', 'ZQ2', 'ZQ3', 'ZQ4', 'ZQ5', 'ZQ6'].join('\n');
  await pane.getByTestId('stop-sequences').fill(six);
  await expect(pane.getByTestId('stop-sequences-error')).toHaveText('At most 5 stop sequences: the API takes no more (6 here)');
  await expect(pane.getByTestId('pane-invalid')).toBeVisible();
  await page.getByTestId('prompt').fill('Stop where?');
  await page.getByTestId('prompt').press('Control+Enter');
  await expect(page.getByTestId('composer-error')).toContainText('At most 5 stop sequences');
  await expect(page.getByTestId('prompt')).toHaveValue('Stop where?');
  await expect(pane.getByTestId('stop-sequences')).toHaveValue(six);
  expect(app.fake.interactionRequests()).toHaveLength(0);
  await page.screenshot({ path: testInfo.outputPath('six-stop-sequences.png') });

  const five = six.split('\n').slice(0, 5);
  await pane.getByTestId('stop-sequences').fill(five.join('\n'));
  await expect(pane.getByTestId('stop-sequences-error')).toHaveCount(0);
  await expect(pane.getByTestId('pane-invalid')).toBeHidden();
  await page.getByTestId('prompt').press('Control+Enter');
  await expect(pane.getByTestId('answer')).toContainText('stop_sequences=5');
  expect(bodies(app).map((b) => (b.generation_config as Record<string, unknown>).stop_sequences)).toEqual([five]);
});

test('keyboard: add a pane, focus the next pane, shortcut help, Esc stops every pane', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').click();
  await page.keyboard.press('Control+Shift+N');
  await expect(page.getByTestId('pane')).toHaveCount(2);

  await page.keyboard.press('Control+]');
  await expect(paneAt(page, 0).getByTestId('conversation')).toBeFocused();
  await page.keyboard.press('Control+]');
  await expect(paneAt(page, 1).getByTestId('conversation')).toBeFocused();
  await page.keyboard.press('Control+[');
  await expect(paneAt(page, 0).getByTestId('conversation')).toBeFocused();
  // Keyboard focus (Tab) marks its pane's head; a click into a pane does not.
  const accented = async () => {
    const heads = page.getByTestId('pane-head');
    const shadows = await heads.evaluateAll((els) => els.map((el) => getComputedStyle(el).boxShadow));
    return shadows.map((s) => s.includes('inset'));
  };
  await paneAt(page, 1).getByTestId('conversation').click();
  await expect(paneAt(page, 1).getByTestId('conversation')).toBeFocused();
  await expect.poll(accented).toEqual([false, false]);
  await page.keyboard.press('Shift+Tab');
  const focusedPane = () => page.evaluate(() => [...document.querySelectorAll('[data-testid="pane"]')].findIndex((p) => p.contains(document.activeElement)));
  expect(await focusedPane()).toBeGreaterThanOrEqual(0);
  const inPane = await focusedPane();
  await expect.poll(accented).toEqual([inPane === 0, inPane === 1]);
  await page.getByTestId('prompt').click();
  await expect.poll(accented).toEqual([false, false]);
  await paneAt(page, 0).getByTestId('conversation').click();
  await expect.poll(accented).toEqual([false, false]);
  await page.keyboard.press('ArrowDown'); // a key where a click put focus makes it keyboard focus
  await expect.poll(accented).toEqual([true, false]);

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toBeVisible();
  await expect(page.getByTestId('shortcut-help')).toContainText('Send the prompt to all panes');
  await page.screenshot({ path: testInfo.outputPath('shortcut-help.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toBeHidden();

  await sendToAll(page, 'Long [[len:20000]] [[delay:40]]');
  for (let i = 0; i < 2; i++) await expect(paneAt(page, i).getByTestId('answer')).toContainText('Echo:');
  await page.keyboard.press('Escape');
  const terminal = await app.waitForTerminalEvents(2);
  expect(terminal.map((e) => e.type)).toEqual(['cancelled', 'cancelled']);
  for (let i = 0; i < 2; i++) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'stopped');
});

test('synchronised scrolling keeps the same turn in view in every pane', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  // One seed for both: the same request then gets the same answer (an unseeded repeat is sampled anew).
  for (const i of [0, 1]) {
    await paneAt(page, i).getByTestId('more-settings').locator('summary').click();
    await paneAt(page, i).getByTestId('seed').fill('7');
  }
  await page.getByTestId('toggle-all-settings').click();
  await sendToAll(page, 'One [[len:3000]]');
  await app.waitForTerminalEvents(2);
  await sendToAll(page, 'Two [[len:3000]]');
  await app.waitForTerminalEvents(4);
  await page.getByTestId('sync-scroll').click();
  await expect(page.getByTestId('sync-scroll')).toHaveAttribute('aria-pressed', 'true');

  const [left, right] = [paneAt(page, 0).getByTestId('conversation'), paneAt(page, 1).getByTestId('conversation')];
  await left.hover();
  await left.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect.poll(() => right.evaluate((el) => el.scrollTop)).toBeLessThan(5);
  await page.mouse.wheel(0, 900);
  await expect.poll(() => left.evaluate((el) => el.scrollTop)).toBeGreaterThan(500);
  const [a, b] = [await left.evaluate((el) => el.scrollTop), await right.evaluate((el) => el.scrollTop)];
  // The same answer in both panes here, so the same offset.
  expect(Math.abs(a - b)).toBeLessThan(30);
});

async function configure(page: Page, from: number, to: number): Promise<void> {
  const temps = ['0.2', '0.7', '1.2', '', '1.8', '0.4'];
  const levels = ['low', 'high', '', 'medium', 'minimal', 'high'];
  for (let i = from; i < to; i++) {
    const pane = paneAt(page, i);
    await pane.getByTestId('temperature').fill(temps[i] ?? '');
    await pane.getByTestId('thinking-level').selectOption(levels[i] ?? '');
  }
  if (from <= 2 && to > 2) await paneAt(page, 2).getByTestId('system-instruction').fill('Answer like a ship’s captain.');
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [2560, 1440],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready.then(() => true));
    const path = testInfo.outputPath(`${name}-${width}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`${name} at ${width} px`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

for (const theme of ['light', 'dark'] as const) {
  test(`layout screenshots: 2, 4 and 6 panes (${theme})`, async ({ launch }, testInfo) => {
    let app: Playground | undefined;
    test.setTimeout(120_000);
    const browser = await launchBrowser();
    try {
      app = await launch({ env: { GEMINI_API_KEY: KEY }, colorScheme: theme, browser });
      const { page } = app;
      let sent = 0;
      for (const count of [2, 4, 6]) {
        const before = await page.getByTestId('pane').count();
        await addPanes(page, count);
        await configure(page, before === 1 ? 0 : before, count);
        if (count === 4) await page.screenshot({ path: testInfo.outputPath(`panes-4-${theme}-settings-1280.png`) });
        await sendToAll(page, `Explain streaming, round ${count} [[markdown]] [[len:1400]]`);
        sent += count;
        await app.waitForTerminalEvents(sent);
        for (let i = 0; i < count; i++) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
        await shoot(page, testInfo, `panes-${count}-${theme}`);
      }
      expect(app.fake.interactionRequests()).toHaveLength(12);
    } finally {
      await app?.close();
      await browser.close();
    }
  });
}

test('six panes stream long markdown answers to the end, side by side', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 6);
  await page.getByTestId('toggle-all-settings').click();
  type Perf = { frames: [number, number][]; longTasks: number[]; stop: boolean };
  await page.evaluate(() => {
    const w = window as unknown as { __perf: Perf };
    w.__perf = { frames: [], longTasks: [], stop: false };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__perf.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    let last = performance.now();
    const frame = (now: number) => {
      w.__perf.frames.push([now, now - last]);
      last = now;
      if (!w.__perf.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.waitForTimeout(1_000);
  const sentAt = await page.evaluate(() => performance.now());
  await sendToAll(page, 'Long [[markdown]] [[len:40000]] [[delay:4]]');
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const firstDoneAt = await page.evaluate(() => performance.now());
  await app.waitForTerminalEvents(6, 90_000);
  const perf = await page.evaluate(
    ([from, to]) => {
      const w = window as unknown as { __perf: Perf };
      w.__perf.stop = true;
      const p50 = (gaps: number[]) => [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
      const between = (a: number, b: number) => w.__perf.frames.filter(([t]) => t >= a && t < b).map(([, gap]) => gap);
      const quarter = (to - from) / 4;
      return {
        idleP50: p50(between(0, from)),
        earlyP50: p50(between(from + quarter * 0.5, from + quarter * 1.5)),
        lateP50: p50(between(from + quarter * 2.5, to)),
        streamingFrames: between(from, to).length,
        maxGapMs: Math.round(Math.max(0, ...between(from, to))),
        streamingMs: Math.round(to - from),
        longTasks: w.__perf.longTasks.map(Math.round),
      };
    },
    [sentAt, firstDoneAt] as [number, number],
  );
  await testInfo.attach('frame timing', { body: JSON.stringify(perf, null, 2), contentType: 'application/json' });
  console.log('six panes streaming:', JSON.stringify(perf));
  for (let i = 0; i < 6; i++) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
  await expect(paneAt(page, 5).getByTestId('answer')).toContainText('Echo:');
  // Timing targets belong to `npm run bench` (a per-frame target here failed on a loaded CI machine); the
  // tail-only rendering that keeps frames flat is asserted by src-renderer/lib/markdown/incremental.test.ts.
  // What is asserted is what a person would call broken whatever the machine: the page kept painting while six
  // answers streamed, and never froze for a quarter of the stream.
  expect(perf.streamingFrames).toBeGreaterThanOrEqual(20);
  expect(perf.maxGapMs).toBeLessThan(perf.streamingMs / 4);
});

test('in a narrow window nothing scrolls sideways but the panes: the title bar’s tools give way', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-panes-narrow' }, viewport: { width: 1100, height: 760 } });
  const { page } = app;
  await page.getByTestId('add-pane').click();
  await expect(page.getByTestId('pane')).toHaveCount(2);
  const overflow = () => page.evaluate(() => ({ width: document.documentElement.scrollWidth, scrolled: window.scrollX }));
  expect(await overflow()).toEqual({ width: 1100, scrolled: 0 });
  // The key button, at the far right, is whole and in view.
  const key = await page.getByTestId('key-button').boundingBox();
  expect(key!.x + key!.width).toBeLessThanOrEqual(1100);
  await page.screenshot({ path: testInfo.outputPath('narrow-window.png') });
});
