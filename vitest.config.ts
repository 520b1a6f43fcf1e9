// Unit tests: src-shared and src-main/core under Node, renderer logic under jsdom where a file asks for it, and the
// built shell against the Electron double (e2e/shell), and the installers' configuration and icon (scripts).
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte({ hot: false } as never)],
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'e2e/fake-api/**/*.test.ts', 'e2e/support/**/*.test.ts', 'e2e/shell/**/*.test.ts', 'bench/**/*.test.ts', 'docs/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // The load test measures retained memory after a forced collection.
    execArgv: ['--expose-gc'],
  },
});
