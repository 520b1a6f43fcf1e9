// Conversations and saved sessions through the bridge harness (real core, fake API): multi-turn in both
// history modes, autosave and an exact restore after a restart, delete with undo, search, a refused import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { TurnEvent } from '../src-shared/domain';
import type { Playground } from './harness';
import { expect, test } from './support/fixture';
import { menuItem, paneAt } from './support/ui';

const KEY = 'AIzaTestKey-sessions-7c1d';
const env = { GEMINI_API_KEY: KEY };

const bodies = (a: Playground) => a.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
const doneEvents = (a: Playground) => a.events.filter((e): e is Extract<TurnEvent, { type: 'done' }> => e.type === 'done');

async function send(a: Playground, prompt: string, expectedDone: number): Promise<void> {
  await a.page.getByTestId('prompt').fill(prompt);
  await a.page.getByTestId('prompt').press('Control+Enter');
  await a.waitForTerminalEvents(expectedDone, 30_000);
  for (const pane of await a.page.getByTestId('pane').all()) await expect(pane).toHaveAttribute('data-status', 'done');
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

/** Everything a person sees of the panes, to compare before and after a restart. */
async function paneSnapshot(page: Page) {
  const panes = [];
  for (const pane of await page.getByTestId('pane').all()) {
    const turns = [];
    for (const turn of await pane.getByTestId('turn').all()) {
      turns.push({
        prompt: await turn.getByTestId('user-text').innerText(),
        // textContent, not innerText: finished answer groups off screen are skipped by content-visibility, so
        // innerText would depend on where the pane happens to be scrolled, not on what was kept.
        answer: await turn.getByTestId('answer').evaluate((el) => el.textContent ?? ''),
        metrics: await turn.getByTestId('metrics').innerText(),
      });
    }
    panes.push({
      label: await pane.getByTestId('pane-label').innerText(),
      status: await pane.getAttribute('data-status'),
      summary: await pane.getByTestId('settings-toggle').getAttribute('data-summary'),
      turns,
    });
  }
  return panes;
}


test('a conversation whose earlier turn the server has forgotten goes on with the whole history', async ({ launch }) => {
  const app = await launch({ env });
  await send(app, 'I have 2 dogs.', 1);
  const [first] = doneEvents(app);
  // Stored interactions expire on the server; here the fake forgets this one.
  const gone = await fetch(`${app.fake.url}/v1beta/interactions/${first!.interactionId}`, { method: 'DELETE', headers: { 'x-goog-api-key': KEY } });
  expect(gone.status).toBe(200);

  await app.page.getByTestId('prompt').fill('How many paws?');
  await app.page.getByTestId('prompt').press('Control+Enter');
  const pane = paneAt(app.page, 0);
  await expect(pane).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const second = pane.getByTestId('turn').nth(1);
  await expect(second.getByTestId('answer')).toContainText(' turn=2 ');
  await expect(second.getByTestId('turn-note')).toHaveText('The server no longer keeps the earlier turns, so this one was sent with the whole conversation.');
  const sent = bodies(app);
  expect(sent).toHaveLength(3);
  expect(sent[1]!.previous_interaction_id).toBe(first!.interactionId);
  // The retry carries the first turn itself, and nothing about the forgotten id.
  expect(sent[2]!.previous_interaction_id).toBeUndefined();
  expect(JSON.stringify(sent[2]!.input)).toContain('I have 2 dogs.');
});
test('server-side history: turn 2 chains by previous_interaction_id; a restart restores the session exactly; delete + undo; search', async ({ startFake, launch }) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  let app = await launch({ env, fake });
  const { page, dataDir } = app;
  await expect(page.getByTestId('history-mode')).toHaveValue('server');

  // Two panes with their own settings, one renamed.
  await paneAt(page, 0).getByTestId('temperature').fill('0.2');
  await page.getByTestId('add-pane').click();
  await paneAt(page, 1).getByTestId('temperature').fill('0.9');
  await paneAt(page, 1).getByTestId('pane-menu').click();
  await menuItem(page, 'pane-rename').click();
  await paneAt(page, 1).getByTestId('pane-rename-input').fill('Warm');
  await paneAt(page, 1).getByTestId('pane-rename-input').press('Enter');

  await send(app, 'I have 2 dogs in my house.', 2);
  const first = doneEvents(app);
  await send(app, 'How many paws are in my house?', 4);

  const all = bodies(app);
  expect(all).toHaveLength(4);
  for (const body of all.slice(0, 2)) expect(body).not.toHaveProperty('previous_interaction_id');
  const second = all.slice(2);
  const firstIds = first.map((e) => e.interactionId).sort();
  expect(second.map((b) => b.previous_interaction_id).sort()).toEqual(firstIds);
  for (const body of second) {
    expect(body.input).toBe('How many paws are in my house?');
    expect(body).not.toHaveProperty('store');
  }
  // Each pane chains from its own first answer.
  const paneOfFirst = new Map(first.map((e) => [e.interactionId, e.paneId]));
  const startedSecond = app.events.filter((e) => e.type === 'started').slice(2);
  for (const started of startedSecond) {
    if (started.type !== 'started') continue;
    const body = started.request.body as { previous_interaction_id: string };
    expect(paneOfFirst.get(body.previous_interaction_id)).toBe(started.paneId);
  }
  for (const i of [0, 1]) await expect(paneAt(page, i).getByTestId('turn').nth(1).getByTestId('answer')).toContainText(' turn=2 ');

  // Autosaved; the sidebar lists it, titled from the first prompt.
  await saved(page);
  const item = page.getByTestId('session-item');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('session-title')).toHaveText('I have 2 dogs in my house.');
  await expect(item.getByTestId('session-meta')).toContainText('2 panes');

  const secondIds = doneEvents(app).slice(2).map((e) => e.interactionId).sort();
  const before = await paneSnapshot(page);
  expect(before.map((p) => p.label)).toEqual(['T=0.2', 'Warm']);
  expect(before.every((p) => p.turns.length === 2 && p.status === 'done')).toBe(true);
  await app.close();

  // Same data folder: the last session comes back as it was.
  app = await launch({ env, dataDir, fake });
  const again = app.page;
  await expect(again.getByTestId('pane')).toHaveCount(2);
  await expect(again.getByTestId('turn')).toHaveCount(4);
  expect(await paneSnapshot(again)).toEqual(before);
  for (const i of [0, 1]) await paneAt(again, i).getByTestId('settings-toggle').click();
  await expect(paneAt(again, 0).getByTestId('temperature')).toHaveValue('0.2');
  await expect(paneAt(again, 1).getByTestId('temperature')).toHaveValue('0.9');
  await expect(again.getByTestId('history-mode')).toHaveValue('server');

  // A third turn after the restart still chains from the restored answers.
  await send(app, 'And the cats?', 2);
  const third = bodies(app).slice(4);
  expect(third).toHaveLength(2);
  expect(third.map((b) => b.previous_interaction_id).sort()).toEqual(secondIds);
  await expect(paneAt(again, 0).getByTestId('turn').nth(2).getByTestId('answer')).toContainText(' turn=3 ');
  await saved(again);

  // Search: by a word of the second prompt, and nothing for a word that is not there.
  await again.getByTestId('session-search').fill('paws');
  await expect(again.getByTestId('session-item')).toHaveCount(1);
  await expect(again.getByTestId('session-title')).toHaveText('I have 2 dogs in my house.');
  await again.getByTestId('session-search').fill('zebra');
  await expect(again.getByTestId('session-item')).toHaveCount(0);
  await expect(again.getByTestId('session-empty')).toBeVisible();
  await again.getByTestId('session-search').fill('');

  // Delete, then undo: it comes back with its conversation.
  const id = await again.getByTestId('session-item').first().getAttribute('data-session-id');
  await again.getByTestId('session-item').first().getByTestId('session-actions').click();
  await menuItem(again, 'session-delete').click();
  await expect(again.getByTestId('undo-toast')).toContainText('Deleted');
  await expect(again.locator(`[data-testid="session-item"][data-session-id="${id}"]`)).toHaveCount(0);
  await expect(again.getByTestId('turn')).toHaveCount(0);
  await again.getByTestId('undo-delete').click();
  await expect(again.locator(`[data-testid="session-item"][data-session-id="${id}"]`)).toHaveCount(1);
  await expect(again.getByTestId('turn')).toHaveCount(6);
  await expect(again.getByTestId('session-item').filter({ hasText: 'I have 2 dogs' })).toHaveAttribute('data-active', 'true');
});

