// Start-up half of crash recovery: journals a previous run left in inflight/ are merged into their
// sessions, then removed. How the whole mechanism works is described in inflight-journal.ts.
import { join } from 'node:path';
import { z } from 'zod';
import type { AppError } from '../../../src-shared/domain';
import { MAX_PANES, paneConfigSchema } from '../../../src-shared/pane-config-schema';
import {
  SESSION_ID_PATTERN,
  SESSION_VERSION,
  savedRoundSchema,
  savedTurnSchema,
  sessionSchema,
  type SavedTurn,
  type Session,
} from '../../../src-shared/session';
import type { Logger } from '../ports';
import { errnoCode, listFolder, nodeFs, readFileCapped, removeStrayTemps, type FsPort } from '../storage/files';
import { describeSetAside, setAside, storageReason } from '../storage/storage-failure';
import { parseJsonBytes } from '../storage/safe-json';
import { MAX_DOCUMENT_BYTES, type SessionRepository } from './repository';
import { mergeRoundInto } from './inflight-round';
import { earlierSetAside } from './set-aside-files';

export const INFLIGHT_FORMAT = 'gemini-playground-inflight';

export const inflightSchema = z.strictObject({
  format: z.literal(INFLIGHT_FORMAT),
  version: z.literal(1),
  requestId: z.string().min(1).max(200),
  sessionId: z.string().regex(SESSION_ID_PATTERN),
  paneId: z.string().min(1).max(200),
  turnId: z.string().min(1).max(200),
  historyMode: z.enum(['server', 'stateless']),
  input: savedTurnSchema.shape.input,
  config: paneConfigSchema,
  startedAt: z.iso.datetime(),
  writtenAt: z.iso.datetime(),
  text: savedTurnSchema.shape.text,
  thought: savedTurnSchema.shape.thought,
  steps: savedTurnSchema.shape.steps,
  /** Set once the answer was cut at the per-answer limit: `text`, `thought` and `steps` hold its first part. */
  truncatedAt: savedTurnSchema.shape.truncatedAt,
  /** A round of function results continuing the turn `turnId` (inflight-round.ts): what it sent, after which attempt. */
  round: z.strictObject({ results: savedRoundSchema.shape.results, replaces: savedRoundSchema.shape.requestId }).optional(),
  /** A Retry of the turn's answer: the attempt it replaces (the turn's id), which a save may still hold as final. */
  replaces: savedRoundSchema.shape.requestId,
  /** Present once the terminal event was sent: how the turn really ended. */
  final: z
    .strictObject({
      status: z.enum(['done', 'stopped', 'failed']),
      interactionId: savedTurnSchema.shape.interactionId,
      finishStatus: savedTurnSchema.shape.finishStatus,
      error: savedTurnSchema.shape.error,
      metrics: savedTurnSchema.shape.metrics,
    })
    .optional(),
});

export type InflightRecord = z.infer<typeof inflightSchema>;

/** Same words as the renderer's own interrupted turns (src-renderer/lib/state/saved.ts). */
export const INTERRUPTED_ERROR: AppError = {
  code: 'INTERRUPTED',
  message: 'The app closed while this answer was streaming.',
  retryable: true,
};

function turnOf(record: InflightRecord): SavedTurn {
  const turn: SavedTurn = {
    id: record.turnId,
    input: record.input.images?.length ? { text: record.input.text, images: record.input.images } : { text: record.input.text },
    config: record.config,
    status: record.final?.status ?? 'interrupted',
    text: record.text,
    thought: record.thought,
    steps: record.steps,
    startedAt: record.startedAt,
    ...(record.truncatedAt ? { truncatedAt: record.truncatedAt } : {}),
  };
  const final = record.final;
  if (!final) return { ...turn, error: INTERRUPTED_ERROR };
  if (final.interactionId !== undefined) turn.interactionId = final.interactionId;
  if (final.finishStatus !== undefined) turn.finishStatus = final.finishStatus;
  if (final.error !== undefined) turn.error = final.error;
  if (final.metrics !== undefined) turn.metrics = final.metrics;
  return turn;
}

/** What a journal knows of its attempt better than the saved turn: how it was sent, and everything that came back. */
const ATTEMPT_FIELDS = new Set<string>(['config', 'startedAt', 'status', 'text', 'thought', 'steps', 'truncatedAt', 'interactionId', 'finishStatus', 'error', 'metrics']);

/**
 * A saved turn (a retry or regeneration saved while streaming) with the journal's finished attempt: the rest is the
 * person's (samples, fillValues, original, resultDrafts, …), which the journal never carries and must not cost.
 */
function withOutcome(saved: SavedTurn, recovered: SavedTurn): SavedTurn {
  const kept = Object.entries(saved).filter(([key]) => !ATTEMPT_FIELDS.has(key));
  const attempt = Object.entries(recovered).filter(([key]) => ATTEMPT_FIELDS.has(key));
  return Object.fromEntries([...kept, ...attempt]) as SavedTurn;
}

/**
 * Pure: the session with the journals' turns merged in, or undefined when nothing changes.
 * A turn the document already has in a final state (done/stopped/failed) wins over any journal;
 * a turn saved as "interrupted" is repaired (the longer partial text, or the journal's final state);
 * a turn, pane or session the renderer never saved is added. A round of function results goes into its turn's
 * `round` (inflight-round.ts).
 */
