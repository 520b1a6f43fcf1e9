// Crash recovery for answers that are streaming: a small journal per request, written by main.
//
// Why: sessions are saved by the renderer when a turn ends (and debounced while typing), never per
// delta (docs/ARCHITECTURE.md §3). If the app dies mid-stream, the text since the last save would be lost.
//
// How:
//  1. start carries `sessionId` and each pane's `requestId`, which the renderer names after the turn
//     (the SavedTurn.id it will save). Requests without a session (repeat samples) are not journaled.
//  2. GenerationService reports each request to this TurnObserver. `started` writes
//     inflight/<requestId>.json at once (so even the prompt survives a crash before the first token):
//     { sessionId, paneId, turnId, input, config, historyMode, startedAt, text, thought, steps, truncatedAt? }.
//     A round of function results (its `turnId` names the turn it continues) adds `round: { results }`, what it
//     sent (and `replaces`, the attempt a Retry sent again); it is merged into that turn's `round` (inflight-round.ts),
//     and a save holding the round's end removes it. A Retry of a turn's answer names the attempt it replaces in
//     `replaces` (the turn's own id: its answer is always requested under it).
//  3. `progress` rewrites it with the text so far at most once per `intervalMs` (~1 s) per request,
//     by atomic rename without fsync: it must survive the app crashing, not the OS (a power cut may
//     cost the last second or the journal; the saved session is never at risk).
//  4. At the terminal event the journal is rewritten once more with `final` (status, error, metrics;
//     this write is fsynced) and removed only once a save of that session with the turn in a final
//     state has succeeded (noteSaved). Until then it is the only copy of the answer on disk: the
//     renderer may crash, or its save fail, after the `done` event. Removing it on a timer instead
//     lost such answers. A journal no save confirmed stays for the next start, whose merge leaves a
//     turn already saved in a final state alone (so a save that came too late changes nothing).
//     A save without the turn removes nothing (a page that reloaded never knew the turn); the
//     renderer names the turns the person removed (discard), and their journals go at once, saved
//     or not, so the next start cannot bring them back.
//  5. At the next start, before any new journal is written (`ready`), inflight-recovery.ts merges
//     every journal left behind into its session: a turn missing from the document is added (pane and
//     session too, when the renderer never saved them), one saved as "interrupted" (how the renderer
//     saves a turn still streaming) gets the longer partial text or the journal's final state, and a
//     turn already saved as done/stopped/failed is left alone. Without `final` the turn is marked
//     `interrupted` with its partial text. Then the journals are deleted.
import { join } from 'node:path';
import type { TerminalTurnEvent } from '../../../src-shared/domain';
import { SESSION_ID_PATTERN, type Session } from '../../../src-shared/session';
import { realTimers, type Timers } from '../../../src-shared/timers';
import type { Logger, TurnObserver, TurnSnapshot } from '../ports';
import { ensureFolder, errnoCode, nodeFs, writeFileAtomic, type FsPort } from '../storage/files';
import { INFLIGHT_FORMAT, type InflightRecord } from './inflight-recovery';
import { roundSettled, type RoundSent } from './inflight-round';

export interface InflightJournalOptions {
  /** <dataDir>/inflight */
  dir: string;
  logger: Logger;
  fs?: FsPort;
  timers?: Timers;
  /** Wall-clock ms. */
  now?: () => number;
  intervalMs?: number;
  /** Nothing is written before this settles: start-up recovery must only see a previous run's journals. */
  ready?: Promise<unknown>;
}

type Base = Omit<InflightRecord, 'text' | 'thought' | 'steps' | 'truncatedAt' | 'writtenAt' | 'final'>;

