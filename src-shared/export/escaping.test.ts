// Hostile text in prompts, system instructions, stop sequences, labels and file names reaches the API unchanged, and the shell runs none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, type FakeRun, fileExists, inBatches, removeDir, runAgainstFake } from '../../e2e/export-runner';
import { type ExportOptions, type ExportTarget, exportCode } from './index';
import { hasBidiControl } from '../bidi-controls';
import { commentText, jsString, jsonString, pyString, shellDoubleQuoted, shellHeredoc, shellSingleQuoted, shellWord } from './literals';
import { MODEL, PNG_BASE64, image, pane, session, swept } from '../../test-support/shared/export/sessions';
import { BATCH } from '../../test-support/shared/export/batch';
import { HOSTILE, HOSTILE_FILE, HOSTILE_FILE_BIDI, HOSTILE_LABEL, HOSTILE_MODEL, HOSTILE_STOP, HOSTILE_SYSTEM, SECOND } from '../../test-support/shared/export/hostile';

interface Case {
  name: string;
  target: ExportTarget;
  options: Omit<ExportOptions, 'language'>;
  files?: Record<string, string>;
  check(run: FakeRun): void;
}

const plain = { stream: false, inlineImages: false } as const;
const withHostileSystem = { systemInstruction: HOSTILE_SYSTEM, stopSequences: [HOSTILE_STOP] };
/** The user's texts in a stateless history. */
const texts = (input: unknown): string[] =>
  (input as { type: string; content?: { type: string; text?: string }[] }[])
    .filter((step) => step.type === 'user_input')
    .flatMap((step) => (step.content ?? []).filter((c) => c.type === 'text').map((c) => c.text!));

const LONG = 'a value long enough to lay its object out one member per line';
const ODD_KEYS = { '': LONG, '...': LONG };
const ODD_KEYS_SCHEMA = { type: 'object', properties: { '': { type: 'string', description: LONG }, '...': { type: 'string', description: LONG } } };

const CASES: Case[] = [
  {
    name: 'server history, uploaded image with a hostile file name',
    target: { session: session([pane(withHostileSystem, [{ text: HOSTILE, images: [image(HOSTILE_FILE)] }, SECOND])]) },
    options: plain,
    files: { [HOSTILE_FILE]: PNG_BASE64 },
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(2);
      expect((bodies[0]!.input as { text?: string }[])[0]!.text).toBe(HOSTILE);
      expect((bodies[0]!.input as { uri?: string }[])[1]!.uri).toMatch(/\/files\//);
      expect(bodies[1]!.input).toBe(SECOND);
      for (const body of bodies) {
        expect(body.system_instruction).toBe(HOSTILE_SYSTEM);
        expect(body.generation_config).toEqual({ stop_sequences: [HOSTILE_STOP] });
      }
    },
  },
  {
    name: 'uploaded image with a hostile file name beyond ASCII, in a comparison',
    target: { session: session([pane({}, [{ text: HOSTILE, images: [image(HOSTILE_FILE_BIDI)] }], HOSTILE_LABEL), pane({ temperature: 0.5 }, [{ text: HOSTILE, images: [image(HOSTILE_FILE_BIDI)] }])]) },
    options: plain,
    files: { [HOSTILE_FILE_BIDI]: PNG_BASE64 },
    check: ({ bodies, requests }) => {
      expect(bodies).toHaveLength(2);
      for (const body of bodies) expect((body.input as { text?: string }[])[0]!.text).toBe(HOSTILE);
      expect(new Set(bodies.map((body) => (body.input as { uri?: string }[])[1]!.uri)).size).toBe(1);
      const starts = requests.filter((r) => r.method === 'POST' && r.path === '/upload/v1beta/files' && !r.query.upload_id);
      expect(starts).toHaveLength(1);
    },
  },
  {
    name: 'stateless history, streamed',
    target: { session: session([pane(withHostileSystem, [HOSTILE, SECOND])], 'stateless') },
    options: { ...plain, stream: true },
    check: ({ bodies }) => {
      expect(texts(bodies[1]!.input)).toEqual([HOSTILE, SECOND]);
      expect(bodies[1]!.system_instruction).toBe(HOSTILE_SYSTEM);
      expect(bodies[1]!.generation_config).toEqual({ stop_sequences: [HOSTILE_STOP] });
    },
  },
  {
    name: 'stateless history with an embedded image (curl here-documents)',
    target: { session: session([pane(withHostileSystem, [{ text: HOSTILE, images: [image('x.png')] }, SECOND])], 'stateless') },
    options: { ...plain, inlineImages: true, images: { ['a'.repeat(64)]: { base64: PNG_BASE64 } } },
    check: ({ bodies }) => {
      expect(texts(bodies[1]!.input)).toEqual([HOSTILE, SECOND]);
      expect(bodies[0]!.system_instruction).toBe(HOSTILE_SYSTEM);
    },
  },
  {
    name: 'whole comparison with a hostile label',
    target: { session: session([pane({ temperature: 0.1 }, [HOSTILE], HOSTILE_LABEL), pane({ temperature: 0.9 }, [HOSTILE])]) },
    options: plain,
    check: ({ bodies, stdout }) => {
      expect(bodies.map((b) => b.input)).toEqual([HOSTILE, HOSTILE]);
      expect(stdout).toContain(`== ${HOSTILE_LABEL} ==\n`);
      expect(stdout).toContain('== T=0.9 ==\n');
    },
  },
  {
    name: 'sweep over hostile models and system instructions (one blank), repeated',
    target: { session: swept({}, { models: [HOSTILE_MODEL, MODEL], systemInstructions: [HOSTILE_SYSTEM, ' ', HOSTILE] }, [HOSTILE], 2) },
    options: plain,
    check: ({ bodies, stdout }) => {
      const expected = [HOSTILE_MODEL, MODEL].flatMap((model) =>
        [HOSTILE_SYSTEM, undefined, HOSTILE].flatMap((system) => {
          const body = { model, ...(system === undefined ? {} : { system_instruction: system }), input: HOSTILE };
          return [body, body];
        }),
      );
      expect(bodies).toEqual(expected);
      expect(stdout).toContain(' · no system ==\n');
    },
  },
  {
    // The layout once took a key "" or "..." for one of its own keyless members (a spread, a shell variable).
    name: 'keys "" and "..." in a schema and a mock, laid out over several lines',
    target: { session: session([pane({ responseSchema: ODD_KEYS_SCHEMA, functions: [{ name: 'f', mock: JSON.stringify(ODD_KEYS) }] }, ['call f'])]) },
    options: plain,
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(2);
      expect(bodies[0]!.response_format).toEqual({ type: 'text', mime_type: 'application/json', schema: ODD_KEYS_SCHEMA });
      const results = (bodies[1]!.input as { type: string; result?: unknown }[]).filter((step) => step.type === 'function_result');
      expect(results.map((step) => step.result)).toEqual([ODD_KEYS]);
    },
  },
];

