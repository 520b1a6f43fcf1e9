// Build of the three bundles: main (ESM), preload (CommonJS, as a sandboxed preload must be) and renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { firstLoadGroup } from './scripts/first-load-chunk';

// PLAYGROUND_OUT_DIR: build somewhere other than out/ (e2e/support/out-dir.ts reads the same variable).
const OUT = process.env.PLAYGROUND_OUT_DIR?.trim() || 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${OUT}/main`,
      rollupOptions: {
        input: { index: resolve('src-main/index.ts'), cli: resolve('src-main/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      rollupOptions: {
        input: { preload: resolve('src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    plugins: [svelte()],
    build: {
      outDir: resolve(`${OUT}/renderer`),
      // electron-vite leaves the renderer unminified; the first load parses every byte of it.
      minify: true,
      rollupOptions: {
        input: resolve('src-renderer/index.html'),
        output: { codeSplitting: { groups: [firstLoadGroup('app')] } },
      },
    },
  },
});
