// Keyboard focus on a Stop while it stops (a test run's, a pane's, a repeat run's): it stays on the button, which
// says "Stopping…" and ignores presses, rather than dropping to the page body until the run ends. Main's cancel is
// held back here so that the stopping lasts until the test lets it go.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { menuItem, paneAt, resultsOfCases } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-stop-focus-3e9a' };
const VIEWPORT = { width: 1440, height: 900 };

interface HoldWindow {
  __pgInvoke(channel: string, arg: unknown): Promise<unknown>;
  __releaseCancels(): void;
}

/** Cancels reach main only after releaseCancels(): the run (or answer) stays stopping till then. */
async function holdCancels(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as HoldWindow;
    const invoke = w.__pgInvoke.bind(w);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    w.__releaseCancels = release;
    w.__pgInvoke = (channel, arg) => (channel === 'pg:turn:cancel' ? held.then(() => invoke(channel, arg)) : invoke(channel, arg));
  });
}

const releaseCancels = (page: Page) => page.evaluate(() => (window as unknown as HoldWindow).__releaseCancels());

/** Focuses the control and presses the key on it, as a person tabbing there would. */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await control.press(key);
}

/** Stop, once pressed, keeps the focus, says it is stopping and takes no second press. */
async function expectStopping(stop: Locator): Promise<void> {
  await expect(stop).toHaveText('Stopping…');
  await expect(stop).toBeFocused();
  await expect(stop).toHaveAttribute('aria-disabled', 'true');
  await stop.press('Enter');
  await expect(stop).toBeFocused();
}

/** Pane 1 answering a prompt that streams a first word and then nothing, until stopped. */
async function stallingAnswer(page: Page): Promise<Locator> {
  await page.getByTestId('prompt').fill('[[fault:stall]] Wait for it');
  await page.getByTestId('prompt').press('Control+Enter');
  const pane = paneAt(page, 0);
  await expect(pane).toHaveAttribute('data-status', 'streaming');
  return pane;
}

test('a test run being stopped keeps the focus on its Stop, announces it, and gives the focus to Run all at the end', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const { page } = await launch({ env, fake, viewport: VIEWPORT });
  await resultsOfCases(page, '[[fault:stall]] Say {{word}}', 'word\napple\npear\n');

  await press(page.getByTestId('run-all'));
  const stop = page.getByTestId('run-stop');
  await expect(stop).toBeFocused();
  await holdCancels(page);
  await press(stop);
  await expectStopping(stop);
  await expect(page.getByTestId('run-announcement')).toHaveText('Stopping the test run…');

  await releaseCancels(page);
  await expect(page.getByTestId('run-all')).toBeFocused({ timeout: 30_000 });
  await expect(page.getByTestId('run-announcement')).toHaveText(/^Test run stopped:/);
});

test("a pane's Stop keeps the focus while its answer stops, and gives it to the pane's menu when the answer has stopped", async ({ launch, startFake }) => {
  const fake = await startFake();
  const { page } = await launch({ env, fake, viewport: VIEWPORT });
  const pane = await stallingAnswer(page);

  await holdCancels(page);
  const stop = pane.getByTestId('pane-stop');
  await press(stop);
  await expectStopping(stop);
  await expect(pane.getByTestId('status')).toHaveText('Stopping…');

  await releaseCancels(page);
  await expect(pane).toHaveAttribute('data-status', 'stopped');
  await expect(pane.getByTestId('pane-menu')).toBeFocused();
});

test("a pane's Stop clicked and then left for empty space does not take the focus back to the pane's menu when the answer ends", async ({ launch, startFake }) => {
  const fake = await startFake();
  const { page } = await launch({ env, fake, viewport: VIEWPORT });
  const pane = await stallingAnswer(page);

  await holdCancels(page);
  const stop = pane.getByTestId('pane-stop');
  await stop.click();
  await expectStopping(stop);
  // The person moves on: a click on the window's title puts the focus nowhere (the page body).
  await page.getByRole('heading', { name: 'Gemini Prompt Playground' }).click();
  const onBody = () => page.evaluate(() => document.activeElement === document.body);
  expect(await onBody()).toBe(true);

  await releaseCancels(page);
  await expect(pane).toHaveAttribute('data-status', 'stopped');
  await expect(pane.getByTestId('pane-menu')).not.toBeFocused();
  expect(await onBody()).toBe(true);
});

test("a repeat run's Stop run keeps the focus while the run stops, and gives it to the prompt when the run has stopped", async ({ launch, startFake }) => {
  const fake = await startFake();
  const { page } = await launch({ env, fake, viewport: VIEWPORT });
  // Its repeats answer a first word and then nothing, so they stream until stopped.
  await stallingAnswer(page);
  await paneAt(page, 0).getByTestId('pane-stop').click();
  await expect(paneAt(page, 0)).toHaveAttribute('data-status', 'stopped');

  await page.getByTestId('experiments-menu').click();
  await menuItem(page, 'repeat-open').click();
  await page.getByTestId('repeat-runs').fill('2');
  await page.getByTestId('repeat-start').click();
  const stop = page.getByTestId('repeat-stop');
  await expect(stop).toBeVisible();
  await expect(paneAt(page, 0).getByTestId('sample-chip').first()).toHaveAttribute('data-status', 'streaming');

  await holdCancels(page);
  await press(stop);
  await expectStopping(stop);
  await expect(page.getByTestId('repeat-banner')).toContainText('Stopping…');

  await releaseCancels(page);
  await expect(page.getByTestId('repeat-banner')).toBeHidden();
  // The banner goes with its Stop: the focus goes on to the prompt, where the next run starts, not to the page body.
  await expect(page.getByTestId('prompt')).toBeFocused();
});
