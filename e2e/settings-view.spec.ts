// The Settings view (issue 16, items 3, 4 and 8): opened from the header or with Ctrl+, ; the theme, the default
// model of new panes, the timeouts, the base URL (main asks before the key goes to a new host), the data folder;
// a key checked when it is saved (valid / rejected / not checked); messages that say "in Settings" open it.
// Screenshots of the view at 1440, 900 and 700 px in light and dark, with axe over it.
import { createServer, type Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { addPanes, closedPort, paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaSettings-e2e-7Kq2';
const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(14, 16, 20)';

const dialog = (page: Page) => page.getByTestId('settings-dialog');

/** Waits until the app knows its key, so nothing opens on its own after the test starts acting. */
async function ready(page: Page, hint = KEY.slice(-4)): Promise<void> {
  await expect(page.getByTestId('key-button')).toContainText(hint);
}

async function saveSettings(page: Page): Promise<void> {
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
}

/** A design token as a computed colour ("rgb(…)"), so the test follows the palette rather than copying it. */
function tokenColor(page: Page, token: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, token);
}

/** Answers the models list like the API, and refuses every other request as a key the API does not accept. */
async function refusingTurns(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/v1beta/models')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ models: [{ name: 'models/gemini-3-flash-preview', supportedGenerationMethods: ['generateContent'] }] }));
      return;
    }
    const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }];
    res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 400, message: 'API key expired. Please renew the API key.', status: 'INVALID_ARGUMENT', details } }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

const settingsCalls = (app: Playground) => app.calls.filter((c) => c.method === 'updateSettings').map((c) => c.arg);

/** The theme on the page when the prompt box first exists: what the first frame is painted in. */
const FIRST_FRAME_THEME = `(() => {
  const mo = new MutationObserver(() => {
    if (!document.querySelector('[data-testid=prompt]')) return;
    window.__firstFrameTheme = document.documentElement.dataset.theme ?? null;
    mo.disconnect();
  });
  mo.observe(document, { subtree: true, childList: true });
})();`;

