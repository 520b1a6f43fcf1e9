// Experiments: a sweep makes panes for every combination of chosen settings (and one larger than the pane
// limit is refused); repeat runs show each pane's spread over answers the fake API gave; blind rating
// records picks and win rates; a restart keeps all of it.
import type { Page } from '@playwright/test';
import { meanPairwiseSimilarity, summarize } from '../src-shared/stats';
import { pngBytes } from '../test-support/main/images';
import { dropFiles } from './support/drop-files';
import type { FakeApi } from './fake-api/server';
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { menuItem, paneAt } from './support/ui';

const KEY = 'AIzaTestKey-experiments-7c21';
const MODEL = 'gemini-3-flash-preview';

/** Experiments menu → one of its dialogs. */
async function openExperiment(page: Page, item: 'sweep-open' | 'repeat-open' | 'blind-open'): Promise<void> {
  await page.getByTestId('experiments-menu').click();
  await menuItem(page, item).click();
}

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

test('a 3×2 sweep makes six panes labelled by their values, and a send makes six requests with exactly those settings', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const prompt = 'Sweep me [[len:200]]';
  await page.getByTestId('prompt').fill(prompt);

  await openExperiment(page, 'sweep-open');
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
    await expect(pane.getByTestId('pane-label')).toContainText(`T=${t} · thinking=${level}`);
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

  // With a finished turn, its answer is the guess for each new one; its conversation is not sent by the new panes.
  await page.getByTestId('prompt').fill(prompt);
  await openExperiment(page, 'sweep-open');
  await dialog.getByTestId('sweep-temperatures').fill('0, 1');
  await expect(dialog.getByTestId('sweep-cost')).toContainText("answer as long as pane 1's last");
  await dialog.getByTestId('sweep-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(panes).toHaveCount(6);
});

test('a sweep’s estimate counts the images in the prompt box as each model sees them: Gemini 3 by resolution, earlier models by tiles', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 900, height: 800 } });
  const { page } = app;
  const prompt = 'What is in these pictures?';
  await page.getByTestId('prompt').fill(prompt);
  const sizes = [[1000, 800], [300, 200], [800, 300], [1600, 1600]] as const;
  await dropFiles(
    page.getByTestId('composer'),
    sizes.map(([w, h], i) => ({ name: `p${i}.png`, type: 'image/png', bytes: pngBytes(0x40 + i, w, h) })),
  );
  await expect(page.getByTestId('attachment').and(page.locator('[data-status="ready"]'))).toHaveCount(4);
  await page.getByTestId('attachment-resolution').nth(1).selectOption('low');

  await openExperiment(page, 'sweep-open');
  const dialog = page.getByTestId('sweep-dialog');
  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-3-flash-preview"]').check();
  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-2.5-flash"]').check();
  // Gemini 3: 1,120 an image at its default resolution, 280 at low. Gemini 2.5: 2×2, 1, 2×1 and 3×3 tiles of 258.
  const gemini3 = 3 * 1_120 + 280;
  const tiles = 1_032 + 258 + 516 + 2_322;
  const perRequest = Math.ceil(prompt.length / 4) + Math.round((gemini3 + tiles) / 2);
  await expect(dialog.getByTestId('sweep-cost')).toContainText(`About ${(2 * perRequest).toLocaleString('en-US')} input tokens per send: 2 × ~${perRequest.toLocaleString('en-US')}`);
  await expect(dialog.getByTestId('sweep-cost')).toContainText('plus 4 files at Gemini');
  await expect(dialog.getByTestId('sweep-cost-unmeasured')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('sweep-estimate-900.png') });

  // Sent, the images are billed what the estimate counted for each pane's model (the fake bills as Gemini documents).
  await dialog.getByTestId('sweep-create').click();
  await expect(page.getByTestId('pane')).toHaveCount(2);
  await page.getByTestId('prompt').press('Control+Enter');
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const [summary] = await app.core.api.listSessions({});
  const doc = await app.core.api.getSession({ id: summary!.id });
  const billed = Object.fromEntries(
    doc.panes.map((pane) => {
      const turn = pane.turns[0]!;
      const byModality = (turn.metrics?.usage?.input_tokens_by_modality ?? []) as { modality: string; tokens: number }[];
      return [turn.config.model, byModality.find((m) => m.modality === 'image')?.tokens];
    }),
  );
  expect(billed).toEqual({ 'gemini-3-flash-preview': gemini3, 'gemini-2.5-flash': tiles });
});

