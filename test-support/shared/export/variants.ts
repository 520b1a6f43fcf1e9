// The export variants every language must run for real: the session, the options, and what the fake must receive.
import { expect } from 'vitest';
import type { PaneConfig } from '../../../src-shared/domain';
import { buildCreateRequest } from '../../../src-shared/request';
import type { ExportOptions, ExportTarget } from '../../../src-shared/export/plan';
import { HOSTILE_SYSTEM } from './hostile';
import { mediaFixture } from '../../main/media';
import type { SavedPane, SavedTurn, Session } from '../../../src-shared/session';
import type { FakeApiOptions } from '../../../e2e/fake-api/server';
import { MODEL, PNG_BASE64, image, pane, repeated, repeatedPane, session, swept } from './sessions';

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface VariantRun {
  /** Parsed bodies of the POST …/interactions the fake received, in order. */
  bodies: Record<string, unknown>[];
  requests: SeenRequest[];
  /** What the script printed, as answer text (REST output decoded, see answerText). */
  text: string;
}

export interface Variant {
  name: string;
  target: ExportTarget;
  options: Omit<ExportOptions, 'language'>;
  /** base64 bytes by file name, written next to the script. */
  files?: Record<string, string>;
  /** Environment variables the script is given (the MCP header values it reads). */
  env?: Record<string, string>;
  /** How the fake the script runs against behaves (e.g. videos staying PROCESSING). */
  fake?: FakeApiOptions;
  /** Substrings of the last answer, which every language prints, in this order. */
  texts: string[];
  /** Substrings of earlier answers, which the SDK scripts print too (the curl chain prints only the last). */
  earlier?: string[];
  check(run: VariantRun): void;
}

export const FULL_CONFIG: PaneConfig = {
  model: MODEL,
  systemInstruction: 'You are a cat. Your name is Neko.',
  temperature: 0.2,
  topP: 0.9,
  maxOutputTokens: 2048,
  thinkingLevel: 'high',
  thinkingSummaries: true,
  stopSequences: ['ZZZ-STOP'],
  seed: 42,
};

const CAT = image('cat.png', 'image/png', 'c'.repeat(64));
const DOG = image('dog.png', 'image/png', 'd'.repeat(64));
const PDF = image('paper.pdf', 'application/pdf', 'e'.repeat(64));
const MP3 = image('talk.mp3', 'audio/mp3', 'f'.repeat(64));
const PDF_BASE64 = Buffer.from(mediaFixture('sample.pdf')).toString('base64');
const VIDEO = image('clip.mp4', 'video/mp4', '9'.repeat(64));
const MP4_BASE64 = Buffer.from(mediaFixture('sample.mp4')).toString('base64');
const MP3_BASE64 = Buffer.from(mediaFixture('sample.mp3')).toString('base64');
/**
 * ~200 KB of base64: more than one exec argument may hold (128 KiB), so REST must not pass it as one. It opens with
 * the PNG signature, since the fake checks inline bytes against their mime_type as the API does.
 */
export const LARGE_BASE64 = `iVBORw0KGgoA${'AAAA'.repeat(49_997)}`;

const plain = { stream: false, inlineImages: false } as const;
/** `p` with its turns ended as `statuses` say (a failed or stopped one keeps no answer). */
const withStatuses = (p: SavedPane, statuses: SavedTurn['status'][]): SavedPane => ({
  ...p,
  turns: p.turns.map((turn, i) => (statuses[i] === 'done' ? turn : { ...turn, status: statuses[i]!, text: '', steps: [] })),
});
const userStep = (text: string, ...extra: unknown[]): unknown => ({ type: 'user_input', content: [{ type: 'text', text }, ...extra] });

