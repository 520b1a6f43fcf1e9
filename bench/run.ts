// `npm run bench`: measures each target against its reference in one run and writes bench/RESULTS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startFakeProcess, startReplayProcess } from './fake-process';
import { measureBundle, type BundleResult } from './bundle';
import { benchLatency } from './latency';
import { benchSessions } from './sessions';
import { benchStreamPipeline, recordStream, type PipelineResult } from './stream-pipeline';
import { launchBrowser } from '../e2e/harness';
import { outDir } from '../e2e/support/out-dir';
import type { StreamFrameStats, WindowStats } from './browser-kit';
import { benchPaint, type PaintResult } from './paint';
import { benchLongAnswer, type LongAnswerRow } from './long-answer';
import { benchTti, launchUnpacedBrowser, type TtiResult } from './tti';
import { beforeAfterSection } from './before-after';
import { parseOnly, SECTIONS, spliceSections, type SectionKey } from './report';
import { benchToolsAnswer, type ToolsAnswerResult } from './tools-answer';
import { benchGridRun, type GridRunResult } from './grid-run';

const here = dirname(fileURLToPath(import.meta.url));
const fmt = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  // `--only 3b` (or `--only=3,3b`) measures those sections alone and puts them into RESULTS.md (bench/report.ts).
  const only = parseOnly(process.argv.slice(2));
  const want = (key: SectionKey) => !only || only.has(key);
  const loadBefore = loadavg()[0] ?? 0;
  const deltas = 20_000;
  let p: PipelineResult | undefined;
  if (want('1')) {
    const fake = await startFakeProcess();
    const file = join(mkdtempSync(join(tmpdir(), 'pg-bench-')), 'stream.sse');
    writeFileSync(file, await recordStream(fake.url, deltas));
    await fake.stop();
    const replay = await startReplayProcess(file);
    try {
      p = await benchStreamPipeline(replay.url, { deltas, runs: 7 });
    } finally {
      await replay.stop();
    }
  }
  const s = want('4') ? await benchSessions({ small: 100, large: 10_000, runs: 5 }) : undefined;
  const lat = want('2') ? await benchLatency(50) : undefined;
  // The Chromium benchmarks (bridge harness: built renderer, real core, fake API) share one browser.
  let paint: PaintResult | undefined;
  let long: LongAnswerRow[] | undefined;
  let tti: TtiResult | undefined;
  let ttiWork: TtiResult | undefined;
  let ttiCold: TtiResult | undefined;
  let tools: ToolsAnswerResult | undefined;
  let toolsLoad: [number, number] | undefined;
  let longLoad: [number, number] | undefined;
  let ttiLoad: [number, number] | undefined;
  let grid: GridRunResult | undefined;
  let gridLoad: [number, number] | undefined;
  if (want('2b') || want('3') || want('3b') || want('3c') || want('5b')) {
    const browser = await launchBrowser();
    try {
      // Start-up first, while the browser is fresh: after the long-answer runs its heap and caches are not.
      if (want('5b')) {
        const before = loadavg()[0] ?? 0;
        ttiCold = await benchTti(20, { browser, cold: true });
        tti = await benchTti(20, { browser });
        const unpaced = await launchUnpacedBrowser();
        try {
          ttiWork = await benchTti(20, { browser: unpaced });
        } finally {
          await unpaced.close();
        }
        ttiLoad = [before, loadavg()[0] ?? 0];
      }
      if (want('2b')) paint = await benchPaint(20, { browser });
      if (want('3')) {
        const before = loadavg()[0] ?? 0;
        long = await benchLongAnswer({ chars: LONG_CHARS, chunk: 50, delayMs: 1, paneCounts: [1, 4, 6], browser });
        longLoad = [before, loadavg()[0] ?? 0];
      }
      if (want('3b')) {
        const before = loadavg()[0] ?? 0;
        tools = await benchToolsAnswer({ chars: LONG_CHARS, citations: CITATIONS, chunk: 50, delayMs: 1, runs: 3, browser });
        toolsLoad = [before, loadavg()[0] ?? 0];
      }
      if (want('3c')) {
        const before = loadavg()[0] ?? 0;
        grid = await benchGridRun({ ...GRID, browser });
        gridLoad = [before, loadavg()[0] ?? 0];
      }
    } finally {
      await browser.close();
    }
  }
  const bundle = want('5') ? measureBundle(join(outDir(), 'renderer')) : undefined;
  const sections = new Map<SectionKey, string[]>();
  if (p) sections.set('1', pipelineSection(p));
  if (lat) sections.set('2', latencySection(lat));
  if (paint) sections.set('2b', paintSection(paint));
  if (long && longLoad) sections.set('3', longAnswerSection(long, longLoad, only !== undefined));
  if (tools && toolsLoad) sections.set('3b', toolsAnswerSection(tools, toolsLoad, only !== undefined));
  if (grid && gridLoad) sections.set('3c', gridSection(grid, gridLoad, only !== undefined));
  if (s) sections.set('4', sessionsSection(s));
  if (bundle) sections.set('5', bundleSection(bundle));
  if (ttiCold && tti && ttiWork && ttiLoad) sections.set('5b', ttiSection({ cold: ttiCold, reload: tti, work: ttiWork }, ttiLoad, only !== undefined));
  const resultsFile = join(here, 'RESULTS.md');
  let report: string;
  if (only) {
    report = spliceSections(readFileSync(resultsFile, 'utf8'), sections);
  } else {
    if (!p || !paint || !long || !bundle || !tti) throw new Error('a whole run measures every section');
    report = [
      '# Benchmark results',
      '',
      `Measured ${new Date().toISOString()} on ${machine()}.`,
      'Reproduce with `npm run bench` (one section: `npm run bench -- --only 3b`, which rewrites only that section of',
      'this file). Figures are medians of interleaved runs. The stream is recorded from the fake API once',
      'and replayed by a separate process in one write, so the figures are the client\'s cost, not the server\'s.',
      `Machine load (1-min load average) ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end of the run: the`,
      'Chromium figures (2b, 3, 3b, 5b) move a lot when other work shares the cores; compare them within a run.',
      '',
      ...SECTIONS.flatMap((key) => sections.get(key) ?? []),
      ...beforeAfterSection({ pipeline: p, paint, long, bundle, tti }),
    ].join('\n');
  }
  writeFileSync(resultsFile, report);
  console.log(only ? [...sections.values()].flat().join('\n') : report);
}

/** When a section was measured, alone or in a whole run, and under what load (the machine is shared). */
function measuredLines(key: SectionKey, load: [number, number], alone: boolean): string[] {
  return [
    `Measured ${new Date().toISOString()} on ${machine()}${alone ? `, this section alone (\`npm run bench -- --only ${key}\`)` : ''}; machine load (1-min load`,
    `average) ${load[0].toFixed(1)} when it started, ${load[1].toFixed(1)} when it ended, on cores shared with other engineers' builds and tests.`,
  ];
}

