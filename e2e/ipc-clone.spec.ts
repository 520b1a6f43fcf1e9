// The bridge harness holds IPC values to Electron's rule: what structured cloning cannot copy fails, as it would in
// the app, instead of being quietly dropped by the harness's JSON transport.
import { expect, test } from './support/fixture';

test('an argument Electron could not clone fails the call and the test', async ({ launch }) => {
  const app = await launch();
  // A function, and a Proxy (what a Svelte $state object is): JSON would send {} and [] for them.
  const outcomes = await app.page.evaluate(async () => {
    const bridge = (window as unknown as { playground: Record<string, (arg: unknown) => Promise<unknown>> }).playground;
    const attempt = (arg: unknown) => bridge.listSessions!(arg).then(() => 'sent', (error: Error) => error.name);
    const large = 'x'.repeat(100_000); // goes through the IPC worker: the same rule there
    return [
      await attempt({ query: 'a', onDone: () => 1 }),
      await attempt(new Proxy({ query: 'b' }, {})),
      await attempt({ query: large, onDone: () => 1 }),
      await attempt({ query: 'c' }),
    ];
  });
  expect(outcomes).toEqual(['DataCloneError', 'DataCloneError', 'DataCloneError', 'sent']);
  expect(app.ipcCloneFailures).toHaveLength(3);
  expect(app.ipcCloneFailures[0]).toMatch(/^argument of pg:sessions:list could not be cloned for IPC: /);
  await expect(app.close()).rejects.toThrow("Values that Electron's IPC cannot clone");
});

test('a large argument crosses as an upload, whole, and calls still reach main in the order they were made', async ({ launch }) => {
  const app = await launch();
  const big = 'é'.repeat(100_000);
  await app.page.evaluate(async (text) => {
    const bridge = (window as unknown as { playground: Record<string, (arg: unknown) => Promise<unknown>> }).playground;
    const settle = (p: Promise<unknown>) => p.then(() => 'ok', () => 'refused');
    // The large one first; the small ones made while it is on its way must not overtake it.
    await Promise.all([settle(bridge.listSessions!({ query: text, n: NaN, gone: undefined })), settle(bridge.listSessions!({ query: 'after' })), settle(bridge.listSessions!({ query: 'last' }))]);
  }, big);
  // The window makes calls of its own meanwhile: only these three are compared.
  const ours = (arg: unknown): arg is { query: string; n?: number; gone?: undefined } =>
    typeof arg === 'object' && arg !== null && [big, 'after', 'last'].includes((arg as { query?: string }).query ?? '');
  const args = app.calls.filter((c) => c.method === 'listSessions').map((c) => c.arg).filter(ours);
  expect(args.map((a) => (a.query.length > 10 ? `${a.query.length} chars` : a.query))).toEqual(['100000 chars', 'after', 'last']);
  expect(args[0]!.query).toBe(big);
  expect(args[0]!.n).toBeNaN();
  expect('gone' in args[0]!).toBe(true);
  // It went through the IPC worker, not the binding.
  expect(app.page.workers().map((w) => new URL(w.url()).pathname)).toContain('/__pg/ipc-worker.js');
  await app.close();
});

test('a large batch of main’s events is fetched by the page’s IPC worker, and the batches after it wait their turn', async ({ launch }) => {
  const app = await launch();
  await app.page.evaluate(() => {
    const w = window as unknown as { playground: { on(channel: string, listener: (e: { text?: string }) => void): void }; __seen: string[] };
    w.__seen = [];
    w.playground.on('turn', (e) => w.__seen.push(e.text && e.text.length > 10 ? `${e.text.length} chars` : (e.text ?? '')));
  });
  const big = 'é'.repeat(100_000);
  const delta = (text: string) => ({ type: 'delta' as const, requestId: 'req-none', paneId: 'pane-none', text });
  // Not awaited one by one: the small ones are sent while the large one is still being fetched.
  await Promise.all([app.emit('turn', delta(big)), app.emit('turn', delta('after')), app.emit('turn', delta('last'))]);
  await expect.poll(() => app.page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual(['100000 chars', 'after', 'last']);
  expect(await app.page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.length)).toBe(3);
  expect(app.page.workers().map((w) => new URL(w.url()).pathname)).toContain('/__pg/ipc-worker.js');
  await app.close();
});
