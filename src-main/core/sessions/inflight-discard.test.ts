// Turns the person removed (with their pane, or by clearing the conversation) while no save held their answer: main
// drops their crash journals when the renderer names them, so the next start never adds them back, while an answer
// nobody removed is still recovered. Over the real sessions service and a temp data folder; a full disk is injected.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageRef, Session } from '../../../src-shared/session';
import type { Timers } from '../../../src-shared/timers';
import type { Dialogs } from '../ports';
import { silentLogger } from '../ports';
import { faultyFs, type FaultyFs } from '../../../test-support/main/fault-fs';
import { simpleSession, tempDir } from '../../../test-support/main/sessions';
import type { InflightJournal } from './inflight-journal';
import { createSessionsService, type SessionsService } from './sessions-service';

const MODEL = { model: 'gemini-3-flash-preview' };
/** No dialog is shown here. */
const dialogs: Dialogs = {
  showSaveDialog: async () => undefined,
  showOpenDialog: async () => undefined,
  confirm: async () => false,
};
/** The answers' end writes what the throttle held back, so no throttle timer has to run. */
const heldTimers: Timers = { set: () => 0, clear: () => undefined };

let data: ReturnType<typeof tempDir>;
let fs: FaultyFs;
let open: SessionsService[];
beforeEach(() => {
  data = tempDir('pg-discard-');
  fs = faultyFs();
  open = [];
});
afterEach(async () => {
  for (const service of open) await service.close();
  data.remove();
});

async function start(): Promise<SessionsService> {
  const service = createSessionsService({ dataDir: data.dir, dialogs, logger: silentLogger, fs, timers: heldTimers });
  open.push(service);
  await service.ready();
  return service;
}

/** Restarts on the same folder, the way the app starts after it quit or crashed. */
async function restart(service: SessionsService): Promise<SessionsService> {
  open = open.filter((s) => s !== service);
  await service.close();
  return start();
}

const journalFile = (turnId: string) => join(data.dir, 'inflight', `${turnId}.json`);

/** Session s1: pane p1 with turn t1 answered and saved, and an empty pane p2. */
function twoPanes(): Session {
  const session = simpleSession('s1', 'Paws', ['First question']);
  session.panes.push({ id: 'p2', config: MODEL, turns: [] });
  return session;
}

/** What GenerationService tells the journal of one request that streams `text` and ends. */
function answered(journal: InflightJournal, turnId: string, paneId: string, text: string, ends = true): void {
  journal.started({ requestId: turnId, sessionId: 's1', pane: { requestId: turnId, paneId, config: MODEL }, input: { text: `prompt of ${turnId}` } });
  journal.progress(turnId, () => ({ text, thought: '', steps: [] }));
  if (ends) finished(journal, turnId, paneId);
}

function finished(journal: InflightJournal, turnId: string, paneId: string): void {
  journal.finished({ type: 'done', requestId: turnId, paneId, interactionId: `v1_${turnId}`, status: 'completed', steps: [], metrics: { totalMs: 5 }, interaction: { id: `v1_${turnId}`, status: 'completed' } as never });
}

/** Every later write of a session document fails as a full disk would (the journals are written elsewhere). */
const failSessionWrites = () => fs.failWhen('open', (path, flags) => flags === 'wx' && path.startsWith(join(data.dir, 'sessions')), 'ENOSPC');

const turnsByPane = (session: Session) => session.panes.map((p) => [p.id, p.turns.map((t) => [t.id, t.status, t.text])]);