const machine = () => `${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

function pipelineSection(p: PipelineResult): string[] {
  const rows = [
    `| (a) floor: undici reads the raw bytes | ${fmt(p.floorMs)} ms | 1.00 | — |`,
    `| reference: bytes decoded, every \`data:\` line JSON-parsed, nothing else | ${fmt(p.jsonOnlyMs)} ms | ${(p.jsonOnlyMs / p.floorMs).toFixed(2)} | — |`,
    `| (b) ours: client → events for the renderer | ${fmt(p.oursMs)} ms | ${(p.oursMs / p.floorMs).toFixed(2)} | b/a ≤ 1.5 ${p.oursMs / p.floorMs <= 1.5 ? 'met' : 'MISSED'} |`,
    `| (c) official @google/genai SDK | ${fmt(p.sdkMs)} ms | ${(p.sdkMs / p.floorMs).toFixed(2)} | b/c = ${(p.oursMs / p.sdkMs).toFixed(2)} ≤ 1.0 ${p.oursMs <= p.sdkMs ? 'met' : 'MISSED'} |`,
  ];
  return [
    `## 1. Stream pipeline (${p.deltas.toLocaleString('en')} text deltas, no delay, ${p.runs} runs)`,
    '',
    '| path | median | ÷ floor | target |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Our pipeline turned ${p.deltas.toLocaleString('en')} deltas into ${p.oursEvents} renderer events (coalesced every 16 ms).`,
    'The floor only counts bytes; (b) and (c) must also JSON-parse every event. The reference row does only that,',
    `so b/a ≤ 1.5 cannot be met by any client that reads the events: JSON.parse alone is ${(p.jsonOnlyMs / p.floorMs).toFixed(1)}× the floor. Ours is`,
    `${(p.oursMs / p.jsonOnlyMs).toFixed(2)}× that reference (profiled with \`node --cpu-prof\`: \`parseStreamEvent\`, i.e. JSON.parse, is the largest`,
    'part; then the async generator that hands events to the turn, eventsource-parser and GC). The SSE reader now',
    'yields all messages of a network chunk at once, which removed one async-generator step per event. We stay',
    'well under the official SDK.',
    '',
  ];
}

function latencySection(lat: Awaited<ReturnType<typeof benchLatency>>): string[] {
  return [
    '## 2. Added latency inside main (first text delta, 50 runs)',
    '',
    '| path | median from the server writing it | target |',
    '| --- | --- | --- |',
    `| floor: undici receives the bytes | ${lat.floorMs.toFixed(2)} ms | — |`,
    `| ours: main emits the delta for the renderer | ${lat.oursMs.toFixed(2)} ms | added ${(lat.oursMs - lat.floorMs).toFixed(2)} ms < 2 ms ${ok(lat.oursMs - lat.floorMs < 2)}; tightened to < 0.5 ms: ${ok(lat.oursMs - lat.floorMs < 0.5)} |`,
    '',
    'The first delta of a turn is sent at once (leading-edge coalescing), so only parsing stands between the',
    'socket and the renderer; later deltas are merged per 16 ms window. Met with a wide margin, so the target is',
    'tightened to 0.5 ms.',
    '',
  ];
}

function sessionsSection(s: Awaited<ReturnType<typeof benchSessions>>): string[] {
  const ratio = s.saveLargeMs / s.saveSmallMs;
  const listSearch = s.listLargeMs + s.searchLargeMs;
  return [
    `## 4. Sessions (${s.small} vs ${s.large.toLocaleString('en')} saved)`,
    '',
    '| measure | figure | target |',
    '| --- | --- | --- |',
    `| save one session, ${s.small} saved | ${fmt(s.saveSmallMs)} ms | — |`,
    `| save one session, ${s.large.toLocaleString('en')} saved | ${fmt(s.saveLargeMs)} ms | ratio ${ratio.toFixed(2)} ≤ 1.5 ${ratio <= 1.5 ? 'met' : 'MISSED'} |`,
    `| list all + search, ${s.large.toLocaleString('en')} saved | ${fmt(s.listLargeMs)} + ${fmt(s.searchLargeMs)} ms | < 100 ms ${ok(listSearch < 100)}; tightened to < 20 ms: ${ok(listSearch < 20)} |`,
    `| open the repository from its snapshot, ${s.large.toLocaleString('en')} saved | ${fmt(s.openLargeMs)} ms | — (once per start) |`,
    `| main saves a session holding a ${s.run.results.toLocaleString('en')}-cell test set (600-character answers): whole / ${s.run.changed} cells as a change | ${fmt(s.run.wholeMs)} / ${fmt(s.run.changeMs)} ms | — (includes the fsync) |`,
    `| … main's event loop held, longest stretch per save: whole / as a change | ${fmt(s.run.wholeStallMs)} / ${fmt(s.run.changeStallMs)} ms | change < 50 ms ${ok(s.run.changeStallMs < 50)} |`,
    '',
    'Both met easily; list + search is tightened to 20 ms. A test run saves its session about every second (every',
    'results-count ms for a large set); main writes the whole document either way, but a change (the cells finished',
    'since; contract `saveSession` with `results`) is checked cell by cell as it arrives and the document is read back',
    'without the cells it already held (sessions/saved-results.ts, session-document.ts), so main\'s event loop, which',
    'also carries every stream, is not held by reading thousands of cells back at each save.',
    '',
  ];
}

function bundleSection(b: BundleResult): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    '## 5. Start-up weight (renderer JavaScript)',
    '',
    '| file | raw | gzip |',
    '| --- | --- | --- |',
    ...b.files.map((f) => `| ${f.name}${f.firstLoad ? ' (first load)' : ' (loaded on demand)'} | ${kb(f.bytes)} | ${kb(f.gzip)} |`),
    `| **first load** | ${kb(b.firstLoadBytes)} | ${kb(b.firstLoadGzip)} — target ≤ 300 KB ${ok(b.firstLoadGzip <= 300 * 1024)}; tightened to ≤ 150 KB: ${ok(b.firstLoadGzip <= 150 * 1024)} |`,
    `| all chunks | ${kb(b.totalBytes)} | ${kb(b.totalGzip)} |`,
    '',
    'The markdown pipeline (marked + DOMPurify) is loaded after the first frame (src-renderer/lib/markdown/load.ts);',
    'the dialogs (compare, code export, sweep, repeat runs, blind rating, help; not the key dialog, which a first run',
    'opens at once) and the code generators load',
    'when first opened; papaparse at the test set\'s first import, paste or export, diff when a comparison is first shown.',
    'zod stays in main: the renderer takes its few limits from src-shared/limits.ts. bench/bundle.test.ts builds the',
    'renderer and checks that none of these libraries is in the first load.',
    '',
  ];
}

const LONG_CHARS = 100_000;
const ok = (met: boolean) => (met ? 'met' : 'MISSED');