test('Ctrl+, opens Settings; the theme changes the page and survives a restart; new panes take the default model', async ({ launch, startFake }) => {
  const fake = await startFake();
  const app = await launch({ fake, env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await ready(page);
  await expect(page.locator('body')).toHaveCSS('background-color', LIGHT_BG);

  await page.getByTestId('prompt').click();
  await page.keyboard.press('Control+Comma');
  await expect(dialog(page)).toBeVisible();
  await page.getByTestId('settings-theme-dark').check();
  // Tried at once, kept only when saved.
  await expect(page.locator('body')).toHaveCSS('background-color', DARK_BG);
  await page.getByTestId('settings-default-model').fill('gemini-2.5-pro');
  await saveSettings(page);
  expect(settingsCalls(app)).toEqual([{ theme: 'dark', defaultModel: 'gemini-2.5-pro' }]);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', DARK_BG);

  // A new pane starts with the default model, not the first pane's; what it sends says so.
  await addPanes(page, 2);
  await expect(paneAt(page, 1).getByTestId('model-select')).toHaveValue('gemini-2.5-pro');
  await sendToAll(page, 'Which model?');
  await app.waitForTerminalEvents(2);
  expect(fake.interactionRequests().map((r) => (r.body as { model: string }).model).sort()).toEqual(['gemini-2.5-pro', 'gemini-3-flash-preview']);
  await app.close();

  // The next start (a fresh browser profile, so main's saved choice and not the page's memory) is dark again,
  // from its first frame: main gives the page the saved theme as the system's scheme before the page loads.
  const again = await launch({ fake, env: { GEMINI_API_KEY: KEY }, dataDir: app.dataDir });
  await again.page.addInitScript({ content: FIRST_FRAME_THEME });
  await again.page.reload();
  await again.page.waitForFunction('window.__firstFrameTheme !== undefined');
  expect(await again.page.evaluate('window.__firstFrameTheme')).toBe('dark');
  await expect(again.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(again.page.locator('body')).toHaveCSS('background-color', DARK_BG);
  await ready(again.page);
  await again.page.getByTestId('settings-button').click();
  await expect(again.page.getByTestId('settings-theme-dark')).toBeChecked();
  await expect(again.page.getByTestId('settings-default-model')).toHaveValue('gemini-2.5-pro');
});

test('a timeout out of bounds is refused with its range and the text kept; the base URL asks main first; the data folder opens', async ({ launch, startFake }) => {
  const fake = await startFake();
  // No GEMINI_BASE_URL, so the base URL is the form's to change; no key, so nothing is sent to Google meanwhile.
  const app = await launch({ fake, env: { GEMINI_BASE_URL: undefined } });
  const { page } = app;
  await expect(page.getByTestId('key-dialog')).toBeVisible();
  await page.getByTestId('key-close').click();
  await page.getByTestId('settings-button').click();
  await expect(dialog(page)).toBeVisible();

  const idle = page.getByTestId('settings-idle-timeout');
  await idle.fill('5 minutes');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-idle-timeout-error')).toHaveText('Wait between two parts of an answer: a whole number of seconds from 10 to 900.');
  await expect(idle).toHaveValue('5 minutes');
  await expect(idle).toHaveAttribute('aria-invalid', 'true');
  expect(settingsCalls(app)).toEqual([]);
  await idle.fill('300');
  await saveSettings(page);
  await expect(page.getByTestId('settings-idle-timeout-error')).toHaveCount(0);
  expect((await app.core.api.getSettings()).idleTimeoutSeconds).toBe(300);

  // A new host: main asks in its own dialog; yes saves it, no leaves the field as typed with the reason under it.
  const base = page.getByTestId('settings-base-url');
  await base.fill(fake.url);
  app.dialogs.answerNextConfirm(true);
  await saveSettings(page);
  await expect(base).toHaveValue(fake.url);
  const elsewhere = `http://127.0.0.1:${await closedPort()}`;
  await base.fill(elsewhere);
  app.dialogs.answerNextConfirm(false);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-base-url-error')).toContainText('was not approved');
  await expect(base).toHaveValue(elsewhere);
  expect(app.dialogs.shown.filter((d) => d.kind === 'confirm').map((d) => d.kind === 'confirm' && d.message)).toEqual([
    `Send your Gemini API key to ${new URL(fake.url).host}?`,
    `Send your Gemini API key to ${new URL(elsewhere).host}?`,
  ]);
  expect((await app.core.api.getSettings()).baseUrl).toBe(fake.url);

  await expect(page.getByTestId('settings-data-dir')).toHaveText(app.dataDir);
  await page.getByTestId('settings-open-folder').click();
  await expect.poll(() => app.openedFolders).toEqual([app.dataDir]);
});

test('a saved key is checked: rejected in red, valid in green, not checked with the API unreachable', async ({ launch, startFake }, testInfo) => {
  const fake = await startFake();
  const app = await launch({ fake });
  const { page } = app;
  const keyDialog = page.getByTestId('key-dialog');
  const header = page.getByTestId('key-button');
  await expect(keyDialog).toBeVisible();

  await page.getByTestId('key-input').fill('invalid-e2e-key-0001');
  await page.getByTestId('key-save').click();
  const check = page.getByTestId('key-check-status');
  await expect(check).toHaveAttribute('data-check', 'rejected');
  await expect(check).toContainText(/^Rejected: API key not valid\..*The key stays saved until you replace or remove it\./);
  const [danger, success, faint] = [await tokenColor(page, '--danger'), await tokenColor(page, '--success'), await tokenColor(page, '--text-faint')];
  await expect(check).toHaveCSS('color', danger);
  await expect(header).toHaveAttribute('data-check', 'rejected');
  await expect(page.getByTestId('key-check')).toHaveText('rejected');
  await expect(header.locator('.dot')).toHaveCSS('background-color', danger);
  // Kept, as AI Studio keeps it: the person replaces or removes it.
  await expect(page.getByTestId('key-status')).toContainText('…0001 — stored encrypted');
  await page.screenshot({ path: testInfo.outputPath('key-rejected.png') });

  await page.getByTestId('key-input').fill(KEY);
  await page.getByTestId('key-save').click();
  await expect(keyDialog).toBeHidden();
  await expect(header).toHaveAttribute('data-check', 'valid');
  await expect(page.getByTestId('key-check')).toHaveCount(0);
  await expect(header.locator('.dot')).toHaveCSS('background-color', success);

  await fake.close();
  await header.click();
  await page.getByTestId('key-input').fill('AIzaOffline-e2e-key-0002');
  await page.getByTestId('key-save').click();
  await expect(check).toHaveAttribute('data-check', 'unchecked');
  await expect(check).toContainText(/^Not checked: the Gemini API could not be asked\. Could not reach 127\.0\.0\.1:\d+ \(connection refused\)\. The next request checks it\./);
  await expect(page.getByTestId('key-check')).toHaveText('not checked');
  await expect(header.locator('.dot')).toHaveCSS('background-color', faint);
  await page.screenshot({ path: testInfo.outputPath('key-not-checked.png') });
  // What to look at then is in Settings, one click away.
  await page.getByTestId('key-open-settings').click();
  await expect(keyDialog).toBeHidden();
  await expect(dialog(page)).toBeVisible();
  expect(app.calls.filter((c) => c.method === 'setKey')).toHaveLength(3);
});

test('a key the API rejects later turns the badge red; a message that says "in Settings" opens Settings', async ({ launch, startFake }) => {
  // A server that lists models for the key but refuses it for turns: the key looks valid, then is rejected.
  const server = await refusingTurns();
  const fake = await startFake();
  try {
    const app = await launch({ fake, env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: server.url } });
    const { page } = app;
    await ready(page);
    await expect(page.getByTestId('key-button')).toHaveAttribute('data-check', 'valid');
    await page.getByTestId('prompt').fill('Hello');
    await page.getByTestId('send').click();
    await expect(page.getByTestId('error-message')).toHaveAttribute('data-code', 'BAD_KEY');
    await expect(page.getByTestId('error-open-key')).toBeVisible();
    await expect(page.getByTestId('key-button')).toHaveAttribute('data-check', 'rejected');
    await expect(page.getByTestId('key-check')).toHaveText('rejected');
    await app.close();
  } finally {
    await new Promise((ok) => server.server.close(ok));
  }

  // A base URL nothing answers at: the network message names Settings, and its button opens them.
  const offline = await launch({ fake, env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: `http://127.0.0.1:${await closedPort()}` } });
  await ready(offline.page);
  await offline.page.getByTestId('prompt').fill('Anyone there?');
  await offline.page.getByTestId('send').click();
  const error = offline.page.getByTestId('error-message');
  await expect(error).toHaveAttribute('data-code', 'NETWORK');
  await expect(error).toContainText('Check the base URL in Settings.');
  await error.getByTestId('error-open-settings').click();
  await expect(dialog(offline.page)).toBeVisible();
  await expect(offline.page.getByTestId('settings-base-url')).toBeDisabled();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Settings view at 1440, 900 and 700 px (${colorScheme}): screenshots, and no serious axe violation`, async ({ launch }, testInfo) => {
    const app = await launch({ env: { GEMINI_API_KEY: KEY }, colorScheme, viewport: { width: 1440, height: 900 } });
    const { page } = app;
    await ready(page);
    await expect(page.getByTestId('key-button')).toHaveAttribute('data-check', 'valid');
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: width === 700 ? 760 : 900 });
      await page.keyboard.press('Control+Comma');
      await expect(dialog(page)).toBeVisible();
      await page.getByTestId('settings-concurrency').fill('12');
      await page.getByTestId('settings-save').click();
      await expect(page.getByTestId('settings-concurrency-error')).toBeVisible();
      await expect(page.getByTestId('settings-concurrency')).toBeFocused();
      // Nothing of the view is wider than the window.
      const box = await dialog(page).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      expect(await dialog(page).evaluate((d) => d.scrollWidth <= d.clientWidth + 1)).toBe(true);
      const shot = await page.screenshot({ path: testInfo.outputPath(`settings-${width}-${colorScheme}.png`) });
      await testInfo.attach(`settings ${width} ${colorScheme}`, { body: shot, contentType: 'image/png' });
      await page.getByTestId('settings-open-folder').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('settings-data-dir')).toBeInViewport();
      const end = await page.screenshot({ path: testInfo.outputPath(`settings-${width}-${colorScheme}-end.png`) });
      await testInfo.attach(`settings ${width} ${colorScheme}, scrolled to the end`, { body: end, contentType: 'image/png' });
      if (width === 1440) {
        const results = await new AxeBuilder({ page }).include('[data-testid="settings-dialog"]').options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
        expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
      await page.getByTestId('settings-dialog-close').click();
      await expect(dialog(page)).toBeHidden();
    }
  });
}
