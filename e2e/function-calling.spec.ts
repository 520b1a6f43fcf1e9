// Function calling through the bridge harness against the fake API: an answer that stops with requires_action shows
// each call with an editor for its result; "Send results" continues the same turn (server and stateless history);
// "answer with mocks automatically" lets a broadcast finish unattended; parallel calls; a pending turn survives a
// restart with what was typed. Panes are seeded through a saved session (functions with their mocks).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import type { TurnEvent } from '../src-shared/domain';
import { SESSION_VERSION, type Session } from '../src-shared/session';
import type { FunctionDecl } from '../src-shared/settings/structured';
import type { LaunchOptions, Playground } from './harness';
import { expect, test } from './support/fixture';
import { failSaves } from './support/failing-saves';
import { paneAt, sendToAll } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-functions-4e2a' };

const WEATHER: FunctionDecl = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  mock: '{"temp": 21}',
};
const TIME: FunctionDecl = { name: 'get_time', description: 'The time of day', mock: '{"time": "noon"}' };
/** A name as long as real ones get: one word, no place to break it. */
const LONG_TIME: FunctionDecl = { ...TIME, name: 'get_local_time_of_day_in_the_requested_timezone' };

/** A data folder holding one saved session whose panes declare `functions` (with mocks): the app opens it at start. */
function seeded(panes: { functions: FunctionDecl[]; autoMock?: boolean; responseSchema?: Record<string, unknown> }[], historyMode: Session['historyMode'] = 'server'): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'playground-fc-'));
  const now = new Date().toISOString();
  const session: Session = {
    version: SESSION_VERSION,
    id: 'function-calling',
    title: 'Function calling',
    createdAt: now,
    updatedAt: now,
    historyMode,
    panes: panes.map((p, i) => ({
      id: `pane-${i + 1}`,
      config: {
        model: 'gemini-3-flash-preview',
        functions: p.functions,
        ...(p.autoMock ? { autoMock: true } : {}),
        ...(p.responseSchema ? { responseSchema: p.responseSchema } : {}),
      },
      turns: [],
    })),
  };
  mkdirSync(join(dataDir, 'sessions'));
  writeFileSync(join(dataDir, 'sessions', `${session.id}.json`), JSON.stringify(session));
  return dataDir;
}

const bodies = (a: Playground) => a.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
const done = (a: Playground) => a.events.filter((e): e is Extract<TurnEvent, { type: 'done' }> => e.type === 'done');
const panel = (pane: Locator) => pane.getByTestId('function-calls');

/** Launches on the seeded data and waits until the saved session is open (a prompt typed before would be reset). */
async function open(launch: (o: LaunchOptions) => Promise<Playground>, options: LaunchOptions): Promise<Playground> {
  const app = await launch({ env, ...options });
  await expect(paneAt(app.page, 0).getByTestId('settings-toggle')).toHaveAttribute('data-summary', /get_weather/, { timeout: 15_000 });
  return app;
}

test('a typed result goes back chained to the interaction that asked; the pending turn and what was typed survive a restart', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const dataDir = seeded([{ functions: [{ ...WEATHER, mock: '{"temp": 5}' }] }]);
  let app = await open(launch, { fake, dataDir });
  await sendToAll(app.page, 'What is the weather in Paris?');
  let pane = paneAt(app.page, 0);
  await expect(panel(pane)).toBeVisible({ timeout: 30_000 });
  const call = pane.getByTestId('function-call');
  await expect(call).toHaveCount(1);
  await expect(call).toHaveAttribute('data-name', 'get_weather');
  await expect(call.getByTestId('function-call-args')).toContainText('"city"');
  // Not "Done": the answer waits for the person.
  await expect(pane.getByTestId('status')).toHaveText('Needs results');
  await expect(pane.getByTestId('status')).toHaveAttribute('data-awaiting', 'results');
  const result = pane.getByTestId('function-result');
  await expect(result).toHaveValue('{"temp": 5}');

  // Something that starts like JSON must be JSON: the send waits, and says why.
  await result.fill('{"temp": 21,');
  await expect(pane.getByTestId('function-result-error')).toContainText('Not valid JSON');
  await expect(pane.getByTestId('send-results')).toBeDisabled();
  await expect(pane.getByTestId('send-results-reason')).toHaveText('Fix the result of “get_weather” to send.');
  await result.fill('{"temp":21}');
  await expect(pane.getByTestId('send-results')).toBeEnabled();
  await expect(app.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const askedId = done(app)[0]!.interactionId;
  expect(done(app)[0]!.status).toBe('requires_action');
  await app.close();

  app = await open(launch, { fake, dataDir });
  pane = paneAt(app.page, 0);
  await expect(pane.getByTestId('function-result')).toHaveValue('{"temp":21}', { timeout: 15_000 });
  await pane.getByTestId('send-results').click();
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":21}', { timeout: 30_000 });
  await expect(pane).toHaveAttribute('data-status', 'done');
  await expect(panel(pane)).toHaveCount(0);
  await expect(pane.getByTestId('turn')).toHaveCount(1);
  await expect(pane.getByTestId('status')).toHaveText('Done');

  const [asked, answered] = fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
  expect(answered).toMatchObject({ previous_interaction_id: askedId, input: [{ type: 'function_result', name: 'get_weather', result: { temp: 21 } }] });
  expect(answered!.tools).toEqual(asked!.tools);
  expect(JSON.stringify(answered)).not.toContain('mock');
});