function paintSection(r: PaintResult): string[] {
  return [
    `## 2b. Latency to paint (first text delta of a turn, ${r.turns} turns, Chromium)`,
    '',
    '| span | median | p90 | target |',
    '| --- | --- | --- | --- |',
    `| main emits → the renderer has painted it | ${fmt(r.emitToPaintP50)} ms | ${fmt(r.emitToPaintP90)} ms | < 20 ms ${ok(r.emitToPaintP50 < 20)} |`,
    `| of which: harness transport (emit → \`__pgDispatch\`) | ${fmt(r.transportP50)} ms | — | — |`,
    `| of which: renderer (\`__pgDispatch\` → painted) | ${fmt(r.dispatchToPaintP50)} ms | ${fmt(r.dispatchToPaintP90)} ms | — |`,
    `| … of that: \`__pgDispatch\` → answer DOM changed | ${fmt(r.dispatchToMutationP50)} ms | — | — |`,
    `| floor: blank page writing the delta on arrival, same probe, idle Node | ${fmt(r.floor.emitToPaintP50)} ms | — | transport ${fmt(r.floor.transportP50)} + page ${fmt(r.floor.dispatchToPaintP50)} ms |`,
    '',
    'Bridge harness: built renderer, real core, fake API, Debian Chromium. "Painted" is the end of the first frame',
    'that ends after the answer\'s DOM changed (a message posted from each frame\'s first rAF callback runs once its',
    `style, layout and paint are done). Main's emit time is taken in Node and mapped into the page clock by the quickest of 30 round trips`,
    `(${r.clockRttMs.toFixed(2)} ms, so ±${(r.clockRttMs / 2).toFixed(2)} ms). The transport is a \`page.evaluate\` over CDP, which`,
    'stands in for Electron IPC; the renderer buffers deltas and writes them on the next animation frame',
    '(src-renderer/lib/stream/frame.ts), so its share includes waiting for that frame (≤ 16.7 ms at 60 Hz).',
    'The fake waits 30 ms before each delta (`[[delay:30]]`), as a model does before its first token, so the first',
    'delta meets an idle transport and a renderer that knows the request (it routes each request before starting it).',
    'The floor row is what this harness allows at best: one CDP hop, the wait for the next frame and a',
    'trivial frame. Writing the first delta at once instead of on the next frame was tried: the DOM changes ~7 ms',
    'earlier but is painted by the same frame, so the figure did not move beyond noise.',
    ...(r.emitToPaintP50 < 20
      ? []
      : [
          `**Missed**: ${fmt(r.emitToPaintP50)} ms against a floor of ${fmt(r.floor.emitToPaintP50)} ms in the same harness. The renderer\'s share is the`,
          'wait for the next frame plus that frame\'s work (the first answer frame also swaps the status chip and typing',
          'indicator).',
        ]),
    '',
  ];
}

/** A run's tasks over 50 ms of wall time (ms into the span: duration), the first eight. */
function longList(x: StreamFrameStats): string {
  const long = x.longTasks.filter((t) => t.ms > 50);
  return long.slice(0, 8).map((t) => `${t.atMs}: ${t.ms}`).join(', ') + (long.length > 8 ? ', …' : '');
}

function longAnswerSection(rows: LongAnswerRow[], load: [number, number], alone: boolean): string[] {
  const panesOf = (n: number) => `${n} pane${n > 1 ? 's' : ''}`;
  const line = (r: LongAnswerRow, who: 'ours' | 'naive' | 'oneDelta') => {
    const x = r[who];
    const label =
      who === 'ours' ? `ours, ${panesOf(r.panes)}` : who === 'oneDelta' ? `ours, ${panesOf(r.panes)}, each answer in one delta` : `naive full re-render, ${panesOf(r.panes)}`;
    const target =
      who === 'oneDelta'
        ? `no long task > 50 ms ${ok(x.longTasksOver50 === 0)}`
        : who === 'ours'
        ? `end/start ≤ 2 ${ok(x.ratio <= 2)}; no long task > 50 ms ${ok(x.longTasksOver50 === 0)}`
        : r.naiveFedShare < 1
          ? `(reference; stopped after its 30 s budget at ${Math.round(r.naiveFedShare * 100)}% of the answer)`
          : '(reference)';
    return `| ${label} | ${fmt(x.start.busyPerFrameMs)} ms (${x.start.frames} fr) | ${fmt(x.end.busyPerFrameMs)} ms (${x.end.frames} fr) | ${x.ratio.toFixed(2)} | ${fmt(x.start.gapP90Ms)} / ${fmt(x.end.gapP90Ms)} ms | ${fmt(x.longTaskMaxMs)} ms (${x.longTasksOver50}) | ${fmt(x.streamMs / 1000)} s${who === 'naive' ? '' : ` (${fmt(x.afterDeliveryMs / 1000)} s)`} | ${target} |`;
  };
  const first = rows[0];
  const missed = rows.filter((r) => r.ours.ratio > 2 || r.ours.longTasksOver50 > 0 || r.oneDelta.longTasksOver50 > 0);
  return [
    `## 3. Renderer under a long answer (${LONG_CHARS.toLocaleString('en')}-character markdown answer, Chromium)`,
    '',
    ...measuredLines('3', load, alone),
    '',
    '| renderer | main-thread ms per frame, first fifth | last fifth | end/start | rAF gap p90 start / end | longest task (> 50 ms) | stream (of it drawn after the last delta) | target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.flatMap((r) => [line(r, 'ours'), line(r, 'naive')]),
    ...rows.map((r) => line(r, 'oneDelta')),
    '',
    '| ours, one more run of each, traced | longest task, wall | longest task, thread time | tasks > 50 ms wall | of which > 50 ms of thread time |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${panesOf(r.panes)} | ${fmt(r.traced.longestWallMs)} ms | ${fmt(r.traced.longestThreadMs)} ms | ${r.traced.over50Wall} | ${r.traced.over50Thread} |`),
    '',
    'A task\'s wall time includes waiting for a core that another process holds; its thread time (from a Chromium trace,',
    'which slows the page, so an upper bound of its own work) does not. The long-task target counts wall time; the',
    'traced table tells which of those tasks were the page\'s own work and which were the machine\'s load.',
    '',
    `The fake API streams \`[[markdown]] [[len:${LONG_CHARS}]] [[chunk:50]] [[delay:1]]\` (≈ ${Math.round(LONG_CHARS / 50)} server deltas); main coalesces them`,
    `per 16 ms, so the renderer got ${first ? first.deltas : '?'} deltas per pane (${first ? first.answerChars.toLocaleString('en') : '?'} characters). The naive reference is a page of`,
    'its own (bench/long-answer.ts: marked + DOMPurify bundled as an IIFE, served by a throwaway server) that',
    're-renders the full markdown of each pane on every delta; it is fed the same deltas at the same pace, one',
    '`page.evaluate` each, as the harness feeds ours. Both are measured by the same probe (bench/browser-kit.ts):',
    'per frame, the time from the first rAF callback to a message posted from it (style, layout, paint and the',
    'app\'s own rAF work) plus the time spent delivering deltas (including the microtasks they queue, where Svelte',
    'updates the DOM), divided by the frames in the first and last fifth of the stream.',
    '',
    ...LONG_ANSWER_NOTES,
    ...(missed.length === 0
      ? ['All targets met for ours: the cost of a frame does not grow with the answer, and no task blocks input.', '']
      : [
          `**Missed** for ${missed.map((r) => panesOf(r.panes)).join(', ')} (figures above). Long tasks over 50 ms of wall time`,
          '(ms into the stream: duration) — ' +
            missed
              .flatMap((r) =>
                (['ours', 'oneDelta'] as const)
                  .filter((who) => r[who].longTasksOver50 > 0)
                  .map((who) => `${panesOf(r.panes)}${who === 'oneDelta' ? ' in one delta' : ''}: ${longList(r[who])}`),
              )
              .join('; ') +
            '.',
          `In the traced runs, tasks over 50 ms of thread time: ${rows.map((r) => `${panesOf(r.panes)} ${r.traced.over50Thread} (longest ${fmt(r.traced.longestThreadMs)} ms)`).join(', ')}.`,
          '',
        ]),
  ];
}

