// Start-up (issue 16, item 16): the window mounts without reading its own layout (each read mid-mount lays out the
// half-built window once more before the first frame), and the prompt box works from the moment it is there.
import type { Playground } from './harness';
import { expect, test, type Launch } from './support/fixture';

const KEY = 'AIzaTestKey-e2e-startup';

/** Records every layout read made before the page's first animation frame, with the line that made it. */
const LAYOUT_READS = `(() => {
  const reads = (window.__layoutReads = []);
  let framed = false;
  requestAnimationFrame(() => { framed = true; });
  const note = (name) => {
    if (framed) return;
    const where = (new Error().stack ?? '').split('\\n').slice(3, 4).join('').trim();
    reads.push(name + ' ' + where);
  };
  const wrapGetter = (proto, name) => {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d?.get) return;
    Object.defineProperty(proto, name, { ...d, get() { note(name); return d.get.call(this); } });
  };
  const wrapMethod = (owner, name) => {
    const original = owner[name];
    owner[name] = function (...args) { note(name); return original.apply(this, args); };
  };
  for (const name of ['clientWidth', 'clientHeight', 'clientTop', 'clientLeft', 'scrollWidth', 'scrollHeight', 'scrollTop', 'scrollLeft']) wrapGetter(Element.prototype, name);
  for (const name of ['offsetWidth', 'offsetHeight', 'offsetTop', 'offsetLeft', 'offsetParent', 'innerText']) wrapGetter(HTMLElement.prototype, name);
  wrapMethod(Element.prototype, 'getBoundingClientRect');
  wrapMethod(Element.prototype, 'getClientRects');
  wrapMethod(window, 'getComputedStyle');
})();`;

/**
 * Records what is slow the first time while the window mounts (before DOMContentLoaded, which follows the module's
 * run): a touch of the page's storage (the first asks the browser process, synchronously, whether the page may use
 * it) and an Intl object made (the first in a renderer process costs 10–15 ms of ICU set-up).
 */
const SLOW_FIRSTS = `(() => {
  const found = (window.__slowFirsts = []);
  let mounted = false;
  document.addEventListener('DOMContentLoaded', () => { mounted = true; });
  const where = () => (new Error().stack ?? '').split('\\n').slice(3, 4).join('').trim();
  for (const name of ['NumberFormat', 'DateTimeFormat', 'Segmenter', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat']) {
    const Made = Intl[name];
    Intl[name] = new Proxy(Made, { construct(target, args, newTarget) {
      if (!mounted) found.push('Intl.' + name + ' ' + where());
      return Reflect.construct(target, args, newTarget);
    } });
  }
  for (const name of ['localStorage', 'sessionStorage']) {
    // A global's attributes live on the window itself, not its prototype.
    const d = Object.getOwnPropertyDescriptor(window, name);
    if (!d?.get) { found.push('no getter for ' + name); continue; }
    Object.defineProperty(window, name, { ...d, get() {
      if (!mounted) found.push(name + ' ' + where());
      return d.get.call(this);
    } });
  }
})();`;

/** The app with one answered turn, so a reload reopens a session with a conversation. */
async function withOneTurn(launch: Launch, prompt: string): Promise<Playground> {
  const app = await launch({ env: { GEMINI_API_KEY: KEY } });
  await app.page.getByTestId('prompt').fill(prompt);
  await app.page.getByTestId('send').click();
  await expect(app.page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  return app;
}

test('the window mounts without reading its layout, touching its storage or making an Intl object, a restored conversation included', async ({ launch }) => {
  const { page } = await withOneTurn(launch, 'Remember me');

  await page.addInitScript({ content: LAYOUT_READS });
  await page.addInitScript({ content: SLOW_FIRSTS });
  await page.reload();
  await expect(page.getByTestId('user-text').first()).toContainText('Remember me');
  await expect(page.getByTestId('compare-open')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __layoutReads: string[] }).__layoutReads)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __slowFirsts: string[] }).__slowFirsts)).toEqual([]);
  // Reached later, it is there: the last open session came back, and a draft typed now is kept.
  expect(await page.evaluate(() => window.localStorage.getItem('pg.lastSession'))).toBeTruthy();
});

test('a prompt sent the moment the window is back goes out as typed', async ({ launch }) => {
  const app = await withOneTurn(launch, 'First');
  const { page } = app;

  await page.reload({ waitUntil: 'commit' });
  await page.getByTestId('prompt').fill('Straight after start');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status').last()).toHaveAttribute('data-status', 'done');
  expect(app.fake.interactionRequests().map((r) => (r.body as { input?: unknown }).input)).toEqual(['First', 'Straight after start']);
  await expect(page.getByTestId('prompt')).toHaveValue('');
});

test('a shut settings fold is built when first opened, and keeps what was typed once shut again', async ({ launch }) => {
  const { page } = await launch({ env: { GEMINI_API_KEY: KEY } });
  const fold = page.getByTestId('more-settings');
  const fields = fold.locator('input, select, textarea');
  await expect(page.getByTestId('prompt')).toBeEnabled();
  expect(await fields.count()).toBe(0);
  await fold.locator('summary').click();
  await expect(fields.first()).toBeVisible();
  const field = fold.locator('input[type=text], input:not([type]), textarea').first();
  await field.fill('12');
  await fold.locator('summary').click();
  await expect(fields.first()).toBeHidden();
  await fold.locator('summary').click();
  await expect(field).toHaveValue('12');
});

/** What the frame that first shows the prompt box holds, recorded from inside that frame. */
const FIRST_FRAME = `(() => {
  const seen = (window.__firstFrame = { done: false });
  const mo = new MutationObserver(() => {
    if (!document.querySelector('[data-testid=prompt]')) return;
    mo.disconnect();
    requestAnimationFrame(() => {
      seen.settingsWraps = document.querySelectorAll('[data-testid=pane-settings]').length;
      seen.modelFields = document.querySelectorAll('[data-testid=model-select]').length;
      seen.menuItems = document.querySelectorAll('[role^=menuitem]').length;
      // A task queued from this frame (as input arriving during it would be) runs before the put-off form is built.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        seen.modelFieldsNextTask = document.querySelectorAll('[data-testid=model-select]').length;
        seen.done = true;
      };
      channel.port2.postMessage(0);
    });
  });
  mo.observe(document, { subtree: true, childList: true });
})();`;

test('the first frame shows the prompt box; the settings form follows it, and menus build their items when opened', async ({ launch }) => {
  const { page } = await launch({ env: { GEMINI_API_KEY: KEY } });
  await page.addInitScript({ content: FIRST_FRAME });
  await page.reload();
  await page.waitForFunction('window.__firstFrame.done');
  // The pane's settings have their place (the toggle's aria-controls) but not yet their fields, and no menu its items.
  expect(await page.evaluate('window.__firstFrame')).toEqual({ done: true, settingsWraps: 1, modelFields: 0, menuItems: 0, modelFieldsNextTask: 0 });

  await expect(page.getByTestId('model-select')).toBeVisible();
  expect(await page.locator('[role^=menuitem]').count()).toBe(0);
  await page.getByTestId('session-menu').click();
  await expect(page.getByTestId('branch-1')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('branch-1')).toBeHidden();
  await page.getByTestId('session-menu').click();
  await expect(page.getByTestId('branch-1')).toBeFocused();
});