test('a sweep that would make 12 panes is refused with a message and creates nothing', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('add-pane').click();
  const panes = page.getByTestId('pane');
  await expect(panes).toHaveCount(2);

  await openExperiment(page, 'sweep-open');
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

test('a sweep giving thinking levels to a model that does not think names those combinations, and still makes them', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await openExperiment(page, 'sweep-open');
  const dialog = page.getByTestId('sweep-dialog');
  // The fake API's list, as Google's, says gemini-2.0-flash does not think.
  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-2.0-flash"]').check();
  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-2.5-flash"]').check();
  await expect(dialog.getByTestId('sweep-preview')).toContainText('2 panes (2 models)');
  await expect(dialog.getByTestId('sweep-thinking-warning')).toHaveCount(0);

  await dialog.getByTestId('sweep-thinking-low').check();
  await dialog.getByTestId('sweep-thinking-high').check();
  const warning = dialog.getByTestId('sweep-thinking-warning');
  await expect(warning).toHaveText(
    'gemini-2.0-flash does not think: the API may refuse the thinking level of these 2 combinations, or ignore it: gemini-2.0-flash · thinking=low; gemini-2.0-flash · thinking=high.',
  );
  await page.screenshot({ path: testInfo.outputPath('sweep-thinking-warning.png') });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Colours ease over 120 ms after the scheme changes: asked again until they have settled.
    await expect.poll(() => blockingAxeViolations(page, '[data-testid="sweep-dialog"]')).toEqual([]);
  }
  // A warning, not a refusal: the panes can still be made.
  await expect(dialog.getByTestId('sweep-create')).toHaveText('Create 4 panes');
  await expect(dialog.getByTestId('sweep-create')).toBeEnabled();

  await dialog.locator('[data-testid="sweep-model"][data-model="gemini-2.0-flash"]').uncheck();
  await expect(warning).toHaveCount(0);
});