/** What was profiled and changed for §3, kept with the section (bench/run.ts writes it with every run). */
const LONG_ANSWER_NOTES: string[] = [
  'Profiled (CDP Profiler and a Chromium trace of the 4-pane run, bench before/after below): a streamed frame was',
  'script (DOMPurify walking every node of each new block and of the open tail: ~65% of the script), layout of the',
  'new content, and a compositing update that grew with the code blocks on screen (each scrolls sideways in a',
  'narrow pane). The renderer is saturated with four panes on two shared cores, so a slow frame leaves more text',
  'for the next: the end of the stream then carries a backlog, which is what pushed end/start up, not work that',
  'grows with the answer (closed blocks are never re-rendered; groups of them are skipped by `content-visibility`).',
  '',
  'Six panes (issue 16, item 16) were first measured on 2026-12-06 at a load average of 15–19 on two cores. Whether',
  'the features added since §3 was last met (syntax highlighting, code-block headers, tool steps, citations, the test',
  'cases UI) made streaming heavier was checked like for like: the same traced 6-pane run, alternately against a',
  'build of 34ada3e (the commit that last measured §3, before those features) and of 3e56cf4 (with them), two runs',
  'each: main-thread time over the stream 3.7 and 3.4 s before, 3.9 and 4.0 s after (~+10 %); longest task 37 and',
  '75 ms of thread time before, 39 and 57 ms after; tasks over 50 ms of thread time 0 and 1 before, 0 and 1 after;',
  'over 50 ms of wall time 145 and 115 before, 111 and 136 after. No new kind of long task: before and after they',
  'are the frame\'s own rendering (Layout, Paint, Layerize/Commit, PrePaint, the frame\'s script), whose cost grows',
  'with the number of columns laid out and painted each frame; no single feature regressed. The traces showed each',
  'Layout rooted at the document (`layoutRoots: #document`) though `.conversation` has `contain: strict`: Chromium',
  'never makes a flex item a relayout root, and `.conversation` is one (the pane is a flex column), so each frame of',
  'each pane was laid out from the document down. The header\'s figures and status change when a turn starts and ends,',
  'not per frame (the trace\'s layout invalidations). `contain: strict` on its child `.follow` (Conversation.svelte)',
  'makes that the root: in alternating traced runs of this answer (4, 6, 6 panes), Layouts rooted at the document',
  'went from 175 of 190, 140 of 147, 101 of 107 to 9 of 215, 9 of 99, 10 of 124 (sending and finishing), layout',
  'thread time per Layout from 3.2, 6.7, 7.7 ms to 1.8, 4.6, 4.3 ms; main-thread time per committed frame 16.3,',
  '29.9, 38.9 ms before, 16.4, 36.1, 32.1 ms after (the same within the noise). e2e/relayout-boundary.spec.ts guards it.',
  '',
  'After that, the long 6-pane frames were one or two pane flushes whose Layout (up to ~1,000 dirty objects: a pane',
  'that waited brings thousands of characters), Paint, PrePaint, style and Layerize added up; 18 compositing layers',
  'throughout (no layer explosion). Two changes: SharedFrames (lib/stream/frame.ts) times each frame to the task after',
  'its rendering (a message posted from the frame callback) and, after one over 25 ms, flushes one pane in the next',
  'instead of two, since its 5 ms script budget never saw the rendering a flush causes; and `content-visibility: auto`',
  'on `.follow` skips a pane the board has scrolled out of view (six 300-pixel panes do not fit the 1280-pixel',
  'window, so one column was laid out and painted whenever it flushed; e2e/offscreen-panes.spec.ts guards it).',
  'Ten alternating traced 6-pane runs each of 3a1ebe4 and of builds with these changes (ae084ef, and 3a1ebe4 with',
  'only them) at load 5–12, thread time: Layouts rooted out of view 21–67 per run before, 1 after; median per',
  'rendered frame 9.2–23.2 ms before (median of runs 16.1), 10.4–15.7 ms after (12.7); tasks over 50 ms 11 before,',
  '9 after; longest per run 39.2–98.6 ms before, 44.3–64.7 ms after: the run-to-run spread on that machine is as',
  'large as the difference, and long frames remain. A frame bound is reached with fewer panes per frame only so far:',
  'the new text is paid in whichever frame flushes it, and six panes receive about 120,000 characters a',
  'second here, so fewer flushes per frame means more text per flush. Bounding a frame below that needs drawing at',
  'most so many characters per frame and letting the screen lag the stream (turn state and saving would have to tell',
  'shown from received text). Sending (one task creating six turns: 38–61 ms) included a 10–15 ms layout of the page',
  'forced by BottomFollower.pin() in Conversation.svelte\'s new-turn effect; a new turn now pins after the frame\'s own',
  'layout (pin(\'after-layout\'), lib/auto-scroll.ts). The task where all six answers end (Layout and Paint of the',
  'finished tails: up to 64 ms) is the other long one.',
  'Issue 16, this stop: untraced 6-pane probes on a machine slower than the one above (load 2.5–3.5 from the runs',
  'themselves) had 5–14 tasks over 50 ms per run, alike for a build of the previous stop (4d83c06: 14, 5, 5, 5) and of',
  'this one (10, 10, 5, 6), run alternately: nothing here changed streaming, and how many frames pass 50 ms of wall',
  'time depends on what else holds the two cores. Traced, the same run has none over 50 ms.',
  '',
  'Then the screen was allowed to trail the stream: a flush draws at most 1,500 characters of an answer, and an',
  'answer\'s end waits for the frame that draws its last part (lib/stream/frame.ts `charsPerFlush`, TurnState.flush;',
  'e2e/drawing-pace.spec.ts). Since then each run is measured until every pane has stopped changing, so the frames',
  'that catch up count, and the stream column gives in brackets how long the panes went on drawing after the last',
  'delta. Untraced 6-pane probes run alternately at load 1–2.7, before (4ed98cf) and after: tasks over 50 ms per run',
  '2, 1, 0, 0, 1, 2, 1 before, the screen done 0.2–0.4 s after the last delta; 4 (the first run after a build), 1, 0,',
  '0, 0, 0, 0, 0, 1, 0 after, done 1.0–2.1 s after it: six panes of 20,000 characters a second each are more than',
  'two cores draw at 60 frames a second, and the cap turns that excess into a screen that lags instead of frames that',
  'block input. The same answer arriving in one delta per pane (the last rows) shows what the cap is for: before it,',
  '6 panes made 4–6 tasks over 50 ms per run, up to 178 ms, the screen done 0.3 s after; after it none, the screen',
  'done 4.1 s after. A model streams a few thousand characters a second per pane, which never reaches the cap.',
  'Spreading the ends made each pane\'s end a save of its own (six saves of the 600 KB session); the last pane drawn',
  'now saves for all. What is left over 50 ms in 6-pane runs: traced, no task reaches 50 ms of thread time (the',
  'longest 40–45 ms); untraced, frames of 20–25 ms of thread time (layout, paint, layerize and the flush\'s script',
  'in about equal parts) stretched by waiting for one of the two cores, and the end-of-turn save, 25–45 ms of thread',
  'time in this harness, most of it Playwright\'s binding carrying the ~1 MB session to Node (Electron\'s structured',
  'clone does that natively; see below). Tried and dropped, alternately with this build: three or four flushes a frame instead of',
  'two (lag 2.0–2.9 s against 2.3–3.3 s, but 1–4 tasks over 50 ms per run against 0–3); a cap of 2,000 or 3,000',
  'characters (no measurable difference from 1,500 at this noise); sending the harness\'s IPC as JSON text (the',
  'binding\'s cost fell 15 %: the copy over CDP, not the serializer, is most of it).',
  'The previous stop ran this section three times (load 1.8–2.7): 6 panes had 2 tasks over 50 ms of wall time (71 and',
  '52 ms; before the end-of-turn save was made once), then 3 (the longest 57 ms), then none; the traced run had none',
  'over 50 ms of thread time each time (the longest 26.5–43.4 ms).',
  'This stop, three more of the long tasks that were left went. A profiled 6-pane run had an idle callback of 47 ms of',
  'script, highlight.js compiling a grammar and tokenizing one block: tokenizing now runs in a worker',
  '(lib/markdown/highlighter.ts). The send with six settings forms open was one task of 50–60 ms (six turns created',
  'and laid out, six forms taken down): the forms now fold a frame later (SharedFrames.afterFrame). And the end-of-turn',
  'save no longer costs the page 25–45 ms in Playwright\'s binding: the harness posts a large argument to an IPC',
  'worker, one structured clone as under Electron (e2e/support/bridge-entry.ts); the harness\'s large event batches',
  '(six answers ending) now come through the same worker. The section ran four times over these changes (load',
  '1.7–3.4): 6 panes streaming had 0, 0, 1 and 1 task over 50 ms of wall time (62 and 52 ms, both while the screen',
  'caught up); the one-delta rows 0, 1 (60 ms, 6 panes), 0 and 0; 4 panes none; traced, no task over 50 ms of thread',
  'time (6 panes: the longest 26.7–38.8 ms). Two clean runs in four is not the target met either: what is left is a',
  'streaming frame of 25–40 ms of its own work that waits for one of the two cores, which the harness\'s Node process',
  'and the fake API share.',
  'On 2026-12-07 that frame was found to be mostly style. A pane marked its head while keyboard focus was inside it',
  'with `.pane:has(:focus-visible)`; Chromium matched that rule again over the whole pane after each change inside',
  'it, so a streamed frame restyled every pane it touched from the top (one trace had a style pass of 33 ms for 59',
  'elements). The mark now comes from focus events (lib/keyboard-focus.ts, kept by e2e/panes.spec.ts). Four traced 6-pane',
  'runs of each build, one build after the other: style time over the stream 394–403 ms before, 239–294 ms after. Then this',
  'section ran three times in a row (load 1.0–2.3): no task over 50 ms of wall time in any row of ours, once a 59 ms',
  'one in a traced run (25.4 ms of thread time); traced, the longest 6-pane task 20–25 ms of thread time, against',
  '43–57 ms before (the run just before the change, same hour: one task of 89 ms at the start of the stream).',
  '',
];

