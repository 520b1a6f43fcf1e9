// exportCode's choices: which pane, which input, which configuration, images, history mode, and no key anywhere.
import { describe, expect, it } from 'vitest';
import { withEnv } from '../../e2e/export-runner';
import { EXPORT_LANGUAGES, type ExportOptions, PLACEHOLDER_PROMPT, exportCode, planExport } from './index';
import { MODEL, PNG_BASE64, image, pane, session } from '../../test-support/shared/export/sessions';
import { VARIANTS } from '../../test-support/shared/export/variants';

const py = (target: Parameters<typeof exportCode>[0], options: Partial<ExportOptions> = {}): string =>
  exportCode(target, { language: 'python', stream: false, inlineImages: false, ...options });

const TWO_PANES = session([pane({ temperature: 0.2 }, ['First question']), pane({ temperature: 0.9 }, ['First question', 'Follow-up'])]);

describe('what is exported', () => {
  it('one pane by index is its conversation; several panes without an index are the comparison', () => {
    const plan = (s: typeof TWO_PANES, paneIndex?: number) => planExport({ session: s, ...(paneIndex === undefined ? {} : { paneIndex }) }, { language: 'python', stream: false, inlineImages: false });
    expect(plan(TWO_PANES, 1).kind).toBe('conversation');
    // The same conversation in every pane: one loop over the panes; different ones: each pane's own, one after another.
    expect(plan(session([pane({ temperature: 0.2 }, ['First question']), pane({ temperature: 0.9 }, ['First question'])])).kind).toBe('comparison');
    expect(plan(TWO_PANES).kind).toBe('conversations');
    const code = py({ session: TWO_PANES, paneIndex: 1 });
    expect(code).toContain('input="Follow-up"');
    expect(code).toContain('"temperature": 0.9');
    expect(code).not.toContain('0.2');
  });

  it('a session with a single pane exports that pane without an index', () => {
    expect(planExport({ session: session([pane({}, ['Hi'])]) }, { language: 'rest', stream: false, inlineImages: false }).kind).toBe('conversation');
  });

  it('refuses a pane that does not exist', () => {
    expect(() => py({ session: TWO_PANES, paneIndex: 2 })).toThrow(RangeError);
    expect(() => py({ session: TWO_PANES, paneIndex: -1 })).toThrow(/does not exist/);
    expect(() => py({ session: TWO_PANES, paneIndex: 0.5 })).toThrow(RangeError);
  });

  it('a pane without turns exports the draft prompt, or a placeholder', () => {
    const empty = session([pane({}, [])]);
    expect(py({ session: empty, draftInput: 'Typed but not sent' })).toContain('input="Typed but not sent"');
    expect(py({ session: empty, draftInput: '   ' })).toContain(`input="${PLACEHOLDER_PROMPT}"`);
    expect(py({ session: empty })).toContain(`input="${PLACEHOLDER_PROMPT}"`);
    // With turns, the conversation is what counts.
    expect(py({ session: session([pane({}, ['Sent'])]), draftInput: 'Draft' })).not.toContain('Draft');
  });

  it('each turn goes with the configuration it was sent with', () => {
    const p = pane({ temperature: 0.1 }, ['one', { text: 'two', config: { model: 'gemini-2.5-pro', temperature: 1.5, seed: 3 } }]);
    const code = py({ session: session([p]) });
    expect(code).toMatch(/model="gemini-3-flash-preview",\n {4}input="one",\n {4}extra_body=\{\n {8}"generation_config": \{\n {12}"temperature": 0\.1\n {8}\}\n {4}\},/);
    expect(code).toContain('model="gemini-2.5-pro",');
    expect(code).toContain('"temperature": 1.5,\n            "seed": 3');
  });

  it('a turn sent with more stop sequences than the API takes is exported as sent, the first line saying it will be refused', () => {
    const seven = Array.from({ length: 7 }, (_, i) => `STOP${i}`);
    const p = pane({}, ['one', { text: 'two', config: { model: MODEL, stopSequences: seven } }]);
    const note = 'The API will refuse a request below: it sends 7 stop sequences (saved before the limit of 5); keep at most 5 in stop_sequences';
    const comment = { python: `# ${note}`, javascript: `// ${note}`, rest: `# ${note}` };
    for (const language of EXPORT_LANGUAGES) {
      const code = exportCode({ session: session([p]) }, { language, stream: false, inlineImages: false });
      expect(code.split('\n')[0], language).toBe(comment[language]);
      expect(code, language).toContain('"STOP6"');
    }
    // Five are what the API takes: nothing is said.
    expect(py({ session: session([pane({ stopSequences: seven.slice(0, 5) }, ['one'])]) })).not.toContain('will refuse');
  });

  it('sends exactly the settings that are set: none → no generation_config; a blank system instruction is dropped', () => {
    const code = py({ session: session([pane({ systemInstruction: '  \n' }, ['Hi'])]) });
    expect(code).not.toContain('generation_config');
    expect(code).not.toContain('system_instruction');
  });

  it('the history option wins over the session; a single stateless turn still asks not to be stored', () => {
    const s = session([pane({}, ['one', 'two'])], 'server');
    expect(py({ session: s }, { history: 'stateless' })).toContain('history.append(step.model_dump())');
    expect(py({ session: session([pane({}, ['one', 'two'])], 'stateless') }, { history: 'server' })).toContain('previous_interaction_id=interaction1.id');
    const single = py({ session: session([pane({}, ['one'])], 'stateless') });
    expect(single).toContain('store=False,\n    input="one"');
    expect(single).not.toContain('history');
  });

  it('the comparison asks every pane the first prompt, with its images, under the pane label', () => {
    const s = session([pane({ temperature: 0.2 }, [{ text: 'Look', images: [image('a.png')] }]), pane({ temperature: 0.4 }, [], 'Mine')]);
    const js = exportCode({ session: s }, { language: 'javascript', stream: false, inlineImages: false });
    expect(js).toContain('const prompt = [\n    {type: "text", text: "Look"},');
    expect(js).toContain('label: "T=0.2",');
    expect(js).toContain('label: "Mine",');
    expect(js.match(/ai\.files\.upload/g)).toHaveLength(1);
  });

  it('a pane without turns joins the others\' conversation: every prompt, the images uploaded once before the loop', () => {
    const s = session([
      pane({ temperature: 0.2 }, [{ text: 'Look', images: [image('a.png')] }, 'More']),
      pane({ temperature: 0.4 }, [], 'Mine'),
    ]);
    const js = exportCode({ session: s }, { language: 'javascript', stream: false, inlineImages: false });
    expect(js.match(/ai\.files\.upload/g)).toHaveLength(1);
    expect(js.indexOf('ai.files.upload')).toBeLessThan(js.indexOf('for (const pane of panes)'));
    expect(js).toContain('label: "Mine",');
    expect(js).toContain('      input: "More",\n      previous_interaction_id: interaction1.id,\n');
  });
});