const RUNS = [
  { title: 'python', language: 'python', pasted: false },
  { title: 'javascript', language: 'javascript', pasted: false },
  { title: 'rest', language: 'rest', pasted: false },
  // People paste curl into a terminal, where bash also does history expansion (`!`).
  { title: 'rest pasted into an interactive bash', language: 'rest', pasted: true },
] as const;

for (const { title, language, pasted } of RUNS) {
  describe(`${title}: hostile strings`, () => {
    const runs = new Map<string, FakeRun>();

    beforeAll(async () => {
      await inBatches(CASES, BATCH, async (c) => {
        runs.set(c.name, await runAgainstFake(language, exportCode(c.target, { ...c.options, language }), c.files, pasted));
      });
    }, 120_000);

    afterAll(async () => {
      await Promise.all([...runs.values()].map((run) => removeDir(run.dir)));
    });

    for (const c of CASES) {
      it(`${c.name}: arrive byte for byte, nothing executed, no bidirectional control in the code`, () => {
        expect(hasBidiControl(exportCode(c.target, { ...c.options, language }))).toBe(false);
        const run = runs.get(c.name)!;
        expect(run.code, run.stderr).toBe(0);
        c.check(run);
        for (let i = 1; i <= 7; i++) expect(fileExists(run.dir, `PWNED${i}`), `PWNED${i}`).toBe(false);
        expect(fileExists(run.dir, `home/${CANARY}`)).toBe(true);
      });
    }
  });
}

describe('literal encoders', () => {
  it('JSON and JS literals round-trip through JSON.parse, with U+2028/U+2029 and controls escaped', () => {
    for (const encode of [jsonString, jsString]) {
      const literal = encode(HOSTILE);
      expect(JSON.parse(literal)).toBe(HOSTILE);
      expect(literal).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
      expect(literal).toContain('🐱');
    }
  });

  it('Python literals escape quotes, backslashes and controls', () => {
    expect(pyString('a"b\\c\nd\u0000\u2028é')).toBe('"a\\"b\\\\c\\nd\\x00\\u2028é"');
  });

  it('bidirectional controls are escaped in every literal, spelled as bytes in a shell word and named in a comment', () => {
    const text = 'a\u202eb\u2066c\u2069\u200f\u061cשלום';
    expect(jsonString(text)).toBe('"a\\u202eb\\u2066c\\u2069\\u200f\\u061cשלום"');
    expect(jsString(text)).toBe(jsonString(text));
    expect(pyString(text)).toBe('"a\\u202eb\\u2066c\\u2069\\u200f\\u061cשלום"');
    expect(shellWord("it's \u202e!")).toBe(`"it's "$'\\xe2\\x80\\xae''!'`);
    expect(shellWord('\u202eexe.pdf')).toBe(`$'\\xe2\\x80\\xae'"exe.pdf"`);
    expect(commentText('photo \u202egnp.exe')).toBe('photo <U+202E>gnp.exe');
    expect(hasBidiControl('שלום عربي')).toBe(false);
  });

  it('lone surrogates become escapes, pairs stay', () => {
    expect(jsonString('\ud83d')).toBe('"\\ud83d"');
    expect(pyString('x\udc00')).toBe('"x\\udc00"');
    expect(jsonString('🐱')).toBe('"🐱"');
  });

  it('shell quoting', () => {
    expect(shellSingleQuoted(`it's`)).toBe(`it'\\''s`);
    expect(shellDoubleQuoted('a"$b`c\\')).toBe('a\\"\\$b\\`c\\\\');
    expect(shellHeredoc(`"$x" \`y\` \\`)).toBe('"\\$x" \\`y\\` \\\\');
    expect(shellWord('== T=0.2 · high ==')).toBe('"== T=0.2 · high =="');
    expect(shellWord(`a $b`)).toBe(`'a $b'`);
    expect(shellWord(`it's !`)).toBe(`'it'\\''s !'`);
  });
});