describe('turns the person removed are not recovered', () => {
  it('a pane removed while saves fail: its answer stays out at the next start, the other pane’s comes back', async () => {
    const service = await start();
    await service.api.saveSession({ session: twoPanes() });
    answered(service.journal, 't2', 'p1', 'Kept answer');
    answered(service.journal, 't3', 'p2', 'Answer of the removed pane');
    await service.journal.idle();
    const disarm = failSessionWrites();
    const both = twoPanes();
    both.panes[1]!.turns.push({ id: 't3', input: { text: 'prompt of t3' }, config: MODEL, status: 'done', text: 'Answer of the removed pane', thought: '', steps: [], startedAt: both.createdAt });
    await expect(service.api.saveSession({ session: both })).rejects.toThrow(/disk is full/);

    await service.api.discardTurns({ sessionId: 's1', turnIds: ['t3'] });
    // The app closes with the session unsaved; by the next start the disk has room again.
    disarm();
    const next = await restart(service);
    expect(turnsByPane(await next.api.getSession({ id: 's1' }))).toEqual([
      ['p1', [['t1', 'done', 'answer 1'], ['t2', 'done', 'Kept answer']]],
      ['p2', []],
    ]);
  });

  it('a conversation cleared after its save failed, then saved without it: its journal goes at once, and nothing comes back', async () => {
    const service = await start();
    await service.api.saveSession({ session: twoPanes() });
    answered(service.journal, 't3', 'p2', 'Answer that was cleared');
    await service.journal.idle();
    const disarm = failSessionWrites();
    await expect(service.api.saveSession({ session: twoPanes() })).rejects.toThrow(/disk is full/);
    disarm();

    await service.api.discardTurns({ sessionId: 's1', turnIds: ['t3'] });
    await service.journal.idle();
    expect(existsSync(journalFile('t3'))).toBe(false);
    expect(service.journal.size).toBe(0);
    await service.api.saveSession({ session: twoPanes() });
    const next = await restart(service);
    expect(turnsByPane(await next.api.getSession({ id: 's1' }))).toEqual([['p1', [['t1', 'done', 'answer 1']]], ['p2', []]]);
  });

  it('a pane removed while its answer streams: the journal goes, and the answer’s end writes nothing', async () => {
    const service = await start();
    await service.api.saveSession({ session: twoPanes() });
    answered(service.journal, 't3', 'p2', 'Half an ans', false);
    await service.journal.idle();
    expect(existsSync(journalFile('t3'))).toBe(true);

    await service.api.discardTurns({ sessionId: 's1', turnIds: ['t3'] });
    finished(service.journal, 't3', 'p2');
    await service.journal.idle();
    expect(existsSync(journalFile('t3'))).toBe(false);
    expect(service.journal.size).toBe(0);
    const next = await restart(service);
    expect(turnsByPane(await next.api.getSession({ id: 's1' }))).toEqual([['p1', [['t1', 'done', 'answer 1']]], ['p2', []]]);
  });

  it('a removal names its session: the same turn id in another one (a branch copies its turns) keeps its journal', async () => {
    const service = await start();
    await service.api.saveSession({ session: twoPanes() });
    answered(service.journal, 't2', 'p1', 'Kept answer');
    await service.journal.idle();

    await service.api.discardTurns({ sessionId: 'branch-of-s1', turnIds: ['t2'] });
    await service.journal.idle();
    expect(existsSync(journalFile('t2'))).toBe(true);
    const next = await restart(service);
    expect(turnsByPane(await next.api.getSession({ id: 's1' }))[0]).toEqual(['p1', [['t1', 'done', 'answer 1'], ['t2', 'done', 'Kept answer']]]);
  });
});

describe('a finished journal waiting for a save', () => {
  it('keeps neither the prompt’s attachments nor the configuration in memory, only what a save is matched on', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('vitest must run with --expose-gc (vitest.config.ts execArgv)');
    const service = await start();
    let images: ImageRef[] | undefined = [{ sha256: 'c'.repeat(64), mimeType: 'image/png', name: 'cat.png', size: 10 }];
    let config: typeof MODEL | undefined = { ...MODEL };
    const held = [new WeakRef(images), new WeakRef(config)];
    service.journal.started({ requestId: 't2', sessionId: 's1', pane: { requestId: 't2', paneId: 'p1', config }, input: { text: 'What is this?', images } });
    images = undefined;
    config = undefined;
    finished(service.journal, 't2', 'p1');
    await service.journal.idle();
    // A WeakRef keeps its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(held.map((ref) => ref.deref())).toEqual([undefined, undefined]);

    // Still matched by the save that holds the answer, which removes it.
    expect(service.journal.size).toBe(1);
    const saved = simpleSession('s1', 'Cat');
    saved.panes[0]!.turns.push({ id: 't2', input: { text: 'What is this?' }, config: MODEL, status: 'done', text: '', thought: '', steps: [], startedAt: saved.createdAt });
    await service.api.saveSession({ session: saved });
    await service.journal.idle();
    expect(service.journal.size).toBe(0);
    expect(existsSync(journalFile('t2'))).toBe(false);
  });
});