interface Live {
  /** What a save or a discard is matched on; all of the request that stays in memory once its end is on disk. */
  sessionId: string;
  paneId: string;
  turnId: string;
  /** A round of function results: what it sent (and after which attempt), which a save is matched on too. */
  round?: RoundSent;
  /** Until the write with `final`: what every write repeats (the prompt and the configuration). */
  base: Base | undefined;
  file: string;
  snapshot?: () => TurnSnapshot;
  final?: InflightRecord['final'];
  lastWrite: number;
  timer?: unknown;
  removed: boolean;
  chain: Promise<void>;
}

const EMPTY: TurnSnapshot = { text: '', thought: '', steps: [] };

export class InflightJournal implements TurnObserver {
  readonly #live = new Map<string, Live>();
  readonly #pending = new Set<Promise<void>>();
  readonly #fs: FsPort;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #ready: Promise<unknown>;
  #madeDir = false;

  constructor(private readonly options: InflightJournalOptions) {
    this.#fs = options.fs ?? nodeFs;
    this.#timers = options.timers ?? realTimers;
    this.#now = options.now ?? Date.now;
    this.#ready = (options.ready ?? Promise.resolve()).catch(() => undefined);
  }

  /** Requests being journaled now (finished ones wait here for the renderer's save). */
  get size(): number {
    return this.#live.size;
  }

