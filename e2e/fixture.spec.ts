// The specs' shared fixture (support/fixture.ts): what a test launched and left open is closed after it.
import type { FakeApi } from './fake-api/server';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';

test.describe.configure({ mode: 'serial' });

let left: { app: Playground; fake: FakeApi } | undefined;

test('a test may leave its app and fake open, and close another app itself', async ({ launch, startFake }) => {
  const fake = await startFake();
  const app = await launch({ fake });
  const closedByTheTest = await launch({ fake });
  // Closing it here must not make the fixture close it again (close() may throw, as on an IPC clone failure).
  await closedByTheTest.close();
  left = { app, fake };
  expect(app.page.isClosed()).toBe(false);
  expect((await fetch(`${fake.url}/v1beta/models`, { headers: { 'x-goog-api-key': 'k' } })).ok).toBe(true);
});

test('the next test finds them closed', async () => {
  expect(left, 'the first test ran').toBeDefined();
  expect(left!.app.page.isClosed()).toBe(true);
  await expect(fetch(`${left!.fake.url}/v1beta/models`)).rejects.toThrow();
});
