// Running test cases through the bridge harness (real core, fake API): 20 imported cases × 3 panes, each cell one
// request with that pane's settings and that case's values, scored by the set's assertions; the summary's pass rates
// are what the fake's answers (an echo of the settings and the prompt) imply; Stop halfway, a restart, and "Run
// missing" sends only the cells without an answer; a hand mark changes the pass rate; filters; nothing reaches the
// panes' conversations. A rubric is judged by a model through the fake, on the flex tier, and its reason shown;
// without a key, Run missing that only asks the judge opens the key dialog as a run does.
// Screenshots at 1440/900/700 in light and dark.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { VERDICT_SCHEMA } from '../src-shared/eval/assertions';
import { MODEL_PRICES, requestCost } from '../src-shared/eval/prices';
import type { CellResult } from '../src-shared/eval/test-set';
import type { Session } from '../src-shared/session';
import { wilsonInterval } from '../src-shared/stats';
import { jsonFromSchema } from './fake-api/json-from-schema';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { savedTestSet } from './support/saved-sessions';
import { shootWidths } from './support/screenshots';
import { addPanes, paneAt } from './support/ui';

const KEY = 'AIzaTestKey-test-run-3b9d';
const env = { GEMINI_API_KEY: KEY };
const VIEWPORT = { width: 1440, height: 900 };

const TEMPERATURES = [0.2, 0.5, 0.8];
const TEMPLATE = 'Say {{word}} in {{lang}}';
/** Cases 1–12 in French, 13–20 in German; words w01…w20. */
const CASES = Array.from({ length: 20 }, (_, i) => ({ word: `w${String(i + 1).padStart(2, '0')}`, lang: i < 12 ? 'French' : 'German' }));
/** The set's assertions: the answer says French, and its echo shows temperature 0.2 or 0.8, or the prompt a word w0…. */
const CONTAINS = 'French';
const PATTERN = String.raw`temperature=0\.[28] |Prompt: Say w0`;

interface SentCell {
  input: string;
  temperature: number;
}

/**
 * What the fake's answer to a request implies: it echoes the settings on its first line ("temperature=0.5 …") and the
 * prompt on its second ("Prompt: Say w03 in French"), then filler of plain words that never holds "French".
 */
function passes({ input, temperature }: SentCell): boolean {
  const head = `Echo: temperature=${temperature} \nPrompt: ${input}`;
  return head.includes(CONTAINS) && new RegExp(PATTERN).test(head);
}

const sent = (app: Playground): SentCell[] =>
  app.fake.interactionRequests().map((r) => {
    const body = r.body as { input: string; generation_config?: { temperature?: number } };
    return { input: body.input, temperature: body.generation_config?.temperature ?? NaN };
  });

const percent = (x: number) => `${Math.round(x * 100)}%`;