  started({ requestId, sessionId, pane, input }: Parameters<TurnObserver['started']>[0]): void {
    if (!sessionId || !SESSION_ID_PATTERN.test(sessionId) || !/^[A-Za-z0-9_-]{1,200}$/.test(requestId)) return;
    // A round of function results is filed under the turn it continues (inflight-round.ts); a round of no turn (a
    // repeat sample's) is not journaled, like the sample.
    const results = pane.functionResults;
    if (results && !pane.turnId) return;
    const turnId = results && pane.turnId ? pane.turnId : requestId;
    const round: RoundSent | undefined = results && {
      results: results as unknown as RoundSent['results'],
      ...(pane.replaces !== undefined ? { replaces: pane.replaces } : {}),
    };
    // A retry of the same turn before its earlier attempt's save was confirmed: a save of that attempt must not
    // remove this one's journal, and this one's writes (same file) queue behind the earlier's.
    const earlier = this.#live.get(requestId);
    if (earlier) this.#clearTimers(earlier);
    const live: Live = {
      sessionId,
      paneId: pane.paneId,
      turnId,
      ...(round ? { round } : {}),
      base: {
        format: INFLIGHT_FORMAT,
        version: 1,
        requestId,
        sessionId,
        paneId: pane.paneId,
        turnId,
        historyMode: pane.history?.mode === 'stateless' ? 'stateless' : 'server',
        input: input.images?.length ? { text: input.text, images: input.images } : { text: input.text },
        config: pane.config,
        startedAt: new Date(this.#now()).toISOString(),
        ...(round ? { round } : !results && pane.replaces !== undefined ? { replaces: pane.replaces } : {}),
      },
      file: join(this.options.dir, `${requestId}.json`),
      lastWrite: -Infinity,
      removed: false,
      chain: earlier?.chain ?? this.#ready.then(() => undefined),
    };
    this.#live.set(requestId, live);
    this.#write(live);
  }

  progress(requestId: string, snapshot: () => TurnSnapshot): void {
    const live = this.#live.get(requestId);
    if (!live || live.final) return;
    live.snapshot = snapshot;
    if (live.timer !== undefined) return;
    const wait = live.lastWrite + (this.options.intervalMs ?? 1_000) - this.#now();
    if (wait <= 0) {
      this.#write(live);
      return;
    }
    live.timer = this.#timers.set(() => {
      live.timer = undefined;
      this.#write(live);
    }, wait);
  }

  finished(event: TerminalTurnEvent): void {
    const live = this.#live.get(event.requestId);
    if (!live) return;
    this.#clearTimers(live);
    live.final =
      event.type === 'done'
        ? { status: 'done', interactionId: event.interactionId, finishStatus: event.status, metrics: event.metrics }
        : event.type === 'error'
          ? { status: 'failed', error: event.error, metrics: event.metrics }
          : { status: 'stopped', metrics: event.metrics };
    this.#write(live, true);
  }

  /**
   * `session` was written to disk: finished journals whose turn it holds in a final state are done with. One whose
   * turn it lacks stays (a renderer that crashed and reloaded saves the session without the answer).
   */
  noteSaved(session: Session): void {
    for (const [requestId, live] of this.#live) {
      if (!live.final || live.sessionId !== session.id) continue;
      const pane = session.panes.find((p) => p.id === live.paneId);
      const turns = [...(pane?.turns ?? []), ...(pane?.forks ?? []).flatMap((fork) => fork.others.flat())];
      const turn = turns.find((t) => t.id === live.turnId);
      if (!turn) continue;
      if (live.round ? roundSettled(turn, requestId, live.round) : turn.status !== 'interrupted') this.#remove(requestId);
    }
  }

  /**
   * The person removed these turns of `sessionId` (with their pane or their conversation): their journals go now,
   * finished or still streaming, whether or not a save holds the removal, so that no later start brings them back.
   * The session is matched too: a branch or a copy of a session carries the same turn ids.
   */
  discard(sessionId: string, turnIds: readonly string[]): void {
    const removed = new Set(turnIds);
    // Keyed by request: a turn's rounds of function results are other requests of the same turn.
    for (const [requestId, live] of this.#live) {
      if (live.sessionId === sessionId && removed.has(live.turnId)) this.#remove(requestId);
    }
  }

  /** Resolves when every write or removal queued so far has finished. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Shutdown: stops the timers and waits for pending writes; journals stay for the next start. */
  async flush(): Promise<void> {
    for (const live of this.#live.values()) this.#clearTimers(live);
    await this.idle();
  }

  #clearTimers(live: Live): void {
    if (live.timer !== undefined) this.#timers.clear(live.timer);
    live.timer = undefined;
  }

  #enqueue(live: Live, step: () => Promise<void>): void {
    const next = live.chain.then(step).catch((error: unknown) => {
      this.options.logger.warn('inflight: journal write failed', { code: errnoCode(error) ?? String(error) });
    });
    live.chain = next;
    this.#pending.add(next);
    void next.finally(() => this.#pending.delete(next));
  }

  /** `last`: the write with `final`, fsynced; none follows it. */
  #write(live: Live, last = false): void {
    live.lastWrite = this.#now();
    this.#enqueue(live, async () => {
      const base = live.base;
      if (live.removed || !base) return;
      // The snapshot is taken when the write runs, so a queued write carries the newest text.
      const { text, thought, steps, truncatedAt } = live.snapshot?.() ?? EMPTY;
      const record: InflightRecord = {
        ...base,
        writtenAt: new Date(this.#now()).toISOString(),
        text,
        thought,
        // Wire steps are plain JSON objects; the document keeps them verbatim (loosely typed).
        steps: steps as InflightRecord['steps'],
        ...(truncatedAt ? { truncatedAt } : {}),
        ...(live.final ? { final: live.final } : {}),
      };
      // Its last write: the entry may wait long for a save, or until quit when none comes (its session deleted, the
      // page reloaded), and need not hold the answer, the prompt or the configuration in memory meanwhile.
      if (last) {
        live.snapshot = undefined;
        live.base = undefined;
      }
      if (!this.#madeDir) {
        await ensureFolder(this.#fs, this.options.dir);
        this.#madeDir = true;
      }
      await writeFileAtomic(this.#fs, live.file, JSON.stringify(record), { durable: last });
    });
  }

  #remove(requestId: string): void {
    const live = this.#live.get(requestId);
    if (!live) return;
    this.#live.delete(requestId);
    this.#clearTimers(live);
    live.removed = true;
    this.#enqueue(live, async () => {
      await this.#fs.unlink(live.file).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw error;
      });
    });
  }
}