test('stateless: the results follow the whole conversation with store:false, thought signatures included', async ({ launch }) => {
  const app = await open(launch, { dataDir: seeded([{ functions: [WEATHER] }], 'stateless') });
  await expect(app.page.getByTestId('history-mode')).toHaveValue('stateless');
  await sendToAll(app.page, 'Weather in Lyon?');
  const pane = paneAt(app.page, 0);
  await expect(pane.getByTestId('function-result')).toHaveValue('{"temp": 21}', { timeout: 30_000 });
  await pane.getByTestId('send-results').click();
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":21}', { timeout: 30_000 });

  const [, second] = bodies(app);
  expect(second!.store).toBe(false);
  expect(second!.previous_interaction_id).toBeUndefined();
  const input = second!.input as { type: string; signature?: string }[];
  expect(input.map((s) => s.type)).toEqual(['user_input', 'thought', 'function_call', 'function_result']);
  expect(input[1]!.signature).toBeTruthy();
});

test('a schema pane whose model writes a line before calling: no verdict while it waits for results, then its JSON is checked, the line shown above it', async ({ launch }, testInfo) => {
  const responseSchema = { type: 'object', properties: { sky: { type: 'string' } }, required: ['sky'] };
  const app = await open(launch, { dataDir: seeded([{ functions: [WEATHER], responseSchema }]) });
  await sendToAll(app.page, 'Weather in Oslo? [[say-first]]');
  const pane = paneAt(app.page, 0);
  await expect(panel(pane)).toBeVisible({ timeout: 30_000 });
  await expect(pane.getByTestId('answer')).toHaveText('Let me look that up first.');
  // Not the JSON yet: it is not judged against the schema.
  await expect(pane.getByTestId('schema-badge')).toHaveCount(0);
  await pane.getByTestId('send-results').click();
  await expect(panel(pane)).toHaveCount(0, { timeout: 30_000 });
  await expect(pane.getByTestId('schema-badge')).toHaveText('Valid against schema');
  const answer = pane.getByTestId('answer');
  await expect(pane.getByTestId('answer-before')).toHaveText('Let me look that up first.');
  await expect(answer.locator('pre code')).toContainText('"sky":');
  await expect(answer).not.toContainText('Let me look');
  await pane.screenshot({ path: testInfo.outputPath('schema-after-call.png') });
});

test('answering with mocks automatically: a three-pane broadcast of two rounds each completes unattended', async ({ launch }) => {
  const app = await open(launch, { dataDir: seeded([1, 2, 3].map(() => ({ functions: [WEATHER], autoMock: true }))) });
  await sendToAll(app.page, 'Weather in Oslo? [[call-twice]]');
  await app.waitForTerminalEvents(9, 60_000);
  for (let i = 0; i < 3; i++) {
    const pane = paneAt(app.page, i);
    await expect(pane).toHaveAttribute('data-status', 'done');
    await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":21}; get_weather={"temp":21}');
    await expect(panel(pane)).toHaveCount(0);
    await expect(pane.getByTestId('turn')).toHaveCount(1);
  }
  expect(done(app).map((e) => e.status).sort()).toEqual([...Array(6).fill('requires_action'), ...Array(3).fill('completed')].sort());
  expect(bodies(app).filter((b) => b.previous_interaction_id !== undefined)).toHaveLength(6);
});