function savedResults(dataDir: string): CellResult[] {
  return savedTestSet(dataDir)?.results ?? [];
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

/** Experiments → Test cases: in the bar's Experiments menu, or in "⋯" where the window is too narrow for it. */
async function openTests(page: Page): Promise<void> {
  // One of the two is there once the toolbar has measured its room (right after a start, neither yet).
  await expect(page.getByTestId('experiments-menu').or(page.getByTestId('toolbar-overflow')).first()).toBeVisible();
  if (await page.getByTestId('experiments-menu').isVisible()) {
    await page.getByTestId('experiments-menu').click();
    await page.getByTestId('tests-open').click();
  } else {
    await page.getByTestId('toolbar-overflow').click();
    await page.getByTestId('overflow-tests-open').click();
  }
  await expect(page.getByTestId('tests-view')).toBeVisible();
}

async function openResults(page: Page): Promise<void> {
  if (!(await page.getByTestId('tests-view').isVisible())) await openTests(page);
  await page.getByTestId('tests-tab-results').click();
  await expect(page.getByTestId('results-grid')).toBeVisible();
}

const summaryOf = (page: Page, pane: number): Locator => page.getByTestId('pane-summary').nth(pane);
const number = async (locator: Locator): Promise<number> => Number((await locator.innerText()).replace(/\D/g, ''));

/** The cell of case `n` (from 1) in pane `pane` (from 0), scrolled into the drawn rows first. */
async function cellAt(page: Page, n: number, pane: number): Promise<Locator> {
  const row = page.locator(`[data-testid="result-row"][data-case="${n}"]`);
  if ((await row.count()) === 0) {
    await page.getByTestId('results-scroller').evaluate((el, top) => (el.scrollTop = top), (n - 1) * 132);
  }
  await expect(row).toHaveCount(1);
  return row.getByTestId('result-cell').nth(pane);
}

async function addAssertion(page: Page, type: string): Promise<Locator> {
  await page.getByTestId('assertion-add-type').selectOption(type);
  await page.getByTestId('assertion-add').click();
  return page.getByTestId('assertion').last();
}

test('20 cases × 3 panes: scored as the fake’s answers imply; Stop halfway, restart, Run missing sends only the rest; a hand mark moves the pass rate', async ({ launch, startFake }, testInfo) => {
  test.setTimeout(240_000);
  // Slow enough answers (about 20 deltas 30 ms apart) that Stop lands halfway through.
  const slow = await startFake({ deltaDelayMs: 30 });
  let app = await launch({ env, fake: slow, viewport: VIEWPORT });
  const { page, dataDir } = app;

  await addPanes(page, 3);
  for (const [i, t] of TEMPERATURES.entries()) await paneAt(page, i).getByTestId('temperature').fill(String(t));
  await paneAt(page, 2).getByTestId('system-instruction').fill('Reply in {{lang}}.');
  await page.getByTestId('prompt').fill(TEMPLATE);

  await openTests(page);
  const dir = mkdtempSync(join(tmpdir(), 'test-run-e2e-'));
  writeFileSync(join(dir, 'cases.csv'), `word,lang\n${CASES.map((c) => `${c.word},${c.lang}`).join('\n')}\n`);
  await page.getByTestId('cases-import-input').setInputFiles(join(dir, 'cases.csv'));
  await expect(page.getByTestId('cases-notice')).toHaveText(/Imported 20 cases/);
  (await addAssertion(page, 'contains')).getByTestId('assertion-value').fill(CONTAINS);
  (await addAssertion(page, 'regex')).getByTestId('assertion-value').fill(PATTERN);

  await openResults(page);
  await expect(page.getByTestId('run-all')).toContainText('60');
  await expect(page.getByTestId('run-missing')).toContainText('60');
  // Only the rows in view are drawn.
  expect(await page.getByTestId('result-row').count()).toBeLessThan(20);

  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-progress')).toBeVisible();
  await expect(page.getByTestId('run-remaining')).toContainText('left');
  await expect.poll(() => number(page.getByTestId('run-done')), { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: testInfo.outputPath('results-running.png') });
  await expect.poll(() => number(page.getByTestId('run-done')), { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(24);
  await page.getByTestId('run-stop').click();
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });

  const missing = await number(page.getByTestId('run-missing'));
  expect(missing).toBeGreaterThan(0);
  expect(missing).toBeLessThan(60 - 24 + 1);
  await saved(page);
  const before = savedResults(dataDir);
  const doneBefore = before.filter((r) => r.status === 'done');
  expect(doneBefore).toHaveLength(60 - missing);
  // The cells streaming at Stop are kept as stopped, with what had arrived.
  expect(before.filter((r) => r.status === 'stopped').length).toBeGreaterThan(0);
  expect(sent(app).length).toBeLessThan(60);

  // The cells are not turns: the panes' conversations are empty.
  await page.getByTestId('tests-close').click();
  await expect(page.getByTestId('pane')).toHaveCount(3);
  await expect(page.getByTestId('turn')).toHaveCount(0);
  await app.close();

  // Restart on the same data, against a fresh fake that counts what it is sent.
  const fresh = await startFake();
  app = await launch({ env, fake: fresh, dataDir, viewport: VIEWPORT });
  const again = app.page;
  await openResults(again);
  await expect(again.getByTestId('run-missing')).toContainText(String(missing));
  await again.getByTestId('run-missing').click();
  await expect(again.getByTestId('run-all')).toBeVisible({ timeout: 60_000 });
  await expect(again.getByTestId('run-missing')).toBeDisabled();
  // Exactly the cells without an answer were sent, none of the finished ones again.
  expect(sent(app)).toHaveLength(missing);
  const key = (c: SentCell) => `${c.input}@${c.temperature}`;
  // A finished answer names its request: the fake echoed the temperature and the prompt.
  const answered = new Set(doneBefore.map((r) => `${/^Prompt: (.*)$/m.exec(r.text)![1]}@${/temperature=(\S+)/.exec(r.text)![1]}`));
  expect(answered.size).toBe(60 - missing);
  expect(sent(app).filter((c) => answered.has(key(c)))).toEqual([]);
  await saved(again);
  const all = savedResults(dataDir);
  expect(all).toHaveLength(60);
  expect(all.every((r) => r.status === 'done')).toBe(true);
  // …and those sent now are the ones that had no finished answer before the restart.
  const doneKeys = new Set(doneBefore.map((r) => `${r.caseId}/${r.paneId}`));
  expect(all.filter((r) => !doneKeys.has(`${r.caseId}/${r.paneId}`))).toHaveLength(missing);

  // Every cell's expected verdict, from what the fake echoed: per pane, the cases × the pane's temperature.
  const expected = TEMPERATURES.map((temperature) => CASES.filter((c) => passes({ input: `Say ${c.word} in ${c.lang}`, temperature })).length);
  expect(expected).toEqual([12, 9, 12]);
  for (const [pane, passed] of expected.entries()) {
    const rate = wilsonInterval(passed, 20)!;
    await expect(summaryOf(again, pane).getByTestId('pass-rate')).toHaveText(percent(rate.rate));
    await expect(summaryOf(again, pane).getByTestId('pass-count')).toHaveText(`${passed} of 20 passed`);
    await expect(summaryOf(again, pane).getByTestId('pass-interval')).toHaveText(`95% CI ${percent(rate.low)}–${percent(rate.high)}`);
  }
  // The system instruction went out filled with each case's value.
  const third = app.fake.interactionRequests().map((r) => r.body as { system_instruction?: string; input: string }).filter((b) => b.system_instruction !== undefined);
  for (const body of third) expect(body.system_instruction).toBe(`Reply in ${/ in (\w+)$/.exec(body.input)![1]}.`);

  // Cell 10 in pane 2 fails the regex (w10, temperature 0.5): its ✗ says why.
  const failing = await cellAt(again, 10, 1);
  await expect(failing).toHaveAttribute('data-verdict', 'fail');
  await expect(failing.getByTestId('cell-check').nth(1)).toHaveAttribute('title', new RegExp(`Failed: matches /.*/ — no match for /`));
  await expect(failing.getByTestId('cell-answer')).toContainText('Prompt: Say w10 in French');

  // Filters: panes 1 and 2 disagree on cases 10–12; some pane fails cases 10–20.
  await again.getByTestId('results-filter').selectOption('disagree');
  await expect(again.getByTestId('results-count')).toHaveText('3 of 20 cases');
  await expect(again.getByTestId('result-row')).toHaveCount(3);
  await again.getByTestId('results-filter').selectOption('failed');
  await expect(again.getByTestId('results-count')).toHaveText('11 of 20 cases');
  await again.getByTestId('results-filter').selectOption('all');

  // A hand mark: case 1 in pane 2 failed by hand — pane 2 drops from 9 to 8 of 20.
  const marked = await cellAt(again, 1, 1);
  await expect(marked).toHaveAttribute('data-verdict', 'pass');
  await marked.getByTestId('cell-mark-fail').click();
  await expect(marked).toHaveAttribute('data-verdict', 'fail');
  await expect(marked.getByTestId('cell-verdict')).toHaveText('Fail (by hand)');
  await expect(summaryOf(again, 1).getByTestId('pass-count')).toHaveText('8 of 20 passed');
  await expect(summaryOf(again, 1).getByTestId('pass-rate')).toHaveText('40%');
  await expect(summaryOf(again, 0).getByTestId('pass-count')).toHaveText('12 of 20 passed');
  await saved(again);
  expect(savedResults(dataDir).filter((r) => r.manual)).toMatchObject([{ manual: 'fail' }]);

  // Sorted by failures, case 13 (failed in every pane) comes first.
  await again.getByTestId('results-sort').selectOption('failures');
  await expect(again.getByTestId('result-row').first()).toHaveAttribute('data-case', '13');
  await again.getByTestId('results-sort').selectOption('case');

  // An expanded row shows the whole answer and each check's reason.
  await (await cellAt(again, 10, 1)).getByTestId('cell-answer').click();
  await expect((await cellAt(again, 10, 1)).getByTestId('cell-reasons')).toContainText('no match for /');
  // In a narrow window each cell's buttons stay inside it, not cut off by the next column.
  await again.setViewportSize({ width: 700, height: 900 });
  for (const cell of await again.getByTestId('result-row').filter({ has: again.getByTestId('cell-collapse') }).getByTestId('result-cell').all()) {
    const outer = (await cell.boundingBox())!;
    for (const button of await cell.getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width, (await button.textContent()) ?? '').toBeLessThanOrEqual(outer.x + outer.width);
      // Nothing lies over it either: a click would reach it.
      await button.click({ trial: true, timeout: 2000 });
    }
  }
  await again.setViewportSize(VIEWPORT);
  await shootWidths(again, testInfo, 'results');
});