const CITATIONS = 500;

/** Issue 17: 1,000 cases × 4 panes, as many requests at once as Settings allows (6). BENCH_GRID_CASES shrinks it for a try. */
const GRID = { cases: Number(process.env.BENCH_GRID_CASES ?? 1000), panes: 4, concurrency: 6, answerChars: 600, chunk: 60, delayMs: 5 };

function gridSection(g: GridRunResult, load: [number, number], alone: boolean): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const cells = g.cases * g.panes;
  const met = g.grid.over50Thread === 0;
  return [
    `## 3c. Results grid under a test run (${g.cases.toLocaleString('en')} cases × ${g.panes} panes, Chromium)`,
    '',
    ...measuredLines('3c', load, alone),
    '',
    '| measure | figure | target |',
    '| --- | --- | --- |',
    `| cells finished | ${g.cellsDone.toLocaleString('en')} of ${cells.toLocaleString('en')} in ${fmt(g.runMs / 1000)} s, ${g.concurrency} at once | — |`,
    `| longest task, wall time (PerformanceObserver) | ${fmt(g.wall.longestMs)} ms (${g.wall.over50} over 50 ms) | — (load inflates it) |`,
    `| longest task, traced: wall / thread time | ${fmt(g.thread.longestWallMs)} / ${fmt(g.thread.longestThreadMs)} ms | — |`,
    `| traced tasks over 50 ms: wall / thread time | ${g.thread.over50Wall} / ${g.thread.over50Thread} | — |`,
    `| … of which mostly the save leaving the page (harness bridge call) | ${g.saves.count} (longest ${fmt(g.saves.longestWallMs)} ms wall, ${fmt(g.saves.longestThreadMs)} ms thread) | — |`,
    `| … the rest, the grid's and the run's own work: over 50 ms wall / thread time | ${g.grid.over50Wall} / ${g.grid.over50Thread} (longest ${fmt(g.grid.longestThreadMs)} ms thread) | none over 50 ms of thread time ${ok(met)} |`,
    `| JavaScript heap after GC: cases imported / every cell finished | ${kb(g.heapBeforeBytes)} / ${kb(g.heapAfterBytes)} | — |`,
    `| heap per finished cell | ${kb(g.heapPerCellBytes)} (saved as ${fmt(g.savedPerCellChars)} JSON characters) | reported |`,
    '',
    ...(g.kinds.length > 0
      ? [
          'Traced tasks over 50 ms (wall or thread time), by what they ran (the largest event directly inside the task):',
          '',
          '| task ran | count | longest wall | longest thread |',
          '| --- | --- | --- | --- |',
          ...g.kinds.map((k) => `| ${k.kind} | ${k.count} | ${fmt(k.longestWallMs)} ms | ${fmt(k.longestThreadMs)} ms |`),
          '',
        ]
      : []),
    `Bridge harness (real core, fake API): ${g.cases.toLocaleString('en')} cases imported from a CSV, one \`contains\` assertion, ${g.panes} panes, the template`,
    `\`Answer {{q}} [[len:${g.answerChars}]] [[chunk:${GRID.chunk}]] [[delay:${GRID.delayMs}]]\` (every answer streams ${g.answerChars} characters), Settings → Requests at once`,
    `${g.concurrency} (the most it allows), the Results tab open from Run all to the last save. The whole run is traced (devtools.timeline:`,
    'every task with its wall and thread time), which slows the page; a task long in wall time but short in thread time',
    'waited for a core held by another process. A CDP CPU profile sampled alongside (same clock) tells which long tasks',
    'spent a quarter or more of their samples under the harness\'s `callBinding`, through which the session\'s save leaves',
    'the page (bench/trace-tasks.ts): that is the save\'s serialization, which Electron IPC does as a structured clone.',
    'The heap figure is `Runtime.getHeapUsage` after two forced collections,',
    'with the cases imported and the grid drawn (before) and once the run and its save are done (after), over the cells.',
    '',
    ...GRID_NOTES,
  ];
}

