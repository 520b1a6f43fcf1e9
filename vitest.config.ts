// Unit tests: src-shared and src-main/core under Node, renderer logic under jsdom where a file asks for it, and the
// built shell against the Electron double (e2e/shell), and the installers' configuration and icon (scripts).
// Renderer tests named *.client.test.ts run with Svelte's client runtime (the browser condition), the only one in
// which $effect runs: for state whose effects are what is tested.
import { configDefaults, defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const CLIENT_TESTS = 'src-renderer/**/*.client.test.ts';

export default defineConfig({
  plugins: [svelte({ hot: false } as never)],
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    // The load test measures retained memory after a forced collection.
    execArgv: ['--expose-gc'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'e2e/fake-api/**/*.test.ts', 'e2e/support/**/*.test.ts', 'e2e/shell/**/*.test.ts', 'bench/**/*.test.ts', 'docs/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, CLIENT_TESTS],
          environment: 'node',
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'svelte-client', include: [CLIENT_TESTS], environment: 'jsdom' },
      },
    ],
  },
});
