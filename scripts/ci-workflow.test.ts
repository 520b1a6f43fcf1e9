// The GitHub Actions workflow (.github/workflows/ci.yml), checked here because actionlint is not available offline:
// it parses; `npm test` runs on Linux (under Xvfb), macOS and Windows with the Electron binary fetched and a
// Chromium for the bridge harness, on a Node the engines accept; a version tag builds every platform's installers
// and keeps each kind electron-builder makes; .ci/run stays this machine's CI.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import config from '../electron-builder.config';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WORKFLOW_TEXT = readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  'runs-on': string;
  strategy?: { 'fail-fast'?: boolean; matrix?: { os?: string[] } };
  steps: Step[];
}
interface Workflow {
  on: { push?: { branches?: string[]; tags?: string[] }; pull_request?: unknown };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(WORKFLOW_TEXT) as Workflow;
const OSES = ['ubuntu-latest', 'macos-latest', 'windows-latest'];
/** What `runner.os` says on each runner image. */
const RUNNER_OS: Record<string, string> = { 'ubuntu-latest': 'Linux', 'macos-latest': 'macOS', 'windows-latest': 'Windows' };

/** The steps a passing job runs on one runner: those without a condition, and those whose `runner.os` test holds. */
function stepsOn(job: Job, os: string): Step[] {
  return job.steps.filter((step) => {
    if (step.if === undefined) return true;
    if (step.if === 'failure()') return false;
    const m = /^runner\.os (==|!=) '(\w+)'$/.exec(step.if);
    if (!m) throw new Error(`a condition this test cannot read: ${step.if}`);
    return (RUNNER_OS[os] === m[2]) === (m[1] === '==');
  });
}

const commands = (steps: Step[]) => steps.flatMap((s) => (s.run ? s.run.split('\n').map((l) => l.trim()).filter(Boolean) : []));

/** Whether a Node line (a major version) is one the engines range admits: "^20.19.0 || >=22.12.0". */
function enginesAdmit(major: number, engines: string): boolean {
  return engines.split('||').some((alternative) => {
    const m = /^\s*(\^|>=)(\d+)\.\d+\.\d+\s*$/.exec(alternative);
    if (!m) throw new Error(`an engines range this test cannot read: ${alternative}`);
    return m[1] === '^' ? Number(m[2]) === major : major >= Number(m[2]);
  });
}

describe('the CI workflow', () => {
  const test = workflow.jobs.test!;
  const dist = workflow.jobs.dist!;

  it('runs on pushes to main, version tags and pull requests', () => {
    expect(workflow.on.push).toEqual({ branches: ['main'], tags: ['v*'] });
    expect(workflow.on).toHaveProperty('pull_request');
  });

  it('has well-formed steps: each uses an action pinned to a major version or runs a command, not both', () => {
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job.steps.length, id).toBeGreaterThan(0);
      for (const step of job.steps) {
        expect(Number(step.uses !== undefined) + Number(step.run !== undefined), `${id}: ${JSON.stringify(step)}`).toBe(1);
        if (step.uses) expect(step.uses, id).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
      }
    }
  });

  it('tests on Linux, macOS and Windows, each to the end whatever the others do', () => {
    expect(test.strategy?.matrix?.os).toEqual(OSES);
    expect(test['runs-on']).toBe('${{ matrix.os }}');
    expect(test.strategy?.['fail-fast']).toBe(false);
  });

  it('uses a Node line package.json’s engines admit', () => {
    const version = workflow.env?.NODE_VERSION ?? '';
    expect(version).toMatch(/^\d+\.x$/);
    expect(enginesAdmit(Number.parseInt(version, 10), pkg.engines.node)).toBe(true);
    for (const job of [test, dist]) {
      expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('${{ env.NODE_VERSION }}');
    }
  });

  it('installs with the Electron binary, so e2e/electron.spec.ts starts the real app instead of skipping', () => {
    expect(WORKFLOW_TEXT).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    for (const os of OSES) {
      const run = commands(stepsOn(test, os));
      expect(run.filter((c) => c.startsWith('npm ci')), os).toHaveLength(1);
      // npm ci no longer fetches it (Electron 42 dropped the package's install script).
      const fetch = run.indexOf('npx install-electron');
      expect(fetch, os).toBeGreaterThan(run.findIndex((c) => c.startsWith('npm ci')));
      expect(fetch, os).toBeLessThan(run.findIndex((c) => /\bnpm test$/.test(c)));
      if (os === 'ubuntu-latest') expect(fetch, os).toBeLessThan(run.indexOf('sudo chmod 4755 node_modules/electron/dist/chrome-sandbox'));
    }
  });

  it('on each runner: a Chromium for the harness, then `npm test` once — under Xvfb, with Electron’s sandbox helper, on Linux', () => {
    for (const os of OSES) {
      const run = commands(stepsOn(test, os));
      const browser = run.findIndex((c) => /^npx playwright install (--with-deps )?chromium$/.test(c));
      const tests = run.filter((c) => /\bnpm test$/.test(c));
      expect(browser, os).toBeGreaterThan(run.findIndex((c) => c.startsWith('npm ci')));
      expect(tests, os).toEqual([os === 'ubuntu-latest' ? 'xvfb-run --auto-servernum npm test' : 'npm test']);
      expect(run.indexOf(tests[0]!), os).toBeGreaterThan(browser);
    }
    const linux = commands(stepsOn(test, 'ubuntu-latest'));
    expect(linux).toContain('sudo chmod 4755 node_modules/electron/dist/chrome-sandbox');
    expect(linux.join('\n')).not.toMatch(/--no-sandbox/);
    expect(pkg.scripts.test).toMatch(/test:e2e/);
  });

  it('builds the installers on a version tag, after the tests, on every platform, and keeps each kind electron-builder makes', () => {
    expect(dist.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(dist.needs).toBe('test');
    expect(dist.strategy?.matrix?.os).toEqual(OSES);
    expect(dist['runs-on']).toBe('${{ matrix.os }}');
    expect(commands(dist.steps)).toContain('npm run dist');
    const upload = dist.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const kept = String(upload?.with?.path).trim().split('\n').map((p) => p.trim());
    const made = [...config.linux.target, ...config.mac.target.map((t) => t.target), ...config.win.target].map((target) => (target === 'nsis' ? 'exe' : target));
    expect(kept.sort()).toEqual(made.map((ext) => `dist/*.${ext}`).sort());
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('leaves .ci/run as this machine’s CI: it still installs without the binary and runs `npm test`', () => {
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8').trim().split('\n');
    expect(ci).toContain('npm ci --no-audit --no-fund');
    expect(ci.filter((line) => !line.startsWith('#')).join('\n')).not.toMatch(/install-electron|npx electron\b/);
    expect(ci.at(-1)).toBe('npm test');
  });
});
