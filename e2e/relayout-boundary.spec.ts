// A streamed answer lays out its own pane only: each frame's Layout in a Chromium trace must start at the pane's
// conversation, not at the document. Chromium never makes a flex item a relayout root, so `.conversation`'s
// `contain: strict` alone left every delta laying out the whole window (bench/RESULTS.md §3).
import { expect, test } from './support/fixture';
import { addPanes, paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-relayout-41c9';

interface LayoutEvent {
  name: string;
  ph: string;
  args?: { endData?: { layoutRoots?: { nodeName?: string }[] } };
}

test('layout during a streamed answer starts inside the pane, not at the document', async ({ launch }) => {
  test.setTimeout(90_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  const { page } = app;
  await addPanes(page, 2);
  const browser = page.context().browser();
  if (!browser) throw new Error('the harness page has no browser to trace');
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  await sendToAll(page, 'Stream [[markdown]] [[len:30000]] [[chunk:50]] [[delay:2]]');
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: LayoutEvent[] };

  const roots = trace.traceEvents
    .filter((e) => e.name === 'Layout' && e.ph === 'X')
    .map((e) => (e.args?.endData?.layoutRoots ?? []).map((r) => r.nodeName ?? ''));
  const atDocument = roots.filter((names) => names.includes('#document')).length;
  const inPane = roots.filter((names) => names.length > 0 && !names.includes('#document')).length;
  // Sending and finishing change the composer and the header (a few document-rooted layouts); the stream's many
  // frames must not.
  expect(inPane, `layout roots: ${atDocument} at the document, ${inPane} inside a pane`).toBeGreaterThan(atDocument);
});
