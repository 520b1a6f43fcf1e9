// A sweep over system instructions with a "no system instruction" variant: the dialog says so, the pane it makes is
// labelled "no system" and sends no system_instruction, and the exported code leaves it out for that variant.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixture';
import { menuItem, paneAt } from './support/ui';

const KEY = 'AIzaTestKey-sweep-none-51b0';

async function openSweep(page: Page) {
  await page.getByTestId('experiments-menu').click();
  await menuItem(page, 'sweep-open').click();
  const dialog = page.getByTestId('sweep-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a sweep with and without a system instruction: labelled, sent and exported without one', async ({ launch }, testInfo) => {
  test.setTimeout(120_000);
  const app = await launch({ env: { GEMINI_API_KEY: KEY }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await paneAt(page, 0).getByTestId('system-instruction').fill('Base rules.');
  await page.getByTestId('prompt').fill('Hello there');

  const dialog = await openSweep(page);
  await dialog.getByTestId('sweep-system-none').check();
  // "None" alone would drop the base pane's instruction everywhere: the dialog says so, and adds it in one step.
  await expect(dialog.getByTestId('sweep-preview')).toContainText('1 pane (1 system instruction: none)');
  await expect(dialog.getByTestId('sweep-system-note')).toContainText("No pane keeps pane 1's system instruction.");
  await page.screenshot({ path: testInfo.outputPath('sweep-none-only.png') });
  // From the keyboard: the button goes with the note, and the focus goes to the box it filled, not out of the fields.
  await dialog.getByTestId('sweep-system-keep-base').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('sweep-system-1')).toHaveValue('Base rules.');
  await expect(dialog.getByTestId('sweep-system-1')).toBeFocused();
  await expect(dialog.getByTestId('sweep-preview')).toContainText('2 panes (2 system instructions, one of them none)');
  await dialog.getByTestId('sweep-system-1').fill('Be terse.');
  await expect(dialog.getByTestId('sweep-system-note')).toHaveCount(0);
  await expect(dialog.getByTestId('sweep-preview')).toContainText('2 panes (2 system instructions, one of them none)');
  await dialog.getByTestId('sweep-system-2').fill('Be kind.');
  await dialog.getByTestId('sweep-system-3').fill('Be loud.');
  await expect(dialog.getByTestId('sweep-error')).toContainText('At most 3 system instructions, “no system instruction” included');
  await dialog.getByTestId('sweep-system-3').fill('');
  await dialog.getByTestId('sweep-system-2').fill('');
  for (const [width, scheme] of [[1440, 'light'], [1440, 'dark'], [700, 'light'], [700, 'dark']] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`sweep-none-${width}-${scheme}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });

  await dialog.getByTestId('sweep-create').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('pane')).toHaveCount(2);
  await expect(paneAt(page, 0).getByTestId('pane-label')).toHaveText('no system');
  await expect(paneAt(page, 0).getByTestId('system-instruction')).toHaveValue('');
  await expect(paneAt(page, 1).getByTestId('pane-label')).toHaveText('system="Be terse."');

  await page.getByTestId('prompt').press('Control+Enter');
  for (const i of [0, 1]) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const requests = app.fake.interactionRequests().map((r) => r.body as Record<string, unknown>);
  expect(requests.map((b) => b.system_instruction).sort()).toEqual(['Be terse.', undefined]);
  expect(requests.filter((b) => !('system_instruction' in b))).toHaveLength(1);

  // The whole comparison exports as the sweep's loop: the "no system" variant leaves system_instruction out.
  await page.getByTestId('export-code').click();
  const preview = page.getByTestId('code-panel').getByTestId('code-preview');
  await expect(preview).toContainText('"no system": None');
  await expect(preview).toContainText('"system 1": "Be terse."');
  await page.getByTestId('code-panel-close').click();

  // The "no system" pane alone: its call has no system instruction at all.
  await paneAt(page, 0).getByTestId('pane-menu').click();
  await menuItem(page, 'pane-export-code').click();
  await expect(page.getByTestId('code-scope')).toContainText('Pane 1');
  await expect(preview).toContainText('client.interactions.create(');
  await expect(preview).not.toContainText('system_instruction');
});