/** The prompt "Greet {{name}} politely", two cases (Ada, Grace) and one rubric judged by `judge`. */
/** The prompt, then Test cases with one case per value of `variable`, imported from a JSONL file. */
async function promptWithCases(page: Page, prompt: string, variable: string, values: readonly string[]): Promise<void> {
  await page.getByTestId('prompt').fill(prompt);
  await openTests(page);
  const dir = mkdtempSync(join(tmpdir(), 'test-run-cases-'));
  writeFileSync(join(dir, 'cases.jsonl'), values.map((v) => `${JSON.stringify({ [variable]: v })}\n`).join(''));
  await page.getByTestId('cases-import-input').setInputFiles(join(dir, 'cases.jsonl'));
  await expect(page.getByTestId('cases-notice')).toHaveText(new RegExp(`Imported ${values.length} cases`));
}

async function greetingsWithRubric(page: Page, judge: string, text: string): Promise<void> {
  await promptWithCases(page, 'Greet {{name}} politely', 'name', ['Ada', 'Grace']);
  const rubric = await addAssertion(page, 'rubric');
  await rubric.getByTestId('assertion-judge').fill(judge);
  await rubric.getByTestId('assertion-rubric').fill(text);
}

test('a rubric is judged by the judge model through the fake, on the chosen service tier, and its reason is shown', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env, viewport: VIEWPORT });
  const { page } = app;
  await greetingsWithRubric(page, 'gemini-2.5-flash', 'The answer greets the person by name.');

  await openResults(page);
  await page.getByTestId('run-tier').selectOption('flex');
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 60_000 });

  // Two answers, then a judge for each: the judge model, the verdict schema, the answer inside.
  const bodies = app.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
  expect(bodies).toHaveLength(4);
  const judges = bodies.filter((b) => b.model === 'gemini-2.5-flash');
  expect(judges).toHaveLength(2);
  for (const judge of judges) {
    expect(judge.response_format).toMatchObject({ mime_type: 'application/json', schema: VERDICT_SCHEMA });
    expect(judge.input).toContain('The answer greets the person by name.');
    expect(judge.input).toMatch(/Prompt: Greet (Ada|Grace) politely/);
  }
  expect(bodies.every((b) => b.service_tier === 'flex')).toBe(true);

  // The fake's judge answers with the JSON its schema implies: that verdict and its reason are shown.
  const verdict = jsonFromSchema(VERDICT_SCHEMA as never) as { pass: boolean; reason: string };
  const first = await cellAt(page, 1, 0);
  await expect(first).toHaveAttribute('data-verdict', verdict.pass ? 'pass' : 'fail');
  await expect(first.getByTestId('cell-check')).toHaveAttribute('title', `${verdict.pass ? 'Passed' : 'Failed'}: rubric: The answer greets the person by name. — ${verdict.reason}`);
  await first.getByTestId('cell-answer').click();
  await expect(first.getByTestId('cell-reasons')).toContainText(`rubric: The answer greets the person by name. — ${verdict.reason}`);
  await expect(first).toContainText('flex');
  await expect(summaryOf(page, 0).getByTestId('pass-count')).toHaveText(`${verdict.pass ? 2 : 0} of 2 passed`);
  await shootWidths(page, testInfo, 'rubric');
});

