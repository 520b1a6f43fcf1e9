// How answers show tools, through the bridge harness against the fake API: the search, URL and code steps appear
// while the answer streams, citations become numbered links to the sources (opened through main's validated
// path), a pane without search differs in the strip and in its answer, the metrics line counts tool use and
// grounding, and a schema pane says whether each JSON answer holds to its schema. Screenshots at three widths,
// light and dark.
import type { Locator, Page } from '@playwright/test';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-tool-steps-7d2a';
const env = { GEMINI_API_KEY: KEY };

async function openTools(pane: Locator): Promise<void> {
  const section = pane.getByTestId('tools-settings');
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  await expect(section).toHaveAttribute('open', '');
}

async function closeSettings(page: Page): Promise<void> {
  for (const toggle of await page.getByTestId('settings-toggle').all()) {
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  }
}

function stepEventsBeforeEnd(app: Playground, paneId: string): string[] {
  const events = app.events.filter((e) => e.paneId === paneId);
  const end = events.findIndex((e) => e.type === 'done' || e.type === 'error' || e.type === 'cancelled');
  return events.slice(0, end < 0 ? undefined : end).flatMap((e) => (e.type === 'step' ? [e.step.type] : []));
}

const PROMPT = 'Read https://example.com/docs and https://example.com/paywall-news [[cite:4]] [[len:2500]] [[delay:25]]';

test('search, URL context and code steps stream into the pane, citations link to the numbered sources; a pane without them differs', async ({ launch }, testInfo) => {
  test.setTimeout(180_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  const [tools, plain] = [paneAt(page, 0), paneAt(page, 1)];
  await openTools(tools);
  await tools.getByTestId('tool-google-search').check();
  await tools.getByTestId('tool-url-context').check();
  await tools.getByTestId('tool-code-execution').check();

  // The strip names the tools as what differs between the panes.
  const strip = page.getByTestId('config-strip');
  await expect(strip).toContainText(/Search/);
  await expect(strip).toContainText(/URL context/);
  await closeSettings(page);

  await sendToAll(page, PROMPT);

  // The steps show while the answer is still streaming.
  const steps = tools.getByTestId('tool-step');
  await expect(steps).toHaveCount(3);
  await expect(tools).toHaveAttribute('data-status', 'streaming');
  await expect(steps.nth(0)).toHaveAttribute('data-kind', 'search');
  await page.screenshot({ path: testInfo.outputPath('tool-steps-streaming.png') });
  await expect(tools).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(plain).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  const toolsId = (await tools.getAttribute('data-pane-id'))!;
  expect(stepEventsBeforeEnd(app, toolsId)).toEqual([
    'google_search_call',
    'google_search_result',
    'url_context_call',
    'url_context_result',
    'code_execution_call',
    'code_execution_result',
    'model_output',
  ]);

  const query = 'Read https://example.com/docs and https://example.com/paywall-news';
  await expect(tools.getByTestId('tool-step-summary')).toHaveText([`Searched: ${query}, ${query} explained — 4 sources`, 'Read 2 URLs (1 failed)', 'Ran Python']);

  // Each step opens to what it did.
  for (const step of await steps.all()) await step.locator('summary').click();
  await expect(steps.nth(0).getByTestId('search-sources').locator('li')).toHaveText(['Source 1 example.com', 'Source 2 example.com', 'Source 3 example.com', 'Source 4 example.com']);
  await expect(steps.nth(1).getByTestId('url-statuses').locator('li')).toHaveText([/example\.com\/docs\s*success/, /example\.com\/paywall-news\s*paywall/]);
  await expect(steps.nth(2).getByTestId('code-source')).toContainText('words = text.split()');
  await expect(steps.nth(2).getByTestId('code-output')).toHaveText('4\n');

  // Citations: numbered links in the answer, to the sources listed under it.
  const answer = tools.getByTestId('answer');
  const markers = answer.locator('a', { hasText: /^\[\d\]$/ });
  await expect(markers).toHaveText(['[1]', '[2]', '[3]', '[4]']);
  await expect(markers.nth(2)).toHaveAttribute('href', 'https://example.com/source-3');
  await expect(tools.getByTestId('source')).toHaveCount(4);
  await markers.nth(1).click();
  await tools.getByTestId('sources').getByTestId('source-link').nth(3).click();
  await expect.poll(() => app.opened).toEqual(['https://example.com/source-2', 'https://example.com/source-4']);

  // The pane without tools: no steps, no markers, no sources; and its metrics count no tool use.
  await expect(plain.getByTestId('tool-steps')).toHaveCount(0);
  await expect(plain.getByTestId('answer').locator('a', { hasText: /^\[\d\]$/ })).toHaveCount(0);
  await expect(plain.getByTestId('sources')).toHaveCount(0);
  await expect(tools.locator('[data-metric="tool"]')).toContainText(/Tool use\s*\d+/);
  await expect(tools.locator('[data-metric="grounding"]')).toContainText(/Grounding\s*1 search/);
  await expect(plain.locator('[data-metric="tool"]')).toHaveCount(0);
  await expect(plain.locator('[data-metric="grounding"]')).toHaveCount(0);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: 900 });
      await steps.nth(0).scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`tool-steps-${width}-${colorScheme}.png`) });
      await tools.getByTestId('sources').scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`sources-${width}-${colorScheme}.png`) });
    }
  }
});

test('code that fails shows its error; a schema pane shows a conforming answer as valid JSON and a violating one with the path', async ({ launch }, testInfo) => {
  test.setTimeout(180_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await addPanes(page, 2);
  const [code, schema] = [paneAt(page, 0), paneAt(page, 1)];
  await openTools(code);
  await code.getByTestId('tool-code-execution').check();
  await openTools(schema);
  await schema.getByTestId('response-schema-example').click();
  await expect(page.getByTestId('config-strip')).toContainText(/Schema/);
  await closeSettings(page);

  await sendToAll(page, 'Count the words [[code-error]] [[delay:20]]');
  await expect(schema).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(code).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const step = code.getByTestId('tool-step');
  await expect(step).toHaveAttribute('data-failed', 'true');
  await expect(step.getByTestId('tool-step-summary')).toHaveText('Ran Python — error');
  await step.locator('summary').click();
  await expect(step.getByTestId('code-output')).toContainText('ZeroDivisionError: division by zero');
  await step.screenshot({ path: testInfo.outputPath('code-error.png') });

  const turns = schema.getByTestId('turn');
  await expect(turns.nth(0).getByTestId('schema-badge')).toHaveText('Valid against schema');
  await expect(turns.nth(0).getByTestId('schema-badge')).toHaveAttribute('data-kind', 'valid');
  await expect(turns.nth(0).getByTestId('answer').locator('pre code')).toContainText('"title":');
  // A plain pane has no badge.
  await expect(code.getByTestId('schema-badge')).toHaveCount(0);

  await sendToAll(page, 'Again, but break it [[schema-violate]] [[delay:20]]');
  await expect(turns.nth(1)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(turns.nth(1).getByTestId('schema-badge')).toHaveText(/^Schema violation at \/title: expected string, got \w+$/);
  await expect(turns.nth(1).getByTestId('schema-badge')).toHaveAttribute('data-kind', 'violation');

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: 900 });
      await turns.nth(1).getByTestId('schema-badge').scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`schema-${width}-${colorScheme}.png`) });
    }
  }
});
