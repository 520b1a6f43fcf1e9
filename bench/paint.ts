// Latency to paint (issue 8 §2): from main emitting the first text delta of a turn (the harness's emit) to the
// renderer painting it, in the bridge harness (built renderer, real core, fake API, Debian Chromium).
//
// In the page, __pgDispatch is wrapped: when a batch carries a turn's first text delta it records the time,
// then a MutationObserver waits for an answer's text to change; the first frame that ends after that mutation
// (a message posted from each frame's rAF runs after its style/layout/paint) is when it was painted. Main's emit
// time is taken in Node (app.events is pushed at emit) and mapped into the page clock through the
// round trip with the smallest delay.
import type { Browser, Page } from '@playwright/test';
import type { TurnEvent } from '../src-shared/domain';
import { launchBrowser, launchPlayground } from '../e2e/harness';
import { percentile } from './browser-kit';

const KEY = 'AIzaTestKey-bench-paint';

const PAINT_PROBE = `(() => {
  const samples = (window.__paint = []);
  // Every frame posts a message from its first rAF callback; it runs once that frame's style, layout and paint
  // are done. A mutation is painted by the first frame that ends after it (the app writes deltas inside its
  // own rAF callback, so that is usually the same frame).
  const ends = (window.__frameEnds = []);
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { ends.push(performance.now()); };
  const frame = () => { requestAnimationFrame(frame); ch.port2.postMessage(0); };
  requestAnimationFrame(frame);
  const seen = new Set();
  const orig = window.__pgDispatch;
  const signature = () => [...document.querySelectorAll('[data-testid=answer]')].map((a) => a.textContent.length).join(',');
  window.__pgDispatch = function (batch) {
    let requestId = null;
    for (const [, p] of batch) {
      if (p && p.type === 'delta' && p.text && p.requestId && !seen.has(p.requestId)) { seen.add(p.requestId); requestId = p.requestId; }
    }
    if (requestId === null) return orig.call(this, batch);
    const sample = { requestId, dispatch: performance.now(), mutation: 0, painted: 0 };
    samples.push(sample);
    const before = signature();
    const mo = new MutationObserver(() => {
      if (signature() === before) return;
      sample.mutation = performance.now();
      mo.disconnect();
    });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    return orig.call(this, batch);
  };
  window.__paintRead = () => samples.map((s) => ({ ...s, painted: s.mutation ? ends.find((e) => e > s.mutation) ?? 0 : 0 }));
})();`;

interface PaintSample {
  requestId: string;
  dispatch: number;
  mutation: number;
  painted: number;
}

export interface PaintResult {
  turns: number;
  /** main emits → the frame containing the DOM mutation has painted (page clock, via the measured offset) */
  emitToPaintP50: number;
  emitToPaintP90: number;
  /** __pgDispatch receives the batch → painted: the renderer's own share */
  dispatchToPaintP50: number;
  dispatchToPaintP90: number;
  /** __pgDispatch → the answer's DOM changed (the app writes buffered deltas on the next animation frame) */
  dispatchToMutationP50: number;
  /** main emits → __pgDispatch runs: the harness transport (page.evaluate over CDP), standing in for IPC */
  transportP50: number;
  /** best round trip used for the clock offset */
  clockRttMs: number;
  /** the same probe on a blank page that writes each delta into the DOM as it arrives, fed from an idle Node */
  floor: { emitToPaintP50: number; transportP50: number; dispatchToPaintP50: number };
}

interface Spans {
  emitToPaint: number[];
  dispatchToPaint: number[];
  transport: number[];
  toMutation: number[];
}

/** Clock offset page − node, from the round trip with the smallest delay. */
async function clockOffset(page: Page): Promise<{ rtt: number; offset: number }> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const pageNow = (await page.evaluate('performance.now()')) as number;
    const t1 = performance.now();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: pageNow - (t0 + t1) / 2 };
  }
  return best;
}

function spans(samples: PaintSample[], emittedAt: Map<string, number>, offset: number): Spans {
  const out: Spans = { emitToPaint: [], dispatchToPaint: [], transport: [], toMutation: [] };
  for (const s of samples) {
    const emitted = emittedAt.get(s.requestId);
    if (emitted === undefined || !s.painted) continue;
    const emittedPage = emitted + offset;
    out.emitToPaint.push(s.painted - emittedPage);
    out.dispatchToPaint.push(s.painted - s.dispatch);
    out.transport.push(s.dispatch - emittedPage);
    out.toMutation.push(s.mutation - s.dispatch);
  }
  return out;
}

