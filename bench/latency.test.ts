// Smoke variant of the latency benchmark: both paths see the first delta; timings are not asserted.
import { expect, it } from 'vitest';
import { benchLatency } from './latency';

it('measures when the first delta is received and when our main emits it', async () => {
  const r = await benchLatency(3);
  expect(r.floorMs).toBeGreaterThan(0);
  expect(r.oursMs).toBeGreaterThan(0);
});
