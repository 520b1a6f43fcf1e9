// @vitest-environment jsdom
// CodeExportState: the preview follows settings and options live, and streamed text never regenerates it.
import { describe, expect, it } from 'vitest';
import type { PaneHistory, StartTurnRequest, TurnEvent } from '../../../src-shared/domain';
import type { Step } from '../../../src-shared/interactions';
import { buildCreateRequest, userInputStep } from '../../../src-shared/request';
import { runJavaScript } from '../../../test-support/shared/export/js-stand-in';
import { createApi } from '../api';
import { FakeBridge, noMetrics } from '../../../test-support/renderer/fake-bridge';
import { CodeExportState } from './code-export.svelte';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';
import type { PaneState } from './pane.svelte';

const SENT = { method: 'POST' as const, url: 'http://fake/v1beta/interactions', headers: {}, body: {} };

function setup() {
  const fake = new FakeBridge();
  const frames = new ManualFrames();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: frames });
  session.connect();
  const codeExport = new CodeExportState(createApi(fake.bridge()), () => session);
  return { fake, frames, session, codeExport };
}

type Setup = ReturnType<typeof setup>;

/** The turn the panes answer now ends as `how`: answered with `text` (after the steps `before` it), or failed. */
function end(s: Setup, how: 'done' | 'error', text = '', before: Step[] = []): void {
  const pane = s.session.panes[0]!;
  const turn = pane.turns.find((t) => t.active)!;
  const ids = { requestId: turn.requestId!, paneId: pane.id };
  const steps: Step[] = [...before, { type: 'model_output', content: [{ type: 'text', text }] } as Step];
  if (how === 'done') s.fake.emit({ type: 'done', ...ids, interactionId: `v1_${turn.id}`, status: 'completed', steps, metrics: noMetrics, interaction: { id: `v1_${turn.id}`, status: 'completed' } });
  else s.fake.emit({ type: 'error', ...ids, error: { code: 'NETWORK', message: 'offline', retryable: true }, partial: false, steps: [], metrics: noMetrics });
  s.frames.flush();
}

async function ask(s: Setup, prompt: string, how: 'done' | 'error', answer = '', before: Step[] = []): Promise<void> {
  s.session.composer.text = prompt;
  await s.session.send();
  end(s, how, answer, before);
}

/**
 * Sends `prompt` from the composer, then runs the first pane's JavaScript export: the one request it makes is the
 * app's, the history the app sent (stateless, after an edit) and all. Returns that history.
 */
async function expectExportAsksAsTheApp(s: Setup, prompt: string): Promise<PaneHistory | undefined> {
  s.session.composer.text = prompt;
  await s.session.send();
  const app = (s.fake.callsOf('start') as StartTurnRequest[]).at(-1)!;
  const history = app.panes[0]!.history;
  expect(history?.mode).toBe('stateless');
  s.codeExport.showPane(s.session.panes[0]!.id);
  s.codeExport.language = 'javascript';
  await s.codeExport.ready();
  const run = await runJavaScript(s.codeExport.code);
  // The examples and edited answers are not asked: the one request is the app's, history and all.
  expect(run.requests).toHaveLength(1);
  expect(run.requests[0]).toMatchObject({ store: false, input: [...(history?.mode === 'stateless' ? history.steps : []), userInputStep(app.input)] });
  return history;
}