test('a rubric filled with the case’s values; Run missing asks only the judge again where a rubric got no verdict', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env, viewport: VIEWPORT });
  const { page } = app;
  // The fake refuses every request to this model (400, not retried): the judge gives no verdict.
  await greetingsWithRubric(page, 'gemini-fault-http-400', 'The answer greets {{name}} by name.');

  await openResults(page);
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 60_000 });
  const judges = (model: string) => app.fake.interactionRequests().map((r) => r.body as Record<string, unknown>).filter((b) => b.model === model);
  const failing = judges('gemini-fault-http-400');
  expect(failing).toHaveLength(2);
  for (const judge of failing) {
    // The rubric filled with the same case's value as the prompt shown beside it.
    const name = /<prompt>\nGreet (Ada|Grace) politely\n<\/prompt>/.exec(judge.input as string)?.[1];
    expect(name).toBeDefined();
    expect(judge.input).toContain(`<rubric>\nThe answer greets ${name} by name.\n</rubric>`);
  }
  const first = await cellAt(page, 1, 0);
  await expect(first.getByTestId('cell-unjudged')).toHaveAttribute('title', /^No verdict: rubric: The answer greets Ada by name\. — The judge failed: /);
  await expect(page.getByTestId('run-missing')).toContainText('2');
  await expect(page.getByTestId('pass-rate-none')).toHaveText('No verdicts yet: 2 answers wait for the judge; Run missing asks it again');
  await shootWidths(page, testInfo, 'no-verdict');

  // Asked again, not the model: the answers stay as they were.
  app.fake.clear();
  await page.getByTestId('run-missing').click();
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 60_000 });
  expect(app.fake.interactionRequests().map((r) => (r.body as Record<string, unknown>).model)).toEqual(['gemini-fault-http-400', 'gemini-fault-http-400']);

  // A judge that answers: Run missing gets the verdicts, and nothing is missing any more.
  await page.getByTestId('tests-tab-cases').click();
  await page.getByTestId('assertion').last().getByTestId('assertion-judge').fill('gemini-2.5-flash');
  await openResults(page);
  await expect(page.getByTestId('run-missing')).toContainText('2');
  app.fake.clear();
  await page.getByTestId('run-missing').click();
  await expect(page.getByTestId('run-missing')).toBeDisabled({ timeout: 60_000 });
  expect(judges('gemini-2.5-flash')).toHaveLength(2);
  expect(app.fake.interactionRequests()).toHaveLength(2);
  const verdict = jsonFromSchema(VERDICT_SCHEMA as never) as { pass: boolean; reason: string };
  await expect(first).toHaveAttribute('data-verdict', verdict.pass ? 'pass' : 'fail');
  await shootWidths(page, testInfo, 'rejudged');

  // One pane at 700 px: its column fits the grid, the summary's figures wrap, and no cell's edge is out of view.
  await page.setViewportSize({ width: 700, height: 900 });
  const scroller = page.getByTestId('results-scroller');
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  const view = (await scroller.boundingBox())!;
  const lastButton = (await first.getByRole('button').last().boundingBox())!;
  expect(lastButton.x + lastButton.width).toBeLessThanOrEqual(view.x + view.width);
  await page.setViewportSize(VIEWPORT);
});

