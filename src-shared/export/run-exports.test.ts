// Every export variant, in every language, is written to disk and run for real against its own fake
// Interactions API; the test checks what the script printed and what the API received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, type FakeRun, type ScriptLanguage, fileExists, inBatches, removeDir, runAgainstFake } from '../../e2e/export-runner';
import { exportCode } from './index';
import { BATCH } from './testing/batch';
import { restAnswerText } from './testing/outputs';
import { VARIANTS, expectInOrder } from './testing/variants';

const LANGUAGES: ScriptLanguage[] = ['javascript', 'python', 'rest'];

describe.each(LANGUAGES)('%s exports run as written', (language) => {
  const runs = new Map<string, FakeRun>();

  beforeAll(async () => {
    await inBatches(VARIANTS, BATCH, async (variant) => {
      const code = exportCode(variant.target, { ...variant.options, language });
      runs.set(variant.name, await runAgainstFake(language, code, variant.files));
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...runs.values()].map((run) => removeDir(run.dir)));
  });

  for (const variant of VARIANTS) {
    it(variant.name, () => {
      const run = runs.get(variant.name)!;
      expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
      const text = language === 'rest' ? restAnswerText(run.stdout) : run.stdout;
      expectInOrder(text, language === 'rest' ? variant.texts : [...(variant.earlier ?? []), ...variant.texts]);
      variant.check({ bodies: run.bodies, requests: run.requests, text });
      const creates = run.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/interactions'));
      for (const request of creates) {
        expect(request.path).toBe('/v1beta/interactions');
        // The guide's curl asks for SSE in the URL as well as in the body.
        if (language === 'rest') expect(request.query.alt).toBe((request.body as { stream?: boolean }).stream ? 'sse' : undefined);
        if (language === 'rest') expect(request.headers['api-revision']).toBe('2026-05-20');
        expect(request.headers['x-goog-api-key']).toBe('test-key');
      }
      expect(fileExists(run.dir, `home/${CANARY}`)).toBe(true);
    });
  }
});
