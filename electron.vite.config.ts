// Build of the three bundles: main (ESM), preload (CommonJS, as a sandboxed preload must be) and renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('src-main/index.ts'), cli: resolve('src-main/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
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
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified; the first load parses every byte of it.
      minify: true,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
