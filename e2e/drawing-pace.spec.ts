// An answer that arrives faster than frames can draw it (here all of it in one delta) is drawn over several frames,
// a bounded share each (lib/stream/frame.ts: charsPerFlush), and the pane says "done" only in the frame that draws
// its last part: no frame holds the whole answer's markdown, layout and paint at once (bench/RESULTS.md §3).
import { expect, test } from './support/fixture';
import { paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-drawing-pace-41c9';

/** Per animation frame: the answer's drawn length and the pane's status, as the frame's callbacks left them. */
const FRAME_LOG = `(() => {
  const log = (window.__drawn = []);
  const pane = document.querySelector('[data-testid=pane]');
  const frame = () => {
    const answer = pane.querySelector('[data-testid=answer]');
    log.push([answer ? answer.textContent.length : 0, pane.dataset.status]);
    if (log.length < 2000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

test('an answer that comes in one piece is drawn over several frames, and is done with its last part', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await page.evaluate(FRAME_LOG);
  await sendToAll(page, 'All at once [[markdown]] [[len:40000]] [[chunk:40000]]');
  await app.waitForTerminalEvents(await page.getByTestId('pane').count(), 30_000);
  const pane = paneAt(page, 0);
  await expect(pane).toHaveAttribute('data-status', 'done');
  const log = (await page.evaluate('window.__drawn')) as [number, string][];
  const full = log.at(-1)![0];
  expect(full).toBeGreaterThan(30_000);

  const partial = log.filter(([drawn]) => drawn > 0 && drawn < full);
  // A frame draws 1,500 characters at most: 40,000 take over twenty. Unbounded, one frame drew them all.
  expect(new Set(partial.map(([drawn]) => drawn)).size, 'frames that drew part of the answer').toBeGreaterThan(10);
  expect(partial.filter(([, status]) => status === 'done'), 'frames that showed a partial answer as done').toEqual([]);
  expect(log.findIndex(([, status]) => status === 'done')).toBe(log.findIndex(([drawn]) => drawn === full));
});