test('stateless history: turn 2 sends every step with its thought signature and store:false', async ({ launch }) => {
  test.setTimeout(90_000);
  let app = await launch({ env });
  const { page, dataDir } = app;
  await page.getByTestId('history-mode').selectOption('stateless');

  await send(app, 'I have 2 dogs in my house.', 1);
  const firstSteps = doneEvents(app)[0]!.steps;
  await send(app, 'How many paws are in my house?', 2);

  const [one, two] = bodies(app);
  expect(one).toMatchObject({ store: false, input: [{ type: 'user_input', content: [{ type: 'text', text: 'I have 2 dogs in my house.' }] }] });
  expect(two).not.toHaveProperty('previous_interaction_id');
  expect(two!.store).toBe(false);
  const input = two!.input as { type: string; signature?: string; content?: unknown }[];
  expect(input.map((s) => s.type)).toEqual(['user_input', 'thought', 'model_output', 'user_input']);
  expect(input[0]).toEqual({ type: 'user_input', content: [{ type: 'text', text: 'I have 2 dogs in my house.' }] });
  const signature = (firstSteps.find((s) => s.type === 'thought') as { signature?: string }).signature;
  expect(signature).toBeTruthy();
  expect(input[1]!.signature).toBe(signature);
  expect(input[2]).toEqual(firstSteps.find((s) => s.type === 'model_output'));
  expect(input[3]).toEqual({ type: 'user_input', content: [{ type: 'text', text: 'How many paws are in my house?' }] });
  await expect(paneAt(page, 0).getByTestId('turn').nth(1).getByTestId('answer')).toContainText(' turn=2 ');

  await saved(page);
  const before = await paneSnapshot(page);
  await app.close();
  app = await launch({ env, dataDir });
  await expect(app.page.getByTestId('turn')).toHaveCount(2);
  expect(await paneSnapshot(app.page)).toEqual(before);
  await expect(app.page.getByTestId('history-mode')).toHaveValue('stateless');

  // The restored steps (signatures included) carry turn 3.
  await send(app, 'And the cats?', 1);
  const three = bodies(app)[0]!.input as { type: string; signature?: string }[];
  expect(three.map((s) => s.type)).toEqual(['user_input', 'thought', 'model_output', 'user_input', 'thought', 'model_output', 'user_input']);
  expect(three[1]!.signature).toBe(signature);
});