/** The order in which the answers must appear. */
export function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `expected ${JSON.stringify(part)} after offset ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

const uploadsOf = (run: VariantRun): SeenRequest[] => run.requests.filter((r) => r.method === 'POST' && r.path === '/upload/v1beta/files');
const types = (input: unknown): string[] => (input as { type: string }[]).map((s) => s.type);

export const VARIANTS: Variant[] = [
  {
    name: 'single turn',
    target: { session: session([pane({}, ['How does AI work?'])]) },
    options: plain,
    texts: ['Echo: model=gemini-3-flash-preview turn=1 temperature=unset', 'Prompt: How does AI work?'],
    check: ({ bodies }) => expect(bodies).toEqual([{ model: MODEL, input: 'How does AI work?' }]),
  },
  {
    name: 'system instruction and every generation setting',
    target: { session: session([pane(FULL_CONFIG, ['Tell me about cats'])]) },
    options: plain,
    texts: [
      'temperature=0.2 top_p=0.9 thinking_level=high thinking_summaries=auto max_output_tokens=2048 stop_sequences=1 seed=42 system_instruction="You are a cat. Your name is Neko."',
    ],
    // Exactly what the app itself sends for this pane.
    check: ({ bodies }) => expect(bodies).toEqual([buildCreateRequest(FULL_CONFIG, { text: 'Tell me about cats' }, { stream: false })]),
  },
  {
    name: 'streaming',
    target: { session: session([pane({ temperature: 0.3 }, ['Explain how AI works'])]) },
    options: { ...plain, stream: true },
    texts: ['Echo: model=gemini-3-flash-preview turn=1 temperature=0.3', 'Prompt: Explain how AI works'],
    check: ({ bodies }) => expect(bodies).toEqual([{ model: MODEL, input: 'Explain how AI works', generation_config: { temperature: 0.3 }, stream: true }]),
  },
  {
    name: 'multi-turn, server history',
    target: { session: session([pane({ thinkingLevel: 'low' }, ['I have 2 dogs in my house.', 'And 3 cats.', 'How many paws are in my house?'])]) },
    options: plain,
    earlier: ['turn=1', 'Prompt: I have 2 dogs', 'turn=2', 'Prompt: And 3 cats.'],
    texts: ['turn=3', 'Prompt: How many paws'],
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(3);
      expect(bodies[0]).toEqual({ model: MODEL, input: 'I have 2 dogs in my house.', generation_config: { thinking_level: 'low' } });
      for (const body of bodies.slice(1)) expect(body.previous_interaction_id).toMatch(/^v1_/);
      expect(bodies[2]).toMatchObject({ input: 'How many paws are in my house?', generation_config: { thinking_level: 'low' } });
    },
  },
  {
    name: 'multi-turn, server history, last turn streamed',
    target: { session: session([pane({}, ['I have 2 dogs in my house.', 'How many paws are in my house?'])]) },
    options: { ...plain, stream: true },
    earlier: ['turn=1'],
    texts: ['turn=2', 'Prompt: How many paws'],
    check: ({ bodies }) => {
      expect(bodies[0]).toEqual({ model: MODEL, input: 'I have 2 dogs in my house.' });
      expect(bodies[1]).toEqual({ model: MODEL, input: 'How many paws are in my house?', previous_interaction_id: expect.stringMatching(/^v1_/), stream: true });
    },
  },
  {
    name: 'stateless history',
    target: { session: session([pane({ systemInstruction: 'Be brief.' }, ['I have 2 dogs in my house.', 'And 3 cats.', 'How many paws?'])], 'stateless') },
    options: plain,
    earlier: ['turn=1', 'turn=2'],
    texts: ['turn=3', 'Prompt: How many paws?'],
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(3);
      expect(bodies[0]).toEqual({ model: MODEL, system_instruction: 'Be brief.', store: false, input: [userStep('I have 2 dogs in my house.')] });
      expect(types(bodies[1]!.input)).toEqual(['user_input', 'thought', 'model_output', 'user_input']);
      expect(types(bodies[2]!.input)).toEqual(['user_input', 'thought', 'model_output', 'user_input', 'thought', 'model_output', 'user_input']);
      const last = bodies[2]!.input as unknown[];
      expect(last[0]).toEqual(userStep('I have 2 dogs in my house.'));
      expect(last[3]).toEqual(userStep('And 3 cats.'));
      expect(last[6]).toEqual(userStep('How many paws?'));
      // The model's steps go back verbatim, thought signatures included.
      expect((last[1] as { signature?: string }).signature).toMatch(/^EqQB/);
      for (const body of bodies) expect(body).toMatchObject({ store: false, system_instruction: 'Be brief.' });
      for (const body of bodies) expect(body).not.toHaveProperty('previous_interaction_id');
    },
  },
  {
    name: 'a failed and a stopped turn, server history: left out, the next prompt chained to the last answer',
    target: { session: session([withStatuses(pane({}, ['I have 2 dogs.', 'And 3 cats.', 'And a bird.', 'How many paws?']), ['done', 'failed', 'stopped', 'done'])]) },
    options: plain,
    earlier: ['turn=1', 'Prompt: I have 2 dogs.'],
    texts: ['turn=2', 'Prompt: How many paws?'],
    check: ({ bodies }) => {
      expect(bodies.map((body) => body.input)).toEqual(['I have 2 dogs.', 'How many paws?']);
      expect(bodies[1]!.previous_interaction_id).toMatch(/^v1_/);
    },
  },
  {
    name: 'a failed turn, stateless: not in the history; a failed last turn is asked again',
    target: { session: session([withStatuses(pane({}, ['I have 2 dogs.', 'And 3 cats.', 'How many paws?']), ['done', 'failed', 'failed'])], 'stateless') },
    options: plain,
    earlier: ['turn=1'],
    texts: ['turn=2', 'Prompt: How many paws?'],
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(2);
      expect(types(bodies[1]!.input)).toEqual(['user_input', 'thought', 'model_output', 'user_input']);
      expect((bodies[1]!.input as unknown[])[0]).toEqual(userStep('I have 2 dogs.'));
    },
  },
  {
    name: 'stateless history, last turn streamed',
    target: { session: session([pane({}, ['I have 2 dogs in my house.', 'How many paws?'])], 'stateless') },
    options: { ...plain, stream: true },
    earlier: ['turn=1'],
    texts: ['turn=2', 'Prompt: How many paws?'],
    check: ({ bodies }) => {
      expect(bodies[1]).toMatchObject({ store: false, stream: true });
      expect(types(bodies[1]!.input)).toEqual(['user_input', 'thought', 'model_output', 'user_input']);
    },
  },
  {
    name: 'image upload',
    target: { session: session([pane({}, [{ text: 'Tell me about this instrument', images: [image('organ.png')] }])]) },
    options: plain,
    files: { 'organ.png': PNG_BASE64 },
    texts: ['turn=1', 'Prompt: Tell me about this instrument'],
    check: (run) => {
      expect(uploadsOf(run)).toHaveLength(2);
      expect(run.bodies).toEqual([
        {
          model: MODEL,
          input: [
            { type: 'text', text: 'Tell me about this instrument' },
            { type: 'image', uri: expect.stringMatching(/\/v1beta\/files\/[a-z0-9]+$/), mime_type: 'image/png' },
          ],
        },
      ]);
    },
  },
  {
    name: 'images across turns, each uploaded once',
    target: { session: session([pane({}, [{ text: 'A cat.', images: [CAT] }, { text: 'A dog, and the cat again.', images: [DOG, CAT] }])]) },
    options: plain,
    files: { 'cat.png': PNG_BASE64, 'dog.png': PNG_BASE64 },
    earlier: ['turn=1'],
    texts: ['turn=2', 'Prompt: A dog, and the cat again.'],
    check: (run) => {
      // Two files, each a start + a finalize.
      expect(uploadsOf(run)).toHaveLength(4);
      const [first, second] = run.bodies as { input: { uri?: string }[] }[];
      expect(types(second!.input)).toEqual(['text', 'image', 'image']);
      expect(second!.input[2]!.uri).toBe(first!.input[1]!.uri);
      expect(second!.input[1]!.uri).not.toBe(first!.input[1]!.uri);
    },
  },
  {
    name: 'a blank prompt with an image, stateless: no text part, in its request or in the history after it',
    target: { session: session([pane({}, [{ text: ' \n ', images: [CAT] }, 'And?'])], 'stateless') },
    options: plain,
    files: { 'cat.png': PNG_BASE64 },
    earlier: ['turn=1'],
    texts: ['turn=2', 'Prompt: And?'],
    check: ({ bodies }) => {
      const cat = { type: 'user_input', content: [{ type: 'image', uri: expect.stringMatching(/\/v1beta\/files\/[a-z0-9]+$/), mime_type: 'image/png' }] };
      expect(bodies[0]!.input).toEqual([cat]);
      expect((bodies[1]!.input as unknown[])[0]).toEqual(cat);
    },
  },
  {
    name: 'inline image',
    target: { session: session([pane({}, [{ text: 'Describe it', images: [image('organ.png')] }])]) },
    options: { ...plain, inlineImages: true, images: { ['a'.repeat(64)]: { base64: PNG_BASE64 } } },
    texts: ['Prompt: Describe it'],
    check: (run) => {
      expect(uploadsOf(run)).toHaveLength(0);
      expect(run.bodies).toEqual([
        { model: MODEL, input: [{ type: 'text', text: 'Describe it' }, { type: 'image', data: PNG_BASE64, mime_type: 'image/png' }] },
      ]);
    },
  },
  {
    name: 'PDF and audio uploaded with the Files API, each as its own part type',
    target: { session: session([pane({}, [{ text: 'Summarise the paper and the recording', images: [PDF, MP3] }])]) },
    options: plain,
    files: { 'paper.pdf': PDF_BASE64, 'talk.mp3': MP3_BASE64 },
    texts: ['turn=1', 'media=document:application/pdf:uri,audio:audio/mp3:uri', 'Prompt: Summarise the paper and the recording'],
    check: (run) => {
      expect(uploadsOf(run)).toHaveLength(4);
      const uri = expect.stringMatching(/\/v1beta\/files\/[a-z0-9]+$/);
      expect(run.bodies).toEqual([
        {
          model: MODEL,
          input: [
            { type: 'text', text: 'Summarise the paper and the recording' },
            { type: 'document', uri, mime_type: 'application/pdf' },
            { type: 'audio', uri, mime_type: 'audio/mp3' },
          ],
        },
      ]);
    },
  },
  {
    name: 'a video uploaded, then asked about until the Files API has processed it',
    target: { session: session([pane({}, [{ text: 'What happens in it?', images: [VIDEO] }])]) },
    options: plain,
    files: { 'clip.mp4': MP4_BASE64 },
    fake: { videoProcessingPolls: 2 },
    texts: ['media=video:video/mp4:uri', 'Prompt: What happens in it?'],
    check: (run) => {
      const polls = run.requests.filter((r) => r.method === 'GET' && /\/v1beta\/files\/[a-z0-9]+$/.test(r.path));
      expect(polls).toHaveLength(2);
      expect(run.bodies).toHaveLength(1);
    },
  },
  {
    name: 'PDF and audio inline',
    target: { session: session([pane({}, [{ text: 'Summarise both', images: [PDF, MP3] }])]) },
    options: { ...plain, inlineImages: true, images: { [PDF.sha256]: { base64: PDF_BASE64 }, [MP3.sha256]: { base64: MP3_BASE64 } } },
    texts: ['media=document:application/pdf:data,audio:audio/mp3:data', 'Prompt: Summarise both'],
    check: (run) => {
      expect(uploadsOf(run)).toHaveLength(0);
      expect(run.bodies).toEqual([
        {
          model: MODEL,
          input: [
            { type: 'text', text: 'Summarise both' },
            { type: 'document', data: PDF_BASE64, mime_type: 'application/pdf' },
            { type: 'audio', data: MP3_BASE64, mime_type: 'audio/mp3' },
          ],
        },
      ]);
    },
  },
  {
    name: 'large inline image in a stateless history',
    target: { session: session([pane({}, [{ text: 'Look', images: [image('big.png')] }, 'Again?'])], 'stateless') },
    options: { ...plain, inlineImages: true, images: { ['a'.repeat(64)]: { base64: LARGE_BASE64 } } },
    earlier: ['turn=1'],
    texts: ['turn=2', 'Prompt: Again?'],
    check: ({ bodies }) => {
      const image = { type: 'image', data: LARGE_BASE64, mime_type: 'image/png' };
      expect(bodies[0]).toEqual({ model: MODEL, store: false, input: [userStep('Look', image)] });
      expect((bodies[1]!.input as unknown[])[0]).toEqual(userStep('Look', image));
    },
  },
  {
    name: 'large embedded image in a server-history conversation',
    target: { session: session([pane({}, ['First.', { text: 'Now this', images: [image('big.png')] }])]) },
    options: { ...plain, inlineImages: true, images: { ['a'.repeat(64)]: { base64: LARGE_BASE64 } } },
    earlier: ['turn=1'],
    texts: ['turn=2', 'Prompt: Now this'],
    check: ({ bodies }) =>
      expect(bodies[1]).toEqual({
        model: MODEL,
        input: [{ type: 'text', text: 'Now this' }, { type: 'image', data: LARGE_BASE64, mime_type: 'image/png' }],
        previous_interaction_id: expect.stringMatching(/^v1_/),
      }),
  },
  {
    name: 'no turns yet: the draft prompt',
    target: { session: session([pane({ seed: 7 }, [])]), draftInput: 'What is a seed?' },
    options: plain,
    texts: ['seed=7', 'Prompt: What is a seed?'],
    check: ({ bodies }) => expect(bodies).toEqual([{ model: MODEL, input: 'What is a seed?', generation_config: { seed: 7 } }]),
  },
];

const COMPARED = session([
  pane({ temperature: 0.2, thinkingLevel: 'high' }, ['Name a colour.']),
  pane({ model: 'gemini-2.5-pro', temperature: 1 }, ['Name a colour.']),
  pane({ temperature: 0.7 }, ['Name a colour.'], 'Warm "custom" pane'),
]);
const COMPARED_LABELS = ['== gemini-3-flash-preview · T=0.2 · thinking=high ==', '== gemini-2.5-pro · T=1 · thinking=default ==', '== Warm "custom" pane =='];

function checkComparison(stream: boolean) {
  return ({ bodies }: VariantRun): void => {
    const extra = stream ? { stream: true } : {};
    expect(bodies).toEqual([
      { model: MODEL, input: 'Name a colour.', generation_config: { temperature: 0.2, thinking_level: 'high' }, ...extra },
      { model: 'gemini-2.5-pro', input: 'Name a colour.', generation_config: { temperature: 1 }, ...extra },
      { model: MODEL, input: 'Name a colour.', generation_config: { temperature: 0.7 }, ...extra },
    ]);
  };
}

VARIANTS.push(
  {
    name: 'whole comparison',
    target: { session: COMPARED },
    options: plain,
    texts: [COMPARED_LABELS[0]!, 'temperature=0.2', COMPARED_LABELS[1]!, 'model=gemini-2.5-pro', COMPARED_LABELS[2]!, 'temperature=0.7'],
    check: checkComparison(false),
  },
  {
    name: 'whole comparison, streamed',
    target: { session: COMPARED },
    options: { ...plain, stream: true },
    texts: [COMPARED_LABELS[0]!, 'temperature=0.2', COMPARED_LABELS[1]!, 'model=gemini-2.5-pro', COMPARED_LABELS[2]!, 'temperature=0.7'],
    check: checkComparison(true),
  },
);

VARIANTS.push({
  name: 'whole comparison with a large embedded image',
  target: {
    session: session([
      pane({ temperature: 0.1 }, [{ text: 'What colour?', images: [image('swatch.png')] }]),
      pane({ temperature: 0.9 }, [{ text: 'What colour?', images: [image('swatch.png')] }]),
    ]),
  },
  options: { ...plain, inlineImages: true, images: { ['a'.repeat(64)]: { base64: LARGE_BASE64 } } },
  texts: ['== T=0.1 ==', 'temperature=0.1', 'Prompt: What colour?', '== T=0.9 ==', 'temperature=0.9'],
  check: ({ bodies }) => {
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect((body.input as { data?: string }[])[1]!.data).toBe(LARGE_BASE64);
  },
});

/** `items` each `times` times in a row, as a repeat run sends them. */
const eachRepeated = <T>(items: readonly T[], times = 2): T[] => items.flatMap((item) => Array<T>(times).fill(item));

const COLOURS = swept({ topP: 0.9, seed: 5 }, { temperatures: [0.2, 0.6, 1], thinkingLevels: ['low', 'high'] }, ['Name a colour.'], 2);
const COLOUR_LABELS = ['T=0.2 · thinking=low', 'T=0.2 · thinking=high', 'T=0.6 · thinking=low', 'T=0.6 · thinking=high', 'T=1 · thinking=low', 'T=1 · thinking=high'];

const PERSONAS = swept({ temperature: 0.5 }, { models: [MODEL, 'gemini-2.5-pro'], systemInstructions: [HOSTILE_SYSTEM, '', 'Be brief.'] }, ['Who are you?']);
const PERSONA_SYSTEMS = [HOSTILE_SYSTEM, undefined, 'Be brief.'];

VARIANTS.push(
  {
    name: 'sweep: 3 temperatures × 2 thinking levels, each run twice',
    target: { session: COLOURS },
    options: plain,
    texts: COLOUR_LABELS.flatMap((label) => {
      const [t, level] = label.slice(2).replace('thinking=', '').split(' · ');
      const echo = `temperature=${t} top_p=0.9 thinking_level=${level}`;
      return [`== ${label} ==`, '-- run 1 --', echo, '-- run 2 --', echo];
    }),
    check: ({ bodies }) =>
      expect(bodies).toEqual(
        eachRepeated(
          [0.2, 0.6, 1].flatMap((temperature) =>
            ['low', 'high'].map((level) => ({
              model: MODEL,
              input: 'Name a colour.',
              generation_config: { temperature, top_p: 0.9, thinking_level: level, seed: 5 },
            })),
          ),
        ),
      ),
  },
  {
    name: 'sweep: 2 models × 3 system instructions (hostile, blank, plain), streamed',
    target: { session: PERSONAS },
    options: { ...plain, stream: true },
    texts: [
      `== ${MODEL} · system 1 ==`,
      'system_instruction="System: ',
      `== ${MODEL} · no system ==`,
      'system_instruction=unset',
      `== ${MODEL} · system 2 ==`,
      'system_instruction="Be brief."',
      '== gemini-2.5-pro · system 1 ==',
      '== gemini-2.5-pro · no system ==',
      'model=gemini-2.5-pro turn=1 temperature=0.5',
      'system_instruction=unset',
      '== gemini-2.5-pro · system 2 ==',
    ],
    check: ({ bodies }) =>
      expect(bodies).toEqual(
        [MODEL, 'gemini-2.5-pro'].flatMap((model) =>
          PERSONA_SYSTEMS.map((system) => ({
            model,
            ...(system === undefined ? {} : { system_instruction: system }),
            input: 'Who are you?',
            generation_config: { temperature: 0.5 },
            stream: true,
          })),
        ),
      ),
  },
  {
    name: 'sweep over system instructions with a large embedded image',
    target: { session: swept({}, { systemInstructions: ['Be brief.', ''] }, [{ text: 'What colour?', images: [image('swatch.png')] }]) },
    options: { ...plain, inlineImages: true, images: { ['a'.repeat(64)]: { base64: LARGE_BASE64 } } },
    texts: ['== system 1 ==', 'system_instruction="Be brief."', '== no system ==', 'system_instruction=unset'],
    check: ({ bodies }) => {
      expect(bodies.map((body) => body.system_instruction)).toEqual(['Be brief.', undefined]);
      for (const body of bodies) expect((body.input as { data?: string }[])[1]!.data).toBe(LARGE_BASE64);
    },
  },
  {
    name: 'whole comparison, each pane run three times',
    target: { session: repeated(COMPARED, 3) },
    options: plain,
    texts: [0, 1, 2].flatMap((i) => [COMPARED_LABELS[i]!, '-- run 1 --', '-- run 2 --', '-- run 3 --']),
    check: ({ bodies }) => {
      const once: VariantRun = { bodies: bodies.filter((_, i) => i % 3 === 0), requests: [], text: '' };
      checkComparison(false)(once);
      expect(bodies).toEqual(eachRepeated(once.bodies, 3));
    },
  },
);

// The app repeated the first pane alone, after its temperature changed: only its prompt loops, with the samples' settings.
const ONE_REPEATED: Session = {
  ...session([
    repeatedPane(pane({ temperature: 0.2 }, ['Name a colour.'], 'First'), 5, { model: MODEL, temperature: 0.4 }),
    pane({ temperature: 0.7 }, ['Name a colour.'], 'Second'),
    pane({ model: 'gemini-2.5-pro', temperature: 1 }, ['Name a colour.'], 'Third'),
  ]),
  experiments: { repeat: { runs: 5, concurrency: 2 } },
};

VARIANTS.push({
  name: 'whole comparison, one pane repeated five times with its settings then, the others answering once',
  target: { session: ONE_REPEATED },
  options: plain,
  texts: ['== First ==', '-- run 1 --', 'temperature=0.4', '-- run 5 --', 'temperature=0.4', '== Second ==', 'temperature=0.7', '== Third ==', 'model=gemini-2.5-pro'],
  check: ({ bodies, text }) => {
    expect(bodies).toEqual([
      ...eachRepeated([{ model: MODEL, input: 'Name a colour.', generation_config: { temperature: 0.4 } }], 5),
      { model: MODEL, input: 'Name a colour.', generation_config: { temperature: 0.7 } },
      { model: 'gemini-2.5-pro', input: 'Name a colour.', generation_config: { temperature: 1 } },
    ]);
    expect(text.match(/-- run \d --/g)).toHaveLength(5);
  },
});

// Comparisons of conversations: each pane's whole conversation is replayed, chained by id or as a full history.
const DOGS = 'I have 2 dogs in my house.';
const PAWS = 'How many paws are in my house?';
const TALKED = (history: 'server' | 'stateless'): Session =>
  session([pane({ temperature: 0.2 }, [DOGS, PAWS]), pane({ model: 'gemini-2.5-pro', topP: 0.5 }, [DOGS, PAWS], 'Pro')], history);
/** What the last prompt's answer says in each pane, in every language (curl prints only the last answers). */
const TALKED_TEXTS = ['== gemini-3-flash-preview · T=0.2 · top-p=default ==', 'turn=2 temperature=0.2', `Prompt: ${PAWS}`, '== Pro ==', 'model=gemini-2.5-pro turn=2', 'top_p=0.5', `Prompt: ${PAWS}`];
const FIRST_SETTINGS = { model: MODEL, generation_config: { temperature: 0.2 } };
const SECOND_SETTINGS = { model: 'gemini-2.5-pro', generation_config: { top_p: 0.5 } };

/** The model's answer text inside a stateless history. */
const answersIn = (input: unknown): string[] =>
  (input as { type: string; content?: { text?: string }[] }[]).filter((step) => step.type === 'model_output').map((step) => step.content?.[0]?.text ?? '');

VARIANTS.push(
  {
    name: 'two-turn comparison, server history: each pane chains its second prompt to its own first answer',
    target: { session: TALKED('server') },
    options: plain,
    texts: TALKED_TEXTS,
    check: ({ bodies }) => {
      expect(bodies).toEqual([
        { ...FIRST_SETTINGS, input: DOGS },
        { ...FIRST_SETTINGS, input: PAWS, previous_interaction_id: expect.stringMatching(/^v1_/) },
        { ...SECOND_SETTINGS, input: DOGS },
        { ...SECOND_SETTINGS, input: PAWS, previous_interaction_id: expect.stringMatching(/^v1_/) },
      ]);
      // Two first answers, two chains: the second pane does not continue the first pane's conversation.
      expect(bodies[3]!.previous_interaction_id).not.toBe(bodies[1]!.previous_interaction_id);
    },
  },
  {
    name: 'two-turn comparison, stateless history chosen over the session, last turn streamed',
    target: { session: TALKED('server') },
    options: { ...plain, stream: true, history: 'stateless' },
    texts: TALKED_TEXTS,
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(4);
      for (const body of bodies) expect(body).not.toHaveProperty('previous_interaction_id');
      expect(bodies[0]).toEqual({ ...FIRST_SETTINGS, store: false, input: [userStep(DOGS)] });
      expect(bodies[2]).toEqual({ ...SECOND_SETTINGS, store: false, input: [userStep(DOGS)] });
      for (const i of [1, 3]) {
        expect(bodies[i]).toMatchObject({ ...(i === 1 ? FIRST_SETTINGS : SECOND_SETTINGS), store: false, stream: true });
        expect(types(bodies[i]!.input)).toEqual(['user_input', 'thought', 'model_output', 'user_input']);
        expect((bodies[i]!.input as unknown[])[3]).toEqual(userStep(PAWS));
      }
      // Each pane's history holds its own first answer.
      expect(answersIn(bodies[1]!.input)[0]).toMatch(/^Echo: model=gemini-3-flash-preview turn=1 temperature=0.2 /);
      expect(answersIn(bodies[3]!.input)[0]).toMatch(/^Echo: model=gemini-2.5-pro turn=1 temperature=unset top_p=0.5 /);
    },
  },
  {
    name: 'two-turn comparison repeated: each pane answers its last prompt twice, from the same first answer',
    target: { session: repeated(TALKED('server'), 2) },
    options: plain,
    texts: ['== gemini-3-flash-preview · T=0.2 · top-p=default ==', '-- run 1 --', 'turn=2', '-- run 2 --', 'turn=2', '== Pro ==', '-- run 1 --', 'turn=2', '-- run 2 --', 'turn=2'],
    check: ({ bodies }) => {
      expect(bodies.map((body) => body.input)).toEqual([DOGS, PAWS, PAWS, DOGS, PAWS, PAWS]);
      expect(bodies[2]!.previous_interaction_id).toBe(bodies[1]!.previous_interaction_id);
      expect(bodies[5]!.previous_interaction_id).toBe(bodies[4]!.previous_interaction_id);
      expect(bodies[4]!.previous_interaction_id).not.toBe(bodies[1]!.previous_interaction_id);
    },
  },
  {
    name: 'sweep over a two-turn conversation, stateless: the loop replays it for each temperature',
    target: { session: swept({ seed: 1 }, { temperatures: [0.2, 0.8] }, [DOGS, PAWS]) },
    options: { ...plain, history: 'stateless' },
    texts: ['== T=0.2 ==', 'turn=2 temperature=0.2', '== T=0.8 ==', 'turn=2 temperature=0.8'],
    check: ({ bodies }) => {
      expect(bodies.map((body) => body.generation_config)).toEqual([0.2, 0.2, 0.8, 0.8].map((temperature) => ({ temperature, seed: 1 })));
      expect(types(bodies[3]!.input)).toEqual(['user_input', 'thought', 'model_output', 'user_input']);
      expect(answersIn(bodies[3]!.input)[0]).toContain('temperature=0.8');
    },
  },
  {
    name: 'panes whose conversations differ: each replayed on its own',
    target: { session: session([pane({ temperature: 0.2 }, [DOGS, PAWS]), pane({ temperature: 0.9 }, ['Something else entirely.'])]) },
    options: plain,
    texts: ['== T=0.2 ==', 'turn=2 temperature=0.2', `Prompt: ${PAWS}`, '== T=0.9 ==', 'turn=1 temperature=0.9', 'Prompt: Something else entirely.'],
    check: ({ bodies }) => {
      expect(bodies.map((body) => body.input)).toEqual([DOGS, PAWS, 'Something else entirely.']);
      expect(bodies[1]!.previous_interaction_id).toMatch(/^v1_/);
      expect(bodies[2]).not.toHaveProperty('previous_interaction_id');
    },
  },
);

// Issue 15: tools, function calling, structured output, safety settings and media resolution, as the panes send them.
const WEATHER = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  mock: '{"temperature": 18, "unit": "celsius"}',
};
/** No mock: answered with {}. */
const CLOCK = { name: 'get_time' };
const FUNCTIONS: PaneConfig = { model: MODEL, functions: [WEATHER, CLOCK] };
/** What the fake says after reading the results: each function's result as JSON, in the order of the calls. */
const READ_BOTH = 'Results: get_weather={"temperature":18,"unit":"celsius"}; get_time={}';
const MCP_TOKEN = 'Bearer export-test-token';
const TOOLS: PaneConfig = {
  model: MODEL,
  googleSearch: true,
  urlContext: true,
  codeExecution: true,
  mcpServers: [{ name: 'docs', url: 'https://mcp.example.com/mcp', allowedTools: ['search_docs'], headerNames: ['Authorization'] }],
  toolChoice: { mode: 'validated' },
  safetySettings: { harassment: 'block_none', dangerous_content: 'block_only_high' },
};
const CRM = (name: string) => ({ name, url: `https://${name}.example.com/mcp`, headerNames: ['Authorization'] });
const SCHEMA: PaneConfig = {
  model: MODEL,
  responseSchema: { type: 'object', properties: { name: { type: 'string' }, colours: { type: 'array', items: { type: 'string' } } }, required: ['name'] },
};
/** The function results each answering request sent (its input's trailing function_result steps). */
const roundsOf = (bodies: Record<string, unknown>[]): unknown[][] =>
  bodies
    .map((body) => (Array.isArray(body.input) ? (body.input as { type?: string }[]) : []))
    .filter((input) => input.at(-1)?.type === 'function_result')
    .map((input) => input.slice(input.findLastIndex((step) => step.type !== 'function_result') + 1));

