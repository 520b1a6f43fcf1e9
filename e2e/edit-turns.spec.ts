// Editing a conversation through the bridge harness (issue 16, item 13): an earlier prompt edited and resent forks
// the conversation (the original kept as a branch, ‹ 1/2 ›), a hand-written example and an edited answer reach the
// next request, which in server history mode carries the whole edited history statelessly; branches survive a
// restart. Screenshots at 1440, 900 and 700 px in light and dark.
import type { Locator, Page } from '@playwright/test';
import type { Playground } from './harness';
import { blockingAxeViolations } from './support/axe';
import { expect, test } from './support/fixture';
import { paneAt, sendToAll } from './support/ui';

const KEY = 'AIzaTestKey-edit-turns-3b9f';
const env = { GEMINI_API_KEY: KEY };

type Body = { input: unknown; store?: boolean; previous_interaction_id?: string };
const bodies = (a: Playground) => a.fake.interactionRequests().map((r) => r.body as Body);
const userStep = (text: string) => ({ type: 'user_input', content: [{ type: 'text', text }] });
const modelOutput = (text: string) => ({ type: 'model_output', content: [{ type: 'text', text }] });
/** The steps of a stateless input, as user text / model text pairs, thoughts and other steps left out. */
const said = (input: unknown) =>
  (input as { type: string; content?: { type: string; text?: string }[] }[])
    .filter((s) => s.type === 'user_input' || s.type === 'model_output')
    .map((s) => `${s.type === 'user_input' ? 'user' : 'model'}: ${(s.content ?? []).map((c) => c.text ?? '').join('')}`);

async function send(page: Page, prompt: string, turns: number): Promise<void> {
  await sendToAll(page, prompt);
  const pane = paneAt(page, 0);
  await expect(pane.getByTestId('turn')).toHaveCount(turns);
  await expect(pane).toHaveAttribute('data-status', 'done');
}

const turnAt = (page: Page, index: number): Locator => paneAt(page, 0).getByTestId('turn').nth(index);

async function twoTurns(page: Page): Promise<void> {
  await send(page, 'I have 2 dogs.', 1);
  await send(page, 'How many paws?', 2);
}

test('an earlier prompt edited and resent forks the conversation; an example and an edited answer go with the next request; all survive a restart', async ({
  launch,
  startFake,
}) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  let app = await launch({ env, fake });
  let { page } = app;
  await expect(page.getByTestId('history-mode')).toHaveValue('server');
  await twoTurns(page);
  const originalAnswer = await turnAt(page, 0).getByTestId('answer').innerText();
  expect(bodies(app)[1]!.previous_interaction_id).toBeDefined();

  // Escape cancels an edit and changes nothing.
  await turnAt(page, 0).getByTestId('edit-prompt').click();
  await page.getByTestId('prompt-editor').getByTestId('edit-text').fill('thrown away');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('prompt-editor')).toHaveCount(0);
  await expect(turnAt(page, 0).getByTestId('user-text')).toHaveText('I have 2 dogs.');
  await expect(turnAt(page, 0).getByTestId('edit-prompt')).toBeFocused();

  // Edit turn 1's prompt and resend, by keyboard (Ctrl+Enter is the primary action, Save and resend): the later
  // turn goes into a branch; the request is stateless.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('prompt-editor').getByTestId('edit-text')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('I have 3 dogs.');
  await page.keyboard.press('Control+Enter');
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(1);
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done');
  let sent = bodies(app);
  expect(sent).toHaveLength(3);
  expect(sent[2]!.previous_interaction_id).toBeUndefined();
  expect(sent[2]!.store).toBe(false);
  expect(sent[2]!.input).toEqual([userStep('I have 3 dogs.')]);
  await expect(turnAt(page, 0).getByTestId('user-text')).toHaveText('I have 3 dogs.');
  await expect(turnAt(page, 0).getByTestId('branch-count')).toHaveText('2/2');
  await expect(paneAt(page, 0).getByTestId('from-edit-note')).toHaveText('Continues without server history from the edit');

  // Back to the original: its prompt, answer and later turn; then forward again.
  await turnAt(page, 0).getByTestId('branch-prev').click();
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(2);
  await expect(turnAt(page, 0).getByTestId('user-text')).toHaveText('I have 2 dogs.');
  await expect(turnAt(page, 0).getByTestId('answer')).toHaveText(originalAnswer);
  await expect(turnAt(page, 1).getByTestId('user-text')).toHaveText('How many paws?');
  await expect(turnAt(page, 0).getByTestId('branch-count')).toHaveText('1/2');
  await turnAt(page, 0).getByTestId('branch-next').click();
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(1);
  await expect(turnAt(page, 0).getByTestId('user-text')).toHaveText('I have 3 dogs.');

  // A few-shot example at the start, and the edited branch's answer edited by hand: the next request has both.
  await paneAt(page, 0).getByTestId('insert-example').first().click();
  await page.getByTestId('example-prompt').fill('Q: 1 cat?');
  await page.getByTestId('example-answer').fill('A: 4 paws.');
  await page.getByTestId('example-add').click();
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(2);
  await expect(turnAt(page, 0)).toHaveAttribute('data-example', 'true');
  await turnAt(page, 1).getByTestId('edit-answer').click();
  await page.getByTestId('answer-editor').getByTestId('edit-text').fill('Twelve paws, then.');
  await page.getByTestId('answer-editor').getByTestId('edit-save').click();
  await expect(turnAt(page, 1).getByTestId('answer')).toHaveText('Twelve paws, then.');
  await expect(turnAt(page, 1).getByTestId('answer-edited')).toBeVisible();
  // The switcher stays on the forked turn, now after the example.
  await expect(turnAt(page, 1).getByTestId('branch-count')).toHaveText('2/2');

  await send(page, 'And the cats?', 3);
  sent = bodies(app);
  expect(sent).toHaveLength(4);
  expect(sent[3]!.previous_interaction_id).toBeUndefined();
  expect(sent[3]!.store).toBe(false);
  expect(said(sent[3]!.input)).toEqual(['user: Q: 1 cat?', 'model: A: 4 paws.', 'user: I have 3 dogs.', 'model: Twelve paws, then.', 'user: And the cats?']);
  expect((sent[3]!.input as unknown[]).at(-2)).toEqual(modelOutput('Twelve paws, then.'));
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const dataDir = app.dataDir;
  await app.close();

  // A restart: the branch, the example and the edit are all still there, and the conversation still goes on statelessly.
  app = await launch({ env, fake, dataDir });
  page = app.page;
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(3);
  await expect(turnAt(page, 0)).toHaveAttribute('data-example', 'true');
  await expect(turnAt(page, 1).getByTestId('answer')).toHaveText('Twelve paws, then.');
  await expect(turnAt(page, 1).getByTestId('branch-count')).toHaveText('2/2');
  await turnAt(page, 1).getByTestId('branch-prev').click();
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(3);
  await expect(turnAt(page, 1).getByTestId('user-text')).toHaveText('I have 2 dogs.');
  await expect(turnAt(page, 2).getByTestId('user-text')).toHaveText('How many paws?');
  // The original branch now follows the example: its next request carries the example and the original turns.
  const before = bodies(app).length;
  await send(page, 'Thanks!', 4);
  const last = bodies(app)[before]!;
  expect(last.previous_interaction_id).toBeUndefined();
  expect(said(last.input).slice(0, 3)).toEqual(['user: Q: 1 cat?', 'model: A: 4 paws.', 'user: I have 2 dogs.']);
  expect(said(last.input).at(-1)).toBe('user: Thanks!');
});

