// "Export code" through the bridge harness: the comparison from the toolbar and one pane from its menu, in
// Python, JavaScript and curl; options, a live preview, copy, save through the (scripted) dialog, no key; a pane's
// tools, function and MCP server exported and the previewed JavaScript run with @google/genai against the fake.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { removeDir, runAgainstFake } from './export-runner';
import { expect, test } from './support/fixture';
import { menuItem, paneAt, useToolbarTool } from './support/ui';

const KEY = process.env.EXPORT_TEST_KEY ?? 'AIzaExportTestKey-7c41e9';
const PROMPT = 'Name three otter species';

/** The pane's settings sit behind the modal (inert): set the field the way typing does, through its input event. */
async function setBehindModal(field: Locator, value: string): Promise<void> {
  await field.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

test('export code: comparison from the toolbar, one pane from its menu, live options, copy, save', async ({ launch }, testInfo) => {
  test.setTimeout(90_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });

  await page.getByTestId('add-pane').click();
  await expect(page.getByTestId('pane')).toHaveCount(2);
  await paneAt(page, 0).getByTestId('temperature').fill('0.2');
  await paneAt(page, 1).getByTestId('temperature').fill('0.9');

  const panel = page.getByTestId('code-panel');
  const preview = panel.getByTestId('code-preview');

  // Before any turn: the draft prompt, and the preview follows a pane's settings while the panel is open.
  await page.getByTestId('prompt').fill(PROMPT);
  await page.getByTestId('export-code').click();
  await expect(panel).toBeVisible();
  await expect(preview).toContainText(PROMPT);
  await expect(preview).toContainText('0.9');
  await setBehindModal(paneAt(page, 1).getByTestId('temperature'), '0.65');
  await expect(preview).toContainText('0.65');
  await expect(preview).not.toContainText('0.9');
  await setBehindModal(paneAt(page, 1).getByTestId('temperature'), '0.9');
  await expect(preview).toContainText('0.9');
  // Esc closes.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Send to both panes and wait for both answers.
  await page.getByTestId('prompt').press('Control+Enter');
  await app.waitForTerminalEvents(2);
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done');
  await expect(paneAt(page, 1)).toHaveAttribute('data-status', 'done');

  // Toolbar → the whole comparison, Python first.
  await page.getByTestId('export-code').click();
  await expect(panel.getByTestId('code-scope')).toContainText('Whole comparison (2 panes)');
  await expect(panel.getByTestId('code-tab-python')).toHaveAttribute('aria-selected', 'true');
  await expect(preview).toContainText('client.interactions.create(');
  await expect(preview).toContainText('0.2');
  await expect(preview).toContainText('0.9');
  await expect(preview).toContainText(PROMPT);
  await expect(panel.getByTestId('code-file-name')).toHaveText('playground.py');
  await page.screenshot({ path: testInfo.outputPath('code-panel-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300); // let the buttons' colour transition finish
  await page.screenshot({ path: testInfo.outputPath('code-panel-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  const texts: string[] = [await preview.innerText()];
  await panel.getByTestId('code-tab-javascript').click();
  await expect(preview).toContainText('ai.interactions.create(');
  await expect(panel.getByTestId('code-file-name')).toHaveText('playground.mjs');
  texts.push(await preview.innerText());
  await panel.getByTestId('code-tab-rest').click();
  await expect(preview).toContainText(/curl (-s )?-X POST/);
  await expect(preview).not.toContainText('alt=sse');
  await panel.getByTestId('code-stream').check();
  await expect(preview).toContainText('?alt=sse');
  await page.screenshot({ path: testInfo.outputPath('code-panel-rest.png') });
  texts.push(await preview.innerText());
  await panel.getByTestId('code-tab-python').click();
  await expect(preview).toContainText('stream=True');
  await panel.getByTestId('code-stream').uncheck();
  await expect(preview).not.toContainText('stream=True');
  texts.push(await preview.innerText());

  // Copy: the button says so, and the clipboard holds exactly the code.
  const python = await preview.textContent();
  await panel.getByTestId('code-copy').click();
  await expect(panel.getByTestId('code-copy')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(python);

  // Save through the dialog: the file on disk is the code.
  const out = join(mkdtempSync(join(tmpdir(), 'export-code-')), 'otters.py');
  app.dialogs.answerNextSave(out);
  await panel.getByTestId('code-save').click();
  await expect(panel.getByTestId('code-save-status')).toContainText(`Saved to ${out}`);
  expect(readFileSync(out, 'utf8')).toBe(python);
  expect(app.dialogs.shown.at(-1)).toMatchObject({ kind: 'save', defaultName: 'playground.py', extensions: ['py'] });
  // Cancelling the dialog writes nothing and says nothing.
  await panel.getByTestId('code-save').click();
  await expect(panel.getByTestId('code-save-status')).toHaveAttribute('data-state', 'idle');

  for (const text of [...texts, await panel.innerText()]) expect(text).not.toContain(KEY);
  await panel.getByTestId('code-panel-close').click();
  await expect(panel).toBeHidden();

  // Pane 2's menu → only that pane's configuration.
  await paneAt(page, 1).getByTestId('pane-menu').click();
  await menuItem(page, 'pane-export-code').click();
  await expect(panel.getByTestId('code-scope')).toContainText('Pane 2');
  await expect(preview).toContainText('client.interactions.create(');
  await expect(preview).toContainText('0.9');
  await expect(preview).not.toContainText('0.2');
  await expect(preview).toContainText(PROMPT);
  expect(await panel.innerText()).not.toContain(KEY);
  await page.screenshot({ path: testInfo.outputPath('code-panel-pane.png') });
  expect(await page.content()).not.toContain(KEY);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

/** The pane's "Tools & output" section, open (a pane without turns shows its settings). */
async function openTools(pane: Locator): Promise<void> {
  const section = pane.getByTestId('tools-settings');
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  await expect(section).toHaveAttribute('open', '');
}

test('export code of a pane with search, a function and an MCP server: the loop answers from the mock, the header comes from the environment, and the JavaScript runs', async ({ launch }) => {
  test.setTimeout(120_000);
  const SECRET = 'mcp-secret-export-7d2f';
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  const pane = paneAt(page, 0);
  await openTools(pane);
  await pane.getByTestId('tool-google-search').check();
  // The worked example: get_weather with a mock result.
  await pane.getByTestId('functions-add').click();
  await expect(pane.getByTestId('function-name')).toHaveValue('get_weather');
  const mock: unknown = JSON.parse(await pane.getByTestId('function-mock').inputValue());
  await pane.getByTestId('mcp-add').click();
  await pane.getByTestId('mcp-name').fill('docs');
  await pane.getByTestId('mcp-url').fill('https://mcp.example.com/mcp');
  await pane.getByTestId('mcp-header-names').fill('Authorization');
  await pane.locator('[data-testid="mcp-header-value"][data-header="Authorization"]').fill(SECRET);
  await pane.getByTestId('mcp-store').click();
  await expect(pane.locator('[data-testid="mcp-header-state"][data-header="Authorization"]')).toHaveText('stored');
  await page.getByTestId('prompt').fill('Weather in Lisbon? [[call:get_weather]]');

  await page.getByTestId('export-code').click();
  const panel = page.getByTestId('code-panel');
  const preview = panel.getByTestId('code-preview');
  await expect(preview).toContainText('while interaction.status == "requires_action":');
  await expect(preview).toContainText('"Authorization": os.environ["MCP_DOCS_AUTHORIZATION"]');
  // The script fails (Python), or goes without the header (JavaScript, curl), unless the variable is set: the panel says which.
  await expect(panel.getByTestId('code-environment')).toHaveText(
    'The script reads your key from GEMINI_API_KEY and MCP header values from MCP_DOCS_AUTHORIZATION: set it before running it. None of the values is included.',
  );
  await panel.getByTestId('code-tab-rest').click();
  await expect(preview).toContainText('function_results() {');
  await expect(preview).toContainText(`mcp_docs_authorization_json=$(jq -n --arg value "$MCP_DOCS_AUTHORIZATION" '$value')`);
  await panel.getByTestId('code-tab-javascript').click();
  await expect(preview).toContainText('functionResults(interaction, mocks)');
  const code = (await preview.textContent()) ?? '';
  expect(await page.content()).not.toContain(SECRET);

  // The previewed code, run for real: the header from its environment, the call answered with the mock.
  const run = await runAgainstFake('javascript', code, undefined, false, undefined, { MCP_DOCS_AUTHORIZATION: 'Bearer from-env' });
  try {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Results: get_weather=${JSON.stringify(mock)}`);
    expect(run.bodies).toHaveLength(2);
    expect(run.bodies[0]!.tools).toEqual([
      { type: 'google_search' },
      expect.objectContaining({ type: 'function', name: 'get_weather' }),
      { type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer from-env' } },
    ]);
    expect(run.bodies[1]!.input).toEqual([{ type: 'function_result', call_id: expect.any(String), name: 'get_weather', result: mock }]);
  } finally {
    await removeDir(run.dir);
  }
});

test('a setting that does not validate is named as left out of the script, in light and dark, at 700 px', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 700, height: 900 } });
  const { page } = app;
  const pane = paneAt(page, 0);
  await pane.getByTestId('tools-settings').locator('summary').click();
  await pane.getByTestId('response-schema').fill('{"type": "object",');
  await page.getByTestId('prompt').fill('Rate this film');
  await useToolbarTool(page, 'export-code');
  const panel = page.getByTestId('code-panel');
  await expect(panel.getByTestId('code-preview')).toContainText('Rate this film');
  await expect(panel.getByTestId('code-preview')).not.toContainText('response_format');
  const note = panel.getByTestId('code-left-out');
  await expect(panel.getByTestId('code-environment')).toHaveText('The script reads your key from GEMINI_API_KEY; the key itself is never included.');
  await expect(note).toHaveText(/^Pane 1 \(.*\): Response schema has an error, so the script leaves it out\. Fix it in the pane’s settings to export it\.$/);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: testInfo.outputPath(`left-out-${colorScheme}.png`) });
  }
  await page.keyboard.press('Escape');
  await pane.getByTestId('response-schema').fill('{"type": "object"}');
  await useToolbarTool(page, 'export-code');
  await expect(panel.getByTestId('code-preview')).toContainText('response_format');
  await expect(note).toHaveCount(0);
});
