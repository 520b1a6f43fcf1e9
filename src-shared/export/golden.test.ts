// Golden: every sample of the official guide (fixtures/, copied verbatim) is what the export writes for the equivalent session.
import { describe, expect, it } from 'vitest';
import { readProjectFile } from '../../e2e/export-runner';
import { type ExportLanguage, exportCode } from './index';
import { GUIDE_SAMPLES } from '../../test-support/shared/export/sessions';

const EXTENSIONS: Record<ExportLanguage, string> = { python: 'py', javascript: 'js', rest: 'sh' };

/** The guide's text lost its indentation, so both sides are compared line by line, trimmed, without blank lines. */
function normalise(code: string): string {
  return code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * The only places where the export departs from a sample, each on purpose. Every edit must match the
 * fixture exactly once, so a changed fixture cannot silently skip one.
 */
const DEVIATIONS: Record<string, { from: string; to: string; why: string }[]> = {
  'multi-turn.sh': [
    {
      from: '"input": "I have two dogs in my house. How many paws are in my house?",',
      to: '"input": "How many paws are in my house?",',
      why: "the REST sample rewrites the second prompt; the session (like the Python sample) asked 'How many paws are in my house?'",
    },
  ],
  'stateless.sh': [
    {
      from: `"'"'"'$first_input + $model_steps + $second_input'"'"'")`,
      to: `'$first_input + $model_steps + $second_input')`,
      why: 'the guide line is mangled quoting: bash splits it into several words and jq rejects the filter',
    },
  ],
  'temperature.py': [
    {
      from: 'interaction = client.interactions.create(\nmodel="gemini-3-flash-preview",\ninput="Explain how AI works",\ngeneration_config={\n"temperature": 0.1\n}',
      to: [
        "# generation_config is sent through extra_body: google-genai's GenerationConfig has no temperature and would silently drop it",
        'interaction = client.interactions.create(',
        'model="gemini-3-flash-preview",',
        'input="Explain how AI works",',
        'extra_body={',
        '"generation_config": {',
        '"temperature": 0.1',
        '}',
        '}',
      ].join('\n'),
      why: "google-genai 2.25's GenerationConfig declares no temperature and drops it: the sample, run as written, sends none",
    },
  ],
  'multimodal.sh': [
    { from: '# First upload the file using the Files API, then use the URI:\n', to: '', why: 'the comment heads the upload block, checked apart' },
    { from: '"uri": "YOUR_FILE_URI",', to: `"uri": "'$FILE_URI'",`, why: 'runnable: the URI of the file just uploaded' },
  ],
};

function applyDeviations(file: string, text: string): string {
  let out = text;
  for (const { from, to } of DEVIATIONS[file] ?? []) {
    expect(out.split(from).length - 1, `deviation for ${file} must match once: ${from}`).toBe(1);
    out = out.replace(from, to);
  }
  return out;
}

/** The REST image sample shows a placeholder URI; the export uploads the file first (Files API REST recipe). */
function splitUpload(code: string): { upload: string; rest: string } {
  const at = code.indexOf('# Specifies the API revision');
  return { upload: code.slice(0, at), rest: code.slice(at) };
}

describe('the export reproduces the official guide', () => {
  for (const sample of GUIDE_SAMPLES) {
    for (const language of ['python', 'javascript', 'rest'] as const) {
      const file = `${sample.name}.${EXTENSIONS[language]}`;
      it(file, async () => {
        const fixture = await readProjectFile(`src-shared/export/fixtures/${file}`);
        let code = exportCode({ session: sample.session }, { language, stream: sample.stream, inlineImages: false });
        if (file === 'multimodal.sh') {
          const { upload, rest } = splitUpload(code);
          expect(upload.split('\n')[0]).toBe('# First upload the file using the Files API, then use the URI:');
          expect(upload).toContain('-H "X-Goog-Upload-Protocol: resumable"');
          expect(upload).toContain('-H "X-Goog-Upload-Command: upload, finalize"');
          expect(upload).toContain('IMG_PATH="path/to/organ.jpg"');
          expect(upload).toContain(`FILE_URI=$(curl -s "$UPLOAD_URL"`);
          code = rest;
        }
        expect(normalise(code)).toBe(normalise(applyDeviations(file, fixture)));
      });
    }
  }

  it('indents like the official docs: 4 spaces in Python, 2 in JavaScript and in the curl JSON', () => {
    const { session } = GUIDE_SAMPLES.find((s) => s.name === 'thinking-low')!;
    const python = exportCode({ session }, { language: 'python', stream: false, inlineImages: false });
    expect(python).toContain('\n    generation_config={\n        "thinking_level": "low"\n    }\n)');
    const js = exportCode({ session }, { language: 'javascript', stream: false, inlineImages: false });
    expect(js).toContain('\n    generation_config: {\n      thinking_level: "low",\n    },\n  });');
    const rest = exportCode({ session }, { language: 'rest', stream: false, inlineImages: false });
    expect(rest).toContain(`\n  -d '{\n    "model": "gemini-3-flash-preview",`);
  });
});
