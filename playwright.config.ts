// Playwright: the renderer in Chromium through the bridge harness, plus the _electron spec where the binary exists.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/support/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Two cores: one worker keeps streaming timings honest and the machine responsive.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One retry in CI tells a flaky test from a broken one in the report, and failOnFlakyTests still fails the run:
  // a test that passes only on retry measures something the machine decides, and must be fixed.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    },
    // No DOM snapshots: the harness delivers every batch of turn events with page.evaluate, and a snapshot
    // per batch of six streaming panes would swamp the page.
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false },
  },
});