test('Run missing that only asks the judge, with the key removed, opens the key dialog as Run all does', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ viewport: VIEWPORT });
  const { page } = app;
  const dialog = page.getByTestId('key-dialog');
  await page.getByTestId('key-input').fill(KEY);
  await page.getByTestId('key-save').click();
  await expect(dialog).toBeHidden();
  // The fake refuses every request to this model: both answers are in, neither has a verdict.
  await greetingsWithRubric(page, 'gemini-fault-http-400', 'The answer greets {{name}} by name.');
  await openResults(page);
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 60_000 });
  await expect((await cellAt(page, 1, 0)).getByTestId('cell-unjudged')).toHaveAttribute('title', /The judge failed: /);
  await expect(page.getByTestId('run-missing')).toContainText('2');

  await page.getByTestId('key-button').click();
  await dialog.getByTestId('key-remove').click();
  await expect(page.getByTestId('key-status')).toHaveText('No API key set');
  await page.getByTestId('key-close').click();
  await expect(dialog).toBeHidden();
  app.fake.clear();
  await page.getByTestId('run-missing').click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('run-error')).toHaveText(/: the run stopped\.$/);
  expect(app.fake.interactionRequests()).toEqual([]);
  await shootWidths(page, testInfo, 'rejudge-no-key');
});

