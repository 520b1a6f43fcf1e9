// The stored key goes only where the person said yes in main: a script in the window that points the base URL
// at its own server gets a question the person answers in a native dialog, and until then no request at all.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';

const KEY = 'BU-e2e-Secret-3Hq8Lm2Vx7Tz';

/** Stands in for an attacker's server: records every connection and request, and answers like the API would. */
async function listeningServer(): Promise<{ url: string; connections: number; requests: { url: string; headers: IncomingHttpHeaders }[]; server: Server }> {
  const seen = { connections: 0, requests: [] as { url: string; headers: IncomingHttpHeaders }[] };
  const server = createServer((req, res) => {
    seen.requests.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"models":[]}');
  });
  server.on('connection', () => void seen.connections++);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(seen, { url: `http://127.0.0.1:${port}`, server });
}

type Bridge = { playground: Record<string, (arg?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>> };

/** A bridge call made by script in the page, as any script running in the window could. */
function pageCall(a: Playground, method: string, arg?: unknown) {
  return a.page.evaluate(([m, x]) => (window as unknown as Bridge).playground[m as string]!(x), [method, arg] as const);
}

const confirmations = (a: Playground) => a.dialogs.shown.flatMap((d) => (d.kind === 'confirm' ? [d.message] : []));

let other: Awaited<ReturnType<typeof listeningServer>> | undefined;
test.afterEach(async () => {
  if (other) await new Promise((ok) => other!.server.close(ok));
  other = undefined;
});

test('a page script that points the base URL at its own server gets no request there, and the API still works', async ({ startFake, launch }) => {
  test.setTimeout(90_000);
  other = await listeningServer();
  const fake = await startFake();
  // No GEMINI_BASE_URL: the base URL is only what updateSettings was allowed to set.
  const env = { GEMINI_BASE_URL: undefined };

  // First run: the person points the app at the fake API, says yes in main's dialog, and stores a key.
  const first = await launch({ fake, env, dialogAnswers: { confirm: [true] } });
  expect(await pageCall(first, 'updateSettings', { baseUrl: fake.url })).toMatchObject({ ok: true, value: { baseUrl: fake.url } });
  expect(await pageCall(first, 'setKey', { key: KEY })).toMatchObject({ ok: true });
  await first.close();

  // Next start: the saved base URL and key are used without a question.
  const app = await launch({ fake, env, dataDir: first.dataDir });
  const { page } = app;
  await expect(page.getByTestId('key-button')).toContainText(KEY.slice(-4));

  // The exfiltration attempt, exactly as a script in the window would make it.
  const moved = await pageCall(app, 'updateSettings', { baseUrl: other.url });
  const models = await pageCall(app, 'listModels');

  expect(other.requests).toEqual([]);
  expect(other.connections).toBe(0);
  const otherHost = new URL(other.url).host;
  expect(moved).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'FORBIDDEN', message: `The base URL was not changed: sending your API key to ${otherHost} was not approved.` }),
  });
  // Main asked the person each time, naming the host; nothing scripted an answer to the second, so it was Cancel.
  expect(confirmations(first)).toEqual([`Send your Gemini API key to ${new URL(fake.url).host}?`]);
  expect(confirmations(app)).toEqual([`Send your Gemini API key to ${otherHost}?`]);
  expect(await pageCall(app, 'getSettings')).toMatchObject({ ok: true, value: { baseUrl: fake.url, baseUrlSource: 'settings' } });

  // The API the person approved still answers: the model list, and a turn sent from the prompt box.
  expect(models).toMatchObject({ ok: true, value: { source: 'api' } });
  await page.getByTestId('prompt').fill('Still here?');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status').last()).toHaveAttribute('data-status', 'done');
  expect(fake.interactionRequests().map((r) => r.headers['x-goog-api-key'])).toEqual([KEY]);
  expect(other.requests).toEqual([]);
  expect(other.connections).toBe(0);
});
