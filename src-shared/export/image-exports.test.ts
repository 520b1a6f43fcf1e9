// An image pane's export, in every language, run for real against the fake: it asks for images as the app does,
// prints the answer's text and writes the returned image to image_1.png — the fake's own PNG, byte for byte (in a
// comparison, each pane's image under a number of its own); with a PDF attached (issue 19's "Done when"), the PDF
// goes up through the Files API as a document part first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../e2e/fake-api/image-out';
import { type FakeRun, type ScriptLanguage, fileExists, inBatches, readRunFile, removeDir, runAgainstFake } from '../../e2e/export-runner';
import { pythonSdk } from '../../e2e/python-sdk';
import { mediaFixture } from '../../test-support/main/media';
import { PNG_BASE64, image, pane, session, swept } from '../../test-support/shared/export/sessions';
import { expectSendsWhatTheAppSends } from '../../test-support/shared/export/app-requests';
import { exportCode } from './index';

const sdk = await pythonSdk();
const PROMPT = 'A red fox in the snow';
const LANGUAGES: ScriptLanguage[] = ['javascript', 'python', 'rest'];
const target = { session: session([pane({ model: 'gemini-2.5-flash-image', imageOutput: { aspectRatio: '16:9' } }, [PROMPT])]) };
const expected = Buffer.from(makeImage(PROMPT, { type: 'image', aspect_ratio: '16:9' }).data, 'base64');

type ImageRun = FakeRun & { image?: Buffer; second?: Buffer };

/** Exports the target in every language and runs each against the fake (in this describe's beforeAll). */
function runEachLanguage(exported: Parameters<typeof exportCode>[0], files?: Record<string, string>): Map<ScriptLanguage, ImageRun> {
  const runs = new Map<ScriptLanguage, ImageRun>();
  beforeAll(async () => {
    await inBatches(LANGUAGES, 2, async (language) => {
      const code = exportCode(exported, { stream: true, inlineImages: false, language });
      const run = await runAgainstFake(language, code, files, false, language === 'python' ? sdk.python : undefined);
      const [image, second] = await Promise.all([readRunFile(run.dir, 'image_1.png'), readRunFile(run.dir, 'image_2.png')]);
      runs.set(language, { ...run, ...(image === undefined ? {} : { image }), ...(second === undefined ? {} : { second }) });
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...runs.values()].map((run) => removeDir(run.dir)));
  });
  return runs;
}

