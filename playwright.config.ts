// Playwright: the renderer in Chromium through the bridge harness, plus the _electron spec where the binary exists.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/support/chromium';
import { outDir } from './e2e/support/out-dir';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // A run with its own build (PLAYGROUND_OUT_DIR) keeps its own results too: Playwright empties the folder when a
  // run starts, which deleted the traces and screenshots of another run still going in the same checkout.
  outputDir: process.env.PLAYGROUND_OUT_DIR?.trim() ? `${outDir()}-test-results` : 'test-results',
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
