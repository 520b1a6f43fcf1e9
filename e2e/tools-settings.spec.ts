// The "Tools & output" settings of a pane through the bridge harness: tools, functions, tool choice, a response
// schema and safety settings reach the request body; a broken schema says where and loses nothing typed; the strip
// shows what differs; "→ all"; a restart restores them; MCP header values go to main only; an image's media
// resolution; the model picker's limits and thinking levels; and how the section looks at three widths, both themes.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll, settingsFolded } from './support/ui';

const KEY = 'AIzaTestKey-tools-3c1e';
const env = { GEMINI_API_KEY: KEY };

function bodies(app: Playground): Record<string, unknown>[] {
  return app.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
}

/** A send collapses the settings of every pane, and a restored pane with turns starts collapsed. */
async function showSettings(pane: Locator): Promise<void> {
  if ((await pane.getByTestId('pane-settings').count()) === 0) await pane.getByTestId('settings-toggle').click();
  await expect(pane.getByTestId('pane-settings')).toBeVisible();
}

async function openTools(pane: Locator): Promise<Locator> {
  await showSettings(pane);
  const section = pane.getByTestId('tools-settings');
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  await expect(section).toHaveAttribute('open', '');
  return section;
}

/** axe over one part of the page: its serious and critical violations, one line each (a11y.spec.ts fails on those). */
async function axeBlocking(page: Page, within: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).include(within).analyze();
  expect(results.passes.length, `axe checked nothing in ${within}`).toBeGreaterThan(0);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Types into a text area as a person would (fill would replace in one go, skipping every state in between). */
async function retype(field: Locator, text: string): Promise<void> {
  await field.fill('');
  await field.pressSequentially(text, { delay: 0 });
}

const WEATHER = '{\n  "type": "object",\n  "properties": {\n    "city": { "type": "string" }\n  },\n  "required": ["city"]\n}';
// The closing bracket of "required" is missing: the parser stops at the last line.
const BROKEN = '{\n  "type": "object",\n  "properties": {\n    "city": { "type": "string" }\n  },\n  "required": ["city"\n}';