export function mergeInflight(session: Session | undefined, records: InflightRecord[], nowIso: string): Session | undefined {
  const first = records[0];
  if (!first) return undefined;
  const merged: Session = session
    ? structuredClone(session)
    : {
        version: SESSION_VERSION,
        id: first.sessionId,
        title: titleFrom(first.input.text),
        createdAt: first.startedAt,
        updatedAt: nowIso,
        historyMode: first.historyMode,
        panes: [],
      };
  let changed = !session;
  for (const record of [...records].sort((a, b) => a.startedAt.localeCompare(b.startedAt))) {
    let pane = merged.panes.find((p) => p.id === record.paneId);
    if (record.round) {
      if (mergeRoundInto(pane?.turns, { ...record, round: record.round })) changed = true;
      continue;
    }
    if (!pane) {
      if (merged.panes.length >= MAX_PANES) continue;
      pane = { id: record.paneId, config: record.config, turns: [] };
      merged.panes.push(pane);
    }
    const recovered = turnOf(record);
    const at = pane.turns.findIndex((t) => t.id === record.turnId);
    const saved = at >= 0 ? pane.turns[at]! : undefined;
    if (!saved) {
      pane.turns.push(recovered);
    } else if (record.replaces !== undefined && record.replaces === saved.id && saved.status !== 'interrupted') {
      // A Retry no save holds yet: the saved end is the attempt it replaced, so the newer attempt wins, whatever the
      // length of either text; nothing of the replaced attempt (its round included) stays beside it.
      const { round: _replaced, ...kept } = saved;
      pane.turns[at] = withOutcome(kept, recovered);
    } else if (saved.status !== 'interrupted') {
      continue;
    } else if (record.final) {
      pane.turns[at] = withOutcome(saved, recovered);
    } else {
      // Both are prefixes of the same stream: keep whichever got further.
      const journalAhead = record.text.length + record.thought.length >= saved.text.length + saved.thought.length;
      if (!journalAhead) continue;
      pane.turns[at] = {
        ...saved,
        text: record.text,
        thought: record.thought,
        steps: record.steps,
        error: saved.error ?? INTERRUPTED_ERROR,
        ...(record.truncatedAt ? { truncatedAt: record.truncatedAt } : {}),
      };
    }
    changed = true;
  }
  if (!changed || merged.panes.length === 0) return undefined;
  // Never write a document the app itself would refuse to open.
  return sessionSchema.safeParse(merged).success ? merged : undefined;
}

function titleFrom(prompt: string): string {
  const line = prompt.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line === '' ? 'Recovered conversation' : line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export interface RecoverOptions {
  /** <dataDir>/inflight */
  dir: string;
  repo: SessionRepository;
  logger: Logger;
  fs?: FsPort;
  now?: () => number;
  /** False after the first run of a process: the journals set aside earlier were reported then. */
  reportEarlier?: boolean;
}

/** Merges every journal left in `dir` and removes it; returns how many sessions were written. */
export async function recoverInflight(options: RecoverOptions): Promise<number> {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? Date.now;
  const { repo, logger } = options;
  await removeStrayTemps(fs, options.dir);
  // Before this start's reads, so a journal set aside now is reported once (below).
  if (options.reportEarlier !== false) for (const problem of await earlierSetAside(fs, options.dir, 'journal')) repo.report(problem);
  const bySession = new Map<string, { record: InflightRecord; file: string }[]>();
  for (const name of await listFolder(fs, options.dir)) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const file = join(options.dir, name);
    try {
      const record = inflightSchema.parse(parseJsonBytes(await readFileCapped(fs, file, MAX_DOCUMENT_BYTES)));
      const group = bySession.get(record.sessionId) ?? [];
      group.push({ record, file });
      bySession.set(record.sessionId, group);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') continue;
      if (code !== undefined) {
        // Not damaged, only unreadable right now (permissions, too many open files): kept for the next start.
        logger.warn('inflight: journal unreadable, kept for the next start', { file, code });
        repo.report({
          kind: 'journal',
          file,
          message: `An answer that was streaming when the app closed could not be recovered yet: ${storageReason(error)}. The app will try again at the next start.`,
        });
        continue;
      }
      const aside = await setAside(fs, file, now());
      const { movedTo } = aside;
      logger.warn(movedTo ? 'inflight: unreadable journal moved aside' : 'inflight: unreadable journal left in place', { file, movedTo });
      repo.report({
        kind: 'journal',
        file,
        ...(movedTo ? { movedTo } : {}),
        message: `An answer that was streaming when the app closed could not be recovered: its journal was damaged; ${describeSetAside(aside)}.`,
      });
    }
  }
  let written = 0;
  for (const [sessionId, group] of bySession) {
    try {
      // A session deleted while it streamed stays deleted.
      if (!(await repo.isTrashed(sessionId))) {
        const current = await repo.find(sessionId);
        const merged = mergeInflight(current, group.map((g) => g.record), new Date(now()).toISOString());
        if (merged) {
          await repo.save(merged);
          written++;
        }
      }
    } catch (error) {
      // Keep the journals: the next start tries again. The person is told, so an answer is never kept out of sight.
      logger.error('inflight: could not merge into a session', { sessionId, error: String(error) });
      const why = error instanceof Error ? error.message : String(error);
      repo.report({
        kind: 'journal',
        file: group[0]!.file,
        sessionId,
        message: `An answer that was streaming when the app closed could not be added to its session yet: ${why} Its journal is kept, and the app will try again at the next start.`,
      });
      continue;
    }
    for (const { file } of group) await fs.unlink(file).catch(() => undefined);
  }
  if (bySession.size > 0) logger.info('inflight: recovered interrupted answers', { sessions: bySession.size, written });
  return written;
}
