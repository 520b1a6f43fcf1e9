// Experiments → Sweep: panes for every combination of chosen settings, the request each one sends,
// and a sweep larger than the pane limit refused without creating anything.
import { expect, test } from '@playwright/test';
import { launchPlayground, type Playground } from './harness';
import { paneAt } from './support/ui';

const KEY = 'AIzaTestKey-experiments-7c21';
const MODEL = 'gemini-3-flash-preview';

let app: Playground | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Arrival order between concurrent requests is not defined; compare as sorted lists. */
function sorted<T>(items: T[]): T[] {
  return [...items].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

const COMBINATIONS = [
  [0.2, 'low'],
  [0.2, 'high'],
  [0.6, 'low'],
  [0.6, 'high'],
  [1, 'low'],
  [1, 'high'],
] as const;

test('a 3×2 sweep makes six panes labelled by their values, and a send makes six requests with exactly those settings', async ({}, testInfo) => {
  test.setTimeout(120_000);
  app = await launchPlayground({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const prompt = 'Sweep me [[len:200]]';
  await page.getByTestId('prompt').fill(prompt);

  await page.getByTestId('sweep-open').click();
  const dialog = page.getByTestId('sweep-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('sweep-preview')).toHaveText('Choose values to try.');
  await expect(dialog.getByTestId('sweep-create')).toBeDisabled();

  // A bad list says what is wrong and creates nothing.
  await dialog.getByTestId('sweep-temperatures').fill('0.2, warm');
  await expect(dialog.getByTestId('sweep-temperatures-error')).toHaveText('“warm” is not a number: list temperatures like 0, 0.5, 1');
  await expect(dialog.getByTestId('sweep-create')).toBeDisabled();

  await dialog.getByTestId('sweep-temperatures').fill('0.2, 0.6, 1.0');
  await dialog.getByTestId('sweep-thinking-low').check();
  await dialog.getByTestId('sweep-thinking-high').check();
  await expect(dialog.getByTestId('sweep-preview')).toContainText('6 panes (3 temperatures × 2 thinking levels) · 6 requests per send');
  // No earlier turn: the estimate is the prompt's size / 4 per request.
  const perRequest = Math.ceil(prompt.length / 4);
  await expect(dialog.getByTestId('sweep-cost')).toContainText(`6 × ~${perRequest}`);
  await expect(dialog.getByTestId('sweep-create')).toHaveText('Create 6 panes');
  await page.screenshot({ path: testInfo.outputPath('sweep-dialog.png') });

  await dialog.getByTestId('sweep-create').click();
  await expect(dialog).toBeHidden();
  const panes = page.getByTestId('pane');
  await expect(panes).toHaveCount(6);
  for (const [i, [t, level]] of COMBINATIONS.entries()) {
    const pane = paneAt(page, i);
    await expect(pane.getByTestId('pane-label')).toContainText(`T=${t} · ${level}`);
    await expect(pane.getByTestId('temperature')).toHaveValue(String(t));
    await expect(pane.getByTestId('thinking-level')).toHaveValue(level);
  }

  await page.getByTestId('prompt').press('Control+Enter');
  for (let i = 0; i < 6; i++) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(paneAt(page, 0).getByTestId('answer')).toContainText(/temperature=0\.2 .*thinking_level=low /);
  await expect(paneAt(page, 5).getByTestId('answer')).toContainText(/temperature=1 .*thinking_level=high /);

  const requests = app.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
  expect(requests).toHaveLength(6);
  expect(sorted(requests.map((b) => b.generation_config))).toEqual(
    sorted(COMBINATIONS.map(([temperature, thinking_level]) => ({ temperature, thinking_level }))),
  );
  expect(sorted(requests)).toEqual(
    sorted(COMBINATIONS.map(([temperature, thinking_level]) => ({ model: MODEL, input: prompt, generation_config: { temperature, thinking_level }, stream: true }))),
  );
  await page.screenshot({ path: testInfo.outputPath('sweep-panes.png') });

  // With a finished turn, the estimate comes from its usage.
  await page.getByTestId('sweep-open').click();
  await dialog.getByTestId('sweep-temperatures').fill('0, 1');
  await expect(dialog.getByTestId('sweep-cost')).toContainText("pane 1's last turn");
  await dialog.getByTestId('sweep-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(panes).toHaveCount(6);
});

test('a sweep that would make 12 panes is refused with a message and creates nothing', async ({}, testInfo) => {
  app = await launchPlayground({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('add-pane').click();
  const panes = page.getByTestId('pane');
  await expect(panes).toHaveCount(2);

  await page.getByTestId('sweep-open').click();
  const dialog = page.getByTestId('sweep-dialog');
  await dialog.getByTestId('sweep-temperatures').fill('0.2 0.6 1.0');
  await dialog.getByTestId('sweep-thinking-low').check();
  await dialog.getByTestId('sweep-thinking-high').check();
  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-2.5-flash"]').check();
  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-2.5-pro"]').check();
  await expect(dialog.getByTestId('sweep-error')).toContainText('12 combinations make 12 panes, but only 6 fit');
  await expect(dialog.getByTestId('sweep-error')).toContainText('Nothing will be created.');
  await expect(dialog.getByTestId('sweep-create')).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('sweep-refused.png') });

  // Added after the two current panes, even 6 do not fit: only 4 would.
  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-2.5-pro"]').uncheck();
  await dialog.getByTestId('sweep-mode-add').check();
  await expect(dialog.getByTestId('sweep-error')).toContainText('6 combinations make 6 panes, but only 4 fit');
  await expect(dialog.getByTestId('sweep-create')).toBeDisabled();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panes).toHaveCount(2);
  expect(app.fake.interactionRequests()).toHaveLength(0);
});