test('tools, a function, tool choice, a response schema and safety settings: strip, located errors, request body, → all, restart', async ({ startFake, launch }) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  let app = await launch({ env, fake });
  let { page } = app;
  await addPanes(page, 2);
  const [p1, p2] = [paneAt(page, 0), paneAt(page, 1)];
  const tools = await openTools(p1);

  // Google Search in one pane: the strip names it, the section counts it.
  await p1.getByTestId('tool-google-search').check();
  const strip = page.getByTestId('config-strip');
  await expect(strip.getByTestId('strip-cell').nth(0)).toContainText(/Search\s*on/);
  await expect(strip.getByTestId('strip-cell').nth(1)).toContainText(/Search\s*default/);
  await expect(tools.getByTestId('tools-settings-count')).toHaveText('1 set');

  // The first function is a worked example; its parameters, typed broken, say where and stay as typed.
  await p1.getByTestId('functions-add').click();
  await expect(p1.getByTestId('function-name')).toHaveValue('get_weather');
  await expect(p1.getByTestId('function-name')).toBeFocused();
  const mock = await p1.getByTestId('function-mock').inputValue();
  expect(mock).toContain('sunny');
  const params = p1.getByTestId('function-parameters');
  await retype(params, BROKEN);
  await expect(p1.getByTestId('function-parameters-error')).toContainText("Line 7, column 1: expected ',' or ']'");
  await expect(params).toHaveValue(BROKEN);
  await expect(params).toHaveAttribute('aria-invalid', 'true');
  await expect(tools.getByTestId('tools-settings-invalid')).toBeVisible();
  await expect(p1.getByTestId('pane-invalid')).toBeVisible();
  // The place in the message puts the cursor on the character the parser stopped at.
  await p1.getByTestId('function-parameters-error-at').click();
  await expect(params).toBeFocused();
  expect(await params.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(BROKEN.lastIndexOf('}'));
  // A schema mistake is named by its path.
  await params.fill(WEATHER.replace('"string"', '"strng"'));
  await expect(p1.getByTestId('function-parameters-error-path')).toHaveText('/properties/city/type');
  await params.fill(WEATHER);
  await expect(p1.getByTestId('function-parameters-error')).toHaveCount(0);
  await expect(tools.getByTestId('tools-settings-invalid')).toHaveCount(0);

  // Tool choice: "only these functions" lists the declared ones.
  await p1.locator('[data-testid="tool-choice-only"][data-name="get_weather"]').check();
  await expect(p1.getByTestId('pane-label')).toContainText('only get_weather');
  await p1.locator('[data-testid="tool-choice-only"][data-name="get_weather"]').uncheck();
  await p1.getByTestId('tool-choice').selectOption('none');

  // A response schema from the example, and two safety thresholds.
  await p1.getByTestId('response-schema-example').click();
  const schema = await p1.getByTestId('response-schema').inputValue();
  await expect(p1.getByTestId('response-schema-error')).toHaveCount(0);
  await p1.getByTestId('safety-harassment').selectOption('block_only_high');
  await p1.getByTestId('safety-jailbreak').selectOption('off');
  await expect(tools.getByTestId('tools-settings-count')).toHaveText('5 set');

  await sendToAll(page, 'What is the weather in Lisbon?');
  await app.waitForTerminalEvents(2);
  await settingsFolded(page);
  const [withTools, plain] = [...bodies(app)].sort((a) => (a.tools ? -1 : 1));
  expect(withTools).toMatchObject({
    tools: [
      { type: 'google_search' },
      { type: 'function', name: 'get_weather', description: 'The current weather in a city', parameters: JSON.parse(WEATHER) },
    ],
    response_format: { type: 'text', mime_type: 'application/json', schema: JSON.parse(schema) },
    safety_settings: [
      { type: 'harassment', threshold: 'block_only_high' },
      { type: 'jailbreak', threshold: 'off' },
    ],
    generation_config: { tool_choice: 'none' },
  });
  expect((withTools!.tools as unknown[]).length).toBe(2);
  // The mock answers function calls in the app; it is never sent.
  expect(JSON.stringify(withTools)).not.toContain('sunny');
  for (const field of ['tools', 'response_format', 'safety_settings']) expect(plain).not.toHaveProperty(field);
  expect(plain!.generation_config).toBeUndefined();

  // → all: pane 2 takes pane 1's function (as typed), its search switch and its safety settings.
  await openTools(p1);
  await p1.getByTestId('apply-all-functions').click();
  await p1.getByTestId('apply-all-tool-google-search').click();
  await p1.getByTestId('apply-all-safety-settings').click();
  await openTools(p2);
  await expect(p2.getByTestId('function-name')).toHaveValue('get_weather');
  await expect(p2.getByTestId('function-parameters')).toHaveValue(WEATHER);
  await expect(p2.getByTestId('tool-google-search')).toBeChecked();
  await expect(p2.getByTestId('safety-jailbreak')).toHaveValue('off');
  await expect(strip.getByTestId('strip-cell').filter({ hasText: 'Search' })).toHaveCount(0);
  await expect(page.getByTestId('strip-same')).toContainText('Search on');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const dataDir = app.dataDir;
  await app.close();

  // A restart: the session comes back with every setting as it was.
  app = await launch({ env, fake, dataDir });
  page = app.page;
  await expect(page.getByTestId('pane')).toHaveCount(2);
  await expect(page.getByTestId('turn')).toHaveCount(2);
  const again = paneAt(page, 0);
  await openTools(again);
  await expect(again.getByTestId('tool-google-search')).toBeChecked();
  await expect(again.getByTestId('function-name')).toHaveValue('get_weather');
  // The session keeps the schema, not its line breaks: it comes back pretty-printed.
  expect(JSON.parse(await again.getByTestId('function-parameters').inputValue())).toEqual(JSON.parse(WEATHER));
  await expect(again.getByTestId('function-mock')).toHaveValue(mock);
  await expect(again.getByTestId('tool-choice')).toHaveValue('none');
  await expect(again.getByTestId('response-schema')).toHaveValue(schema);
  await expect(again.getByTestId('safety-harassment')).toHaveValue('block_only_high');
  await expect(again.getByTestId('safety-jailbreak')).toHaveValue('off');
  await expect(again.getByTestId('safety-hate_speech')).toHaveValue('');
});

