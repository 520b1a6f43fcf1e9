// Keyboard focus when the control that had it goes away in place, in the test cases view and the blind rating dialog:
// it goes on to what took the control's place, never to the page body (from where a keyboard or screen-reader user
// starts again at the top of the window). The view itself takes the keyboard when it opens and gives it back to its
// opener when it closes. Everything here is done with keys only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { SESSION_VERSION, sessionSchema } from '../src-shared/session';
import { expect, test } from './support/fixture';
import { dataDirWith } from './support/saved-sessions';
import { addPanes, menuItem } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-focus-handover-7d2c' };
const VIEWPORT = { width: 1440, height: 900 };

/** Focuses the control and presses the key on it, as a person tabbing there would. */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await control.press(key);
}

async function importCases(page: Page, csv: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'focus-handover-'));
  writeFileSync(join(dir, 'cases.csv'), csv);
  await page.getByTestId('cases-import-input').setInputFiles(join(dir, 'cases.csv'));
  await expect(page.getByTestId('cases-notice')).toHaveText(/Imported/);
}

test('the test cases view takes the keyboard from its opener and gives it back; deleting a row, undoing it, removing an assertion and closing the column form keep it', async ({ launch }) => {
  const app = await launch({ env, viewport: VIEWPORT });
  const { page } = app;
  await page.getByTestId('prompt').fill('Say {{word}}');

  const experiments = page.getByTestId('experiments-menu');
  await press(experiments);
  await press(menuItem(page, 'tests-open'));
  await expect(page.getByTestId('tests-view')).toBeVisible();
  await expect(page.getByTestId('tests-tab-cases')).toBeFocused();

  await importCases(page, 'word\napple\npear\nplum\n');
  const rows = page.getByTestId('case-row');
  await press(rows.nth(1).getByTestId('case-delete'));
  await expect(rows).toHaveCount(2);
  // The row that took the deleted one's place has its ✕ focused: pressing again deletes the next.
  await expect(rows.nth(1).getByTestId('case-delete')).toBeFocused();
  await expect(rows.nth(1).getByTestId('case-delete')).toHaveAccessibleName(/plum/);

  await press(page.getByTestId('case-undo-delete'));
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByTestId('case-delete')).toBeFocused();
  await expect(rows.nth(1).getByTestId('case-delete')).toHaveAccessibleName(/pear/);

  // The last row: the one above it now.
  await press(rows.nth(2).getByTestId('case-delete'));
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId('case-delete')).toBeFocused();

  await press(page.getByTestId('column-add'));
  await expect(page.getByTestId('column-name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('column-name')).toHaveCount(0);
  await expect(page.getByTestId('column-add')).toBeFocused();

  const editor = page.getByTestId('assertions-editor');
  for (let i = 0; i < 2; i++) await press(editor.getByTestId('assertion-add'));
  await expect(editor.getByTestId('assertion')).toHaveCount(2);
  await press(editor.getByTestId('assertion-remove').first());
  await expect(editor.getByTestId('assertion')).toHaveCount(1);
  await expect(editor.getByTestId('assertion-remove')).toBeFocused();
  await press(editor.getByTestId('assertion-remove'));
  await expect(editor.getByTestId('assertion')).toHaveCount(0);
  await expect(editor.getByTestId('assertion-add-type')).toBeFocused();

  await press(page.getByTestId('tests-close'));
  await expect(page.getByTestId('tests-view')).toHaveCount(0);
  await expect(experiments).toBeFocused();

  // By its shortcut from the prompt, and closed by it again: back in the prompt.
  await page.getByTestId('prompt').focus();
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('tests-tab-cases')).toBeFocused();
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('tests-view')).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toBeFocused();

  // From a pane, which the view takes away and brings back anew: the prompt, not the page body.
  await page.getByTestId('pane').first().getByTestId('settings-toggle').focus();
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('tests-tab-cases')).toBeFocused();
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('tests-view')).toHaveCount(0);
  await expect(page.getByTestId('prompt')).toBeFocused();
});

test('results: Run all hands the focus to Stop and Stop back to Run all; opening and closing an answer, and ↻ while its run goes, keep it', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  // Slow enough answers that the run is still going when the focus is looked at.
  const fake = await startFake({ deltaDelayMs: 30 });
  const app = await launch({ env, fake, viewport: VIEWPORT });
  const { page } = app;
  await addPanes(page, 2);
  await page.getByTestId('prompt').fill('Say {{word}}');
  await page.getByTestId('prompt').press('Control+Shift+E');
  await importCases(page, 'word\napple\npear\n');
  await press(page.getByTestId('tests-tab-cases'), 'ArrowRight');
  await expect(page.getByTestId('results-grid')).toBeVisible();

  await press(page.getByTestId('run-all'));
  await expect(page.getByTestId('run-stop')).toBeFocused();
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('run-all')).toBeFocused();

  const cell = page.getByTestId('result-cell').first();
  await press(cell.getByTestId('cell-expand'));
  await expect(cell.getByTestId('cell-collapse')).toBeFocused();
  await press(cell.getByTestId('cell-collapse'));
  await expect(cell.getByTestId('cell-collapse')).toHaveCount(0);
  await expect(cell.getByTestId('cell-expand')).toBeFocused();

  const rerun = cell.getByTestId('cell-rerun');
  await press(rerun);
  await expect(rerun).toHaveAttribute('aria-disabled', 'true');
  await expect(rerun).toBeFocused();
  await expect(rerun).toHaveAttribute('aria-disabled', 'false', { timeout: 30_000 });
  await expect(rerun).toBeFocused();
});

