// docs/screenshot.png, the picture at the top of the README: three models asked the same question, drawn by the
// real renderer through the bridge harness against the fake API, so it shows the app as it is today and can be
// made again after any change to the look (`npm run screenshot`, after `npm run build`).
//
// The fake answers what `[[answer@MODEL:"…"]]` scripts for each model (e2e/fake-api/README.md), so the picture
// shows readable answers rather than filler; the markers sit in the prompt, which each pane scrolls past.
import { resolve } from 'node:path';
import { expect } from '@playwright/test';
import { launchPlayground } from '../e2e/harness';
import { addPanes, paneAt, sendToAll } from '../e2e/support/ui';

const OUT = resolve(import.meta.dirname, '..', 'docs', 'screenshot.png');

const CODE = ['```ts', 'function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {', '  let timer: ReturnType<typeof setTimeout> | undefined;', '  return (...args: A) => {', '    clearTimeout(timer);', '    timer = setTimeout(() => fn(...args), ms);', '  };', '}', '```'];

/** Each pane's model, its settings, and what the fake answers it. */
const PANES = [
  {
    model: 'gemini-3-flash-preview',
    temperature: '0.2',
    answer: [
      'A debounce waits until calls **stop** for `ms` milliseconds, then runs once with the last arguments:',
      '',
      ...CODE,
      '',
      'Use it for search boxes and resize handlers, where only the final value matters.',
    ],
  },
  {
    model: 'gemini-3.1-pro-preview',
    temperature: '',
    thinking: 'high',
    answer: [
      'Keep one timer per debounced function and restart it on every call:',
      '',
      ...CODE,
      '',
      '- **Leading edge:** run on the first call instead, then ignore calls for `ms`.',
      '- **Cancel:** return `{ run, cancel }` so a component can clear the timer when it unmounts.',
    ],
  },
  {
    model: 'gemini-2.5-flash',
    temperature: '1.2',
    system: 'Be brief, and name a library if one does it.',
    answer: [
      'Wrap the function in a closure that holds a timer: each call clears the pending timer and starts a new one, so',
      'the function runs only after `ms` milliseconds without calls.',
      '',
      'If the project already uses **lodash**, its `debounce` does this and adds `leading`, `trailing` and `maxWait`:',
      '',
      '```ts',
      "import debounce from 'lodash/debounce';",
      '',
      'const save = debounce(() => draft.save(), 500);',
      "input.addEventListener('input', save);",
      '```',
    ],
  },
] as const;

async function main(): Promise<void> {
  const app = await launchPlayground({ env: { GEMINI_API_KEY: 'AIzaReadmeScreenshotKey51f0' }, viewport: { width: 1280, height: 800 } });
  try {
    const { page } = app;
    await addPanes(page, PANES.length);
    for (const [i, pane] of PANES.entries()) {
      const view = paneAt(page, i);
      await view.getByTestId('model-select').selectOption(pane.model);
      if (pane.temperature) await view.getByTestId('temperature').fill(pane.temperature);
      if ('thinking' in pane) await view.getByTestId('thinking-level').selectOption(pane.thinking);
      if ('system' in pane) await view.getByTestId('system-instruction').fill(pane.system);
    }
    const markers = PANES.map((p) => `[[answer@${p.model}:${JSON.stringify(p.answer.join('\n'))}]]`).join(' ');
    await sendToAll(page, `How do I debounce a function in TypeScript? ${markers}`);
    for (const [i] of PANES.entries()) await expect(paneAt(page, i)).toHaveAttribute('data-status', 'done');
    // Highlighting comes from a worker once a code block closes: wait for it, not for a fixed time.
    await expect(page.locator('pre code.hljs')).toHaveCount(PANES.length);
    await page.getByTestId('prompt').fill('');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: OUT, animations: 'disabled' });
    console.log(`wrote ${OUT}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