describe('image output exports', () => {
  const runs = runEachLanguage(target);

  for (const language of LANGUAGES) {
    it(`${language}: asks for the image, prints the text and writes image_1.png`, () => {
      const run = runs.get(language)!;
      expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
      expect(run.bodies[0]).toMatchObject({ model: 'gemini-2.5-flash-image', response_format: { type: 'image', aspect_ratio: '16:9' } });
      expect(run.stdout).toContain(`Prompt: ${PROMPT}`);
      expect(run.stdout).toContain('Saved image_1.png');
      expect(run.image?.equals(expected), 'image_1.png beside the script holds the PNG the fake sent').toBe(true);
      expect([...run.image!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    });
  }
});

describe('a comparison of image panes beside a text pane, streaming asked for', () => {
  const wide = pane({ model: 'gemini-2.5-flash-image', imageOutput: { aspectRatio: '16:9' } }, [PROMPT], 'Wide');
  const square = pane({ model: 'gemini-2.5-flash-image', imageOutput: {} }, [PROMPT], 'Square');
  const text = pane({ model: 'gemini-2.5-flash-image' }, [PROMPT], 'Text');
  const compared = { session: session([wide, square, text]) };
  const squareImage = Buffer.from(makeImage(PROMPT, { type: 'image' }).data, 'base64');
  const runs = runEachLanguage(compared);

  for (const language of LANGUAGES) {
    it(`${language}: sends each pane's request unstreamed, prints each answer and saves each pane's image under its own name`, () => {
      const run = runs.get(language)!;
      expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
      expectSendsWhatTheAppSends(run.bodies, compared, { stream: true, inlineImages: false, language });
      expect(run.bodies.map((body) => body.stream)).toEqual([undefined, undefined, undefined]);
      expect(run.stdout).not.toContain('undefined');
      expect(run.stdout.match(/Prompt: A red fox in the snow/g)).toHaveLength(3);
      const saved = (label: string) => run.stdout.split(`== ${label} ==`)[1]!.split('==')[0]!;
      expect(saved('Wide')).toContain('Saved image_1.png');
      expect(saved('Square')).toContain('Saved image_2.png');
      expect(saved('Text')).not.toContain('Saved');
      expect(run.image?.equals(expected), 'image_1.png: the wide pane’s').toBe(true);
      expect(run.second?.equals(squareImage), 'image_2.png: the square pane’s, not written over the first').toBe(true);
    });
  }
});

describe('a PDF in, an image out', () => {
  const ASK = 'Draw the chart on page 2';
  const paper = image('paper.pdf', 'application/pdf', 'e'.repeat(64));
  const withPdf = { session: session([pane({ model: 'gemini-2.5-flash-image', imageOutput: {} }, [{ text: ASK, images: [paper] }])]) };
  const drawn = Buffer.from(makeImage(ASK, { type: 'image' }).data, 'base64');
  const runs = runEachLanguage(withPdf, { 'paper.pdf': Buffer.from(mediaFixture('sample.pdf')).toString('base64') });

  for (const language of LANGUAGES) {
    it(`${language}: uploads the PDF, sends it as a document and writes the image the fake drew`, () => {
      const run = runs.get(language)!;
      expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
      expect(run.bodies).toHaveLength(1);
      const body = run.bodies[0] as { input: { type: string; content?: unknown[] }[] };
      expect(body).toMatchObject({ model: 'gemini-2.5-flash-image', response_format: { type: 'image' } });
      // The Python SDK sends the turn as one user_input step; the others send its content list: the same turn.
      const parts = body.input[0]?.type === 'user_input' ? body.input[0].content : body.input;
      expect(parts).toEqual([
        { type: 'text', text: ASK },
        { type: 'document', mime_type: 'application/pdf', uri: expect.stringMatching(/\/v1beta\/files\/[a-z0-9]+$/) },
      ]);
      expect(run.stdout).toContain('Saved image_1.png');
      expect(run.image?.equals(drawn), 'image_1.png holds the PNG the fake drew for the prompt').toBe(true);
    });
  }
});

describe('an image named beyond ASCII', () => {
  // fetch refuses a header byte over 0xff, which the JavaScript SDK would send the name in (javascript.ts).
  const NAME = '写真 café.png';
  const photo = image(NAME, 'image/png', 'f'.repeat(64));
  const runs = runEachLanguage({ session: session([pane({}, [{ text: 'What is it?', images: [photo] }])]) }, { [NAME]: PNG_BASE64 });

  for (const language of LANGUAGES) {
    it(`${language}: uploads it under its own name and sends its uri`, () => {
      const run = runs.get(language)!;
      expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
      const starts = run.requests.filter((r) => r.method === 'POST' && r.path === '/upload/v1beta/files' && !r.query.upload_id);
      expect(starts).toHaveLength(1);
      // The name goes in the body, in either spelling the API reads (the JavaScript SDK writes camelCase).
      const { file } = starts[0]!.body as { file: { display_name?: string; displayName?: string } };
      expect(file.display_name ?? file.displayName).toBe(NAME);
      const body = run.bodies[0] as { input: { type: string; content?: unknown[] }[] };
      const parts = body.input[0]?.type === 'user_input' ? body.input[0].content : body.input;
      expect(parts).toEqual([
        { type: 'text', text: 'What is it?' },
        { type: 'image', mime_type: 'image/png', uri: expect.stringMatching(/\/v1beta\/files\/[a-z0-9]+$/) },
      ]);
    });
  }
});

describe('a sweep of an image model over system instructions and temperatures', () => {
  // bash loops over the system instructions by their index: the script's image count must not be that index.
  const sweep = { session: swept({ model: 'gemini-2.5-flash-image', imageOutput: {} }, { systemInstructions: ['Paint it.', 'Draw it.'], temperatures: [0.2, 0.8] }, [PROMPT]) };
  const runs = runEachLanguage(sweep);

  for (const language of LANGUAGES) {
    it(`${language}: saves each combination's image under a name of its own, none written over`, () => {
      const run = runs.get(language)!;
      expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
      expect(run.bodies).toHaveLength(4);
      expect(run.stdout.match(/Saved image_\d+\.png/g)).toEqual(['Saved image_1.png', 'Saved image_2.png', 'Saved image_3.png', 'Saved image_4.png']);
      for (let n = 1; n <= 4; n++) expect(fileExists(run.dir, `image_${n}.png`), `image_${n}.png`).toBe(true);
    });
  }
});

describe('a stateless conversation with an image model', () => {
  // A real answer carries its image inline, over a megabyte of base64 at 1K; the fake's are a few hundred bytes, so a
  // long text answer stands in for one: sent back in the history, it is more than one exec argument may hold (128 KiB).
  const drawn = { session: session([pane({ model: 'gemini-2.5-flash-image', imageOutput: {} }, [`${PROMPT} [[len:140000]]`, 'Now the same fox at night'])], 'stateless') };
  const runs = runEachLanguage(drawn);

  for (const language of LANGUAGES) {
    it(`${language}: sends the first answer back in the history, however large, and saves the last answer's image`, () => {
      const run = runs.get(language)!;
      expect(run.code, `exit code; stderr:\n${run.stderr.slice(0, 2000)}`).toBe(0);
      expectSendsWhatTheAppSends(run.bodies, drawn, { stream: true, inlineImages: false, language });
      expect(run.stdout).toContain('Prompt: Now the same fox at night');
      expect(fileExists(run.dir, 'image_1.png')).toBe(true);
    });
  }
});