test('parallel calls are answered together, each with its own result and error flag', async ({ launch }) => {
  const app = await open(launch, { dataDir: seeded([{ functions: [WEATHER, TIME] }]) });
  await sendToAll(app.page, 'Weather and time in Rome? [[parallel]]');
  const pane = paneAt(app.page, 0);
  const calls = pane.getByTestId('function-call');
  await expect(calls).toHaveCount(2, { timeout: 30_000 });
  await expect(calls.nth(0)).toHaveAttribute('data-name', 'get_weather');
  await expect(calls.nth(1)).toHaveAttribute('data-name', 'get_time');
  await calls.nth(1).getByTestId('function-result').fill('clock is broken');
  await calls.nth(1).getByTestId('function-result-is-error').check();
  await pane.getByTestId('send-results').click();
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":21}; get_time="clock is broken"', { timeout: 30_000 });
  const input = bodies(app)[1]!.input as Record<string, unknown>[];
  expect(input).toEqual([
    { type: 'function_result', call_id: expect.any(String), name: 'get_weather', result: { temp: 21 } },
    { type: 'function_result', call_id: expect.any(String), name: 'get_time', result: 'clock is broken', is_error: true },
  ]);
});

test('keyboard: Ctrl+Enter in a result sends the results, not the prompt waiting below, and the keyboard stays in the pane each round', async ({ launch }) => {
  const app = await open(launch, { dataDir: seeded([{ functions: [WEATHER] }]) });
  await sendToAll(app.page, 'Weather in Oslo? [[call-twice]]');
  const pane = paneAt(app.page, 0);
  await expect(pane.getByTestId('status')).toHaveText('Needs results', { timeout: 30_000 });
  const prompt = app.page.getByTestId('prompt');
  await prompt.fill('And tomorrow?');
  // The window's Ctrl+Enter sends the prompt; from a result, it sent nothing and said the pane waits for results.
  await pane.getByTestId('function-result').fill('{"temp": 3}');
  await pane.getByTestId('function-result').press('Control+Enter');
  await expect.poll(() => bodies(app).length).toBe(2);
  expect(bodies(app)[1]).toMatchObject({ input: [{ type: 'function_result', name: 'get_weather', result: { temp: 3 } }] });
  // The editor went with the panel: the keyboard is kept in this conversation, not dropped to the top of the window.
  await expect(pane.getByTestId('conversation')).toBeFocused();
  await expect(pane.getByTestId('status')).toHaveText('Needs results', { timeout: 30_000 });
  await pane.getByTestId('send-results').focus();
  await app.page.keyboard.press('Enter');
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":3}; get_weather={"temp":21}', { timeout: 30_000 });
  await expect(pane.getByTestId('conversation')).toBeFocused();
  await expect(prompt).toHaveValue('And tomorrow?');
  await expect(app.page.getByTestId('composer-error')).toHaveCount(0);
  expect(bodies(app)).toHaveLength(3);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the calls panel at 1440, 900 and 700 px wide (${colorScheme})`, async ({ launch }, info) => {
    const app = await open(launch, { colorScheme, viewport: { width: 1440, height: 900 }, dataDir: seeded([{ functions: [WEATHER, LONG_TIME] }, { functions: [WEATHER] }]) });
    await sendToAll(app.page, 'Weather and time in Rome? [[parallel]]');
    await expect(paneAt(app.page, 1).getByTestId('function-calls')).toBeVisible({ timeout: 30_000 });
    await expect(paneAt(app.page, 0).getByTestId('function-call')).toHaveCount(2);
    await paneAt(app.page, 0).getByTestId('function-result').nth(1).fill('{"time": ');
    for (const width of [1440, 900, 700]) {
      await app.page.setViewportSize({ width, height: 900 });
      const calls = paneAt(app.page, 0).getByTestId('function-calls');
      await calls.scrollIntoViewIfNeeded();
      await app.page.screenshot({ path: info.outputPath(`function-calls-${width}-${colorScheme}.png`) });
      // Nothing of the panel sticks out of its pane at any width.
      const paneBox = (await paneAt(app.page, 0).boundingBox())!;
      const box = (await calls.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(paneBox.x);
      expect(box.x + box.width).toBeLessThanOrEqual(paneBox.x + paneBox.width + 0.5);
      // A long function name wraps in the labels that repeat it, rather than running past the panel's border.
      const overflowing = await calls.locator('label').evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
      expect(overflowing, `at ${width} px`).toEqual([]);
      // Nor do the switch that repeats it and the reason Send gives, past the panel's edge.
      const pastEdge = await calls.locator('label, [data-testid=send-results-reason]').evaluateAll((els, right) =>
        els.filter((el) => el.getBoundingClientRect().right > right + 0.5).map((el) => el.textContent), box.x + box.width);
      expect(pastEdge, `at ${width} px`).toEqual([]);
    }
  });
}

test('a turn saved with 7 stop sequences (before the limit of 5) is not continued: Send says why before it is pressed, the typed result stays, nothing is sent', async ({ launch }, testInfo) => {
  const dataDir = seeded([{ functions: [WEATHER] }]);
  const file = join(dataDir, 'sessions', 'function-calling.json');
  const session = JSON.parse(readFileSync(file, 'utf8')) as Session;
  const seven = Array.from({ length: 7 }, (_, i) => `ZQ${i}`);
  session.panes[0]!.turns = [
    {
      id: 'turn-1',
      input: { text: 'Weather in Paris?' },
      config: { model: 'gemini-3-flash-preview', functions: [WEATHER], stopSequences: seven },
      status: 'done',
      text: '',
      thought: '',
      steps: [{ type: 'function_call', id: 'call-1', name: 'get_weather', arguments: { city: 'Paris' } }],
      interactionId: 'v1_asked-before-the-limit',
      finishStatus: 'requires_action',
      startedAt: session.createdAt,
    },
  ];
  writeFileSync(file, JSON.stringify(session));
  const app = await open(launch, { dataDir });
  const pane = paneAt(app.page, 0);
  await pane.getByTestId('function-result').fill('{"temp": 19}');
  const why =
    'This turn was sent with 7 stop sequences before the limit of 5, so the API would refuse its next round. Start a new turn (or edit the last prompt) with at most 5 stop sequences.';
  const send = pane.getByTestId('send-results');
  await expect(send).toBeDisabled();
  await expect(pane.getByTestId('send-results-reason')).toHaveText(why);
  await expect(send).toHaveAccessibleDescription(why);
  await expect(pane.getByTestId('function-result')).toHaveValue('{"temp": 19}');
  expect(app.fake.interactionRequests()).toHaveLength(0);
  await app.page.screenshot({ path: testInfo.outputPath('turn-over-stop-limit.png') });
});

test('a round of results cut by closing the app comes back with what it sent and what had streamed, typed or mocked, and goes again without retyping', async ({ launch, startFake }, testInfo) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  const dataDir = seeded([{ functions: [{ ...WEATHER, mock: '{"temp": 5}' }] }, { functions: [WEATHER], autoMock: true }]);
  let app = await open(launch, { fake, dataDir, viewport: { width: 900, height: 900 } });
  // The rounds of results are scripted by this prompt too: a long answer, slowly.
  await sendToAll(app.page, 'Weather in Paris? [[len:6000]] [[delay:60]]');
  const typed = paneAt(app.page, 0);
  await typed.getByTestId('function-result').fill('{"temp":21}', { timeout: 30_000 });
  await typed.getByTestId('send-results').click();
  for (const pane of [typed, paneAt(app.page, 1)]) await expect(pane.getByTestId('answer')).toContainText('Results: get_weather=', { timeout: 30_000 });
  expect(await app.core.mayClose()).toBe(true);
  // As the app quits: the window has saved and is gone, then main stops what still streams.
  await app.page.close();
  await app.close();
  const asked = done(app).filter((e) => e.status === 'requires_action').map((e) => e.interactionId);
  expect(asked).toHaveLength(2);

  app = await open(launch, { fake, dataDir, viewport: { width: 900, height: 900 } });
  const results = ['{"temp":21}', '{"temp":21}'];
  for (const [i, sent] of results.entries()) {
    const pane = paneAt(app.page, i);
    await expect(pane.getByTestId('answer')).toContainText(`Results: get_weather=${sent}`, { timeout: 15_000 });
    await expect(pane.getByTestId('turn')).toHaveCount(1);
    await expect(pane.getByTestId('turn')).not.toHaveAttribute('data-status', 'done');
    await expect(pane.getByTestId('retry')).toBeEnabled();
    // What went out, typed or mocked, waits in the call's editor.
    await expect(pane.getByTestId('function-result')).toHaveValue(sent);
  }
  await app.page.screenshot({ path: testInfo.outputPath('round-cut-by-close-900.png') });
  // Nothing goes out on its own, auto-mock or not: the round is offered again, as an interrupted first answer is.
  const before = fake.interactionRequests().length;
  for (const i of [0, 1]) await paneAt(app.page, i).getByTestId('retry').click();
  for (const i of [0, 1]) await expect(paneAt(app.page, i).getByTestId('turn')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const again = fake.interactionRequests().slice(before).map((r) => r.body as Record<string, unknown>);
  expect(again).toHaveLength(2);
  for (const body of again) {
    expect(asked).toContain(body.previous_interaction_id);
    expect(body.input).toEqual([{ type: 'function_result', call_id: expect.any(String), name: 'get_weather', result: { temp: 21 } }]);
  }
});

/** Opens the seeded data and sends a prompt whose model asks for get_weather; the round after it streams long and slowly. */
async function askedBeforeSlowRound(launch: (o: LaunchOptions) => Promise<Playground>, options: LaunchOptions): Promise<Playground> {
  const app = await open(launch, options);
  await sendToAll(app.page, 'Weather in Paris? [[len:6000]] [[delay:60]]');
  await expect(paneAt(app.page, 0).getByTestId('status')).toHaveText('Needs results', { timeout: 30_000 });
  return app;
}

test('a round of results no save holds (the disk refused them) comes back from main’s journal after closing', async ({ launch, startFake }) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  const dataDir = seeded([{ functions: [{ ...WEATHER, mock: '{"temp": 5}' }] }]);
  let app = await askedBeforeSlowRound(launch, { fake, dataDir });
  let pane = paneAt(app.page, 0);
  await expect(app.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  failSaves(app);
  await pane.getByTestId('function-result').fill('{"temp":21}');
  await pane.getByTestId('send-results').click();
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":21}', { timeout: 30_000 });
  await app.page.close();
  await app.close();

  app = await open(launch, { fake, dataDir });
  pane = paneAt(app.page, 0);
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":21}', { timeout: 15_000 });
  await expect(pane.getByTestId('function-result')).toHaveValue('{"temp":21}');
  await expect(pane.getByTestId('turn')).toHaveCount(1);
  await expect(pane.getByTestId('retry')).toBeEnabled();
});

test('quitting while mocks answer a second round: the turn comes back with each round once, the second cut', async ({ launch, startFake }) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  const dataDir = seeded([{ functions: [WEATHER], autoMock: true }]);
  let app = await open(launch, { fake, dataDir });
  // The first results are answered by asking again at once; the second round's answer is long and slow.
  await sendToAll(app.page, 'Weather in Paris? [[call-twice]] [[len:6000]] [[delay:60]]');
  await expect(paneAt(app.page, 0).getByTestId('answer')).toContainText('Results: get_weather=', { timeout: 30_000 });
  expect(await app.core.mayClose()).toBe(true);
  await app.page.close();
  await app.close();

  app = await open(launch, { fake, dataDir });
  await expect(paneAt(app.page, 0).getByTestId('answer')).toContainText('Results: get_weather=', { timeout: 15_000 });
  const saved = JSON.parse(readFileSync(join(dataDir, 'sessions', 'function-calling.json'), 'utf8')) as Session;
  const turn = saved.panes[0]!.turns[0]!;
  // The two calls and the first round's result, once each; the second round's result is the round's, beside them.
  expect(turn.steps.map((s) => s.type).filter((type) => type !== 'thought')).toEqual(['function_call', 'function_result', 'function_call']);
  expect(turn.round).toMatchObject({ status: 'stopped', results: [{ type: 'function_result', name: 'get_weather' }] });
});

test('a Retry of a stopped round, cut by closing before any save, comes back as the newer attempt and goes again', async ({ launch, startFake }) => {
  test.setTimeout(120_000);
  const fake = await startFake();
  const dataDir = seeded([{ functions: [{ ...WEATHER, mock: '{"temp": 5}' }] }]);
  let app = await askedBeforeSlowRound(launch, { fake, dataDir });
  let pane = paneAt(app.page, 0);
  await pane.getByTestId('send-results').click();
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":5}', { timeout: 30_000 });
  await app.page.getByTestId('stop').click();
  await expect(pane.getByTestId('stopped')).toBeVisible();
  await expect(app.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // The file now holds the stopped round; nothing of the Retry reaches it.
  failSaves(app);
  const before = app.events.length;
  await pane.getByTestId('retry').click();
  const retry = () => app.events.slice(before).find((e) => e.type === 'delta');
  await expect.poll(() => retry() !== undefined, { timeout: 30_000 }).toBe(true);
  const retried = retry()!.requestId;
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":5}', { timeout: 30_000 });
  await app.page.close();
  await app.close();

  app = await open(launch, { fake, dataDir });
  pane = paneAt(app.page, 0);
  await expect(pane.getByTestId('answer')).toContainText('Results: get_weather={"temp":5}', { timeout: 15_000 });
  const saved = JSON.parse(readFileSync(join(dataDir, 'sessions', 'function-calling.json'), 'utf8')) as Session;
  expect(saved.panes[0]!.turns[0]!.round).toMatchObject({ requestId: retried, status: 'stopped' });
  await expect(pane.getByTestId('turn')).toHaveCount(1);
  await pane.getByTestId('retry').click();
  await expect(pane.getByTestId('turn')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
});
