// Issue 13, findings 2 and 3, through the bridge harness (real core, fake API). A save the reader would
// refuse is refused from the page, not answered ok and set aside at the next start. A 1.2 M-character
// answer ends, the pane says it was truncated, the session and a later turn are saved, and two restarts
// on the same data folder lose nothing; before, every save after that answer was refused.
import type { Page } from '@playwright/test';
import { SESSION_VERSION, type Session } from '../src-shared/session';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { paneAt } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-answer-limits-3b9e' };
const CAP = 200_000;
const NOTICE = 'Answer truncated at 200,000 characters: the rest was not kept.';

type Bridge = { playground: Record<string, (arg?: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>> };

async function send(a: Playground, prompt: string, terminalEvents: number): Promise<void> {
  await a.page.getByTestId('prompt').fill(prompt);
  await a.page.getByTestId('prompt').press('Control+Enter');
  await a.waitForTerminalEvents(terminalEvents, 60_000);
  await expect(paneAt(a.page, 0)).toHaveAttribute('data-status', 'done');
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
}

/** The open session as main has it on disk. */
async function onDisk(a: Playground): Promise<Session> {
  const [summary] = await a.core.api.listSessions({});
  return a.core.api.getSession({ id: summary!.id });
}

test('a 1.2 M-character answer is kept truncated; later turns save; two restarts lose nothing', async ({ launch }) => {
  test.setTimeout(180_000);
  let app = await launch({ env });
  const { dataDir } = app;

  await send(app, 'Write at length [[len:1200000]] [[chunk:20000]]', 1);
  const done = app.events.find((e) => e.type === 'done');
  expect(done).toMatchObject({ type: 'done', truncatedAt: CAP });
  const streamed = app.events.map((e) => (e.type === 'delta' ? (e.text ?? '') : '')).join('');
  expect(streamed).toHaveLength(CAP);
  const first = paneAt(app.page, 0).getByTestId('turn').nth(0);
  await expect(first.getByTestId('truncated')).toHaveText(NOTICE);
  await saved(app.page);

  // A later edit: the next turn, saved too.
  await send(app, 'Now a short one', 2);
  await saved(app.page);
  const refused = app.responses.filter((r) => r.method === 'saveSession' && !(r.response as { ok: boolean }).ok);
  expect(refused).toEqual([]);
  const before = await onDisk(app);
  expect(before.panes[0]!.turns.map((t) => [t.status, t.text.length, t.truncatedAt])).toEqual([
    ['done', CAP, CAP],
    ['done', expect.any(Number), undefined],
  ]);
  expect(before.panes[0]!.turns[0]!.text).toBe(streamed);

  for (const restart of [1, 2]) {
    await app.close();
    app = await launch({ env, dataDir });
    const turns = paneAt(app.page, 0).getByTestId('turn');
    await expect(turns, `restart ${restart}`).toHaveCount(2);
    await expect(turns.nth(0).getByTestId('truncated')).toHaveText(NOTICE);
    await expect(turns.nth(1).getByTestId('truncated')).toHaveCount(0);
    await expect(turns.nth(1).getByTestId('user-text')).toHaveText('Now a short one');
    // Nothing was set aside or left unmerged: no storage notice, and main still has exactly what was saved.
    await expect(app.page.getByTestId('session-notice')).toHaveCount(0);
    expect(await app.core.api.storageProblems()).toEqual([]);
    expect(await onDisk(app)).toEqual(before);
  }
});

test('a session nested deeper than the reader accepts is refused when saved from the page; a restart sets nothing aside', async ({ launch }) => {
  let app = await launch({ env });
  const { dataDir } = app;
  const result = await app.page.evaluate(async (version) => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 120; i++) deep = { v: deep };
    const at = new Date().toISOString();
    const config = { model: 'gemini-3-flash-preview' };
    const turn = { id: 't1', input: { text: 'q' }, config, status: 'done', text: 'a', thought: '', steps: [{ type: 'function_call', arguments: deep }], startedAt: at };
    const session = { version, id: 'deep-one', title: 'Deep', createdAt: at, updatedAt: at, historyMode: 'server', panes: [{ id: 'p1', config, turns: [turn] }] };
    return (window as unknown as Bridge).playground.saveSession!({ session });
  }, SESSION_VERSION);
  expect(result).toEqual({
    ok: false,
    error: {
      code: 'BAD_REQUEST',
      message:
        'This session cannot be saved: panes.0.turns.0.steps.0.arguments.v.… is nested more than 100 levels deep, and a saved session may not be (it could not be opened again). Nothing was written: what was saved before is kept.',
    },
  });
  await app.close();
  app = await launch({ env, dataDir });
  expect(await app.core.api.storageProblems()).toEqual([]);
  expect((await app.core.api.listSessions({})).map((s) => s.id)).not.toContain('deep-one');
});
