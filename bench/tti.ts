// Time to interactive (issue 8 §5): navigation start → the prompt box accepts input (the first
// `[data-testid=prompt]` in the DOM and enabled, and the frame showing it painted), for the real app in the
// bridge harness against a blank Svelte 5 page that mounts only a textarea (the floor), same Chromium, warm
// HTTP cache, interleaved loads: each in a fresh renderer process (cold, as an app start is) or reloads.
import { rmSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { chromium, type Browser, type Page } from '@playwright/test';
import { launchBrowser, launchPlayground } from '../e2e/harness';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/chromium';
import { buildApp, cacheDir, percentile, serveDir, writeFiles } from './browser-kit';

const KEY = 'AIzaTestKey-bench-tti';

/** Records when the prompt first exists enabled (page clock from navigation start) and when it is painted. */
const TTI_PROBE = `(() => {
  const r = (window.__tti = { ready: 0, painted: 0 });
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { r.painted = performance.now(); };
  const check = () => {
    const el = document.querySelector('[data-testid=prompt]');
    if (!el || el.disabled || r.ready) return;
    r.ready = performance.now();
    mo.disconnect();
    requestAnimationFrame(() => ch.port2.postMessage(0));
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

const FLOOR_FILES = {
  'index.html': '<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><script type="module" src="./main.js"></script></body></html>',
  'main.js': "import { mount } from 'svelte';\nimport App from './App.svelte';\nmount(App, { target: document.body });\n",
  'App.svelte': '<script>let text = $state(\'\');</script>\n<textarea data-testid="prompt" bind:value={text}></textarea>\n',
};

/**
 * A Chromium that draws a frame as soon as one is due, not at the display's next vsync: "painted" then measures a
 * page's own work, without the wait for a frame boundary that moves each page's figure in 16.7 ms steps.
 */
export function launchUnpacedBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, '--disable-gpu-vsync', '--disable-frame-rate-limit'] });
}

export interface TtiResult {
  runs: number;
  oursReadyMs: number;
  oursPaintedMs: number;
  floorReadyMs: number;
  floorPaintedMs: number;
  /** oursPainted / floorPainted */
  ratio: number;
}

/**
 * A page of another site (localhost, where both pages are on 127.0.0.1): going there and back puts the page in a
 * renderer process of its own each time (site isolation), as every app start is. A reload stays in its process,
 * whose caches (the compiled bundle in memory, ICU's locale data, fonts, style and layout code paths run once) an
 * app start never has. Served, not answered by page.route, which turns Chromium's HTTP cache off (Playwright's
 * documentation): the app's bundle comes from that cache at each load, as app:// files come from main.
 */
const ELSEWHERE_FILE = 'elsewhere.html';

async function loadAndRead(page: Page, url: string, elsewhere: string | undefined): Promise<{ ready: number; painted: number }> {
  if (elsewhere) {
    await page.goto(elsewhere);
    await page.goto(url, { waitUntil: 'load' });
  } else {
    await page.reload({ waitUntil: 'load' });
  }
  await page.waitForFunction('window.__tti && window.__tti.painted > 0', undefined, { timeout: 15_000 });
  return (await page.evaluate('window.__tti')) as { ready: number; painted: number };
}

/** `cold`: each load in a fresh renderer process (ELSEWHERE_FILE); otherwise reloads, in the process of the last. */
export async function benchTti(runs: number, options: { browser?: Browser; cold?: boolean } = {}): Promise<TtiResult> {
  const cold = options.cold === true;
  const browser = options.browser ?? (await launchBrowser());
  const dir = cacheDir('floor');
  writeFiles(dir, FLOOR_FILES);
  const dist = await buildApp(dir, [svelte()]);
  writeFiles(dist, { [ELSEWHERE_FILE]: '<!doctype html><title>elsewhere</title><p>elsewhere</p>' });
  const floorServer = await serveDir(dist);
  const app = await launchPlayground({ browser, env: { GEMINI_API_KEY: KEY } });
  const floorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await app.page.addInitScript({ content: TTI_PROBE });
    const floor = await floorContext.newPage();
    await floor.addInitScript({ content: TTI_PROBE });
    const floorUrl = `${floorServer.origin}/index.html`;
    await floor.goto(floorUrl);
    const appUrl = app.page.url();
    const elsewhere = cold ? `${floorServer.origin.replace('127.0.0.1', 'localhost')}/${ELSEWHERE_FILE}` : undefined;
    const ours: { ready: number; painted: number }[] = [];
    const blank: { ready: number; painted: number }[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const a = await loadAndRead(app.page, appUrl, elsewhere);
      const b = await loadAndRead(floor, floorUrl, elsewhere);
      if (i === 0) continue; // warm-up: both caches filled
      ours.push(a);
      blank.push(b);
    }
    const med = (xs: { ready: number; painted: number }[], k: 'ready' | 'painted') => percentile(xs.map((x) => x[k]), 0.5);
    const oursPaintedMs = med(ours, 'painted');
    const floorPaintedMs = med(blank, 'painted');
    return {
      runs,
      oursReadyMs: med(ours, 'ready'),
      oursPaintedMs,
      floorReadyMs: med(blank, 'ready'),
      floorPaintedMs,
      ratio: oursPaintedMs / floorPaintedMs,
    };
  } finally {
    await floorContext.close();
    await app.close();
    await floorServer.close();
    rmSync(dir, { recursive: true, force: true });
    if (!options.browser) await browser.close();
  }
}