describe('CodeExportState', () => {
  it('exports the conversation the app continues: examples and edited answers given, a failed turn left out', async () => {
    const s = setup();
    const pane = s.session.panes[0]!;
    await ask(s, 'I have 2 dogs.', 'done', 'Nice.');
    const editor = s.session.edits.for(pane);
    expect(editor.insertExample(0, 'Q: 2+2', 'A: 4')).toBeUndefined();
    expect(editor.editAnswer(pane.turns[1]!.id, 'Very nice.')).toBeUndefined();
    await ask(s, 'And a cat.', 'error');
    await expectExportAsksAsTheApp(s, 'How many paws?');
  });

  it('sends an answer edited by hand after the thought and function steps that led to it, as the app does', async () => {
    const s = setup();
    const pane = s.session.panes[0]!;
    const before = [
      { type: 'thought', signature: 'c2lnbmF0dXJl', summary: [{ type: 'text', text: 'Count them.' }] },
      { type: 'function_call', id: 'call-1', name: 'count_paws', arguments: { dogs: 2 } },
      { type: 'function_result', call_id: 'call-1', name: 'count_paws', result: { paws: 8 } },
    ] as Step[];
    await ask(s, 'I have 2 dogs. How many paws?', 'done', 'Eight.', before);
    expect(s.session.edits.for(pane).editAnswer(pane.turns[0]!.id, 'Eight paws.')).toBeUndefined();
    const history = await expectExportAsksAsTheApp(s, 'And a cat?');
    expect(history?.mode === 'stateless' && history.steps.slice(1, 4)).toEqual(before);
  });

  it('follows pane settings and options live, per scope', async () => {
    const { session, codeExport } = setup();
    session.addPane();
    session.panes[0]!.settings.temperature = '0.2';
    session.panes[1]!.settings.temperature = '0.9';
    session.composer.text = 'Tell me about otters';
    codeExport.showComparison();
    await codeExport.ready();
    expect(codeExport.code).toContain('client.interactions.create(');
    expect(codeExport.code).toContain('0.2');
    expect(codeExport.code).toContain('0.9');
    expect(codeExport.code).toContain('Tell me about otters');

    session.panes[1]!.settings.temperature = '0.55';
    expect(codeExport.code).toContain('0.55');

    codeExport.language = 'rest';
    codeExport.stream = true;
    expect(codeExport.code).toContain('curl -X POST');
    expect(codeExport.code).toContain('alt=sse');
    expect(codeExport.fileName).toBe('playground.sh');

    codeExport.language = 'python';
    codeExport.showPane(session.panes[0]!.id);
    await codeExport.ready();
    expect(codeExport.scopeLabel).toMatch(/^Pane 1/);
    expect(codeExport.code).toContain('0.2');
    expect(codeExport.code).not.toContain('0.55');
  });

  it('repeats in the script only the pane the app repeated, each request as the app sent its samples', async () => {
    const s = setup();
    s.session.addPane();
    s.session.panes.forEach((p, i) => (p.settings.temperature = String(i / 10)));
    s.session.composer.text = 'Name a colour';
    await s.session.send();
    for (const pane of s.session.panes) {
      const ids = { requestId: pane.lastTurn!.requestId!, paneId: pane.id };
      s.fake.emit({ type: 'done', ...ids, interactionId: `v1_${pane.id}`, status: 'completed', steps: [], metrics: noMetrics, interaction: { id: `v1_${pane.id}`, status: 'completed' } });
    }
    // Settings changed after the turn: the repeat run sends the new ones.
    s.session.panes[0]!.settings.temperature = '0.7';
    s.fake.calls.length = 0;
    const repeat = s.session.experiments.startRepeat([s.session.panes[0]!.id], 3, 3);
    await new Promise((r) => setTimeout(r, 0));
    const sent = s.fake.callsOf('start') as StartTurnRequest[];
    for (const call of sent) {
      const ids = { requestId: call.panes[0]!.requestId, paneId: call.panes[0]!.paneId };
      s.fake.emit({ type: 'done', ...ids, interactionId: `v1_${ids.requestId}`, status: 'completed', steps: [], metrics: noMetrics, interaction: { id: `v1_${ids.requestId}`, status: 'completed' } });
    }
    await repeat;
    expect(sent).toHaveLength(3);

    s.codeExport.showComparison();
    s.codeExport.language = 'javascript';
    await s.codeExport.ready();
    const run = await runJavaScript(s.codeExport.code);
    const samples = sent.map((call) => buildCreateRequest(call.panes[0]!.config, call.input, { stream: false }));
    const other = s.session.panes[1]!.lastTurn!;
    expect(run.requests).toEqual([...samples, buildCreateRequest(other.config, other.input, { stream: false })]);
    expect(samples[0]!.generation_config).toEqual({ temperature: 0.7 });
  });

  it('does not regenerate while an answer streams', async () => {
    const { fake, frames, session, codeExport } = setup();
    session.composer.text = 'Hello';
    await session.send();
    const turn = session.panes[0]!.turns[0]!;
    const ids = { requestId: turn.requestId!, paneId: session.panes[0]!.id };
    codeExport.showComparison();
    await codeExport.ready();

    // A derived that did not re-run hands back the very same object.
    const before = codeExport.result;
    expect(codeExport.result).toBe(before);
    const emit = (e: TurnEvent) => fake.emit(e);
    emit({ type: 'started', ...ids, request: SENT });
    for (const text of ['Hel', 'lo', ' there']) {
      emit({ type: 'delta', ...ids, text });
      frames.flush();
    }
    expect(turn.text).toBe('Hello there');
    emit({ type: 'done', ...ids, interactionId: 'int-1', status: 'completed', steps: [], metrics: noMetrics, interaction: { id: 'int-1', status: 'completed' } });
    frames.flush();
    expect(codeExport.result).toBe(before);
    expect(codeExport.code).toContain('"Hello"');
  });

  it('sends a draft written with \\{{ for a literal {{ as the app sends it: the prompt and system instruction filled', async () => {
    const s = setup();
    const pane = s.session.panes[0]!;
    pane.settings.systemInstruction = 'Explain templates such as \\{{ page.title }}.';
    s.session.composer.text = 'What does \\{{ user.name }} print?';
    s.codeExport.showPane(pane.id);
    s.codeExport.language = 'javascript';
    await s.codeExport.ready();
    const run = await runJavaScript(s.codeExport.code);

    await s.session.send();
    const app = (s.fake.callsOf('start') as StartTurnRequest[]).at(-1)!;
    expect(app.input.text).toBe('What does {{ user.name }} print?');
    expect(run.requests).toHaveLength(1);
    expect(run.requests[0]).toMatchObject({
      input: app.input.text,
      system_instruction: app.panes[0]!.config.systemInstruction,
    });
    expect(app.panes[0]!.config.systemInstruction).toBe('Explain templates such as {{ page.title }}.');
    // The pane's own settings keep what was typed.
    expect(pane.settings.systemInstruction).toBe('Explain templates such as \\{{ page.title }}.');
  });

  it('says which settings of a pane exported as it stands are left out because they do not validate', async () => {
    const s = setup();
    s.session.addPane();
    const [first, second] = s.session.panes as [PaneState, PaneState];
    first.settings.responseSchema = '{"type": "object",';
    first.settings.temperature = 'hot';
    s.session.composer.text = 'Rate this film';
    s.codeExport.showPane(first.id);
    await s.codeExport.ready();
    // The app would refuse this send; the script sends without the schema.
    expect(s.codeExport.code).not.toContain('response_format');
    expect(s.codeExport.leftOut).toBe(
      `Pane 1 (${s.session.labels[0]}): Temperature and Response schema have errors, so the script leaves them out. Fix them in the pane’s settings to export them.`,
    );
    first.settings.temperature = '0.3';
    expect(s.codeExport.leftOut).toMatch(/^Pane 1 \(.*\): Response schema has an error, so the script leaves it out\. Fix it in/);
    // Another pane's mistake is not this script's.
    first.settings.responseSchema = '';
    second.settings.seed = 'x';
    expect(s.codeExport.leftOut).toBeUndefined();
    s.codeExport.showComparison();
    expect(s.codeExport.leftOut).toMatch(/^Pane 2 \(.*\): Seed has an error/);
  });

  it('names no left-out setting for a pane whose turns carry the settings they were sent with', async () => {
    const s = setup();
    await ask(s, 'Name an otter', 'done', 'Sea otter');
    s.session.panes[0]!.settings.responseSchema = '{"type": "object",';
    s.codeExport.showComparison();
    await s.codeExport.ready();
    expect(s.codeExport.leftOut).toBeUndefined();
  });

  it('saves through saveTextFile with the language’s file name, and says where', async () => {
    const { fake, codeExport } = setup();
    codeExport.showComparison();
    await codeExport.ready();
    codeExport.language = 'javascript';
    await codeExport.saveToFile();
    expect(fake.callsOf('saveTextFile')).toEqual([{ suggestedName: 'playground.mjs', text: codeExport.code }]);
    expect(codeExport.save).toEqual({ state: 'saved', path: '/tmp/playground.mjs' });

    fake.handlers.saveTextFile = () => ({ saved: false });
    await codeExport.saveToFile();
    expect(codeExport.save).toEqual({ state: 'idle' });

    fake.handlers.saveTextFile = () => ({ error: { code: 'STORAGE', message: 'Could not write the file: permission denied.' } });
    await codeExport.saveToFile();
    expect(codeExport.save).toEqual({ state: 'failed', message: 'Could not write the file: permission denied.' });
  });
});
