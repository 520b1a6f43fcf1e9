// A pane scrolled out of the board's view is not laid out while its answer streams: with six panes in a
// 1280-pixel window one column is off screen, and its style, layout and paint were a share of every frame
// (bench/RESULTS.md §3). Scrolled into view, it shows its whole answer, followed to the bottom.
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-offscreen-7d2e';

interface LayoutEvent {
  name: string;
  ph: string;
  args?: { endData?: { layoutRoots?: { quads?: number[][] }[] } };
}

test('a pane out of view is not laid out while it streams, and shows its whole answer when scrolled to', async ({ launch }) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 6);
  await page.getByTestId('pane-board').evaluate((board) => (board.scrollLeft = board.scrollWidth));
  const width = await page.evaluate(() => window.innerWidth);
  const hidden = await page.getByTestId('pane').evaluateAll((panes, w) => panes.flatMap((p, i) => {
    const box = p.getBoundingClientRect();
    return box.right <= 0 || box.left >= w ? [i] : [];
  }), width);
  expect(hidden.length, 'panes wholly out of view').toBeGreaterThan(0);
  const browser = page.context().browser();
  if (!browser) throw new Error('the harness page has no browser to trace');
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  await sendToAll(page, 'Stream [[markdown]] [[len:30000]] [[chunk:50]] [[delay:2]]');
  await app.waitForTerminalEvents(6, 90_000);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: LayoutEvent[] };

  const roots = trace.traceEvents
    .filter((e) => e.name === 'Layout' && e.ph === 'X')
    .flatMap((e) => e.args?.endData?.layoutRoots ?? [])
    .map((r) => (r.quads?.[0] ?? []).filter((_, k) => k % 2 === 0))
    .filter((xs) => xs.length > 0);
  const outOfView = roots.filter((xs) => Math.max(...xs) <= 0 || Math.min(...xs) >= width).length;
  expect(roots.length, 'layouts rooted inside the panes in view').toBeGreaterThan(20);
  // One may come as it is first judged out of view; the stream's frames must not lay it out.
  expect(outOfView, `layout roots out of view: ${outOfView} of ${roots.length}`).toBeLessThanOrEqual(2);

  const pane = paneAt(page, hidden[0]!);
  await expect(pane).toHaveAttribute('data-status', 'done');
  await pane.scrollIntoViewIfNeeded();
  const conversation = pane.getByTestId('conversation');
  await expect(conversation).toHaveAttribute('data-pinned', 'true');
  await expect
    .poll(() => conversation.evaluate((s) => s.scrollHeight - s.clientHeight - s.scrollTop))
    .toBeLessThanOrEqual(24);
  // The end of its answer is on screen: laid out in full once in view, and scrolled to its bottom.
  const [answerBottom, viewTop, viewBottom] = await pane.evaluate((p) => {
    const answer = p.querySelector('[data-testid=answer]')!.getBoundingClientRect();
    const view = p.querySelector('[data-testid=conversation]')!.getBoundingClientRect();
    return [answer.bottom, view.top, view.bottom];
  });
  expect(answerBottom).toBeGreaterThan(viewTop);
  expect(answerBottom).toBeLessThanOrEqual(viewBottom);
});