/** What was found and changed for §3c, kept with the section. */
const GRID_NOTES: string[] = [
  'Found: autosave rebuilt the whole session document and wrote it as JSON at every tracked change, to compare it with',
  'the last; during a run every commit of finished cells (every second, or every results-count ms) did that over all',
  'results, in the task of the commit\'s timer (the TimerFire tasks). Now the watch only reads the document (Svelte',
  're-runs it when saved state changes) and the comparison happens at save time, by structure with shared parts equal',
  'by reference (lib/state/saved-document.svelte.ts, same-json.ts). Before and after, same harness, 250 cases × 4',
  'panes, run one after the other at load ≈ 17: before (3e56cf4) 27 TimerFire tasks over 50 ms, the longest 391 ms',
  'wall / 50.6 ms thread, 1 task over 50 ms of thread time, heap 2.7 KB per finished cell; after (538514a) 0 tasks over',
  '50 ms of thread time, heap 1.9 KB per cell. A 1,000-case run of the build before the fix had not finished after',
  '16 minutes (stopped).',
  'Then, at 1,000 cases × 4 panes (run of 2026-12-06 12:19 at load ≈ 17), the save had almost all the long tasks: with',
  '4,000 results every save copied the whole document (`toPlain` in lib/api.ts; the copies were also what the long',
  'MinorGC tasks collected) and the harness serialized all of it: 289 tasks, up to 242 ms of thread time per save,',
  'growing with the results, and the run took 20 minutes; the grid\'s own work had one task over 50 ms of thread time',
  '(196.9 ms, nothing inside traced). Now a save sends the test set\'s results as a change of the version main holds',
  '(the cells finished since the last save; src-shared/eval/results-delta.ts, contract `saveSession` with `results`),',
  'and main splices the cells it already holds into the document it writes without reading them back (§4). The table',
  'above is a run after that change. An earlier one, at load ≈ 4.5, took 121 s (10× quicker than before), had 8 tasks',
  'mostly in the save, none over 25 ms of thread time, and none over 50 ms of thread time in the grid\'s own work, the',
  'longest (again a task with nothing traced inside) 49.9 ms: at the edge of the target when the machine is busy.',
  '',
];

function toolsAnswerSection(r: ToolsAnswerResult, load: [number, number], alone: boolean): string[] {
  const cells = (x: { start: WindowStats; end: WindowStats; ratio: number; longTaskMaxMs: number; longTasksOver50: number; streamMs: number }) =>
    `${fmt(x.start.busyPerFrameMs)} ms (${Math.round(x.start.frames)} fr) | ${fmt(x.end.busyPerFrameMs)} ms (${Math.round(x.end.frames)} fr) | ${x.ratio.toFixed(2)} | ${fmt(x.start.gapP90Ms)} / ${fmt(x.end.gapP90Ms)} ms | ${fmt(x.longTaskMaxMs)} ms (${x.longTasksOver50}) | ${fmt(x.streamMs / 1000)} s`;
  const g = r.grounded;
  const met = g.ratio <= 2 && g.longTasksOver50 === 0;
  const shown = r.shown.map((s) => `${s.toolSteps} step groups, ${s.markers} markers, ${s.sources} sources`);
  return [
    `## 3b. Renderer under a grounded long answer (tool steps, then a ${r.chars.toLocaleString('en')}-character markdown answer with ${r.citations} citations, Chromium)`,
    '',
    ...measuredLines('3b', load, alone),
    '',
    '| renderer | main-thread ms per frame, first fifth | last fifth | end/start | rAF gap p90 start / end | longest task (> 50 ms) | measured span | target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ours, 1 pane: Search + URL context + code execution, ${r.citations} citations (median of ${g.runs}) | ${cells(g)} | end/start ≤ 2 ${ok(g.ratio <= 2)}; no long task > 50 ms ${ok(g.longTasksOver50 === 0)} |`,
    `| ours, 1 pane: the same prompt without tools (median of ${r.plain.runs}) | ${cells(r.plain)} | (reference) |`,
    `| naive full re-render, 1 pane | ${cells(r.naive)} | ${r.naiveFedShare < 1 ? `(reference; stopped after its 30 s budget at ${Math.round(r.naiveFedShare * 100)}% of the answer)` : '(reference)'} |`,
    '',
    '| one more run of each, traced | longest task, wall | longest task, thread time | tasks > 50 ms wall | of which > 50 ms of thread time |',
    '| --- | --- | --- | --- | --- |',
    ...(['grounded', 'plain'] as const).map((k) => {
      const t = r.traced[k];
      return `| ${k === 'grounded' ? 'Search + URL context + code execution, citations' : 'without tools'} | ${fmt(t.longestWallMs)} ms | ${fmt(t.longestThreadMs)} ms | ${t.over50Wall} | ${t.over50Thread} |`;
    }),
    '',
    'The traced runs are slower than the others (tracing costs the page time), so their thread times are an upper bound',
    'of the page\'s own work; a task long in wall time but short in thread time waited for a core (other processes).',
    '',
    `The fake API streams \`Read https://example.com/docs [[cite:${r.citations}]] [[markdown]] [[len:${r.chars}]] [[chunk:50]] [[delay:1]]\` to a pane with`,
    'Google Search, URL context and code execution on (ticked in its settings as a person would): the search call and',
    'its result, the URL context call and result, the code execution call and result, one step at a time, then the',
    `answer, then its ${r.citations} \`url_citation\` annotations (UTF-8 byte offsets) in \`text_annotation_delta\`s of 50. The renderer got`,
    `${r.deltas} text deltas (${r.answerChars.toLocaleString('en')} characters). At the end the pane showed, per run: ${shown.join('; ')}.`,
    'Same probe and windows as §3, with one difference: the measured span runs until the pane stops changing',
    '(no DOM change in it for 500 ms), not until the last delta, because the citations arrive with the finished text',
    `step and the cited blocks are drawn again after it, at most 2,000 characters per frame (lib/markdown/incremental.ts):`,
    `the grounded pane changed for a median ${fmt(g.afterDeliveryMs)} ms after its last delta (the plain one ${fmt(r.plain.afterDeliveryMs)} ms), and those`,
    'frames are in its last fifth. Long tasks are the worst of the runs (their count is summed), not a median: one',
    'run that blocks input is a miss. The last marker (source 500) cites the end of the answer, which `[[len]]` cuts',
    'inside a code block that never closes, so it is drawn as text in that block: one marker fewer (left to',
    'citation-markers.ts; it does not change the cost).',
    '',
    'Profiled before the fixes (first run of this section, 2026-12-06 08:59 UTC, load 5.5 → 9.3: ours 8.9 → 65.0 ms per',
    'frame, end/start 6.41, longest task 539 ms, 48 over 50 ms in 3 runs; without tools 0.84 and 33 over 50 ms, the',
    'machine\'s share). A Chromium trace (thread time, which other processes cannot inflate) put one task of',
    '77–126 ms of layout where the answer ends: the 500-item Sources list, whose `<li value=n>` items Chromium numbers',
    'in quadratic time (the same list laid out in 24 ms without `value`; 1,000 items took 350–700 ms with it). Fixed:',
    'the list numbers its items itself (sources are numbered 1, 2, 3… in order) and adds them 40 per frame',
    '(SourcesList.svelte); the search step builds its own copy of the sources only when opened (ToolSteps.svelte);',
    'cited blocks are drawn again 2,000 rather than 6,000 characters per frame, which took those frames from 15–30 to',
    '~12 ms of script in the trace (incremental.ts). After them the heaviest tasks in a trace were 35–48 ms of',
    'thread time: the task that takes the answer\'s last step (the harness\'s `page.evaluate` of a batch holding the',
    '100,000-character text three times, then the state update) and the next frame.',
    'This stop the harness stopped carrying such batches through page.evaluate: over about 64 KB they are fetched by an',
    'IPC worker in the page, which costs the page one structured clone, as Electron\'s IPC does (e2e/support/ipc-worker.ts).',
    'A run just before that had one traced task of 56.5 ms of thread time; the two runs after it, none over 38.6 and',
    '40.8 ms. What still passes 50 ms untraced (51–76 ms, at load 1.8–3.2) is frames that wait for one of the two cores.',
    '',
    ...(met
      ? ['Both targets met: the tool steps, the markers and the sources add no long task, and the cost of a frame at the', 'end of the answer (citations included) stays within twice its cost at the start.', '']
      : [
          `**Missed** (figures above). Long tasks over 50 ms (run: ms into its span: duration) — ${g.over50.slice(0, 12).map((t) => `${t.run}: ${t.atMs}: ${t.ms}`).join(', ') || 'none'}${g.over50.length > 12 ? ', …' : ''}.`,
          ...(r.plain.longTasksOver50 > 0
            ? [
                `The same answer without tools, in the same run, had ${r.plain.longTasksOver50} task${r.plain.longTasksOver50 > 1 ? 's' : ''} over 50 ms (longest ${fmt(r.plain.longTaskMaxMs)} ms), its`,
                `longest traced task ${fmt(r.traced.plain.longestThreadMs)} ms of thread time: on this loaded machine the page waits for a core,`,
                'and a task\'s wall time grows with the wait. Compare the two rows, and rerun the section on a quieter machine.',
              ]
            : []),
          r.traced.grounded.over50Thread === 0
            ? `With tools and citations no traced task ran over 50 ms of thread time (longest ${fmt(r.traced.grounded.longestThreadMs)} ms, tracing included).`
            : `With tools and citations ${r.traced.grounded.over50Thread} traced task${r.traced.grounded.over50Thread > 1 ? 's' : ''} ran over 50 ms of thread time (longest ${fmt(r.traced.grounded.longestThreadMs)} ms, tracing included).`,
          '',
        ]),
  ];
}

