// The test cases view has a heading of its own, so a screen reader's list of headings reads it as a part of the
// window with its assertions under it, not an "Assertions" h3 under nothing (axe: heading-order).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixture';

test('the test cases view is headed "Test cases", and its headings go in order', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-headings-9a7e' }, viewport: { width: 1440, height: 900 } });
  const { page } = app;
  await page.keyboard.press('Control+Shift+E');
  const view = page.getByTestId('tests-view');
  await expect(view.getByRole('heading', { name: 'Assertions' })).toBeVisible();
  await expect(view.getByRole('heading', { level: 2, name: 'Test cases', exact: true })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Test cases', exact: true })).toHaveCount(1);
  const results = await new AxeBuilder({ page }).withRules(['heading-order']).include('[data-testid="tests-view"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
