// A save through the IPC router walks the session once: the router's walk of the argument says how deep it goes,
// so the document's own check trusts it (ipc-router.ts, session-document.ts). A file's import, which no router
// walked, keeps its own walk, and a session too deep is refused in the same words either way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaygroundApi } from '../../../src-shared/contract';
import type { CellResult } from '../../../src-shared/eval/test-set';
import { MAX_JSON_DEPTH } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { simpleSession, tempDir } from '../../../test-support/main/sessions';
import { createIpcRouter } from '../ipc-router';
import { silentLogger, type Dialogs } from '../ports';
import { jsonDepth } from '../storage/safe-json';
import * as budget from '../value-budget';
import { createSessionsService, type SessionsService } from './sessions-service';

vi.mock('../value-budget', async (importOriginal) => {
  const original = await importOriginal<typeof import('../value-budget')>();
  // overBudget's own call of walkValue stays inside the module, so the two counts never count one walk twice.
  return { ...original, walkValue: vi.fn(original.walkValue), overBudget: vi.fn(original.overBudget) };
});

const walks = () => vi.mocked(budget.walkValue).mock.calls.length + vi.mocked(budget.overBudget).mock.calls.length;

let data: ReturnType<typeof tempDir>;
let outside: ReturnType<typeof tempDir>;
let service: SessionsService;
let picked: string | undefined;

const dialogs: Dialogs = {
  showSaveDialog: async () => undefined,
  showOpenDialog: async () => picked,
  confirm: async () => false,
};

beforeEach(async () => {
  data = tempDir('pg-data-');
  outside = tempDir('pg-files-');
  service = createSessionsService({ dataDir: data.dir, dialogs, logger: silentLogger });
  await service.ready();
  vi.mocked(budget.walkValue).mockClear();
  vi.mocked(budget.overBudget).mockClear();
});
afterEach(async () => {
  await service.close();
  data.remove();
  outside.remove();
});

const router = () => createIpcRouter(service.api as PlaygroundApi, { isTrustedSender: () => true, logger: silentLogger });
const APP = { url: 'app://playground/index.html', isMainFrame: true };

const cell = (caseId: string): CellResult => ({ caseId, paneId: 'p1', status: 'done', text: `answer ${caseId}`, at: '2026-12-06T10:00:00.000Z' });

function withTestSet(): Session {
  const cases = Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, values: { q: `question ${i}` } }));
  return { ...simpleSession('s1', 'Answer {{q}}', ['first']), testSet: { variables: ['q'], prompt: 'Answer {{q}}', cases, assertions: [], results: cases.map((c) => cell(c.id)) } };
}

/** The session with its first turn's step nested so that the document is exactly `depth` levels deep. */
function ofDepth(session: Session, depth: number): Session {
  const turn = session.panes[0]!.turns[0]!;
  let value: unknown[] = [];
  turn.steps = [{ type: 'function_call', name: 'f', arguments: value }];
  for (let levels = jsonDepth(JSON.stringify(session)); levels < depth; levels++) value = [value];
  turn.steps = [{ type: 'function_call', name: 'f', arguments: value }];
  expect(jsonDepth(JSON.stringify(session))).toBe(depth);
  return session;
}

const TOO_DEEP =
  'This session cannot be saved: panes.0.turns.0.steps.0.arguments.0.… is nested more than 100 levels deep, and a saved session may not be (it could not be opened again). Nothing was written: what was saved before is kept.';

describe('saveSession through the IPC router', () => {
  it('walks the session once, in full and as a change of results, and it reads back', async () => {
    const session = ofDepth(withTestSet(), MAX_JSON_DEPTH);
    const saved = await router().handle('saveSession', APP, { session });
    expect(saved).toMatchObject({ ok: true });
    expect(walks()).toBe(1);

    const since = (saved as { value: { updatedAt: string } }).value.updatedAt;
    const change = await router().handle('saveSession', APP, { session: { ...session, updatedAt: since }, results: { since, put: [cell('c0')], remove: [] } });
    expect(change).toMatchObject({ ok: true });
    expect(walks()).toBe(2);
    expect((await service.api.getSession({ id: 's1' })).testSet?.results).toHaveLength(50);
  });

  it('refuses a session one level too deep with the words it always had, and writes nothing', async () => {
    const refused = await router().handle('saveSession', APP, { session: ofDepth(withTestSet(), MAX_JSON_DEPTH + 1) });
    expect(refused).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: TOO_DEEP } });
    expect(await service.api.listSessions({})).toEqual([]);
  });
});

describe('importSessionFile, which no router walked', () => {
  const importing = async (session: Session) => {
    picked = join(outside.dir, 'in.json');
    writeFileSync(picked, JSON.stringify(session));
    return service.api.importSessionFile();
  };

  it('walks the session itself', async () => {
    expect((await importing(ofDepth(withTestSet(), MAX_JSON_DEPTH))).session?.testSet?.results).toHaveLength(50);
    expect(walks()).toBe(1);
  });

  it('still refuses a session too deep, in the same words', async () => {
    expect(await importing(ofDepth(withTestSet(), MAX_JSON_DEPTH + 1))).toEqual({ error: `Could not import “in.json”: ${TOO_DEEP}` });
    expect(await service.api.listSessions({})).toEqual([]);
  });
});