test('MCP header values go straight to main: stored, never in the form, the page or the session', async ({ startFake, launch }) => {
  test.setTimeout(90_000);
  const SECRET = 'Bearer mcp-secret-8d41';
  const URL = 'https://mcp.example.com/sse';
  const fake = await startFake();
  let app = await launch({ env, fake });
  let { page } = app;
  const pane = paneAt(page, 0);
  await openTools(pane);
  await pane.getByTestId('mcp-add').click();
  await expect(pane.getByTestId('mcp-name')).toBeFocused();
  await pane.getByTestId('mcp-name').fill('docs');
  await pane.getByTestId('mcp-url').fill('http://mcp.example.com/sse');
  await expect(pane.getByTestId('mcp-error')).toContainText('the URL must be an https:// address');
  await pane.getByTestId('mcp-url').fill(URL);
  await expect(pane.getByTestId('mcp-error')).toHaveCount(0);
  await pane.getByTestId('mcp-tools').fill('search, ');
  await expect(pane.getByTestId('mcp-tools')).toHaveValue('search, ');
  await pane.getByTestId('mcp-header-names').fill('Authorization, X-Team');

  // Storing replaces every value held for the URL, so each header needs one.
  const value = (header: string) => pane.locator(`[data-testid="mcp-header-value"][data-header="${header}"]`);
  const state = (header: string) => pane.locator(`[data-testid="mcp-header-state"][data-header="${header}"]`);
  await expect(value('Authorization')).toHaveAttribute('type', 'password');
  await value('Authorization').fill(SECRET);
  await pane.getByTestId('mcp-store').click();
  await expect(pane.getByTestId('mcp-store-note')).toContainText('Type a value for X-Team too');
  await expect(value('Authorization')).toHaveValue(SECRET);
  await value('X-Team').fill('blue');
  await value('X-Team').press('Enter');
  await expect(state('Authorization')).toHaveText('stored');
  await expect(state('X-Team')).toHaveText('stored');
  await expect(value('Authorization')).toHaveValue('');
  expect(app.calls.filter((c) => c.method === 'setMcpHeaders').map((c) => c.arg)).toEqual([{ url: URL, headers: { Authorization: SECRET, 'X-Team': 'blue' } }]);

  // Main adds them to the request; the renderer's request and the saved session never hold them.
  await sendToAll(page, 'Search the docs');
  await app.waitForTerminalEvents(1);
  const sent = app.fake.interactionRequests()[0]!;
  expect(sent.body).toMatchObject({ tools: [{ type: 'mcp_server', name: 'docs', url: URL, allowed_tools: [{ tools: ['search'] }] }] });
  expect(JSON.stringify(app.calls.filter((c) => c.method !== 'setMcpHeaders'))).not.toContain('mcp-secret');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const [summary] = await app.core.api.listSessions({});
  expect(JSON.stringify(await app.core.api.getSession({ id: summary!.id }))).not.toContain('mcp-secret');
  expect(await page.content()).not.toContain('mcp-secret');
  const dataDir = app.dataDir;
  await app.close();

  // After a restart main still holds them, by name.
  app = await launch({ env, fake, dataDir });
  page = app.page;
  await expect(page.getByTestId('turn')).toHaveCount(1);
  const again = paneAt(page, 0);
  await openTools(again);
  await expect(again.locator('[data-testid="mcp-header-state"][data-header="Authorization"]')).toHaveText('stored');
  await again.getByTestId('mcp-forget').click();
  await expect(again.locator('[data-testid="mcp-header-state"][data-header="Authorization"]')).toHaveText('not stored');
});

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('each attached image has its own media resolution; Default sends none', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await page.getByTestId('attach-input').setInputFiles([
    { name: 'fine.png', mimeType: 'image/png', buffer: PNG },
    { name: 'plain.png', mimeType: 'image/png', buffer: PNG },
  ]);
  const chips = page.getByTestId('attachment');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(1)).toHaveAttribute('data-status', 'ready');
  const fine = chips.nth(0).getByTestId('attachment-resolution');
  await expect(fine).toHaveAccessibleName('Media resolution of fine.png');
  await fine.selectOption('ultra_high');
  await expect(chips.nth(1).getByTestId('attachment-resolution')).toHaveValue('');
  await sendToAll(page, 'Describe these');
  await app.waitForTerminalEvents(1);
  const input = (app.fake.interactionRequests()[0]!.body as { input: { type: string; resolution?: string }[] }).input;
  const images = input.filter((part) => part.type === 'image');
  expect(images.map((part) => part.resolution)).toEqual(['ultra_high', undefined]);
});

