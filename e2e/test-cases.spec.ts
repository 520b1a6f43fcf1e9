// Test cases through the bridge harness (real core, fake API): a CSV of 20 cases imported, a cell edited from the
// keyboard, a spreadsheet block pasted, a malformed CSV refused with its line and the table unchanged, JSONL exported,
// all of it back after a restart; and the composer's {{variables}} asked for in a dialog (or taken from a selected
// case), the prompt and the system instruction sent filled. Screenshots at 1440/900/700 in light and dark.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { savedTestSet } from './support/saved-sessions';
import { shootWidths } from './support/screenshots';
import { paneAt } from './support/ui';

const KEY = 'AIzaTestKey-cases-51e0';
const env = { GEMINI_API_KEY: KEY };

const TOPICS = ['math', 'geo', 'science', 'history'];
/** 20 cases: question, topic, expected — quoted cells with commas and a doubled quote among them. */
function csvOf20(): string {
  const lines = ['question,topic,expected'];
  for (let i = 1; i <= 20; i++) lines.push(`"Question ${i}, please",${TOPICS[i % 4]},"Answer ""${i}"""`);
  return `${lines.join('\n')}\n`;
}

const cells = (page: Page) => page.getByTestId('case-cell');
const rowAt = (page: Page, index: number): Locator => page.locator(`[data-testid="case-row"][aria-rowindex="${index + 2}"]`);
const cell = (page: Page, index: number, field: string): Locator => rowAt(page, index).locator(`[data-testid="case-cell"][data-field="${field}"]`);


async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

