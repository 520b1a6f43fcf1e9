// The key stays in main: a realistic session (two panes, several turns, a stop, a rate limit, a rejected key, a
// network failure, a restart, exported code) with recognisable keys entered through the dialog, then a search for
// those keys — whole, URL-encoded, base64, or any long piece of them — in everything the window could hold or
// that leaves main: the DOM (text, attributes, input values), web storage and IndexedDB, every console message,
// every router response and pushed event, the exported code, the logs and every file in the data folder. The one
// file allowed to hold the key is secrets.json, as ciphertext only (mode 0600). A saved key the keyring cannot open
// on a later run is shown as saved but unreadable, with what to do, and still never reaches the window.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';
import type { Logger } from '../src-main/core/ports';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { testEncryptor } from './support/test-encryptor';
import { closedPort, paneAt, sendToAll } from './support/ui';

// Not shaped like a Google key, so the generic AIza… redaction cannot hide a leak: only the real guards can.
const KEY = 'KS-e2e-Secret-7Q2mZx91LrVw';
// The fake rejects keys starting with "invalid" (API_KEY_INVALID).
const BAD_KEY = 'invalid-KS-e2e-4Vt8NwPq3y';

/** Every form the key could take in a leak; the key minus its last 4 characters (the only part `hint` may show). */
function needles(key: string): string[] {
  return [key, encodeURIComponent(key), Buffer.from(key).toString('base64'), Buffer.from(key).toString('base64url'), key.slice(0, -4)];
}

function expectNoKey(where: string, text: string): void {
  for (const key of [KEY, BAD_KEY]) {
    for (const needle of needles(key)) {
      expect(text.includes(needle), `${where} contains the key (as "${needle}")`).toBe(false);
    }
  }
}

function capturingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, data?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Text, every attribute and every form value of the whole document (input values are not in page.content()). */
function domDump(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) parts.push(`${attr.name}=${attr.value}`);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) parts.push(`value=${el.value}`);
      if (el instanceof HTMLInputElement) parts.push(`default=${el.defaultValue}`);
      if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
    }
    parts.push(document.title, location.href);
    return parts.join('\n');
  });
}

/** localStorage, sessionStorage and every record of every IndexedDB database. */
function storageDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((ok, fail) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        });
        parts.push(`${info.name}/${store}: ${JSON.stringify(all)}`);
      }
      db.close();
    }
    return parts.join('\n');
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

async function enterKey(page: Page, key: string): Promise<void> {
  const dialog = page.getByTestId('key-dialog');
  // Without a key the dialog opens by itself once the app knows: decide only after the status has loaded.
  await expect(page.getByTestId('key-button')).not.toHaveText(/^\s*API key\s*$/);
  if (!(await dialog.isVisible())) await page.getByTestId('key-button').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('key-input').fill(key);
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-button')).toContainText(key.slice(-4));
  // A key the API rejects is kept, and the dialog stays open to say so.
  if (await dialog.isVisible()) await page.getByTestId('key-close').click();
  await expect(dialog).toBeHidden();
}

async function sendAll(a: Playground, prompt: string, terminalSoFar: number): Promise<void> {
  await a.page.getByTestId('prompt').fill(prompt);
  await a.page.getByTestId('prompt').press('Control+Enter');
  await a.waitForTerminalEvents(terminalSoFar, 30_000);
}

/** Everything the window holds right now, and everything main sent it so far. */
async function expectWindowClean(a: Playground, label: string): Promise<void> {
  expectNoKey(`${label}: DOM`, await domDump(a.page));
  expectNoKey(`${label}: web storage / IndexedDB`, await storageDump(a.page));
  expectNoKey(`${label}: console`, a.console.join('\n'));
  expectNoKey(`${label}: router responses`, JSON.stringify(a.responses));
  expectNoKey(`${label}: turn events`, JSON.stringify(a.events));
  expectNoKey(`${label}: upload events`, JSON.stringify(a.uploads));
}