test('a damaged session file is refused with a message and changes nothing', async ({ launch }, testInfo) => {
  const bad = testInfo.outputPath('truncated.json');
  writeFileSync(bad, '{"format":"gemini-playground-session","version":1,"session":{"version":1,"id":"abc","tit');
  const app = await launch({ env, dialogAnswers: { open: [bad] } });
  const { page } = app;
  await send(app, 'Keep me', 1);
  await saved(page);
  await expect(page.getByTestId('session-item')).toHaveCount(1);
  const listBefore = await page.getByTestId('session-list').innerText();

  await page.getByTestId('session-menu').click();
  await page.getByTestId('session-import').click();
  const notice = page.getByTestId('session-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-kind', 'error');
  await expect(notice).toContainText(/^Could not import “truncated.json”/);
  expect(app.dialogs.shown.filter((d) => d.kind === 'open')).toHaveLength(1);
  await expect(page.getByTestId('session-item')).toHaveCount(1);
  expect(await page.getByTestId('session-list').innerText()).toBe(listBefore);
  await expect(page.getByTestId('turn')).toHaveCount(1);
  await expect(page.getByTestId('user-text')).toHaveText('Keep me');
  await page.screenshot({ path: testInfo.outputPath('import-refused.png') });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`sidebar screenshot (${colorScheme})`, async ({ launch }, testInfo) => {
    test.setTimeout(90_000);
    const app = await launch({ env, colorScheme, viewport: { width: 1280, height: 720 } });
    const { page } = app;
    await send(app, 'Explain server-sent events in two short paragraphs', 1);
    await saved(page);
    await page.getByTestId('session-new').click();
    await send(app, 'Write a haiku about rain on a tin roof', 2);
    await saved(page);
    await page.getByTestId('session-new').click();
    await expect(page.getByTestId('session-item').first()).toHaveAttribute('data-active', 'true');
    await expect(page.getByTestId('session-item')).toHaveCount(3);
    await page.getByTestId('session-item').nth(1).click();
    await expect(page.getByTestId('turn')).toHaveCount(1);
    await page.getByTestId('session-item').nth(1).hover();
    await page.screenshot({ path: testInfo.outputPath(`sidebar-${colorScheme}.png`) });
    await page.getByTestId('session-item').nth(0).getByTestId('session-actions').click();
    await page.screenshot({ path: testInfo.outputPath(`sidebar-menu-${colorScheme}.png`) });
  });
}