VARIANTS.push(
  {
    name: 'tools: search, URL context, code execution, an MCP server whose header comes from the environment, safety, tool_choice, image resolution',
    target: { session: session([pane(TOOLS, [{ text: 'Find the docs [[cite:2]]', images: [{ ...image('organ.png'), resolution: 'high' }] }])]) },
    options: plain,
    files: { 'organ.png': PNG_BASE64 },
    env: { MCP_DOCS_AUTHORIZATION: MCP_TOKEN },
    texts: ['Prompt: Find the docs'],
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(1);
      expect(bodies[0]!.tools).toEqual([
        { type: 'google_search' },
        { type: 'url_context' },
        { type: 'code_execution' },
        { type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com/mcp', headers: { Authorization: MCP_TOKEN }, allowed_tools: [{ tools: ['search_docs'] }] },
      ]);
      expect(bodies[0]!.safety_settings).toEqual([
        { type: 'harassment', threshold: 'block_none' },
        { type: 'dangerous_content', threshold: 'block_only_high' },
      ]);
      expect(bodies[0]!.generation_config).toEqual({ tool_choice: 'validated' });
      expect((bodies[0]!.input as { resolution?: string }[])[1]!.resolution).toBe('high');
    },
  },
  {
    name: 'function calling: parallel calls answered from the mocks until the model answers, server history',
    target: { session: session([pane(FUNCTIONS, ['Weather and time in Paris? [[parallel]]'])]) },
    options: plain,
    texts: [READ_BOTH],
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(2);
      expect(bodies[1]!.previous_interaction_id).toMatch(/^v1_/);
      expect(roundsOf(bodies)).toEqual([
        [
          { type: 'function_result', call_id: expect.any(String), name: 'get_weather', result: { temperature: 18, unit: 'celsius' } },
          { type: 'function_result', call_id: expect.any(String), name: 'get_time', result: {} },
        ],
      ]);
    },
  },
  {
    name: 'function calling over two turns, stateless, streaming asked for: every round sends the history, nothing streams',
    target: { session: session([pane(FUNCTIONS, ['Weather in Paris? [[call:get_weather]]', 'And the time, twice? [[call:get_time]] [[call-twice]]'])], 'stateless') },
    options: { ...plain, stream: true },
    earlier: ['Results: get_weather={"temperature":18,"unit":"celsius"}'],
    texts: ['Results: get_time={}; get_time={}'],
    check: ({ bodies }) => {
      // Turn 1: the prompt, one round; turn 2: the prompt, two rounds.
      expect(bodies).toHaveLength(5);
      for (const body of bodies) expect(body).toMatchObject({ store: false });
      for (const body of bodies) expect(body).not.toHaveProperty('stream');
      const steps = (input: unknown): string[] => types(input).filter((type) => type !== 'thought');
      expect(steps(bodies[2]!.input)).toEqual(['user_input', 'function_call', 'function_result', 'model_output', 'user_input']);
      expect(steps(bodies[4]!.input).slice(-4)).toEqual(['function_call', 'function_result', 'function_call', 'function_result']);
    },
  },
  {
    name: 'structured output: response_format sent, the JSON answer printed parsed and indented',
    target: { session: session([pane(SCHEMA, ['Name a colourful thing.'])]) },
    options: plain,
    texts: ['{\n  "name": '],
    check: ({ bodies }) =>
      expect(bodies[0]!.response_format).toEqual({ type: 'text', mime_type: 'application/json', schema: SCHEMA.responseSchema }),
  },
  {
    name: 'structured output beyond ASCII: the JSON answer printed with its characters, not escapes',
    target: { session: session([pane({ responseSchema: { type: 'object', properties: { 'café ☕': { type: 'string' } }, required: ['café ☕'] } }, ['Name a drink.'])]) },
    options: plain,
    texts: ['{\n  "café ☕": '],
    check: ({ bodies }) => expect(bodies).toHaveLength(1),
  },
  {
    name: 'two MCP servers whose names spell one variable ("crm-eu", "crm_eu"): each header read from its own',
    target: { session: session([pane({ mcpServers: [CRM('crm-eu'), CRM('crm_eu')] }, ['Find the customer'])]) },
    options: plain,
    env: { MCP_CRM_EU_AUTHORIZATION: 'Bearer one', MCP_CRM_EU_AUTHORIZATION_2: 'Bearer two' },
    texts: ['Prompt: Find the customer'],
    check: ({ bodies }) => {
      const headers = (bodies[0]!.tools as { name: string; headers?: unknown }[]).map((tool) => [tool.name, tool.headers]);
      expect(headers).toEqual([
        ['crm-eu', { Authorization: 'Bearer one' }],
        ['crm_eu', { Authorization: 'Bearer two' }],
      ]);
    },
  },
  {
    name: 'MCP headers read from MCP_DOCS_X and MCP_DOCS_X_JSON: neither value overwrites the other',
    target: { session: session([pane({ mcpServers: [{ name: 'docs', url: 'https://mcp.example.com/mcp', headerNames: ['X', 'X-JSON'] }] }, ['Find it'])]) },
    options: plain,
    env: { MCP_DOCS_X: 'plain one', MCP_DOCS_X_JSON: 'the json one' },
    texts: ['Prompt: Find it'],
    check: ({ bodies }) => expect((bodies[0]!.tools as { headers?: unknown }[])[0]!.headers).toEqual({ X: 'plain one', 'X-JSON': 'the json one' }),
  },
  {
    name: 'whole comparison: a function pane beside a search pane, streaming asked for',
    target: { session: session([pane(FUNCTIONS, ['What now? [[parallel]]'], 'Functions'), pane({ googleSearch: true }, ['What now? [[parallel]]'], 'Search')]) },
    options: { ...plain, stream: true },
    texts: ['== Functions ==', READ_BOTH, '== Search ==', 'Prompt: What now?'],
    check: ({ bodies }) => {
      expect(bodies).toHaveLength(3);
      expect(bodies[2]!.tools).toEqual([{ type: 'google_search' }]);
      expect(roundsOf(bodies)).toHaveLength(1);
    },
  },
);
