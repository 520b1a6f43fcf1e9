// @vitest-environment jsdom
// CodeExportState: the preview follows settings and options live, and streamed text never regenerates it.
import { describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../../src-shared/domain';
import { createApi } from '../api';
import { FakeBridge, noMetrics } from '../../../test-support/renderer/fake-bridge';
import { CodeExportState } from './code-export.svelte';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const SENT = { method: 'POST' as const, url: 'http://fake/v1beta/interactions', headers: {}, body: {} };

function setup() {
  const fake = new FakeBridge();
  const frames = new ManualFrames();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: frames });
  session.connect();
  const codeExport = new CodeExportState(createApi(fake.bridge()), () => session);
  return { fake, frames, session, codeExport };
}

describe('CodeExportState', () => {
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