test('Session menu: edit the last prompt, regenerate one pane, branch a pane into a new session', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await page.getByTestId('add-pane').click();
  await paneAt(page, 1).getByTestId('temperature').fill('0.9');
  await send(app, 'Name a river.', 2);
  const first = (i: number) => paneAt(page, i).getByTestId('turn').first();

  // Edit: the prompt comes back in the box; sending asks it anew in both panes, the first version kept as a branch.
  await page.getByTestId('session-menu').click();
  await menuItem(page, 'edit-last').click();
  await expect(page.getByTestId('prompt')).toHaveValue('Name a river.');
  await expect(page.getByTestId('editing-banner')).toContainText('asks it anew in 2 panes, and keeps the first version as a branch');
  await page.getByTestId('prompt').fill('Name a lake.');
  await page.getByTestId('prompt').press('Control+Enter');
  await app.waitForTerminalEvents(4, 30_000);
  for (const i of [0, 1]) {
    await expect(paneAt(page, i).getByTestId('turn')).toHaveCount(1);
    await expect(first(i).getByTestId('user-text')).toHaveText('Name a lake.');
    await expect(first(i).getByTestId('answer')).toContainText('Prompt: Name a lake.');
    await expect(first(i).getByTestId('branch-count')).toHaveText('2/2');
  }
  await expect(page.getByTestId('editing-banner')).toBeHidden();
  await first(0).getByTestId('branch-prev').click();
  await expect(first(0).getByTestId('user-text')).toHaveText('Name a river.');
  await first(0).getByTestId('branch-next').click();
  await expect(first(0).getByTestId('user-text')).toHaveText('Name a lake.');

  // Regenerate pane 2 only: its answer is replaced by a new sample of the same request.
  const before = await first(1).getByTestId('answer').textContent();
  const beforePane1 = await first(0).getByTestId('answer').textContent();
  await page.getByTestId('session-menu').click();
  await menuItem(page, 'regenerate-2').click();
  await app.waitForTerminalEvents(5, 30_000);
  await expect(paneAt(page, 1)).toHaveAttribute('data-status', 'done');
  await expect(paneAt(page, 1).getByTestId('turn')).toHaveCount(1);
  await expect(first(1).getByTestId('answer')).not.toHaveText(before ?? '');
  await expect(first(0).getByTestId('answer')).toHaveText(beforePane1 ?? '');
  const sent = bodies(app);
  expect(sent).toHaveLength(5);
  // The same request pane 2 sent for the edited prompt (arrival order of the two panes is not defined).
  const pane2Edit = sent.slice(2, 4).find((b) => (b.generation_config as { temperature?: number } | undefined)?.temperature === 0.9);
  expect(sent[4]).toEqual(pane2Edit);

  // Branch pane 2: a new session with that pane alone, its turn and its settings; the original stays listed.
  await saved(page);
  await page.getByTestId('session-menu').click();
  await menuItem(page, 'branch-2').click();
  await expect(page.getByTestId('pane')).toHaveCount(1);
  await expect(page.getByTestId('session-item')).toHaveCount(2);
  await expect(page.getByTestId('session-item').filter({ hasText: '(branch)' })).toHaveCount(1);
  await expect(first(0).getByTestId('user-text')).toHaveText('Name a lake.');
  await paneAt(page, 0).getByTestId('settings-toggle').click();
  await expect(paneAt(page, 0).getByTestId('temperature')).toHaveValue('0.9');
  // The branch goes on from its own answer.
  await send(app, 'And a sea?', 6);
  const chained = bodies(app)[5]!;
  expect(chained.previous_interaction_id).toBe(doneEvents(app)[4]!.interactionId);
});