test('the model picker shows each model’s limits and thinking; the thinking level offers levels only where the model thinks', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  const pane = paneAt(page, 0);
  const picker = pane.getByTestId('model-select');
  await expect(picker.locator('option[value="gemini-2.0-flash"]')).toContainText('1M in · 8.2K out · no thinking');
  await expect(picker.locator('option[value="gemini-3-flash-preview"]')).toContainText('65.5K out · thinks');
  await expect(pane.getByTestId('model-details')).toHaveText('Gemini 3 Flash Preview · 1,048,576 in · 65,536 out · thinks');

  const level = pane.getByTestId('thinking-level');
  await expect(level.locator('option')).toHaveText(['Default', 'Minimal', 'Low', 'Medium', 'High', 'Xhigh']);
  await level.selectOption('xhigh');
  // A model that does not think: the level set stays in view, with a note, and Default is still offered.
  await picker.selectOption('gemini-2.0-flash');
  await expect(level).toHaveValue('xhigh');
  await expect(level.locator('option')).toHaveText(['Default', 'Xhigh']);
  await expect(pane.getByTestId('thinking-level-note')).toHaveText('gemini-2.0-flash does not think: the API may refuse this level');
  await expect(level).toHaveAccessibleDescription('gemini-2.0-flash does not think: the API may refuse this level');
  await level.selectOption('');
  await expect(level).toBeDisabled();
  await expect(pane.getByTestId('thinking-level-note')).toHaveText('gemini-2.0-flash does not think');
  await expect(pane.getByTestId('model-details')).toContainText('does not think');
  // A custom id may think: every level is offered again.
  await picker.selectOption('__custom__');
  await pane.getByTestId('model-custom').fill('my-tuned-model');
  await expect(level).toBeEnabled();
  await expect(level.locator('option')).toHaveCount(6);

  // More output tokens than the listed model writes: a note under the field (the form still sends it, as typed).
  const max = pane.getByTestId('max-output-tokens');
  if (!(await max.isVisible())) await pane.locator('[data-testid="more-settings"] summary').click();
  await max.fill('100000');
  await expect(pane.getByTestId('max-output-tokens-note')).toHaveCount(0);
  await picker.selectOption('gemini-2.0-flash');
  const note = 'gemini-2.0-flash writes at most 8,192 output tokens: the API may refuse more';
  await expect(pane.getByTestId('max-output-tokens-note')).toHaveText(note);
  await expect(max).toHaveAccessibleDescription(note);
  await max.fill('8192');
  await expect(pane.getByTestId('max-output-tokens-note')).toHaveCount(0);
});

