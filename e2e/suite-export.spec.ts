// Export suite through the bridge harness (real core, fake API): from the test cases view, a JavaScript script and
// the cases.jsonl it reads are shown and saved into a folder chosen in the (scripted) folder dialog, byte for byte
// as shown; the promptfoo configuration saved the same way parses as YAML with one test per case. Screenshots of
// the dialog at 1440/900/700 in light and dark.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { shootWidths } from './support/screenshots';

const env = { GEMINI_API_KEY: 'AIzaTestKey-suite-7c31' };

test('Export suite: the chosen language’s script and cases.jsonl, or the promptfoo file, saved into a chosen folder as shown', async ({ launch }, testInfo) => {
  const app = await launch({ env, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  const dir = mkdtempSync(join(tmpdir(), 'suite-e2e-'));
  await page.getByTestId('prompt').fill('Capital of {{country}}?');
  await page.keyboard.press('Control+Shift+E');
  writeFileSync(join(dir, 'cases.csv'), 'country,expected\nPeru,Lima\nFrance,Paris\nJapan,Tokyo\n');
  await page.getByTestId('cases-import-input').setInputFiles(join(dir, 'cases.csv'));
  await expect(page.getByTestId('cases-notice')).toHaveText(/Imported 3 cases/);
  await page.getByTestId('assertion-add-type').selectOption('contains');
  await page.getByTestId('assertion-add').click();
  await page.getByTestId('assertion-value').fill('a');

  await page.getByTestId('suite-export-open').click();
  const dialog = page.getByTestId('suite-export');
  await expect(dialog).toBeVisible();
  await page.getByTestId('suite-target-javascript').click();
  await expect(dialog.getByTestId('suite-file').first()).toHaveAttribute('data-name', 'suite.mjs');
  await expect(dialog.getByTestId('suite-file').last()).toHaveAttribute('data-name', 'cases.jsonl');
  await expect(dialog.getByTestId('suite-file')).toHaveCount(2);
  const shown = await dialog.getByTestId('suite-file-text').allTextContents();

  // Cancelled: nothing written, nothing said.
  app.dialogs.answerNextOpen(null);
  await page.getByTestId('suite-save').click();
  await expect(page.getByTestId('suite-save-status')).toHaveAttribute('data-state', 'idle');
  expect(app.dialogs.shown.at(-1)).toMatchObject({ kind: 'folder' });

  const jsFolder = mkdtempSync(join(tmpdir(), 'suite-js-'));
  app.dialogs.answerNextOpen(jsFolder);
  await page.getByTestId('suite-save').click();
  await expect(page.getByTestId('suite-save-status')).toHaveText(`Saved 2 files to ${jsFolder}`);
  expect(readdirSync(jsFolder).sort()).toEqual(['cases.jsonl', 'suite.mjs']);
  expect(readFileSync(join(jsFolder, 'suite.mjs'), 'utf8')).toBe(shown[0]);
  expect(readFileSync(join(jsFolder, 'cases.jsonl'), 'utf8')).toBe(shown[1]);
  const lines = readFileSync(join(jsFolder, 'cases.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  expect(lines).toEqual([
    { country: 'Peru', expected: 'Lima' },
    { country: 'France', expected: 'Paris' },
    { country: 'Japan', expected: 'Tokyo' },
  ]);
  expect(shown[0]).toContain('cases.jsonl');

  await page.getByTestId('suite-target-promptfoo').click();
  await expect(page.getByTestId('suite-save-status')).toHaveAttribute('data-state', 'idle');
  await expect(dialog.getByTestId('suite-file')).toHaveAttribute('data-name', 'promptfooconfig.yaml');
  await shootWidths(page, testInfo, 'suite-export');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Colours ease over 120 ms after the scheme changes: asked again until they have settled.
        await expect.poll(() => blockingAxeViolations(page, '[data-testid="suite-export"]')).toEqual([]);
  }
  const yamlFolder = mkdtempSync(join(tmpdir(), 'suite-yaml-'));
  app.dialogs.answerNextOpen(yamlFolder);
  await page.getByTestId('suite-save').click();
  await expect(page.getByTestId('suite-save-status')).toHaveText(`Saved the file to ${yamlFolder}`);
  expect(readdirSync(yamlFolder)).toEqual(['promptfooconfig.yaml']);
  const config = parse(readFileSync(join(yamlFolder, 'promptfooconfig.yaml'), 'utf8')) as { tests: { vars: Record<string, string> }[]; prompts: unknown[] };
  expect(config.tests.map((t) => t.vars.country)).toEqual(['Peru', 'France', 'Japan']);
  expect(config.prompts).toHaveLength(1);

  await page.getByTestId('suite-export-close').click();
  await expect(dialog).toHaveCount(0);
});