/** Dispatches a paste of `text` on the element, as a spreadsheet's copy would arrive. */
async function paste(target: Locator, text: string): Promise<void> {
  await target.focus();
  await target.evaluate((el, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('cases-import-input').setInputFiles(path);
}

/** Experiments → Test cases: in the bar's Experiments menu, or in "⋯" where the window is too narrow for it. */
async function openTests(app: Playground): Promise<void> {
  const { page } = app;
  if (await page.getByTestId('experiments-menu').isVisible()) {
    await page.getByTestId('experiments-menu').click();
    await page.getByTestId('tests-open').click();
  } else {
    await page.getByTestId('toolbar-overflow').click();
    await page.getByTestId('overflow-tests-open').click();
  }
  await expect(page.getByTestId('tests-view')).toBeVisible();
}

test('cases: a 20-row CSV imported, a cell edited, a block pasted, a malformed CSV refused, JSONL exported, all back after a restart', async ({ launch, startFake }, testInfo) => {
  test.setTimeout(150_000);
  const fake = await startFake();
  const dir = mkdtempSync(join(tmpdir(), 'cases-e2e-'));
  let app = await launch({ env, fake, viewport: { width: 1440, height: 900 } });
  const { page, dataDir } = app;
  await page.getByTestId('prompt').fill('{{question}} (about {{topic}})');
  await expect(page.getByTestId('composer-variable')).toHaveText(['{{question}}', '{{topic}}']);

  // The shortcut shows the view in the panes' place and hides it again; the Experiments menu ticks it while shown.
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('tests-view')).toBeVisible();
  await expect(page.getByTestId('pane')).toHaveCount(0);
  await page.getByTestId('experiments-menu').click();
  await expect(page.getByTestId('tests-open')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('pane')).toHaveCount(1);
  await openTests(app);
  await expect(page.getByTestId('case-column-name')).toHaveText(['question', 'topic', 'Expected', 'Notes']);

  // The tabs from the keyboard: an arrow chooses the next tab and focuses it, wrapping at the end.
  await page.getByTestId('tests-tab-cases').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tests-tab-results')).toBeFocused();
  await expect(page.getByTestId('tests-tab-results')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tests-tab-cases')).toBeFocused();
  await expect(page.getByTestId('tests-tab-cases')).toHaveAttribute('aria-selected', 'true');

  // Import: 20 cases, the quoted commas and quotes read as cells.
  writeFileSync(join(dir, 'cases.csv'), csvOf20());
  await importFile(page, join(dir, 'cases.csv'));
  await expect(page.getByTestId('cases-notice')).toHaveText(/Imported 20 cases from cases\.csv\./);
  // The one line of the notice sits level with its Dismiss button.
  const middle = async (testid: string, inner?: string) => {
    const box = (await (inner ? page.getByTestId(testid).locator(inner) : page.getByTestId(testid)).boundingBox())!;
    return box.y + box.height / 2;
  };
  expect(Math.abs((await middle('cases-notice', '.message')) - (await middle('cases-notice-dismiss')))).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('tests-tab-cases')).toContainText('20');
  await expect(page.getByTestId('cases-table')).toHaveAttribute('aria-rowcount', '21');
  await expect(cell(page, 0, 'question')).toHaveValue('Question 1, please');
  await expect(cell(page, 2, '$expected')).toHaveValue('Answer "3"');

  // Edit from the keyboard: type, Tab to the next cell, Enter down the column.
  await cell(page, 1, 'question').click();
  await cell(page, 1, 'question').fill('What is the capital of Peru?');
  await page.keyboard.press('Tab');
  await expect(cell(page, 1, 'topic')).toBeFocused();
  await page.keyboard.type('capitals');
  await page.keyboard.press('Enter');
  await expect(cell(page, 2, 'topic')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cell(page, 2, 'question')).toBeFocused();

  // A 3-row block from a spreadsheet, pasted into case 5: three new cases after it.
  await paste(cell(page, 4, 'question'), 'Pasted A\tpaste\tA!\nPasted B\tpaste\tB!\nPasted C\tpaste\tC!\n');
  await expect(page.getByTestId('cases-notice')).toHaveText(/Pasted 3 cases\./);
  await expect(page.getByTestId('cases-table')).toHaveAttribute('aria-rowcount', '24');
  for (const [i, letter] of [[5, 'A'], [6, 'B'], [7, 'C']] as const) {
    await expect(cell(page, i, 'question')).toHaveValue(`Pasted ${letter}`);
    await expect(cell(page, i, '$expected')).toHaveValue(`${letter}!`);
  }
  await expect(cell(page, 8, 'question')).toHaveValue('Question 6, please');
  await saved(page);
  const before = savedTestSet(dataDir);
  expect(before?.cases).toHaveLength(23);
  expect(before?.cases[1]?.values).toEqual({ question: 'What is the capital of Peru?', topic: 'capitals' });

  // A malformed CSV: refused with its line and reason, and the table is as it was.
  writeFileSync(join(dir, 'broken.csv'), 'question,topic\nfine,ok\nalso fine,ok\n"never closed,oops\nlast,row\n');
  await importFile(page, join(dir, 'broken.csv'));
  const refusal = page.getByTestId('cases-notice');
  await expect(refusal).toHaveAttribute('role', 'alert');
  await expect(refusal).toContainText('Could not import broken.csv: Line 4:');
  await expect(refusal).toContainText('The table is unchanged.');
  await expect(page.getByTestId('cases-table')).toHaveAttribute('aria-rowcount', '24');
  await expect(cell(page, 1, 'question')).toHaveValue('What is the capital of Peru?');
  await page.waitForTimeout(800);
  expect(savedTestSet(dataDir)).toEqual(before);

  // Assertions for the set, saved with it.
  await page.getByTestId('assertion-add-type').selectOption('contains');
  await page.getByTestId('assertion-add').click();
  await page.getByTestId('assertion-value').fill('Answer');
  await page.getByTestId('assertion-add-type').selectOption('rubric');
  await page.getByTestId('assertion-add').click();
  await page.getByTestId('assertion-judge').fill('gemini-2.5-flash');
  await page.getByTestId('assertion-rubric').fill('Names the topic.');

  // Export JSONL through the save dialog: one line per case, in order.
  const out = join(dir, 'exported.jsonl');
  app.dialogs.answerNextSave(out);
  await page.getByTestId('cases-export').click();
  await page.getByTestId('cases-export-jsonl').click();
  await expect(page.getByTestId('cases-notice')).toHaveText(new RegExp(`Saved 23 cases to ${out.replace(/[.]/g, '\\.')}`));
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  expect(lines).toHaveLength(23);
  expect(lines[0]).toEqual({ question: 'Question 1, please', topic: 'geo', expected: 'Answer "1"' });
  expect(lines[1]).toEqual({ question: 'What is the capital of Peru?', topic: 'capitals', expected: 'Answer "2"' });
  expect(lines[6]).toEqual({ question: 'Pasted B', topic: 'paste', expected: 'B!' });
  expect(app.dialogs.shown.at(-1)).toMatchObject({ kind: 'save', defaultName: 'test-cases.jsonl', extensions: ['jsonl'] });

  await page.getByTestId('cases-notice-dismiss').click();
  await shootWidths(page, testInfo, 'cases', [1440, 900, 700]);
  await saved(page);
  const atClose = savedTestSet(dataDir);
  expect(atClose?.assertions.map((a) => [a.type, a.value, a.judgeModel])).toEqual([
    ['contains', 'Answer', undefined],
    ['rubric', 'Names the topic.', 'gemini-2.5-flash'],
  ]);
  await app.close();

  // Restart on the same data: the table, its columns and its assertions are back.
  app = await launch({ env, fake, dataDir, viewport: { width: 1440, height: 900 } });
  await openTests(app);
  const again = app.page;
  await expect(again.getByTestId('cases-table')).toHaveAttribute('aria-rowcount', '24');
  await expect(again.getByTestId('case-column-name')).toHaveText(['question', 'topic', 'Expected', 'Notes']);
  await expect(cell(again, 1, 'question')).toHaveValue('What is the capital of Peru?');
  await expect(cell(again, 7, 'question')).toHaveValue('Pasted C');
  await expect(again.getByTestId('assertion')).toHaveCount(2);
  await expect(again.getByTestId('assertion-rubric')).toHaveValue('Names the topic.');
  // The last case is reached by scrolling the table (rows are drawn as they come into view).
  await again.getByTestId('cases-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(cell(again, 22, 'question')).toHaveValue('Question 20, please');
  expect(savedTestSet(app.dataDir)).toEqual(atClose);
});

test('adding a case puts the cursor in its first cell, but not once the person has moved to another field', async ({ launch }) => {
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await page.getByTestId('prompt').fill('What is the capital of {{country}}?');
  await page.getByTestId('composer-open-tests').click();
  await expect(page.getByTestId('tests-view')).toBeVisible();
  await page.getByTestId('case-add').click();
  await expect(cell(page, 0, 'country')).toBeFocused();
  // Clicked, then another field taken in the same moment, before the frames that would focus the new row.
  const frames = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));
  await page.evaluate(() => {
    document.querySelector<HTMLButtonElement>('[data-testid="case-add"]')!.click();
    document.querySelector<HTMLTextAreaElement>('[data-testid="prompt"]')!.focus();
  });
  await frames();
  await expect(page.getByTestId('prompt')).toBeFocused();
  await page.keyboard.type(' Please.');
  await expect(page.getByTestId('prompt')).toHaveValue('What is the capital of {{country}}? Please.');
  await expect(cell(page, 1, 'country')).toHaveValue('');
});

