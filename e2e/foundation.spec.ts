// The whole pipeline for one pane, through the bridge harness: key entry, a configured streaming turn,
// stop, and failures that keep what was typed and received.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';

const KEY = 'AIzaTestKey-e2e-7a9c';

function lastInteractionBody(a: Playground): Record<string, unknown> {
  const request = a.fake.interactionRequests().at(-1);
  if (!request) throw new Error('the fake received no interaction request');
  return request.body as Record<string, unknown>;
}

test('first run: the key is entered once, stored encrypted, and never comes back to the page', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  const dialog = page.getByTestId('key-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('key-input').fill(KEY);
  await page.getByTestId('key-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('key-button')).toContainText('7a9c');

  const file = join(app.dataDir, 'secrets.json');
  expect(readFileSync(file, 'utf8')).not.toContain(KEY);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(app.calls.filter((c) => c.method === 'setKey')).toHaveLength(1);
  expect(await page.content()).not.toContain(KEY);
  expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(KEY);

  // The key only travels to the API, in its header.
  await page.getByTestId('prompt').fill('Hello');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  expect(app.fake.interactionRequests()[0]?.headers['x-goog-api-key']).toBe(KEY);
  expect(JSON.stringify(app.events)).not.toContain(KEY);
});

test('a configured turn streams in with thoughts and metrics, and the API receives exactly those settings', async ({ launch }, testInfo) => {
  // 30 ms between deltas: the answer streams for longer than the 250 ms a speed needs to mean something.
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, fakeOptions: { deltaDelayMs: 30 } });
  const { page } = app;
  await page.getByTestId('system-instruction').fill('You are a cat. Your name is Neko.');
  await page.getByTestId('temperature').fill('0.3');
  await page.getByTestId('thinking-level').selectOption('high');
  await page.getByTestId('thinking-summaries').check();
  await page.getByTestId('prompt').fill('How does AI work?');
  await page.getByTestId('prompt').press('Control+Enter');

  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  const body = lastInteractionBody(app);
  expect(body).toEqual({
    model: 'gemini-3-flash-preview',
    input: 'How does AI work?',
    system_instruction: 'You are a cat. Your name is Neko.',
    generation_config: { temperature: 0.3, thinking_level: 'high', thinking_summaries: 'auto' },
    stream: true,
  });
  const request = app.fake.interactionRequests()[0]!;
  expect(request.path).toBe('/v1beta/interactions');
  expect(request.query).toMatchObject({ alt: 'sse' });
  expect(request.headers['api-revision']).toBe('2026-05-20');

  const answer = page.getByTestId('answer');
  await expect(answer).toContainText('Echo: model=gemini-3-flash-preview');
  await expect(answer).toContainText('temperature=0.3');
  await expect(answer).toContainText('thinking_level=high');
  const thoughts = page.getByTestId('thoughts');
  await expect(thoughts).toBeVisible();
  await thoughts.locator('summary').first().click();
  await expect(thoughts).toContainText('Planning');
  await expect(page.getByTestId('metrics')).toContainText(/first token/i);
  await expect(page.getByTestId('metrics')).toContainText(/tok\/s/i);
  // The prompt box is emptied once the turn has started.
  await expect(page.getByTestId('prompt')).toHaveValue('');

  const done = app.events.find((e) => e.type === 'done');
  expect(done?.type === 'done' && done.metrics.usage?.total_output_tokens).toBeGreaterThan(0);
  const shot = await page.screenshot({ path: testInfo.outputPath('streamed-answer-light.png') });
  await testInfo.attach('streamed answer (light)', { body: shot, contentType: 'image/png' });
});

test('unset settings send nothing: no generation_config, no system_instruction', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Plain');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  expect(lastInteractionBody(app)).toEqual({ model: 'gemini-3-flash-preview', input: 'Plain', stream: true });
});

test('stop keeps the partial answer and leaves no request running', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Long one [[len:20000]] [[delay:40]]');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('answer')).toContainText('Echo:');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('stopped')).toBeVisible();
  await expect(page.getByTestId('answer')).toContainText('Echo:');

  const terminal = await app.waitForTerminalEvents(1);
  expect(terminal.map((e) => e.type)).toEqual(['cancelled']);
  await expect.poll(() => app!.fake.openStreams()).toBe(0);
  expect(app.fake.interactionRequests()[0]?.aborted).toBe(true);
});

test('Escape stops a streaming answer too', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Long [[len:20000]] [[delay:40]]');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('answer')).toContainText('Echo:');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'stopped');
});

test('an interrupted stream shows a clear error, keeps the partial text, and retry succeeds', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Tell me [[fault:cut]] [[len:2000]]');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('error-message')).toContainText(/interrupted/i);
  await expect(page.getByTestId('answer')).toContainText('Echo:');
  const terminal = await app.waitForTerminalEvents(1);
  expect(terminal[0]).toMatchObject({ type: 'error', partial: true, error: { code: 'INTERRUPTED' } });
  // Retry re-sends the same turn (same body, so the same scripted cut): the request reaches the API again.
  await page.getByTestId('retry').click();
  await app.waitForTerminalEvents(2);
  expect(app.fake.interactionRequests()).toHaveLength(2);
  expect(lastInteractionBody(app)).toMatchObject({ input: 'Tell me [[fault:cut]] [[len:2000]]' });
});

test('quota errors say when to try again; a rejected key offers to change it; typed text is kept', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Busy [[fault:http-429]] [[retry-after:90]]');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('error-message')).toContainText(/90 s|1 min/);
  expect(app.fake.interactionRequests()).toHaveLength(1); // a wait longer than the cap is not retried

  await page.getByTestId('key-button').click();
  await page.getByTestId('key-input').fill('bad-key');
  await page.getByTestId('key-save').click();
  // Checked when saved: the API rejects it, and the dialog stays open to say so.
  await expect(page.getByTestId('key-check-status')).toHaveAttribute('data-check', 'rejected');
  await page.getByTestId('key-close').click();
  await page.getByTestId('prompt').fill('With a bad key');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('error-message').last()).toContainText(/key/i);
  await expect(page.getByTestId('error-open-key')).toBeVisible();
});

test('a key main refuses stays in the field to be fixed; a saved one leaves it', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  const pasted = `${KEY} extra`;
  await page.getByTestId('key-input').fill(pasted);
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-error')).toContainText(/no spaces/);
  await expect(page.getByTestId('key-input')).toHaveValue(pasted);
  await page.getByTestId('key-input').fill(KEY);
  await page.getByTestId('key-save').click();
  await expect(page.getByTestId('key-dialog')).toBeHidden();
  expect(await page.content()).not.toContain(KEY);
});

test('without any key, sending explains what to do and keeps the prompt', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await page.getByTestId('key-close').click();
  await page.getByTestId('prompt').fill('Keep me');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('composer-error')).toContainText(/API key/i);
  await expect(page.getByTestId('prompt')).toHaveValue('Keep me');
});

test('dark theme follows the OS', async ({ launch }, testInfo) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, colorScheme: 'dark' });
  const { page } = app;
  await page.getByTestId('thinking-summaries').check();
  await page.getByTestId('prompt').fill('Show me markdown [[markdown]] [[len:1500]]');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(200);
  const shot = await page.screenshot({ path: testInfo.outputPath('streamed-answer-dark.png') });
  await testInfo.attach('markdown answer (dark)', { body: shot, contentType: 'image/png' });
});
