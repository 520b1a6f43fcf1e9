// A session file edited by hand (a turn or a pane copied to try a variation) repeats an id the window tells turns and
// panes apart by. Such a file is refused with a message, saved or imported, and the window goes on working: before,
// it opened, the window's list of turns (or panes) failed on the repeated id, and every start reopened it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_FILE_FORMAT, SESSION_FILE_VERSION, SESSION_VERSION, type SavedTurn, type Session } from '../src-shared/session';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';

const env = { GEMINI_API_KEY: 'AIzaTestKey-hand-edited-3f0a' };
const model = 'gemini-3-flash-preview';

const turn = (id: string, prompt: string): SavedTurn => ({
  id,
  input: { text: prompt },
  config: { model },
  status: 'done',
  text: `Answer to ${prompt}`,
  thought: '',
  steps: [],
  startedAt: '2026-01-01T00:00:00.000Z',
});

const session = (id: string, title: string, updatedAt: string, panes: Session['panes']): Session => ({
  version: SESSION_VERSION,
  id,
  title,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt,
  historyMode: 'server',
  panes,
});

/** The window still answers: a prompt sent now comes back in every pane. */
async function stillWorks(app: Playground): Promise<void> {
  await app.page.getByTestId('prompt').fill('Still there?');
  await app.page.getByTestId('prompt').press('Control+Enter');
  await app.waitForTerminalEvents(1, 30_000);
  await expect(app.page.getByTestId('user-text').last()).toHaveText('Still there?');
  expect(app.console.filter((line) => line.startsWith('pageerror'))).toEqual([]);
}

test('a saved session whose pane repeats a turn is set aside with a message at start, and the app opens', async ({ launch }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  mkdirSync(join(dataDir, 'sessions'));
  const good = session('kept', 'Kept', '2026-01-01T00:00:00.000Z', [{ id: 'pane-1', config: { model }, turns: [turn('turn-a', 'Hello')] }]);
  const copied = session('copied', 'Copied turn', '2026-02-01T00:00:00.000Z', [
    { id: 'pane-1', config: { model }, turns: [turn('turn-b', 'First'), turn('turn-b', 'First, again')] },
  ]);
  for (const doc of [good, copied]) writeFileSync(join(dataDir, 'sessions', `${doc.id}.json`), JSON.stringify(doc));

  const app = await launch({ env, dataDir });
  const notice = app.page.getByTestId('session-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/copied was damaged \(.*another turn of the pane has the id “turn-b”\); it was moved aside/);
  await expect(app.page.getByTestId('session-item')).toHaveCount(1);
  await expect(app.page.getByTestId('user-text')).toHaveText(['Hello']);
  await stillWorks(app);
});

test('an imported session whose panes share an id is refused with a message and changes nothing', async ({ launch }, testInfo) => {
  const file = testInfo.outputPath('two-panes-one-id.json');
  const pane = { id: 'pane-1', config: { model }, turns: [turn('turn-c', 'Compare')] };
  const doc = session('imported', 'Two panes, one id', '2026-01-01T00:00:00.000Z', [pane, { ...pane, turns: [turn('turn-d', 'Compare')] }]);
  writeFileSync(file, JSON.stringify({ format: SESSION_FILE_FORMAT, version: SESSION_FILE_VERSION, session: doc, images: {} }));
  const app = await launch({ env, dialogAnswers: { open: [file] } });

  await app.page.getByTestId('session-menu').click();
  await app.page.getByTestId('session-import').click();
  const notice = app.page.getByTestId('session-notice');
  await expect(notice).toHaveAttribute('data-kind', 'error');
  await expect(notice).toContainText(/^Could not import “two-panes-one-id.json”: .*pane-1/);
  expect(await app.core.api.listSessions({})).toEqual([]);
  await stillWorks(app);
});
