// The specs' `test`: Playwright's, with a `launch` that starts the app through the bridge harness and a `startFake`
// that starts a fake API to share between launches (a restart on the same data). Whatever a test started and did
// not close itself is closed after it, apps before fakes, even when the test failed — so no spec keeps its own
// afterEach. An app a test closes itself is not closed again: close() throws on IPC clone failures, and the test
// may expect that.
import { test as base } from '@playwright/test';
import { startFakeApi, type FakeApi, type FakeApiOptions } from '../fake-api/server';
import { launchPlayground, type LaunchOptions, type Playground } from '../harness';

export { expect } from '@playwright/test';

export type Launch = (options?: LaunchOptions) => Promise<Playground>;
export type StartFake = (options?: FakeApiOptions) => Promise<FakeApi>;

interface Launchers {
  launch: Launch;
  startFake: StartFake;
}

/** Closes each in reverse order of starting; every one is tried, and the first failure is thrown after. */
async function closeAll(open: Set<{ close(): Promise<void> }>): Promise<void> {
  const failures: unknown[] = [];
  for (const item of [...open].reverse()) await item.close().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}

export const test = base.extend<Launchers>({
  // Playwright reads which fixtures a fixture uses from the destructuring of its first parameter.
  startFake: async ({}, use) => {
    const open = new Set<FakeApi>();
    await use(async (options) => {
      const fake = await startFakeApi(options);
      const close = fake.close.bind(fake);
      fake.close = () => (open.delete(fake), close());
      open.add(fake);
      return fake;
    });
    await closeAll(open);
  },
  // Depends on startFake so that it is torn down first: apps close before the fakes they talk to.
  launch: async ({ startFake: _ }, use) => {
    const open = new Set<Playground>();
    await use(async (options) => {
      const app = await launchPlayground(options);
      const close = app.close.bind(app);
      app.close = () => (open.delete(app), close());
      open.add(app);
      return app;
    });
    await closeAll(open);
  },
});
