// Smoke variant of the stream benchmark: keeps `npm run bench` working; asserts results, never timings.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../e2e/fake-api/server';
import { benchStreamPipeline, median, recordStream } from './stream-pipeline';

let fake: FakeApi;
beforeAll(async () => (fake = await startFakeApi()));
afterAll(() => fake.close());

it('records a stream with the requested number of deltas', async () => {
  const bytes = (await recordStream(fake.url, 50)).toString('utf8');
  expect(bytes.match(/"type":"text"/g)?.length).toBe(50);
  expect(bytes.trimEnd().endsWith('data: [DONE]')).toBe(true);
});

it('measures all three paths on a small stream', async () => {
  const result = await benchStreamPipeline(fake.url, { deltas: 100, runs: 1 });
  for (const ms of [result.floorMs, result.jsonOnlyMs, result.oursMs, result.sdkMs]) expect(ms).toBeGreaterThan(0);
  expect(result.oursEvents).toBeGreaterThanOrEqual(3);
});

it('median takes the middle value', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
});
