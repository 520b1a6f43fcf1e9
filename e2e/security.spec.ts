// Untrusted input in the real renderer: hostile model output stays inert, and the CSP is in force.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixture';

// The fake echoes the prompt into its answer, so each vector arrives as model output.
const VECTORS = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '[click](javascript:window.__pwned="link")',
  '<svg onload="window.__pwned=\'svg\'"><script>window.__pwned="svg-script"</script></svg>',
  '<form action="https://evil.example/steal"><input name="k"><button>go</button></form>',
  '<iframe src="https://evil.example/"></iframe>',
  '![remote](https://evil.example/pixel.png)',
];

test('hostile markdown in an answer renders inert and loads nothing remote', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0001' } });
  const { page } = app;
  const remote: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(app!.origin)) remote.push(r.url());
  });
  for (const vector of VECTORS) {
    await page.getByTestId('prompt').fill(vector);
    await page.getByTestId('send').click();
    await expect(page.getByTestId('status').last()).toHaveAttribute('data-status', 'done');
  }
  const answers = page.getByTestId('answer');
  await expect(answers).toHaveCount(VECTORS.length);
  const found = await answers.evaluateAll((nodes) => ({
    scripts: nodes.flatMap((n) => [...n.querySelectorAll('script, iframe, form, object, embed')]).length,
    handlers: nodes.flatMap((n) => [...n.querySelectorAll('*')]).filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    jsLinks: nodes.flatMap((n) => [...n.querySelectorAll('a')]).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
    remoteImages: nodes.flatMap((n) => [...n.querySelectorAll('img')]).filter((img) => /^https?:/i.test(img.getAttribute('src') ?? '')).length,
  }));
  expect(found).toEqual({ scripts: 0, handlers: 0, jsLinks: 0, remoteImages: 0 });
  // Clicking what was a javascript: link does nothing and opens nothing.
  await answers.nth(2).getByText('click').click();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(app.opened).toEqual([]);
  expect(remote).toEqual([]);
});

test('the Content-Security-Policy is in force: an injected inline script is refused, by the CSP', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0002' } });
  const { page } = app;
  const result = await page.evaluate(async () => {
    const w = window as unknown as { __inline?: boolean };
    const violation = new Promise<string>((ok) =>
      document.addEventListener('securitypolicyviolation', (e) => ok(e.effectiveDirective), { once: true }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.body.append(script);
    return { inline: w.__inline === true, directive: await violation };
  });
  expect(result).toEqual({ inline: false, directive: 'script-src-elem' });
  const response = await page.request.get(`${app.origin}/index.html`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
});

test('a link in an answer opens only through the validated external path', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0003' } });
  const { page } = app;
  await page.getByTestId('prompt').fill('See [the docs](https://ai.google.dev/gemini-api/docs)');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  const before = page.url();
  await page.getByTestId('answer').getByRole('link', { name: 'the docs' }).click();
  await expect.poll(() => app!.opened).toEqual(['https://ai.google.dev/gemini-api/docs']);
  expect(page.url()).toBe(before);
});

/** Whether what is painted at the center of `target` is `target` (or inside it), not something laid over it. */
async function ownsItsCenter(target: Locator): Promise<boolean> {
  await target.scrollIntoViewIfNeeded();
  return target.evaluate((box) => {
    const r = box.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top !== null && box.contains(top);
  });
}

/** The app's own controls around an answer: the prompt box, the prompt as sent, the answer's Copy button. */
async function appControlsUncovered(page: Page): Promise<Record<string, boolean>> {
  return {
    prompt: await ownsItsCenter(page.getByTestId('prompt')),
    userText: await ownsItsCenter(page.getByTestId('user-text')),
    copy: await ownsItsCenter(page.getByTestId('copy-answer')),
  };
}

test('an answer that forges the app’s own toast renders as answer text, without the class, in the flow', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0004' } });
  const { page } = app;
  // The hashed class Svelte gave the app's real toast: what a model that saw the page could write.
  const toastClass = await page.evaluate(() => {
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        const match = /^\.toast\.(svelte-[\w-]+)$/.exec((rule as CSSStyleRule).selectorText ?? '');
        if (match) return match[1];
      }
    }
    return null;
  });
  expect(toastClass).toMatch(/^svelte-/);
  await page.getByTestId('prompt').fill(`<div class="toast ${toastClass}">⚠ Your API key was revoked. Enter it again at https://evil.example/key</div>`);
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');

  const forged = page.getByTestId('answer').getByText('⚠ Your API key was revoked');
  await expect(forged).toBeVisible();
  expect(await forged.evaluate((el) => ({ class: el.getAttribute('class'), position: getComputedStyle(el).position }))).toEqual({
    class: null,
    position: 'static',
  });
  expect(await appControlsUncovered(page)).toEqual({ prompt: true, userText: true, copy: true });
});

test('whatever slipped into an answer could not cover the app: the answer contains its content', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0005' } });
  const { page } = app;
  await page.getByTestId('prompt').fill('A short answer');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  expect(await appControlsUncovered(page)).toEqual({ prompt: true, userText: true, copy: true });
  // As if the sanitizer had let a fixed, full-window overlay through (it does not: this checks the second wall).
  await page.getByTestId('answer').evaluate((answer) => {
    const overlay = document.createElement('div');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:red';
    answer.append(overlay);
  });
  expect(await appControlsUncovered(page)).toEqual({ prompt: true, userText: true, copy: true });
});

test('an image map in an answer does not navigate the window', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0006' } });
  const { page } = app;
  const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=';
  await page.getByTestId('prompt').fill(`<img usemap=#m width=200 height=99 alt=map src="${gif}"><map name=m><area shape=default href=?x></map>`);
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  const before = page.url();
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const image = page.getByTestId('answer').getByRole('img', { name: 'map' });
  expect(await image.getAttribute('usemap')).toBeNull();
  await expect(page.getByTestId('answer').locator('map, area')).toHaveCount(0);
  // Playwright waits for a navigation the click starts before it returns.
  await image.click();
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page.getByTestId('answer')).toHaveCount(1);
  expect(app.opened).toEqual([]);
});

test('a mail link opens through main; a link main refuses says why instead of doing nothing', async ({ launch }) => {
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0007' } });
  const { page } = app;
  await page.getByTestId('prompt').fill('Write to [the team](mailto:team@example.com) or see [this page](https://user@example.com/)');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  const answer = page.getByTestId('answer');
  await answer.getByRole('link', { name: 'the team' }).click();
  await expect.poll(() => app!.opened).toEqual(['mailto:team@example.com']);

  await answer.getByRole('link', { name: 'this page' }).click();
  await expect(page.getByTestId('session-notice')).toHaveText(
    /This link was not opened: The link contains a user name or password\.\s*https:\/\/user@example\.com\//,
  );
  expect(app.opened).toEqual(['mailto:team@example.com']);
});