test('a pane’s cost prices its answers at the model they were sent with: switching the pane to another model leaves it', async ({ launch }) => {
  test.setTimeout(120_000);
  const app = await launch({ env, viewport: VIEWPORT });
  const { page, dataDir } = app;
  const useModel = async (model: string) => {
    const pane = paneAt(page, 0);
    if ((await pane.getByTestId('pane-settings').count()) === 0) await pane.getByTestId('settings-toggle').click();
    await pane.getByTestId('model-select').selectOption(model);
  };
  await useModel('gemini-2.5-flash');
  await promptWithCases(page, 'Say {{word}} [[len:3000]]', 'word', ['one', 'two']);
  await openResults(page);
  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 60_000 });
  await saved(page);

  const cells = savedResults(dataDir);
  expect(cells.map((c) => [c.status, c.model])).toEqual([['done', 'gemini-2.5-flash'], ['done', 'gemini-2.5-flash']]);
  const [input, output] = [cells.reduce((n, c) => n + c.inputTokens!, 0), cells.reduce((n, c) => n + c.outputTokens!, 0)];
  // As the summary writes it (PaneSummary.svelte): four places below a cent.
  const money = (usd: number) => (usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`);
  const flash = money(requestCost(MODEL_PRICES['gemini-2.5-flash']!, input, output));
  expect(flash).not.toBe(money(requestCost(MODEL_PRICES['gemini-2.5-pro']!, input, output)));
  await expect(summaryOf(page, 0).getByTestId('summary-cost')).toHaveText(flash);

  await page.getByTestId('tests-close').click();
  await useModel('gemini-2.5-pro');
  await openResults(page);
  await expect(summaryOf(page, 0).getByTestId('summary-cost')).toHaveText(flash);
});