test('the view’s bar keeps its two buttons together at the right where the variables line is hidden (below 960 px)', async ({ launch }) => {
  const app = await launch({ env, viewport: { width: 900, height: 800 } });
  const { page } = app;
  await page.getByTestId('prompt').fill('What is the capital of {{country}}?');
  await page.getByTestId('composer-open-tests').click();
  await expect(page.getByTestId('tests-variables')).toBeHidden();
  const exportSuite = (await page.getByTestId('suite-export-open').boundingBox())!;
  const back = (await page.getByTestId('tests-close').boundingBox())!;
  const bar = (await page.getByTestId('tests-close').locator('..').boundingBox())!;
  // Side by side, against the right edge: not one of them stranded in the middle of the bar.
  expect(back.x - (exportSuite.x + exportSuite.width)).toBeLessThanOrEqual(16);
  expect(bar.x + bar.width - (back.x + back.width)).toBeLessThanOrEqual(16);
});

test('the composer lists the variables, asks for their values and sends the prompt and system instruction filled; a selected case fills them at once', async ({ launch }, testInfo) => {
  test.setTimeout(90_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await paneAt(page, 0).getByTestId('system-instruction').fill('Answer in {{language}}. Keep \\{{braces}}.');
  await page.getByTestId('prompt').fill('What is the capital of {{country}}?');
  await expect(page.getByTestId('composer-variable')).toHaveText(['{{country}}', '{{language}}']);

  await page.getByTestId('prompt').press('Control+Enter');
  const dialog = page.getByTestId('values-dialog');
  await expect(dialog).toBeVisible();
  expect(app.fake.interactionRequests()).toHaveLength(0);
  const fields = dialog.getByTestId('values-field');
  await expect(fields).toHaveCount(2);
  await expect(fields.first()).toBeFocused();
  await fields.first().fill('Peru');
  await fields.nth(1).fill('Spanish');
  await shootWidths(page, testInfo, 'values-dialog', [1440, 700]);
  await fields.nth(1).press('Control+Enter');
  await expect(dialog).toBeHidden();
  await app.waitForTerminalEvents(1, 30_000);

  const [body] = app.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
  expect(body!.input).toBe('What is the capital of Peru?');
  expect(body!.system_instruction).toBe('Answer in Spanish. Keep {{braces}}.');
  const answer = paneAt(page, 0).getByTestId('answer');
  await expect(answer).toContainText('Prompt: What is the capital of Peru?');
  await expect(answer).toContainText('system_instruction="Answer in Spanish. Keep {{braces}}."');
  await expect(paneAt(page, 0).getByTestId('user-text')).toHaveText('What is the capital of Peru?');

  // A case selected in the table: the next send takes its values without asking.
  await page.getByTestId('composer-reuse-template').click();
  await expect(page.getByTestId('prompt')).toHaveValue('What is the capital of {{country}}?');
  await page.getByTestId('composer-open-tests').click();
  await expect(page.getByTestId('tests-view')).toBeVisible();
  await page.getByTestId('case-add').click();
  await cell(page, 0, 'country').fill('Japan');
  await cell(page, 0, 'language').fill('Japanese');
  await rowAt(page, 0).getByTestId('case-select').click();
  await expect(page.getByTestId('composer-case')).toContainText('filled from case 1');
  await page.getByTestId('tests-close').click();
  await page.getByTestId('prompt').press('Control+Enter');
  await app.waitForTerminalEvents(2, 30_000);
  await expect(dialog).toHaveCount(0);
  const second = app.fake.interactionRequests()[1]!.body as Record<string, unknown>;
  expect(second.input).toBe('What is the capital of Japan?');
  expect(second.system_instruction).toBe('Answer in Japanese. Keep {{braces}}.');
});

test('1,000 cases: only the rows in view are drawn, typing stays quick, the last row is reached by scrolling, and one more case is refused', async ({ launch }) => {
  test.setTimeout(90_000);
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  const dir = mkdtempSync(join(tmpdir(), 'cases-1000-'));
  const body = Array.from({ length: 1000 }, (_, i) => `Case number ${i + 1} with a longer question to fill the cell,topic ${i % 7},expected ${i + 1}`);
  writeFileSync(join(dir, 'thousand.csv'), `question,topic,expected\n${body.join('\n')}\n`);
  await page.getByTestId('prompt').fill('{{question}} {{topic}}');
  await openTests(app);
  await importFile(page, join(dir, 'thousand.csv'));
  await expect(page.getByTestId('cases-table')).toHaveAttribute('aria-rowcount', '1001');
  expect(await page.getByTestId('case-row').count()).toBeLessThan(60);

  // Typing in a cell: how long the page's longest task is while 30 characters go in (printed, and bounded loosely).
  await cell(page, 3, 'topic').click();
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.keyboard.type(' and thirty more characters.');
  await expect(cell(page, 3, 'topic')).toHaveValue('topic 3 and thirty more characters.');
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(`longest task over 50 ms while typing into 1,000 cases: ${longest === 0 ? 'none' : `${Math.round(longest)} ms`}`);
  // Only a guard against a keystroke that redraws or re-checks all 1,000 rows (seconds); the figure itself is load's
  // to move on a shared machine, so no tighter bound is a test here.
  expect(longest).toBeLessThan(1_000);

  await page.getByTestId('cases-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(cell(page, 999, 'question')).toHaveValue('Case number 1000 with a longer question to fill the cell');
  expect(await page.getByTestId('case-row').count()).toBeLessThan(60);
  await expect(page.getByTestId('case-add')).toBeDisabled();
  writeFileSync(join(dir, 'one-more.csv'), 'question\nOne too many\n');
  await importFile(page, join(dir, 'one-more.csv'));
  await expect(page.getByTestId('cases-notice')).toContainText('room for 0 more cases (at most 1,000). The table is unchanged.');
  await expect(page.getByTestId('cases-table')).toHaveAttribute('aria-rowcount', '1001');
});
