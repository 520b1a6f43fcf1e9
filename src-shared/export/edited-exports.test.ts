// An edited conversation exported (issue 16, item 13): the script replays the branch being followed, sends it
// statelessly as the app does after an edit, and puts hand-written answers (examples, edited answers) into the
// history instead of asking for them. Each language's script runs against the fake; its request bodies are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRun, type ScriptLanguage, removeDir, runAgainstFake } from '../../e2e/export-runner';
import { pythonSdk } from '../../e2e/python-sdk';
import type { SavedPane, Session } from '../session';
import { MODEL, pane, session } from '../../test-support/shared/export/sessions';
import { HAND_WRITTEN } from './plan';
import { exportCode, planExport } from './index';

const sdk = await pythonSdk();

/** A pane in server history: a few-shot example, a turn whose prompt was edited, one whose answer was. */
function edited(): SavedPane {
  const base = pane({}, ['Q: 1 cat?', 'I have 3 dogs.', 'How many paws?', 'And the cats?']);
  const [example, prompt, answer, last] = base.turns;
  return {
    ...base,
    turns: [
      { ...example!, text: 'A: 4 paws.', steps: [], example: true },
      { ...prompt!, original: { prompt: 'I have 2 dogs.' } },
      { ...answer!, text: "Twelve paws, 'then'.", original: { answer: 'answer' } },
      last!,
    ],
    forks: [{ parentTurnId: example!.id, position: 1, others: [[{ ...prompt!, input: { text: 'I have 2 dogs.' } }]] }],
  };
}

/** What the model did before the answer the person then edited: the app sends it before the edited text (history.ts modelSteps). */
const LED_TO_IT = [
  { type: 'thought', signature: 'c2lnbmF0dXJl', summary: [{ type: 'text', text: 'Count the paws.' }] },
  { type: 'function_call', id: 'call-1', name: 'count_paws', arguments: { dogs: 3 } },
  { type: 'function_result', call_id: 'call-1', name: 'count_paws', result: { paws: 12 } },
];

/** A pane whose first answer, reached through a function call, was edited by hand. */
function editedAfterCall(): SavedPane {
  const base = pane({}, ['I have 3 dogs. How many paws?', 'And the cats?']);
  const [asked, last] = base.turns;
  const steps = [...LED_TO_IT, { type: 'model_output', content: [{ type: 'text', text: 'answer' }] }];
  return { ...base, turns: [{ ...asked!, steps, text: 'Twelve paws.', original: { answer: 'answer' } }, last!] };
}

const SESSION: Session = session([edited()]);
const CALLED: Session = session([editedAfterCall()]);
/** The same edited pane beside an untouched one: the comparison writes each on its own. */
const COMPARED: Session = session([edited(), pane({ temperature: 0.5 }, ['Hello', 'Bye'])]);

type Step = { type: string; content?: { type: string; text?: string }[] };
const said = (input: unknown) =>
  (input as Step[]).filter((s) => s.type === 'user_input' || s.type === 'model_output').map((s) => `${s.type === 'user_input' ? 'user' : 'model'}: ${(s.content ?? []).map((c) => c.text ?? '').join('')}`);

describe('the plan of an edited conversation', () => {
  it('is stateless, with the hand-written answers given rather than asked', () => {
    const plan = planExport({ session: SESSION }, { language: 'python', stream: false, inlineImages: false });
    expect(plan.kind).toBe('conversation');
    if (plan.kind !== 'conversation') return;
    expect(plan.history).toBe('stateless');
    expect(plan.turns.map((t) => t.given)).toEqual(['A: 4 paws.', undefined, "Twelve paws, 'then'.", undefined]);
    expect(plan.turns.every((t) => t.call.stateless)).toBe(true);
  });

  it('in a comparison, the edited pane goes stateless on its own and the other keeps the session’s history', () => {
    const plan = planExport({ session: COMPARED }, { language: 'python', stream: false, inlineImages: false });
    expect(plan.kind).toBe('conversations');
    if (plan.kind !== 'conversations') return;
    expect(plan.panes.map((p) => p.history)).toEqual(['stateless', 'server']);
  });
});

const LANGUAGES: { language: ScriptLanguage; python?: string }[] = [
  { language: 'javascript' },
  { language: 'python', ...(sdk.python ? { python: sdk.python } : {}) },
  { language: 'rest' },
];

describe.each(LANGUAGES)('$language: the exported edited conversation, run against the fake', ({ language, python }) => {
  const runs = new Map<string, FakeRun>();
  beforeAll(async () => {
    for (const [name, s] of [['single', SESSION], ['compared', COMPARED], ['called', CALLED]] as const) {
      const code = exportCode({ session: s }, { language, stream: false, inlineImages: false });
      expect(code).toContain(HAND_WRITTEN);
      runs.set(name, await runAgainstFake(language, code, undefined, false, python));
    }
  }, 240_000);
  afterAll(async () => {
    await Promise.all([...runs.values()].map((run) => removeDir(run.dir)));
  });

  it('asks only the model’s turns, each with the whole edited history and store: false', () => {
    const run = runs.get('single')!;
    expect(run.code, run.stderr).toBe(0);
    expect(run.bodies).toHaveLength(2);
    for (const body of run.bodies) {
      expect(body.store).toBe(false);
      expect(body).not.toHaveProperty('previous_interaction_id');
      expect(body.model).toBe(MODEL);
    }
    expect(said(run.bodies[0]!.input)).toEqual(['user: Q: 1 cat?', 'model: A: 4 paws.', 'user: I have 3 dogs.']);
    expect(said(run.bodies[1]!.input)).toEqual([
      'user: Q: 1 cat?',
      'model: A: 4 paws.',
      'user: I have 3 dogs.',
      // The fake's own answer to the edited prompt, which the script asked for.
      expect.stringMatching(/^model: Echo: [^]*\nPrompt: I have 3 dogs\.\n/),
      'user: How many paws?',
      "model: Twelve paws, 'then'.",
      'user: And the cats?',
    ]);
    // The hand-written answers are the model_output steps the app sends in their place.
    expect((run.bodies[1]!.input as Step[]).at(-2)).toEqual({ type: 'model_output', content: [{ type: 'text', text: "Twelve paws, 'then'." }] });
  });

  it('an answer edited after a function call goes back after the steps that led to it, as the app sends it', () => {
    const run = runs.get('called')!;
    expect(run.code, run.stderr).toBe(0);
    expect(run.bodies).toHaveLength(1);
    expect(run.bodies[0]!.input).toEqual([
      { type: 'user_input', content: [{ type: 'text', text: 'I have 3 dogs. How many paws?' }] },
      ...LED_TO_IT,
      { type: 'model_output', content: [{ type: 'text', text: 'Twelve paws.' }] },
      { type: 'user_input', content: [{ type: 'text', text: 'And the cats?' }] },
    ]);
  });

  it('a comparison replays the edited pane statelessly and the other one chained', () => {
    const run = runs.get('compared')!;
    expect(run.code, run.stderr).toBe(0);
    expect(run.bodies).toHaveLength(4);
    expect(said(run.bodies[1]!.input).at(-1)).toBe('user: And the cats?');
    expect(run.bodies[2]).toMatchObject({ input: 'Hello', generation_config: { temperature: 0.5 } });
    expect(run.bodies[2]).not.toHaveProperty('store');
    expect(run.bodies[3]!.previous_interaction_id).toEqual(expect.stringMatching(/^v1_/));
    expect(run.bodies[3]!.input).toBe('Bye');
  });
});