/**
 * The floor: what this harness and this Chromium allow at best. A blank page whose __pgDispatch writes the
 * delta into the DOM at once, one `page.evaluate` per delta from a Node process doing nothing else, the same
 * probe. What remains is one CDP hop, the wait for the next frame (0–16.7 ms at 60 Hz) and a tiny frame.
 */
async function floorPaint(browser: Browser, turns: number): Promise<PaintResult['floor']> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><body><div data-testid="answer"></div></body></html>');
    await page.evaluate(`window.__pgDispatch = (batch) => {
      const answer = document.querySelector('[data-testid=answer]');
      for (const [, p] of batch) if (p.type === 'delta') answer.textContent += p.text;
    }`);
    await page.evaluate(PAINT_PROBE);
    const emittedAt = new Map<string, number>();
    const warmup = 2;
    for (let i = 0; i < turns + warmup; i++) {
      const requestId = `floor-${i}`;
      await page.waitForTimeout(30 + Math.random() * 17); // a random phase against the frame clock
      emittedAt.set(requestId, performance.now());
      await page.evaluate((b) => (window as unknown as { __pgDispatch(b: unknown): void }).__pgDispatch(b), [
        ['pg:turn', { type: 'delta', requestId, paneId: 'p', text: `Floor ${i}. ` }],
      ]);
      await page.waitForFunction((n) => {
        const s = (window as unknown as { __paintRead(): PaintSample[] }).__paintRead();
        return s.length >= n && (s[n - 1]?.painted ?? 0) > 0;
      }, i + 1);
    }
    const best = await clockOffset(page);
    const samples = ((await page.evaluate('window.__paintRead()')) as PaintSample[]).slice(warmup);
    const r = spans(samples, emittedAt, best.offset);
    return {
      emitToPaintP50: percentile(r.emitToPaint, 0.5),
      transportP50: percentile(r.transport, 0.5),
      dispatchToPaintP50: percentile(r.dispatchToPaint, 0.5),
    };
  } finally {
    await context.close();
  }
}

export async function benchPaint(turns: number, options: { browser?: Browser } = {}): Promise<PaintResult> {
  const browser = options.browser ?? (await launchBrowser());
  const app = await launchPlayground({ browser, env: { GEMINI_API_KEY: KEY } });
  const emittedAt = new Map<string, number>();
  // The harness pushes every turn event into app.events at the moment main emits it.
  const events = app.events;
  events.push = function (...items: TurnEvent[]) {
    const now = performance.now();
    for (const e of items) if (e.type === 'delta' && e.text && !emittedAt.has(e.requestId)) emittedAt.set(e.requestId, now);
    return Array.prototype.push.apply(this, items);
  };
  try {
    const { page } = app;
    await page.getByTestId('prompt').waitFor();
    await page.evaluate(PAINT_PROBE);
    const warmup = 2;
    for (let i = 0; i < turns + warmup; i++) {
      // The fake waits 30 ms before each delta, as a real model takes its time before the first token: the
      // first delta then meets an idle transport, as in the app. Without the wait it overtook the harness's
      // reply to start (a Playwright binding, slower than page.evaluate) and waited behind the `started` batch.
      await page.getByTestId('prompt').fill(`Paint turn ${i} [[len:60]] [[delay:30]]`);
      await page.getByTestId('prompt').press('Control+Enter');
      await app.waitForTerminalEvents(i + 1);
      await page.waitForFunction((n) => {
        const s = (window as unknown as { __paintRead(): PaintSample[] }).__paintRead();
        return s.length >= n && (s[n - 1]?.painted ?? 0) > 0;
      }, i + 1);
      await page.waitForTimeout(60);
    }
    const best = await clockOffset(page);
    const samples = ((await page.evaluate('window.__paintRead()')) as PaintSample[]).slice(warmup);
    const { emitToPaint, dispatchToPaint, transport, toMutation } = spans(samples, emittedAt, best.offset);
    const floor = await floorPaint(browser, turns);
    return {
      turns: emitToPaint.length,
      emitToPaintP50: percentile(emitToPaint, 0.5),
      emitToPaintP90: percentile(emitToPaint, 0.9),
      dispatchToPaintP50: percentile(dispatchToPaint, 0.5),
      dispatchToPaintP90: percentile(dispatchToPaint, 0.9),
      dispatchToMutationP50: percentile(toMutation, 0.5),
      transportP50: percentile(transport, 0.5),
      clockRttMs: best.rtt,
      floor,
    };
  } finally {
    await app.close();
    if (!options.browser) await browser.close();
  }
}
