// The first load (issue 16, item 16): libraries that only a later view or action uses are built into chunks
// loaded on demand, so the prompt box does not wait for the renderer to parse them.
import { expect, it } from 'vitest';
import { ownerOf, rendererModules } from './bundle';

/** Each package, and what loads it when first needed. */
const ON_DEMAND: Record<string, string> = {
  zod: 'nothing in the renderer: the session schemas run in main (limits.ts holds the numbers both use)',
  diff: 'the comparison view (CompareState.show)',
  papaparse: 'the test set’s import, paste and export (TestSetState)',
  marked: 'the markdown pipeline, after the first frame',
  dompurify: 'the markdown pipeline, after the first frame',
  'pdfjs-dist': 'a PDF preview',
  yaml: 'the code and suite exporters',
};

it('names a module by its package, or by its path in the project', () => {
  expect(ownerOf('/work/x/node_modules/@cfworker/json-schema/dist/esm/index.js')).toBe('@cfworker/json-schema');
  expect(ownerOf('/work/x/node_modules/.pnpm/node_modules/diff/lib/index.mjs')).toBe('diff');
  expect(ownerOf(new URL('../src-renderer/App.svelte?svelte&type=style', import.meta.url).pathname)).toBe('src-renderer/App.svelte');
});

it('keeps the libraries of later views out of the first load, and the first load in one file', async () => {
  const { firstLoad, onDemand, firstLoadFiles, assets } = await rendererModules();
  // scripts/first-load-chunk.ts: modules the entry shares with a chunk loaded on demand are not split into files
  // of their own that the entry must wait for.
  expect(firstLoadFiles).toHaveLength(1);
  // The breakdown did read the first load: the framework and the window are in it.
  expect(firstLoad.get('svelte')).toBeGreaterThan(0);
  expect(firstLoad.get('src-renderer/App.svelte')).toBeGreaterThan(0);
  const inFirstLoad = Object.keys(ON_DEMAND).filter((name) => firstLoad.has(name));
  expect(inFirstLoad).toEqual([]);
  // zod is in no chunk at all; the others are built, to be loaded when needed.
  expect(Object.keys(ON_DEMAND).filter((name) => name !== 'zod' && !onDemand.has(name))).toEqual([]);
  expect(onDemand.has('zod')).toBe(false);
  // The highlighter tokenizes in a worker of its own (lib/markdown/highlighter.ts): in no script of the window.
  expect(firstLoad.has('lowlight') || onDemand.has('lowlight')).toBe(false);
  expect(assets.filter((name) => /^assets\/highlight\.worker-[\w-]+\.js$/.test(name))).toHaveLength(1);
}, 120_000);