test('the API key never leaves main: DOM, storage, console, IPC, files, exported code, logs, error messages', async ({ startFake, launch }, testInfo) => {
  test.setTimeout(150_000);
  const fake = await startFake({ deltaDelayMs: 2 });
  const logs: string[] = [];
  const logger = capturingLogger(logs);
  const encryptor = testEncryptor();
  let app = await launch({ fake, logger, encryptor });
  const { page } = app;

  // Entered through the dialog; a second pane with its own setting.
  await enterKey(page, KEY);
  await page.getByTestId('add-pane').click();
  await expect(page.getByTestId('pane')).toHaveCount(2);
  await paneAt(page, 1).getByTestId('temperature').fill('0.7');

  // Two good turns in both panes (the second chains on the first).
  await sendAll(app, 'Hello there [[len:400]]', 2);
  await sendAll(app, 'And a second turn [[markdown]] [[len:800]]', 4);
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
  // The raw request view: the request as sent, key redacted.
  await paneAt(page, 0).getByTestId('view-raw').first().click();
  await expect(paneAt(page, 0).getByTestId('request-json')).toBeVisible();

  // A stop mid-stream.
  await page.getByTestId('prompt').fill('A long one [[len:20000]] [[delay:20]]');
  await page.getByTestId('prompt').press('Control+Enter');
  for (const i of [0, 1]) await expect(paneAt(page, i).getByTestId('turn').nth(2).getByTestId('answer')).toContainText('Echo:');
  await page.getByTestId('stop').click();
  await app.waitForTerminalEvents(6, 30_000);

  // A failure mid-stream and a rate limit.
  await sendAll(app, 'Cut me [[fault:cut]] [[len:2000]]', 8);
  await sendAll(app, 'Busy [[fault:http-429]] [[retry-after:90]]', 10);
  await expect(paneAt(page, 0).getByTestId('error-message').last()).toHaveAttribute('data-code', 'RATE_LIMITED');

  // A rejected key: entered through the dialog, then used.
  await enterKey(page, BAD_KEY);
  await sendAll(app, 'With a rejected key', 12);
  await expect(paneAt(page, 0).getByTestId('error-message').last()).toHaveAttribute('data-code', 'BAD_KEY');
  expect(fake.interactionRequests().at(-1)?.headers['x-goog-api-key']).toBe(BAD_KEY);
  // Back to the good key.
  await enterKey(page, KEY);
  await sendAll(app, 'Good again [[len:300]]', 14);
  expect(fake.interactionRequests().at(-1)?.headers['x-goog-api-key']).toBe(KEY);

  // Exported code: all three tabs, for the comparison.
  const panel = page.getByTestId('code-panel');
  await page.getByTestId('export-code').click();
  await expect(panel).toBeVisible();
  const exported: string[] = [];
  for (const tab of ['python', 'javascript', 'rest']) {
    await panel.getByTestId(`code-tab-${tab}`).click();
    await expect(panel.getByTestId(`code-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
    exported.push(await panel.getByTestId('code-preview').innerText());
  }
  expect(exported[2]).toContain('$GEMINI_API_KEY');
  expectNoKey('exported code', exported.join('\n'));
  await expectWindowClean(app, 'first run, code panel open');
  await page.keyboard.press('Escape');

  // The key went exactly where it should: once per entry to main, and in the header of every request.
  expect(app.calls.filter((c) => c.method === 'setKey').map((c) => c.arg)).toEqual([{ key: KEY }, { key: BAD_KEY }, { key: KEY }]);
  expectNoKey('renderer calls other than setKey', JSON.stringify(app.calls.filter((c) => c.method !== 'setKey')));
  for (const request of fake.interactionRequests()) {
    expect([KEY, BAD_KEY]).toContain(request.headers['x-goog-api-key']);
    expectNoKey(`request ${request.path} (body and query)`, JSON.stringify({ body: request.body, query: request.query, path: request.path }));
  }
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expectWindowClean(app, 'first run');
  const dataDir = app.dataDir;
  await app.close();

  // Restart on the same data with the base URL pointing at a closed port: the stored key is decrypted in main and
  // a network failure follows.
  app = await launch({ fake, logger, encryptor, dataDir, env: { GEMINI_BASE_URL: `http://127.0.0.1:${await closedPort()}` } });
  await expect(app.page.getByTestId('key-button')).toContainText(KEY.slice(-4));
  await expect(app.page.getByTestId('turn')).toHaveCount(14);
  await sendAll(app, 'Nobody home', 2);
  await expect(paneAt(app.page, 0).getByTestId('error-message').last()).toHaveAttribute('data-code', 'NETWORK');
  await expect(app.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expectWindowClean(app, 'after restart');
  const shot = await app.page.screenshot({ path: testInfo.outputPath('key-safety-after-restart.png') });
  await testInfo.attach('after restart', { body: shot, contentType: 'image/png' });
  await app.close();

  // The logs.
  expect(logs.length).toBeGreaterThan(0);
  expectNoKey('logs', logs.join('\n'));

  // Every file in the data folder; secrets.json holds only ciphertext (the test encryptor is reversible: prove it
  // is the key's ciphertext, not merely that the plain key is absent).
  const files = filesUnder(dataDir);
  expect(files.some((f) => relative(dataDir, f).startsWith('sessions'))).toBe(true);
  for (const file of files) {
    const bytes = readFileSync(file);
    const name = relative(dataDir, file);
    expectNoKey(`data file ${name}`, bytes.toString('utf8'));
    expectNoKey(`data file ${name} (latin1)`, bytes.toString('latin1'));
  }
  const secretsFile = join(dataDir, 'secrets.json');
  expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
  const stored = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, unknown>;
  const ciphers = Object.values(stored).filter((v): v is string => typeof v === 'string');
  expect(ciphers).toHaveLength(1);
  expect(encryptor.decrypt(Buffer.from(ciphers[0]!, 'base64'))).toBe(KEY);
});

/** The serious and critical axe violations within `selector`, as their rule ids. */
async function axeBlocking(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

test('a saved key the keyring cannot open says so, and what to do, instead of "no key"; entered again, it is in use', async ({ startFake, launch }, testInfo) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  for (const [colorScheme, encryptor, why, remedy] of [
    ['light', testEncryptor({ available: false }), 'keyring-locked', /locked or not available.*Unlock the keyring and restart the app, or enter the key again/],
    ['dark', testEncryptor({ keyring: 'other' }), 'other-keyring', /another system keyring.*Restart the app with that keyring unlocked, or enter the key again/],
  ] as const) {
    // Saved on a run whose keyring works; each case its own, since entering the key again replaces it.
    const first = await launch({ fake });
    await enterKey(first.page, KEY);
    const dataDir = first.dataDir;
    await first.close();

    const app = await launch({ fake, dataDir, encryptor, colorScheme });
    const { page } = app;
    const button = page.getByTestId('key-button');
    await expect(button).toContainText('Saved key');
    await expect(button.getByTestId('key-check')).toHaveText('unreadable');
    await expect(button).not.toContainText('Set API key');
    // The dialog opens by itself, as for no key, but tells the two apart.
    const dialog = page.getByTestId('key-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('key-status')).toHaveText('A key is saved, but it cannot be read here');
    await expect(page.getByTestId('key-unreadable')).toHaveText(remedy);
    await expect(page.getByTestId('key-unreadable')).toHaveAttribute('role', 'status');
    await expect(dialog.getByLabel('Enter the key again')).toBeFocused();
    const statuses = app.responses.filter((r) => r.method === 'getKeyStatus').map((r) => r.response);
    expect(statuses).toContainEqual({ ok: true, value: { configured: false, source: 'none', persisted: false, unreadable: why } });
    expect(await axeBlocking(page, '[data-testid="key-dialog"]')).toEqual([]);
    await expectWindowClean(app, `unreadable key (${why})`);
    const shot = await dialog.screenshot({ path: testInfo.outputPath(`key-unreadable-${colorScheme}.png`) });
    await testInfo.attach(`unreadable key, ${colorScheme}`, { body: shot, contentType: 'image/png' });
    await page.getByTestId('key-close').click();
    expect(await axeBlocking(page, 'header.app-header')).toEqual([]);
    await page.locator('header.app-header').screenshot({ path: testInfo.outputPath(`key-unreadable-header-${colorScheme}.png`) });

    // A send says the same as the dialog did, not "add a key"; the prompt stays, and the dialog opens to fix it.
    const prompt = 'Still here after the refusal';
    await sendToAll(page, prompt);
    const refused = page.getByTestId('composer-error');
    await expect(refused).toContainText('Saved API key cannot be read here.');
    await expect(refused).toContainText(remedy);
    await expect(refused).not.toContainText('No API key');
    await expect(page.getByTestId('prompt')).toHaveValue(prompt);
    await expect(dialog).toBeVisible();
    await page.getByTestId('key-close').click();
    // The model picker's note on the built-in list says it too, with its way to the key dialog.
    const note = paneAt(page, 0).getByTestId('models-note');
    await expect(note).toContainText('Built-in list: the saved API key cannot be read here.');
    await expect(note).toContainText(remedy);
    await expect(note.getByTestId('models-note-key')).toBeVisible();
    // Both refusals say why as a field, which is what the window reads (never main's wording).
    const refusal = expect.objectContaining({ code: 'NO_KEY', keyUnreadable: why });
    expect(app.responses.filter((r) => r.method === 'start').map((r) => r.response)).toContainEqual({ ok: false, error: refusal });
    expect(app.responses.filter((r) => r.method === 'listModels').map((r) => r.response)).toContainEqual({
      ok: true,
      value: expect.objectContaining({ source: 'fallback', error: refusal }),
    });
    expect(await axeBlocking(page, '[data-testid="composer"]')).toEqual([]);
    await page.getByTestId('composer').screenshot({ path: testInfo.outputPath(`key-unreadable-send-${colorScheme}.png`) });
    await paneAt(page, 0).screenshot({ path: testInfo.outputPath(`key-unreadable-models-note-${colorScheme}.png`) });
    await expectWindowClean(app, `unreadable key, refused send (${why})`);

    // Entered again, the key is in use (kept in memory where the keyring is locked) and nothing is unreadable.
    await enterKey(page, KEY);
    await expect(button).toHaveAttribute('data-check', 'valid');
    expect(app.responses.filter((r) => r.method === 'setKey').map((r) => r.response)).toEqual([
      { ok: true, value: expect.not.objectContaining({ unreadable: expect.anything() }) },
    ]);
    await app.close();
  }
});

test('a saved key the keyring cannot open can be removed, not only replaced: its file no longer holds it, and the keyring back brings no key', async ({ startFake, launch }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  for (const [encryptor, why] of [
    [testEncryptor({ available: false }), 'keyring-locked'],
    [testEncryptor({ keyring: 'other' }), 'other-keyring'],
  ] as const) {
    const first = await launch({ fake });
    await enterKey(first.page, KEY);
    const dataDir = first.dataDir;
    await first.close();
    const secretsFile = join(dataDir, 'secrets.json');
    expect(readFileSync(secretsFile, 'utf8')).toContain('encryptedApiKey');

    const app = await launch({ fake, dataDir, encryptor });
    const { page } = app;
    const dialog = page.getByTestId('key-dialog');
    await expect(page.getByTestId('key-unreadable')).toBeVisible();
    await dialog.getByTestId('key-remove').click();
    await expect(page.getByTestId('key-status')).toHaveText('No API key set');
    // The button pressed is gone: the keyboard carries on from the key field, not from the page's start.
    await expect(dialog.getByTestId('key-input')).toBeFocused();
    await expect(page.getByTestId('key-unreadable')).toHaveCount(0);
    await expect(dialog.getByTestId('key-remove')).toHaveCount(0);
    expect(app.responses.filter((r) => r.method === 'clearKey').map((r) => r.response)).toEqual([
      { ok: true, value: { configured: false, source: 'none', persisted: false } },
    ]);
    expect(readFileSync(secretsFile, 'utf8'), `removed under ${why}`).not.toContain('encryptedApiKey');
    await page.getByTestId('key-close').click();
    await expect(page.getByTestId('key-button')).toContainText('Set API key');
    await expect(page.getByTestId('key-check')).toHaveCount(0);
    await expectWindowClean(app, `unreadable key removed (${why})`);
    await app.close();

    // The keyring that sealed it is back: nothing is left for it to open.
    const back = await launch({ fake, dataDir });
    await expect(back.page.getByTestId('key-button')).toContainText('Set API key');
    expect(back.responses.filter((r) => r.method === 'getKeyStatus').map((r) => r.response)).toContainEqual({
      ok: true,
      value: { configured: false, source: 'none', persisted: false },
    });
    await back.close();
  }
});
