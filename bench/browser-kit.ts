// Shared pieces of the Chromium benchmarks (issue 8 §2, §3, §5): in-page probes (kept as plain script text so the
// same code runs in the real app and in the reference pages), a throwaway static server, and vite builds of the
// reference pages into node_modules/.cache (so `svelte`, `marked` and `dompurify` resolve from the project).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build, type InlineConfig } from 'vite';
import { sendStaticFile } from '../e2e/support/static-file';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p + 0.5))] ?? 0;
}

/** A temp folder under node_modules/.cache, so bare imports in files written there resolve from the project. */
export function cacheDir(prefix: string): string {
  const base = join(ROOT, 'node_modules', '.cache', 'pg-bench');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/** Bundles `entry` into one IIFE script (as e2e/harness.ts bundles its bridge). */
export async function bundleIife(entry: string, name: string, plugins: InlineConfig['plugins'] = []): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    plugins,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name } },
  });
  const outputs = Array.isArray(out) ? out : [out];
  const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`bundle of ${entry} produced no chunk`);
  return chunk.code;
}

/** Builds a vite app (index.html in `root`) into `root/dist`, with the given plugins. */
export async function buildApp(root: string, plugins: InlineConfig['plugins'] = []): Promise<string> {
  const outDir = join(root, 'dist');
  await build({ configFile: false, logLevel: 'silent', root, plugins, build: { outDir, emptyOutDir: true } });
  return outDir;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export function serveDir(dir: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    sendStaticFile(req, res, file, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/**
 * Per-frame main-thread probe. Every animation frame records its gap and its rendering cost (from our rAF
 * callback — registered first in the frame — to a message posted from it, which runs once style, layout and
 * paint are done); `__perfWrap(fn)` times a delivery function including the microtasks it queues (Svelte
 * flushes its effects in one). Long tasks come from PerformanceObserver.
 */
export const FRAME_PROBE = `(() => {
  const p = (window.__perf = { frames: [], longTasks: [], calls: [], stop: false });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) p.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask' });
  } catch {}
  const ch = new MessageChannel();
  let pending = null;
  ch.port1.onmessage = () => { if (pending) { pending.render = performance.now() - pending.t; pending = null; } };
  let last = performance.now();
  const frame = (now) => {
    if (!p.stop) requestAnimationFrame(frame);
    const f = { t: performance.now(), gap: now - last, render: 0 };
    last = now;
    p.frames.push(f);
    pending = f;
    ch.port2.postMessage(0);
  };
  requestAnimationFrame(frame);
  window.__perfWrap = (fn) => function (...args) {
    const t0 = performance.now();
    const r = fn.apply(this, args);
    queueMicrotask(() => p.calls.push([t0, performance.now() - t0]));
    return r;
  };
})();`;

interface RawPerf {
  frames: { t: number; gap: number; render: number }[];
  longTasks: [number, number][];
  calls: [number, number][];
}

export interface WindowStats {
  frames: number;
  /** Main-thread milliseconds per frame: rendering plus delivered deltas, divided by the frames. */
  busyPerFrameMs: number;
  gapP50Ms: number;
  gapP90Ms: number;
}

export interface StreamFrameStats {
  streamMs: number;
  start: WindowStats;
  end: WindowStats;
  /** end.busyPerFrameMs / start.busyPerFrameMs */
  ratio: number;
  longTaskMaxMs: number;
  longTasksOver50: number;
  /** long tasks around the stream: start relative to the first delivery, and duration */
  longTasks: { atMs: number; ms: number }[];
  /** How long the measured span goes on after the last delivery, when it runs until the page settles. */
  afterDeliveryMs: number;
}

/**
 * Splits the delivery window (first to last delivery call) into its first and last fifth and sums each. With
 * `untilMs` (page clock), the window runs on to then if later: work the stream leaves for later frames counts.
 */
export async function readStreamStats(page: Page, fromMs: number, untilMs?: number): Promise<StreamFrameStats> {
  const raw = (await page.evaluate('(() => { window.__perf.stop = true; return window.__perf; })()')) as RawPerf;
  const calls = raw.calls.filter(([t]) => t >= fromMs);
  const first = calls[0]?.[0] ?? fromMs;
  const lastCall = calls[calls.length - 1];
  const lastDelivery = lastCall ? lastCall[0] + lastCall[1] : first;
  const last = Math.max(lastDelivery, untilMs ?? lastDelivery);
  const span = Math.max(1, last - first);
  const stats = (a: number, b: number): WindowStats => {
    const frames = raw.frames.filter((f) => f.t >= a && f.t < b);
    const busy =
      frames.reduce((s, f) => s + f.render, 0) + calls.filter(([t]) => t >= a && t < b).reduce((s, [, d]) => s + d, 0);
    const gaps = frames.map((f) => f.gap);
    return {
      frames: frames.length,
      busyPerFrameMs: frames.length ? busy / frames.length : 0,
      gapP50Ms: percentile(gaps, 0.5),
      gapP90Ms: percentile(gaps, 0.9),
    };
  };
  const start = stats(first, first + span / 5);
  const end = stats(last - span / 5, last + 20);
  const around = raw.longTasks.filter(([t]) => t >= first - 50 && t <= last + 200);
  const tasks = around.map(([, d]) => d);
  return {
    streamMs: span,
    start,
    end,
    ratio: start.busyPerFrameMs > 0 ? end.busyPerFrameMs / start.busyPerFrameMs : 0,
    longTaskMaxMs: tasks.length ? Math.max(...tasks) : 0,
    longTasksOver50: tasks.filter((d) => d > 50).length,
    longTasks: around.map(([t, d]) => ({ atMs: Math.round(t - first), ms: Math.round(d) })),
    afterDeliveryMs: last - lastDelivery,
  };
}

/** One task of the page's main thread in a Chromium trace: when it started (ms from the first), wall and thread time. */
export interface TracedTask {
  atMs: number;
  wallMs: number;
  /** Time the thread ran: a task that waited for a core taken by other processes has a longer wall time only. */
  threadMs: number;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

/** Categories that give each task of a renderer's main thread with its wall (`dur`) and thread (`tdur`) time. */
export const TASK_TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/**
 * The tasks of the busiest renderer main thread in a trace (`browser.stopTracing()` JSON): on a shared machine a
 * long task's wall time can be mostly waiting, and its thread time says how much of it was the page's own work.
 */
export function mainThreadTasks(trace: { traceEvents: readonly TraceEvent[] }): TracedTask[] {
  const mains = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of trace.traceEvents) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(key)) continue;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const busiest = [...byThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
  const sorted = [...busiest].sort((a, b) => a.ts - b.ts);
  const t0 = sorted[0]?.ts ?? 0;
  return sorted.map((e) => ({ atMs: (e.ts - t0) / 1000, wallMs: (e.dur ?? 0) / 1000, threadMs: (e.tdur ?? e.dur ?? 0) / 1000 }));
}

const total = (tasks: readonly TraceEvent[]) => tasks.reduce((n, e) => n + (e.tdur ?? e.dur ?? 0), 0);
