// Every export variant, in every language, is written to disk and run for real against its own fake
// Interactions API; the test checks what the script printed, and that the API received what the app itself sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, type FakeRun, type ScriptLanguage, fileExists, inBatches, removeDir, runAgainstFake } from '../../e2e/export-runner';
import { pythonSdk } from '../../e2e/python-sdk';
import { exportCode } from './index';
import { expectSendsWhatTheAppSends } from '../../test-support/shared/export/app-requests';
import { BATCH } from '../../test-support/shared/export/batch';
import { restAnswerText } from '../../test-support/shared/export/outputs';
import { VARIANTS, expectInOrder } from '../../test-support/shared/export/variants';

const sdk = await pythonSdk();
if (sdk.python === undefined) console.warn(`run-exports: the Python exports run against the stand-in, not google-genai: ${sdk.reason}`);

const RUNTIMES: { title: string; language: ScriptLanguage; python?: string }[] = [
  { title: 'javascript (@google/genai)', language: 'javascript' },
  sdk.python
    ? { title: `python (google-genai ${sdk.version})`, language: 'python', python: sdk.python }
    : { title: 'python (the stand-in: google-genai is not installed)', language: 'python' },
  { title: 'rest (curl + jq)', language: 'rest' },
];

/**
 * google-genai sends a list of content parts as the one user_input step it stands for (_normalize_create_body).
 * Outside a stateless history (store: false) an export never writes a user_input step itself, so this undoes
 * exactly that rewrite, and the variants' expectations hold for the real SDK as written.
 */
function beforeSdkRewrite(body: Record<string, unknown>): Record<string, unknown> {
  const input = body.input as { type?: string; content?: unknown }[];
  const wrapped = body.store !== false && Array.isArray(input) && input.length === 1 && input[0]!.type === 'user_input';
  return wrapped ? { ...body, input: input[0]!.content } : body;
}

// Said in the report too, not only on the console: the stand-in cannot show what the real SDK drops or rewrites.
if (sdk.python === undefined) it.skip(`python against the real google-genai (the stand-in ran instead): ${sdk.reason}`, () => {});

describe.each(RUNTIMES)('$title exports run as written', ({ language, python }) => {
  const runs = new Map<string, FakeRun>();

  beforeAll(async () => {
    await inBatches(VARIANTS, BATCH, async (variant) => {
      const code = exportCode(variant.target, { ...variant.options, language });
      runs.set(variant.name, await runAgainstFake(language, code, variant.files, false, python, variant.env, variant.fake));
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...runs.values()].map((run) => removeDir(run.dir)));
  });

  for (const variant of VARIANTS) {
    it(variant.name, () => {
      const run = runs.get(variant.name)!;
      expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
      const text = language === 'rest' ? restAnswerText(run.stdout) : run.stdout;
      expectInOrder(text, language === 'rest' ? variant.texts : [...(variant.earlier ?? []), ...variant.texts]);
      const bodies = python ? run.bodies.map(beforeSdkRewrite) : run.bodies;
      variant.check({ bodies, requests: run.requests, text });
      expectSendsWhatTheAppSends(run.bodies, variant.target, { ...variant.options, language }, variant.env);
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