/** Issue 16, item 16: start-up within 1.5× the blank Svelte page (the earlier target was 2×). */
const TTI_TARGET = 1.5;

/** Two decimals, or three where two would round a miss (1.504) to the target itself and read as met. */
const ratioShown = (ratio: number): string => (Math.abs(ratio - TTI_TARGET) < 0.005 ? ratio.toFixed(3) : ratio.toFixed(2));

function ttiSection(r: { cold: TtiResult; reload: TtiResult; work: TtiResult }, load: [number, number], alone: boolean): string[] {
  const { cold, reload, work } = r;
  const rows = (t: TtiResult, verdict: string) => [
    `| floor | ${fmt(t.floorReadyMs)} ms | ${fmt(t.floorPaintedMs)} ms | — |`,
    `| ours | ${fmt(t.oursReadyMs)} ms | ${fmt(t.oursPaintedMs)} ms | ${verdict} |`,
  ];
  return [
    `## 5b. Time to interactive (navigation → the prompt accepts input, median of ${cold.runs} interleaved loads)`,
    '',
    ...measuredLines('5b', load, alone),
    'Ours and the floor (a blank Svelte 5 page mounting one textarea) are loaded in turn, so load weighs on both alike.',
    '',
    '| start: each load in a fresh renderer process, as every app start is (the target) | prompt in the DOM, enabled | painted | ours ÷ floor |',
    '| --- | --- | --- | --- |',
    ...rows(cold, `${ratioShown(cold.ratio)}× ≤ ${TTI_TARGET} ${ok(cold.ratio <= TTI_TARGET)}`),
    '',
    `| reload: the same process again (${reload.runs} more loads each; what this section measured until 2026-12-07) | prompt in the DOM, enabled | painted | ours ÷ floor |`,
    '| --- | --- | --- | --- |',
    ...rows(reload, `${ratioShown(reload.ratio)}× (a reading)`),
    '',
    `| reload, frame rate unlimited (no wait for a frame boundary, but frames drawn nonstop load the cores; ${work.runs} more loads each) | prompt in the DOM, enabled | painted | ours ÷ floor |`,
    '| --- | --- | --- | --- |',
    ...rows(work, `${work.ratio.toFixed(2)}× (a reading)`),
    '',
    'Same Chromium, warm HTTP cache, served from localhost; times are from navigation start in the page clock. The floor',
    'is built with vite\'s build API and the Svelte plugin into node_modules/.cache/pg-bench (bench/tti.ts).',
    ...TTI_NOTES,
    ...(cold.ratio <= TTI_TARGET
      ? []
      : [`**Missed** (${ratioShown(cold.ratio)}× at a start). A fresh process compiles, sets up and lays out everything for the first time, and the`, 'app has many times the floor\'s code, DOM and style to take through that: compare ratios within a run.']),
    '',
  ];
}