/** The answer text and usage of a stored interaction, as the fake API gives it back. */
async function fakeAnswer(api: FakeApi, id: string): Promise<{ text: string; outputTokens: number }> {
  const res = await fetch(`${api.url}/v1beta/interactions/${id}`, { headers: { 'x-goog-api-key': KEY } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { steps: { type: string; content?: { type: string; text?: string }[] }[]; usage: { total_output_tokens: number } };
  const text = body.steps
    .filter((s) => s.type === 'model_output')
    .flatMap((s) => s.content ?? [])
    .map((c) => c.text ?? '')
    .join('');
  return { text, outputTokens: body.usage.total_output_tokens };
}

test('repeat runs of 5 show spreads from the fake API’s answers; a blind round records a rating and win rates; a restart keeps it all', async ({ startFake, launch }, testInfo) => {
  test.setTimeout(180_000);
  const env = { GEMINI_API_KEY: KEY };
  // Answers take a moment, as real ones do: the repeat run then lasts long enough for its banner to be seen.
  const fake = await startFake({ deltaDelayMs: 25 });
  let app = await launch({ env, fake });
  let page = app.page;

  // Two panes from a sweep over temperature, so the sweep is part of what is kept.
  await openExperiment(page, 'sweep-open');
  const sweep = page.getByTestId('sweep-dialog');
  await sweep.getByTestId('sweep-temperatures').fill('0.3, 1.3');
  await sweep.getByTestId('sweep-create').click();
  await expect(page.getByTestId('pane')).toHaveCount(2);
  await page.getByTestId('prompt').fill('Tell me about rivers');
  await page.getByTestId('prompt').press('Control+Enter');
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  // The dialog: runs, requests at once, panes, what it will cost.
  await openExperiment(page, 'repeat-open');
  const dialog = page.getByTestId('repeat-dialog');
  await expect(dialog.getByTestId('repeat-preview')).toHaveText('10 requests (5 runs × 2 panes), at most 3 at once');
  await expect(dialog.getByTestId('repeat-cost')).toContainText('from what the last turns spent');
  await dialog.getByTestId('repeat-runs').fill('11');
  await expect(dialog.getByTestId('repeat-error')).toHaveText('Runs: a whole number from 2 to 10');
  await expect(dialog.getByTestId('repeat-start')).toBeDisabled();
  await dialog.getByTestId('repeat-runs').fill('5');
  await dialog.getByTestId('repeat-concurrency').fill('2');
  await expect(dialog.getByTestId('repeat-preview')).toHaveText('10 requests (5 runs × 2 panes), at most 2 at once');
  await page.screenshot({ path: testInfo.outputPath('repeat-dialog.png') });
  await dialog.getByTestId('repeat-start').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('repeat-banner')).toBeVisible();
  await expect(page.getByTestId('repeat-banner')).toBeHidden({ timeout: 60_000 });

  // The fake received the first two turns and then each pane's request five more times, unchanged.
  const bodies = fake.interactionRequests().map((r) => JSON.stringify(r.body));
  expect(bodies).toHaveLength(12);
  for (const first of bodies.slice(0, 2)) expect(bodies.filter((b) => b === first)).toHaveLength(6);

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const [summary] = await app.core.api.listSessions({});
  const doc = await app.core.api.getSession({ id: summary!.id });
  for (const [i, pane] of doc.panes.entries()) {
    const samples = pane.turns[0]!.samples ?? [];
    expect(samples.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const answers = await Promise.all(samples.map((s) => fakeAnswer(fake!, s.interactionId!)));
    // What the fake said is what the pane shows and keeps.
    expect(samples.map((s) => s.text)).toEqual(answers.map((a) => a.text));
    // Like the real API, the same request gets other answers (the fake's nth repeat is the same every run).
    expect(new Set(answers.map((a) => a.text.length)).size).toBeGreaterThan(1);

    const view = paneAt(page, i).getByTestId('samples');
    await expect(view.getByTestId('sample-chip')).toHaveCount(5);
    await expect(view.getByTestId('samples-progress')).toHaveText('5 of 5 answered');
    const lengths = summarize(answers.map((a) => a.text.length))!;
    const tokens = summarize(answers.map((a) => a.outputTokens))!;
    for (const [testid, expected] of [['spread-length', lengths], ['spread-tokens', tokens]] as const) {
      const row = view.getByTestId(testid);
      await expect(row).toHaveAttribute('data-median', String(expected.median));
      await expect(row).toHaveAttribute('data-min', String(expected.min));
      await expect(row).toHaveAttribute('data-max', String(expected.max));
    }
    await expect(view.getByTestId('spread-length')).toContainText(`median ${lengths.median.toLocaleString('en-US')} chars`);
    const similarity = Number(await view.getByTestId('spread-similarity').getAttribute('data-value'));
    expect(similarity).toBeCloseTo(meanPairwiseSimilarity(answers.map((a) => a.text))!, 12);
    expect(similarity).toBeGreaterThan(0);
    expect(similarity).toBeLessThan(1);
    const latency = summarize(samples.map((s) => s.metrics!.totalMs))!;
    await expect(view.getByTestId('spread-latency')).toHaveAttribute('data-median', String(latency.median));
    // No figure breaks between number and unit however narrow the pane: squeezed to nothing, each stays one line.
    const figureLines = await view.getByTestId('spread').evaluate((spread) => {
      const values = [...spread.querySelectorAll('dd')];
      for (const dd of values) dd.style.width = '0';
      const lines = [...spread.querySelectorAll('.figure')].map((figure) => `${figure.textContent}: ${figure.getClientRects().length}`);
      for (const dd of values) dd.style.width = '';
      return lines;
    });
    expect(figureLines.length).toBeGreaterThan(0);
    expect(figureLines.filter((line) => !line.endsWith(': 1'))).toEqual([]);

    // Each answer can be read.
    await view.getByTestId('sample-chip').nth(2).click();
    await expect(view.getByTestId('sample-view')).toContainText('Answer 3 of 5');
    await expect(view.getByTestId('sample-answer')).toContainText(answers[2]!.text.split('\n')[2]!.slice(0, 60));
  }
  await page.screenshot({ path: testInfo.outputPath('repeat-spreads.png') });

  // Blind rating: the turns' answers and the five pairs of samples, without labels.
  await openExperiment(page, 'blind-open');
  const blind = page.getByTestId('blind-dialog');
  // Six pairs cannot decide anything at 95 %, so the plan rates them all and does not stop early.
  await expect(blind.getByTestId('blind-plan-size')).toHaveAttribute('data-pairs', '6');
  await blind.getByTestId('blind-plan-start').click();
  await expect(blind.getByTestId('blind-progress')).toContainText('Pair 1 of 6');
  await expect(blind).not.toContainText('T=0.3');
  await expect(blind).not.toContainText('T=1.3');
  await page.screenshot({ path: testInfo.outputPath('blind-pair.png') });
  // The answer on the left says which pane it came from only in the fake's echo line.
  const leftText = (await blind.getByTestId('blind-text-a').textContent()) ?? '';
  const leftPane = leftText.includes('temperature=0.3') ? 'T=0.3' : 'T=1.3';
  const rightPane = leftPane === 'T=0.3' ? 'T=1.3' : 'T=0.3';
  await blind.getByTestId('blind-pick-a').click();
  const progress = blind.getByTestId('blind-progress');
  await expect(progress).toContainText('Pair 2 of 6');
  // While pairs remain the win rates stay folded: they would hint which side is which.
  const rows = blind.getByTestId('blind-rate-row');
  await expect(rows).toHaveCount(0);
  await blind.getByTestId('blind-show-rates').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(leftPane);
  await expect(rows.nth(0)).toContainText('100 %');
  await expect(rows.nth(0)).toContainText('1 – 0 – 0');
  // Wilson 95 % interval for 1 of 1: 20.7 % to 100 %.
  expect(Number(await rows.nth(0).getAttribute('data-low'))).toBeCloseTo(0.2065, 3);
  await expect(rows.nth(1)).toContainText(rightPane);
  await expect(rows.nth(1)).toContainText('0 – 1 – 0');
  // A tie on the next pair, by key (wherever the focus is in the dialog), counts half for each.
  await page.keyboard.press('0');
  await expect(progress).toContainText('Pair 3 of 6');
  await expect(rows.nth(0)).toContainText('75 %');
  // Skip, then Undo: the skipped pair comes back and the ratings stay as they are.
  await blind.getByTestId('blind-skip').click();
  await expect(progress).toContainText('Pair 4 of 6');
  await blind.getByTestId('blind-undo').click();
  await expect(progress).toContainText('Pair 3 of 6');
  await expect(rows.nth(0)).toContainText('1 – 0 – 1');
  await page.screenshot({ path: testInfo.outputPath('blind-results.png') });
  await blind.getByTestId('blind-dialog-close').click();

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const kept = await app.core.api.getSession({ id: summary!.id });
  expect(kept.experiments?.ratings?.map((r) => r.winner)).toEqual(['a', 'tie']);
  expect(kept.experiments?.repeat).toEqual({ runs: 5, concurrency: 2 });
  expect(kept.experiments?.sweep?.axes).toEqual({ temperatures: [0.3, 1.3] });
  const { dataDir } = app;
  await app.close();

  // A restart: samples, spreads, ratings and the sweep are all back.
  app = await launch({ env, dataDir, fake });
  page = app.page;
  await expect(page.getByTestId('pane')).toHaveCount(2);
  for (const i of [0, 1]) {
    await expect(paneAt(page, i).getByTestId('sample-chip')).toHaveCount(5);
    await expect(paneAt(page, i).getByTestId('samples-progress')).toHaveText('5 of 5 answered');
  }
  await openExperiment(page, 'blind-open');
  await page.getByTestId('blind-plan-start').click();
  await expect(page.getByTestId('blind-progress')).toContainText('Pair 1 of 4');
  await page.getByTestId('blind-show-rates').click();
  await expect(page.getByTestId('blind-rate-row').nth(0)).toContainText('1 – 0 – 1');
  expect(await app.core.api.getSession({ id: summary!.id })).toMatchObject({ experiments: kept.experiments });
  await page.getByTestId('blind-dialog-close').click();

  // The code export runs the sweep as a loop, each configuration as many times as the repeat run did.
  await page.getByTestId('export-code').click();
  const code = page.getByTestId('code-preview');
  await expect(code).toContainText('temperatures = [0.3, 1.3]');
  await expect(code).toContainText('runs = 5');
  await expect(code).toContainText('for temperature in temperatures:');
  await expect(code).toContainText('for run in range(1, runs + 1):');
});

test('Stop run on the repeat banner stops the repeat run only: an answer streaming in a pane outside it goes on', async ({ startFake, launch }) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  const { page } = await launch({ env: { GEMINI_API_KEY: KEY }, fake });
  await openExperiment(page, 'sweep-open');
  await page.getByTestId('sweep-temperatures').fill('0.3, 1.3');
  await page.getByTestId('sweep-create').click();
  await expect(page.getByTestId('pane')).toHaveCount(2);
  const paneId = async (i: number) => (await paneAt(page, i).getAttribute('data-pane-id'))!;

  // Pane 1's last prompt answers with a first word and then nothing, so its repeats stream until stopped.
  await page.getByTestId('send-target').selectOption(await paneId(0));
  await page.getByTestId('prompt').fill('[[fault:stall]] Wait for it');
  await page.getByTestId('prompt').press('Control+Shift+Enter');
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'streaming');
  await paneAt(page, 0).getByTestId('pane-stop').click();
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'stopped');

  await openExperiment(page, 'repeat-open');
  const dialog = page.getByTestId('repeat-dialog');
  await dialog.getByTestId('repeat-runs').fill('2');
  await dialog.getByTestId('repeat-start').click();
  const chips = paneAt(page, 0).getByTestId('sample-chip');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(0)).toHaveAttribute('data-status', 'streaming');

  // Meanwhile a question to pane 2, which the run does not include.
  await page.getByTestId('send-target').selectOption(await paneId(1));
  await page.getByTestId('prompt').fill('[[fault:stall]] Another question');
  await page.getByTestId('prompt').press('Control+Shift+Enter');
  await expect(paneAt(page, 1)).toHaveAttribute('data-status', 'streaming');

  await page.getByTestId('repeat-stop').click();
  await expect(page.getByTestId('repeat-banner')).toBeHidden();
  for (const i of [0, 1]) await expect(chips.nth(i)).toHaveAttribute('data-status', 'stopped');
  await expect(paneAt(page, 1)).toHaveAttribute('data-status', 'streaming');
  await paneAt(page, 1).getByTestId('pane-stop').click();
  await expect(paneAt(page, 1)).toHaveAttribute('data-status', 'stopped');
});