/** A data folder with two panes that answered the same `turns` prompts, one always with ALPHA. */
function blindSession(turns: number): string {
  const now = new Date().toISOString();
  const config = { model: 'gemini-3-flash-preview' };
  const session = sessionSchema.parse({
    version: SESSION_VERSION,
    id: 'focus-blind',
    title: 'Focus blind',
    createdAt: now,
    updatedAt: now,
    historyMode: 'stateless',
    panes: ['Alpha', 'Beta'].map((name, p) => ({
      id: `pane-${p + 1}`,
      config,
      turns: Array.from({ length: turns }, (_, t) => ({
        id: `pane-${p + 1}-turn-${t}`,
        input: { text: `Prompt ${t + 1}` },
        config,
        status: 'done',
        text: `${name.toUpperCase()} answers ${t + 1}.`,
        thought: '',
        steps: [],
        startedAt: now,
      })),
    })),
  });
  return dataDirWith(session, 'focus-blind');
}

async function openBlind(page: Page, turns: number): Promise<Locator> {
  await expect(page.getByTestId('pane').first()).toContainText(`ALPHA answers ${turns}.`, { timeout: 15_000 });
  await press(page.getByTestId('experiments-menu'));
  await press(menuItem(page, 'blind-open'));
  return page.getByTestId('blind-dialog');
}

test('blind rating: starting the plan and rating its last pair hand the focus to the next step’s first control; each new pair is announced', async ({ launch }) => {
  const app = await launch({ env, dataDir: blindSession(2), viewport: VIEWPORT });
  const dialog = await openBlind(app.page, 2);
  await press(dialog.getByTestId('blind-plan-start'));
  // Undo is first but has nothing to undo yet: the first pick takes the focus.
  await expect(dialog.getByTestId('blind-pick-a')).toBeFocused();
  // The focus stays on the pick while the next pair comes in: the pair's number says so, as a polite live region.
  await expect(dialog.getByTestId('blind-progress')).toHaveAttribute('aria-live', 'polite');
  await press(dialog.getByTestId('blind-skip'));
  await expect(dialog.getByTestId('blind-skip')).toBeFocused();
  await expect(dialog.getByTestId('blind-progress')).toContainText('Pair 2 of 2');
  await press(dialog.getByTestId('blind-skip'));
  await expect(dialog.getByTestId('blind-empty')).toBeVisible();
  await expect(dialog.getByTestId('blind-deal')).toBeFocused();
});

test('blind rating: a round that stops once decided, and a new plan from there, keep the focus in the dialog', async ({ launch }) => {
  const app = await launch({ env, dataDir: blindSession(20), viewport: VIEWPORT });
  const dialog = await openBlind(app.page, 20);
  await dialog.getByTestId('blind-plan-target').fill('90');
  await press(dialog.getByTestId('blind-plan-start'));
  const stopped = dialog.getByTestId('blind-stopped');
  while ((await stopped.count()) === 0) {
    const left = (await dialog.getByTestId('blind-text-a').textContent()) ?? '';
    const progress = (await dialog.getByTestId('blind-progress').textContent()) ?? '';
    await press(dialog.getByTestId(left.includes('ALPHA') ? 'blind-pick-a' : 'blind-pick-b'));
    await expect(dialog.getByTestId('blind-progress').or(stopped).first()).not.toHaveText(progress);
  }
  await expect(stopped).toHaveAttribute('data-kind', 'decided');
  await expect(stopped.getByTestId('blind-undo')).toBeFocused();
  await press(stopped.getByTestId('blind-deal'));
  await expect(dialog.getByTestId('blind-plan-target')).toBeFocused();
});

test('Settings: Save pressed from the keyboard keeps the focus while it saves and after', async ({ launch }) => {
  const app = await launch({ env, viewport: VIEWPORT });
  const { page } = app;
  await press(page.getByTestId('settings-button'));
  const save = page.getByTestId('settings-save');
  await press(save);
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(save).toBeFocused();
  await expect(save).toHaveText('Save');
});

test('Save as… in Export code and Save to folder… in Export suite keep the focus through their dialog', async ({ launch }) => {
  const app = await launch({ env, viewport: VIEWPORT });
  const { page } = app;
  await addPanes(page, 2);
  await press(page.getByTestId('export-code'));
  const saveCode = page.getByTestId('code-save');
  app.dialogs.answerNextSave(join(mkdtempSync(join(tmpdir(), 'focus-handover-code-')), 'playground.py'));
  await press(saveCode);
  await expect(page.getByTestId('code-save-status')).toContainText('Saved to');
  await expect(saveCode).toBeFocused();
  await page.keyboard.press('Escape');

  await page.getByTestId('prompt').fill('Say {{word}}');
  await page.keyboard.press('Control+Shift+E');
  await importCases(page, 'word\napple\n');
  await press(page.getByTestId('suite-export-open'));
  const saveSuite = page.getByTestId('suite-save');
  app.dialogs.answerNextOpen(mkdtempSync(join(tmpdir(), 'focus-handover-suite-')));
  await press(saveSuite);
  await expect(page.getByTestId('suite-save-status')).toContainText('Saved');
  await expect(saveSuite).toBeFocused();
});