/** What start-up work was done and found, kept with §5b. */
const TTI_NOTES: string[] = [
  'Start-up work done: the markdown pipeline after the first frame, dialogs and code generators on demand, zod',
  'kept out of the renderer; zod had come back through one constant (MAX_BRANCHES, now in limits.ts); papaparse loads at',
  'the test set\'s first import, paste or export, and diff when a comparison is first shown (first load 509 → 383 KB raw;',
  'bench/bundle.test.ts keeps them out). Mounting reads no layout: the toolbar\'s fit, the pane edge cues and the',
  'conversation\'s bottom-follower wait for their ResizeObserver\'s first report (e2e/startup.spec.ts). The prompt box',
  'never waits for the bridge (key, settings, models and sessions load after mount).',
  'Since the last stop: (1) the first load is one script file. Rolldown had split each module the entry shares with a',
  'chunk loaded on demand into a file of its own (ten of 0.3–50 KB), and the entry ran only once the last had arrived',
  '(resource timing, one pair of runs at a load of ~8: the last first-load script came 87–109 ms after navigation',
  'before, 32–35 ms after);',
  'scripts/first-load-chunk.ts keeps what the entry imports statically in the entry chunk. (2) The harness serves built',
  'files with a validator (ETag, no-cache): before, every reload fetched and compiled the bundle anew, which the app',
  'never does after its second start (app:// has `codeCache: true`; Chromium then reuses V8\'s compiled code); each',
  'load still asks the server, as each app:// request reaches main. The floor is served the same way. The same build',
  'measured with and without validators at a load of ~9: 2.29–2.50× without, 1.88–1.93× with. (3) Each pane\'s settings',
  'form (half the mount\'s script in a source-mapped CPU profile) is built in a task after the first frame, queued',
  'behind what that frame queued, and menus build their items when first opened (e2e/startup.spec.ts records what the',
  'frame that first shows the prompt holds). Sampled script before the prompt exists: 27 ms before, 11 ms after (CPU',
  'profiles of 8 reloads each; the second at a lower load).',
  'What is left between the prompt existing and its frame painted is mostly the browser\'s: the style and layout',
  'Chromium forces when parsing finishes, the frame\'s style, layout, ResizeObserver reports, paint and commit, and the',
  'bridge\'s first answers arriving before the frame (about 20 ms here against 5 ms for the floor\'s one textarea).',
  'Traced since (one reload, all timeline categories): the module\'s evaluation with the mount 18.8 ms, microtasks 3 ms,',
  'then the style (97 elements, 6.1 ms) and layout (125 objects, 7.2 ms) Chromium runs itself after DOMContentLoaded,',
  'and a 9 ms frame. Tried and dropped, each alternately against the same build: the stylesheet inlined into',
  'index.html (worse: 1.50–1.55× against 1.40–1.49×; an external sheet revalidated with 304 is reused parsed, an',
  'inline one is parsed on every load) and the toolbar, session menu and sidebar built after the first frame (1.50 and',
  '1.56× against 1.58 and 1.61×: within the noise, and the bar would fill in a frame after the prompt).',
  'This stop, the spread was measured: the same build gave 1.44 and 1.68× in two runs of 12 reloads back to back, and',
  '1.66 and 1.49× with 60. Painted is the end of the first frame after the prompt exists, so each page\'s figure moves',
  'in steps of the 16.7 ms frame interval, and the floor\'s median (58.2 ms in one run, 66.6 ms in the next) decides the',
  'ratio as much as the app does. With the frame rate unlimited (`--disable-gpu-vsync --disable-frame-rate-limit`),',
  'which leaves only the work, three runs of 40 reloads gave 1.82, 1.70 and 1.78× (the second table takes this reading in every run): by its own work the app is about',
  '1.75× the floor, so the target stays missed whatever a lucky run shows. Of the app\'s extra time before the prompt',
  'exists, a sampled CPU profile of one reload of an unminified build puts about 5 ms in evaluating the first chunk and',
  '10 ms in mounting (the header with its toolbar and menu 3.6 ms, the board 1.7 ms, the sidebar 1.1 ms, the prompt',
  'box 1.0 ms).',
  'Tried on 2026-12-07 on a quiet machine (load under 1 at the start), each against the same build in the same minutes,',
  'and dropped: (a) the shell prerendered at build time (svelte/server) and hydrated: the prompt existed sooner (51.6',
  'against 64.7 ms, but parsed, not yet wired) and its frame was painted later (88.7 against 82.5 ms; floor 57.1 and',
  '55.0): hydrating runs the same component code as mounting and walks the tree it would have built, and the frame',
  'still styles and lays out all of it. (b) The bridge calls (key, models, settings, sessions) started after the first',
  'frame: 1.38 and 1.51× against 1.50 and 1.59× paced, 1.66 and 1.60× against 1.59 and 1.57× unpaced: noise. (c)',
  'Svelte\'s `fragments: \'tree\'`: noise. A trace of those reloads: the task running the first chunk takes 22–26 ms',
  '(evaluation and mount 12–14 ms, the style and layout Chromium runs when parsing ends 6–8 ms), the frame after it',
  '8–15 ms (style, layout, ResizeObserver reports, paint, commit); the floor takes a few ms for each. No single part',
  'is as large as the distance to the target: on a quiet machine the paced ratio lands on either side of 1.5 from run',
  'to run, and the unpaced one (the work alone) stays at 1.57–1.71×. (d) Later the same day, at a load of 2–5, the',
  'toolbar, session menu and sidebar built after the first frame once more, three alternated runs: unpaced 1.48, 1.52',
  'and 1.59× against 1.51, 1.64 and 1.56×: still within the noise, and not worth the bar filling in a frame late.',
  'The start, measured from 2026-12-07 (the first table): every load above had been a reload in the same renderer',
  'process, which keeps what a process does once. An app start is a fresh process, and there the app was 2.2× the',
  'floor (with fix 2 below already in, before fix 1:',
  '178 against 79 ms painted, same run) where reloads read 1.5×. A trace of such a load: the first chunk\'s',
  'evaluation and mount 47 ms (8–10 on a reload), Chromium\'s style and layout after parsing 15–20 ms (4–6), the chunk',
  'starting 23–33 ms later than the floor\'s. Found and fixed: (1) the first Intl object a process makes costs 10–15 ms',
  '(ICU set-up; 0.1 ms on a reload): three formatters were made at module load and two in the sidebar\'s init. None is',
  'made while mounting now (lib/made-once.ts; whole counts are grouped without Intl), about 13 ms less at a start.',
  '(2) localStorage was touched twice in the first frame\'s task (the remembered theme, the draft store); its first',
  'touch asks the browser process, synchronously, whether the page may use storage. Main now sets the page\'s scheme',
  'from the saved theme before the window exists (nativeTheme), and the draft store opens at its first use.',
  'e2e/startup.spec.ts fails on either coming back. Found and not fixed: in a fresh process the harness compiles the',
  'bundle from source (the trace shows no code cache consumed, about 20 ms of lazy compiling on the main thread, also',
  'with a persistent profile, `immutable` asset caching or a classic script); Electron apps report a privileged',
  'scheme with `codeCache` consumed from the third launch, so the app\'s start is likely faster than the first table by',
  'about that compiling, which cannot be checked here (no Electron binary). Tried and dropped: V8\'s `//# allFunctionsCalledOnLoad` compile hint on the first chunk',
  '(2.33 and 2.32× against 2.05 and 2.11×: eager compiling of everything costs more than it saves) and a two-name',
  'font stack (system-ui; ui-monospace, monospace) in place of the cross-platform lists (no change in style or layout).',
  'Where the start\'s extra time goes (measured on 2026-12-07 afternoon, cold loads, interleaved): (1) not the harness:',
  'the floor given the same bridge script and bindings as the app reads 68–72 ms against 68 ms without them; (2) the',
  'first script\'s size, about 6 ms per 100 KB: the floor with 100, 200 and 400 KB of code it never runs reads 72, 79',
  'and 93 ms against 69 ms, so the app\'s 417 KB first script is about 25 ms of the gap; (3) a cold trace of the app:',
  'its first script\'s evaluation and mount 34 ms, the first style pass over 96 elements 10 ms, the first layout of 123',
  'objects 12–17 ms (the floor: all of it under 10 ms). So of about 80 ms over the floor, about 25 is script size, 30',
  'evaluating and mounting, 25 the first style and layout. Moving the JSON Schema code and the test-set state out of',
  'the first script would take about 10 ms off; prerendering (tried above) moves style and layout, not the script.',
  'Done since (2026-12-07 evening): the pane settings form, built after the first frame already, is now a chunk of its',
  'own fetched then (lib/state/settings-form-loader.svelte.ts): first script 430 → 389 KB, first stylesheet 62 → 53 KB.',
  'Cold starts alternated against the build before, four runs each at a load of 3–6: 2.03× against 2.14× (within the',
  'noise of single runs). The JSON Schema validator (json-check.ts and @cfworker/json-schema, ~50 KB unminified) stays:',
  'the answer view, function results, assertions and settings forms call it synchronously from the first chunk.',
  'What the first frame draws is not where the rest is (2026-12-07 night, load 2–5, four alternated runs of ten',
  'cold loads each): the same build with the toolbar, the sessions and every pane left out of the first frame, only',
  'the prompt box and its bar drawn, read 1.81× (147 against 81 ms) where the app as it is read 1.99× (175 against 88',
  'ms). So the rest is the first script itself, its compiling and the state it builds (AppState, the session, the test',
  'set), not the DOM: 1.5× needs an entry of its own that paints the prompt box before the app\'s code is loaded, with',
  'what is typed handed over to the app, which this stop did not build.',
];

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