describe('images', () => {
  const withImage = (name: string, mimeType = 'image/png') => session([pane({}, [{ text: 'What is this?', images: [image(name, mimeType)] }])]);

  it('Python names the MIME type only when the file name would not give it away', () => {
    expect(py({ session: withImage('photo.jpeg', 'image/jpeg') })).toContain('client.files.upload(file="photo.jpeg")\n');
    expect(py({ session: withImage('photo.webp', 'image/webp') })).toContain('client.files.upload(file="photo.webp", config={"mime_type": "image/webp"})');
    expect(py({ session: withImage('noextension', 'image/png') })).toContain('config={"mime_type": "image/png"}');
  });

  it('embeds the bytes when asked, and falls back to an upload (saying why) when they are missing', () => {
    const inline = py({ session: withImage('a.png') }, { inlineImages: true, images: { ['a'.repeat(64)]: { base64: PNG_BASE64 } } });
    expect(inline).toContain(`"data": "${PNG_BASE64}",`);
    expect(inline).not.toContain('files.upload');
    for (const language of EXPORT_LANGUAGES) {
      const code = exportCode({ session: withImage('a.png') }, { language, stream: false, inlineImages: true, images: {} });
      expect(code).toContain('The bytes of this image were not available to embed, so it is uploaded from disk (a.png)');
    }
  });

  it('two different pictures with one name (pasted screenshots are all image.png) are read from two files, saying which', () => {
    const two = session([pane({}, [{ text: 'Compare', images: [image('image.png', 'image/png', 'a'.repeat(64)), image('image.png', 'image/png', 'b'.repeat(64))] }])]);
    for (const language of EXPORT_LANGUAGES) {
      const code = exportCode({ session: two }, { language, stream: false, inlineImages: false });
      expect(code, language).toMatch(/[^-]image\.png/);
      expect(code, language).toContain('image-2.png');
      expect(code, language).toContain('Another attachment is also named image.png: save this one as image-2.png');
    }
    // The same picture twice is still read once.
    const same = session([pane({}, [{ text: 'Twice', images: [image('image.png'), image('image.png')] }])]);
    expect(py({ session: same })).not.toContain('image-2.png');
  });

  it('a video waits until the Files API has processed it, its state written in each language\'s string style', () => {
    const video = withImage('clip.mp4', 'video/mp4');
    expect(py({ session: video })).toContain('while client.files.get(name=uploaded_file.name).state == "PROCESSING":');
    const js = exportCode({ session: video }, { language: 'javascript', stream: false, inlineImages: false });
    expect(js).toContain('while ((await ai.files.get({ name: uploadedFile.name })).state === "PROCESSING") {');
  });

  it('an image-only turn sends no empty text part', () => {
    const code = py({ session: session([pane({}, [{ text: '', images: [image('a.png')] }])]) });
    expect(code).not.toContain('"type": "text"');
    expect(code).toContain('"uri": uploaded_file.uri');
  });
});

describe('the output', () => {
  const all = (): string[] =>
    VARIANTS.flatMap((v) =>
      EXPORT_LANGUAGES.flatMap((language) =>
        [false, true].flatMap((stream) =>
          (['server', 'stateless'] as const).map((history) => exportCode(v.target, { ...v.options, language, stream, history })),
        ),
      ),
    );

  it('never carries an API key: not from the environment, not as a literal', async () => {
    const key = 'AIzaSyD-THIS-KEY-MUST-NEVER-APPEAR-0123456789';
    const codes = await withEnv('GEMINI_API_KEY', key, () => withEnv('GOOGLE_API_KEY', key, all));
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) {
      expect(code).not.toContain(key);
      expect(code).not.toMatch(/api_key|apiKey|AIza/);
    }
    const curl = codes.filter((code) => code.includes('curl '));
    for (const code of curl) for (const header of code.match(/x-goog-api-key: [^"]*/g) ?? []) expect(header).toBe('x-goog-api-key: $GEMINI_API_KEY');
  });

  it('is tidy: ends with one newline, no trailing spaces, no tabs in indentation', () => {
    for (const code of all()) {
      expect(code.endsWith('\n') && !code.endsWith('\n\n')).toBe(true);
      expect(code).not.toMatch(/[ \t]+$/m);
      expect(code).not.toMatch(/^\t/m);
    }
  });

  it('uses the model of the pane, as the app would', () => {
    expect(py({ session: session([pane({}, ['x'])]) })).toContain(`model="${MODEL}"`);
  });
});