test('an example without an answer is refused and keeps what was typed', async ({ launch }) => {
  const app = await launch({ env });
  const { page } = app;
  await send(page, 'Hello', 1);
  await turnAt(page, 0).getByTestId('edit-answer').click();
  await page.getByTestId('answer-editor').getByTestId('edit-text').fill('My own answer');
  // Cancel leaves the answer as it was; an example with only a prompt is refused, the text stays.
  await page.getByTestId('answer-editor').getByTestId('edit-cancel').click();
  await expect(turnAt(page, 0).getByTestId('answer')).not.toContainText('My own answer');
  await expect(turnAt(page, 0).getByTestId('answer-edited')).toHaveCount(0);
  await paneAt(page, 0).getByTestId('insert-example').last().click();
  await page.getByTestId('example-prompt').fill('Only a prompt');
  await page.getByTestId('example-add').click();
  await expect(page.getByTestId('example-form').getByTestId('edit-problem')).toHaveText('An example needs both a prompt and an answer.');
  await expect(page.getByTestId('example-prompt')).toHaveValue('Only a prompt');
  await expect(paneAt(page, 0).getByTestId('turn')).toHaveCount(1);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots at 1440, 900 and 700 px of a forked conversation with an example (${colorScheme})`, async ({ launch }, testInfo) => {
    test.setTimeout(90_000);
    const app = await launch({ env, colorScheme, viewport: { width: 1440, height: 900 } });
    const { page } = app;
    await page.getByTestId('add-pane').click();
    await twoTurnsBoth(page);
    await turnAt(page, 0).getByTestId('edit-prompt').click();
    await page.getByTestId('prompt-editor').getByTestId('edit-text').fill('I have 3 dogs.');
    await page.getByTestId('prompt-editor').getByTestId('edit-resend').click();
    await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'done');
    await paneAt(page, 0).getByTestId('insert-example').first().click();
    await page.getByTestId('example-prompt').fill('Q: 1 cat?');
    await page.getByTestId('example-answer').fill('A: 4 paws.');
    await page.getByTestId('example-add').click();
    await turnAt(page, 1).getByTestId('edit-answer').click();
    await page.getByTestId('answer-editor').getByTestId('edit-text').fill('Twelve paws, then.');
    await page.getByTestId('answer-editor').getByTestId('edit-save').click();
    // An editor open in the second pane, as a person mid-edit sees it.
    await paneAt(page, 1).getByTestId('turn').nth(1).getByTestId('edit-prompt').click();
    expect(await blockingAxeViolations(page, '[data-testid="pane-board"]')).toEqual([]);
    for (const width of [1440, 900, 700]) {
      await page.setViewportSize({ width, height: 800 });
      await paneAt(page, 0).getByTestId('conversation').evaluate((el) => (el.scrollTop = 0));
      await page.screenshot({ path: testInfo.outputPath(`edit-turns-${width}-${colorScheme}.png`) });
    }
  });
}

async function twoTurnsBoth(page: Page): Promise<void> {
  for (const [prompt, turns] of [['I have 2 dogs.', 1], ['How many paws?', 2]] as const) {
    await sendToAll(page, prompt);
    for (const i of [0, 1]) {
      await expect(paneAt(page, i).getByTestId('turn')).toHaveCount(turns);
      await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
    }
  }
}
