// Long tasks of a Chromium trace named by what they ran: the largest event directly inside each task (an animation
// frame's callbacks, a timer, a script call with its function's name, layout, GC…), so a benchmark can tell the
// grid's own frames from a save's timer or the harness delivering main's events.
import { mainThreadTasks, type TraceEvent, type TracedTask } from './browser-kit';

/** A task over 50 ms of wall or thread time, in the trace's clock (µs). */
export interface LongTask {
  startUs: number;
  endUs: number;
  wallMs: number;
  threadMs: number;
  kind: string;
}

export interface LongTaskKind {
  /** "FireAnimationFrame", "TimerFire", "FunctionCall flush (index-….js)", … */
  kind: string;
  count: number;
  longestWallMs: number;
  longestThreadMs: number;
}

/** What a task ran: the longest event inside it (always one directly inside: a nested event is never longer than its parent). */
function kindOf(inside: readonly TraceEvent[]): string {
  let main: TraceEvent | undefined;
  for (const e of inside) if (!main || (e.dur ?? 0) > (main.dur ?? 0)) main = e;
  if (!main) return 'RunTask (nothing inside traced)';
  const data = main.args?.data;
  if (main.name === 'FunctionCall' && data) return `FunctionCall ${data.functionName || '(anonymous)'} (${(data.url ?? '').split('/').pop() || 'no file'})`;
  return main.name;
}

/** The busiest renderer main thread's tasks, and those over 50 ms of wall or thread time grouped by kind. */
export function longTasksByKind(trace: { traceEvents: readonly TraceEvent[] }): { tasks: TracedTask[]; kinds: LongTaskKind[]; long: LongTask[] } {
  const tasks = mainThreadTasks(trace);
  const mains = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of trace.traceEvents) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(key)) continue;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const kinds = new Map<string, LongTaskKind>();
  const long: LongTask[] = [];
  for (const events of byThread.values()) {
    events.sort((a, b) => a.ts - b.ts);
    for (const [i, task] of events.entries()) {
      if (task.name !== 'RunTask') continue;
      const wallMs = (task.dur ?? 0) / 1000;
      const threadMs = (task.tdur ?? task.dur ?? 0) / 1000;
      if (wallMs <= 50 && threadMs <= 50) continue;
      const end = task.ts + (task.dur ?? 0);
      const within: TraceEvent[] = [];
      for (let j = i + 1; j < events.length && events[j]!.ts < end; j++) within.push(events[j]!);
      const kind = kindOf(within);
      long.push({ startUs: task.ts, endUs: end, wallMs, threadMs, kind });
      const k = kinds.get(kind) ?? { kind, count: 0, longestWallMs: 0, longestThreadMs: 0 };
      k.count++;
      k.longestWallMs = Math.max(k.longestWallMs, wallMs);
      k.longestThreadMs = Math.max(k.longestThreadMs, threadMs);
      kinds.set(kind, k);
    }
  }
  return { tasks, kinds: [...kinds.values()].sort((a, b) => b.longestThreadMs - a.longestThreadMs), long };
}

/** A CDP Profiler profile (`Profiler.stop`): its clock is the trace's, so samples fall inside traced tasks. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * The long tasks that spent at least `share` of their sampled time under `functionName` (e.g. the harness's
 * `callBinding`, through which every bridge call leaves the page: a task that is mostly that is a save's
 * serialization, not the grid's work).
 */
export function tasksMostlyIn(long: readonly LongTask[], profile: CpuProfile, functionName: string, share = 0.25): LongTask[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const under = new Map<number, boolean>();
  const isUnder = (id: number): boolean => {
    const known = under.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = node?.callFrame.functionName === functionName || (up !== undefined && isUnder(up));
    under.set(id, result);
    return result;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  return long.filter((task) => {
    let all = 0;
    let inside = 0;
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < task.startUs || times[i]! > task.endUs) continue;
      all++;
      if (isUnder(profile.samples[i]!)) inside++;
    }
    return all > 0 && inside / all >= share;
  });
}