test('the Tools & output section at 1440, 900 and 700 px, light and dark, with no serious axe violation', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    const app = await launch({ env, colorScheme, viewport: { width: 1440, height: 1000 } });
    const { page } = app;
    await addPanes(page, 2);
    const pane = paneAt(page, 0);
    const tools = await openTools(pane);
    await pane.getByTestId('tool-google-search').check();
    await pane.getByTestId('functions-add').click();
    await pane.getByTestId('function-parameters').fill('{\n  "type": "object",\n  "properties": {\n    "city": { "type": "strng" }\n  }\n}');
    await pane.getByTestId('functions-add').click();
    await pane.getByTestId('function-name').nth(1).fill('lookup');
    await pane.getByTestId('function-parameters').nth(1).fill('{\n  "type": "object",\n  "properties": {,}\n}');
    await pane.getByTestId('tool-choice').selectOption('any');
    await pane.getByTestId('response-schema-example').click();
    await pane.getByTestId('safety-harassment').selectOption('block_only_high');
    await pane.getByTestId('mcp-add').click();
    await pane.getByTestId('mcp-name').fill('docs');
    await pane.getByTestId('mcp-url').fill('https://mcp.example.com/sse');
    await pane.getByTestId('mcp-header-names').fill('Authorization');
    await pane.getByTestId('mcp-header-value').fill('x');
    await pane.getByTestId('mcp-store').click();
    await expect(pane.getByTestId('mcp-header-state')).toHaveText('stored');
    const paneId = await pane.getAttribute('data-pane-id');
    const found = await axeBlocking(page, `[data-pane-id="${paneId}"] [data-testid="tools-settings"]`);
    // The settings scroll inside the pane: one picture per part of the section.
    const parts = {
      top: tools.locator('summary'),
      functions: pane.getByTestId('function-card').nth(1),
      safety: pane.getByTestId('safety-jailbreak'),
      mcp: pane.getByTestId('mcp-server'),
    };
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: 1000 });
      for (const [name, part] of Object.entries(parts)) {
        await part.evaluate((el, block: ScrollLogicalPosition) => el.scrollIntoView({ block }), name === 'top' ? 'start' : 'center');
        await pane.screenshot({ path: testInfo.outputPath(`tools-${width}-${colorScheme}-${name}.png`) });
      }
    }
    await pane.getByTestId('model-select').click();
    await page.screenshot({ path: testInfo.outputPath(`model-list-${colorScheme}.png`) });
    await page.keyboard.press('Escape');
    await pane.getByTestId('thinking-level').selectOption('high');
    await pane.getByTestId('model-select').selectOption('gemini-2.0-flash');
    await page.getByTestId('attach-input').setInputFiles([{ name: 'a-long-file-name-photo.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByTestId('attachment-resolution').selectOption('ultra_high');
    await pane.getByTestId('thinking-level').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`picker-and-attachment-${colorScheme}.png`) });
    found.push(...(await axeBlocking(page, '[data-testid="attachments"]')), ...(await axeBlocking(page, `[data-pane-id="${paneId}"] [data-testid="pane-settings"]`)));
    expect(found, found.join('\n')).toEqual([]);
    await app.close();
  }
});

test('a tool choice left naming a removed function stops the send before the API refuses it, and says how to mend it', async ({ launch }) => {
  const app = await launch({ env, viewport: { width: 900, height: 900 } });
  const { page } = app;
  const pane = paneAt(page, 0);
  await openTools(pane);
  await pane.getByTestId('functions-add').click();
  await pane.locator('[data-testid="tool-choice-only"][data-name="get_weather"]').check();
  await pane.getByTestId('function-remove').click();
  // Kept, so nothing ticked is lost; but sent, the API answers 400.
  await expect(pane.locator('[data-testid="tool-choice-only"][data-name="get_weather"]')).toBeChecked();
  await expect(pane.getByTestId('tool-choice-error')).toHaveText(
    'Tool choice allows only “get_weather”, which no function of this pane declares, and the API refuses that: untick it or declare it',
  );
  await expect(pane.getByTestId('pane-invalid')).toBeVisible();
  await sendToAll(page, 'Weather?');
  await expect(page.getByTestId('composer-error')).toContainText('Tool choice allows only “get_weather”');
  await expect(page.getByTestId('prompt')).toHaveValue('Weather?');
  expect(bodies(app)).toHaveLength(0);
  // Unticked, it goes from the list, and the pane sends.
  await pane.locator('[data-testid="tool-choice-only"][data-name="get_weather"]').click();
  await expect(pane.getByTestId('tool-choice-only')).toHaveCount(0);
  await expect(pane.getByTestId('pane-invalid')).toHaveCount(0);
  await page.getByTestId('prompt').press('Control+Enter');
  await app.waitForTerminalEvents(1);
  expect(bodies(app)[0]!.generation_config).toBeUndefined();
});
