// axe-core over part of a page: the serious and critical violations, described, for a spec to expect none of.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

/** Fails when axe judged no text's contrast in `within`: a view that did not render would pass vacuously. */
export async function blockingAxeViolations(page: Page, within: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .include(within)
    .analyze();
  const contrastChecked = [...results.passes, ...results.violations].filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes);
  expect(contrastChecked.length, `axe found no text to check in ${within}`).toBeGreaterThan(0);
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help}\n${v.nodes.slice(0, 6).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`);
}
