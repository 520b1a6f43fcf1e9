// The bridge harness holds IPC values to Electron's rule: what structured cloning cannot copy fails, as it would in
// the app, instead of being quietly dropped by the harness's JSON transport.
import { expect, test } from './support/fixture';

test('an argument Electron could not clone fails the call and the test', async ({ launch }) => {
  const app = await launch();
  // A function, and a Proxy (what a Svelte $state object is): JSON would send {} and [] for them.
  const outcomes = await app.page.evaluate(async () => {
    const bridge = (window as unknown as { playground: Record<string, (arg: unknown) => Promise<unknown>> }).playground;
    const attempt = (arg: unknown) => bridge.listSessions!(arg).then(() => 'sent', (error: Error) => error.name);
    return [await attempt({ query: 'a', onDone: () => 1 }), await attempt(new Proxy({ query: 'b' }, {})), await attempt({ query: 'c' })];
  });
  expect(outcomes).toEqual(['DataCloneError', 'DataCloneError', 'sent']);
  expect(app.ipcCloneFailures).toHaveLength(2);
  expect(app.ipcCloneFailures[0]).toMatch(/^argument of pg:sessions:list could not be cloned for IPC: /);
  await expect(app.close()).rejects.toThrow("Values that Electron's IPC cannot clone");
});
