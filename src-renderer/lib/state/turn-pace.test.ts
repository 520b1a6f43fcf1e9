// A screen that trails the stream: frames draw at most `charsPerFlush` of an answer each, so text that arrives faster
// than frames can draw it waits for later frames, and an answer's end waits for its text.
import { describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../../src-shared/domain';
import { FakeBridge } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { createApi } from '../api';
import { SharedFrames } from '../stream/frame';
import { SessionState } from './session.svelte';

const metrics = { totalMs: 10 };
/** A turn event without the ids the helper adds. */
type Unaddressed<E> = E extends unknown ? Omit<E, 'requestId' | 'paneId'> : never;

async function streaming(charsPerFlush = 4, scheduler?: SharedFrames) {
  const fake = new FakeBridge();
  const frames = new ManualFrames({ charsPerFlush });
  let ended = 0;
  const session = new SessionState(createApi(fake.bridge()), { scheduler: scheduler ?? frames, onTurnEnded: () => ended++ });
  session.connect();
  const pane = session.panes[0]!;
  session.composer.text = 'Write a lot';
  await session.send();
  const turn = pane.turns.at(-1)!;
  const ids = { requestId: turn.requestId!, paneId: pane.id };
  const emit = (event: Unaddressed<TurnEvent>) => fake.emit({ ...ids, ...event } as TurnEvent);
  emit({ type: 'started', request: { method: 'POST', url: 'u', headers: {}, body: {} } });
  const done = () => emit({ type: 'done', interactionId: 'v1', status: 'completed', steps: [], metrics, interaction: { id: 'v1', status: 'completed' } });
  return { fake, frames, session, pane, turn, emit, done, ended: () => ended };
}

/** Ten characters then the answer's end, faster than frames of 4 draw them: the end waits. */
function finishedUndrawn(s: Awaited<ReturnType<typeof streaming>>): void {
  s.emit({ type: 'delta', text: 'abcdefghij' });
  s.done();
  expect(s.turn.status).toBe('streaming');
}

describe('an answer that arrives faster than frames draw it', () => {
  it('each frame draws at most charsPerFlush characters of it, thoughts whole, and asks for another frame for the rest', async () => {
    const s = await streaming(4);
    s.emit({ type: 'delta', text: 'abcdefghij', thought: 'long thought' });
    s.frames.flush();
    expect(s.turn.text).toBe('abcd');
    expect(s.turn.thought).toBe('long thought');
    expect(s.frames.pending).toBe(1);
    s.emit({ type: 'delta', text: 'kl' });
    s.frames.flush();
    expect(s.turn.text).toBe('abcdefgh');
    s.frames.flush();
    expect(s.turn.text).toBe('abcdefghijkl');
    expect(s.frames.pending).toBe(0);
  });

  it('never cuts between the two halves of a surrogate pair', async () => {
    const s = await streaming(4);
    s.emit({ type: 'delta', text: 'abc😀def' });
    s.frames.flush();
    expect(s.turn.text).toBe('abc');
    s.frames.flush();
    expect(s.turn.text).toBe('abc😀de');
    s.frames.flush();
    expect(s.turn.text).toBe('abc😀def');
  });

  it('its end waits for the last of its text: streaming until the frame that draws it, then done and saved once', async () => {
    const s = await streaming(4);
    finishedUndrawn(s);
    expect(s.ended()).toBe(0);
    s.frames.flush();
    s.frames.flush();
    expect(s.turn.status).toBe('streaming');
    expect(s.turn.text).toBe('abcdefgh');
    s.frames.flush();
    expect(s.turn.text).toBe('abcdefghij');
    expect(s.turn.status).toBe('done');
    expect(s.turn.interactionId).toBe('v1');
    expect(s.ended()).toBe(1);
    expect(s.frames.pending).toBe(0);
  });

  it('an end with all its text drawn applies at once', async () => {
    const s = await streaming(4);
    s.emit({ type: 'delta', text: 'abc' });
    s.frames.flush();
    s.done();
    expect(s.turn.status).toBe('done');
    expect(s.ended()).toBe(1);
  });

  it.each(['cancelled', 'error'] as const)('a %s request shows all it got at once', async (type) => {
    const s = await streaming(4);
    s.emit({ type: 'delta', text: 'abcdefghij' });
    if (type === 'cancelled') s.emit({ type, partial: true, steps: [], metrics });
    else s.emit({ type, error: { code: 'NETWORK', message: 'cut', retryable: true }, partial: true, steps: [], metrics });
    expect(s.turn.text).toBe('abcdefghij');
    expect(s.turn.status).toBe(type === 'cancelled' ? 'stopped' : 'failed');
    expect(s.ended()).toBe(1);
    expect(s.frames.pending).toBe(0);
  });

  it('Stop while the screen catches up shows the whole answer as done, and asks main to stop nothing', async () => {
    const s = await streaming(4);
    s.emit({ type: 'delta', text: 'abcdefghij' });
    s.done();
    await s.session.runner.stopPane(s.pane.id);
    expect(s.turn.status).toBe('done');
    expect(s.turn.text).toBe('abcdefghij');
    expect(s.turn.stopping).toBe(false);
    expect(s.fake.callsOf('cancelTurn')).toEqual([]);
    expect(s.ended()).toBe(1);
    s.frames.flush();
    expect(s.ended()).toBe(1);
  });

  it('with no limit (the tests\' frames, by default) a frame draws all it has', async () => {
    const s = await streaming(Infinity);
    s.emit({ type: 'delta', text: 'x'.repeat(100_000) });
    s.frames.flush();
    expect(s.turn.text).toHaveLength(100_000);
  });

  it('panes that end together are saved once, by the last of them to be drawn', async () => {
    const fake = new FakeBridge();
    const frames = new ManualFrames({ charsPerFlush: 4 });
    let ended = 0;
    const session = new SessionState(createApi(fake.bridge()), { scheduler: frames, onTurnEnded: () => ended++ });
    session.connect();
    session.addPane();
    session.composer.text = 'Together';
    await session.send();
    const [a, b] = session.panes.map((p) => p.turns.at(-1)!);
    for (const [pane, text] of [[session.panes[0]!, 'abcdef'], [session.panes[1]!, 'abcdefghij']] as const) {
      const ids = { requestId: pane.turns.at(-1)!.requestId!, paneId: pane.id };
      fake.emit({ ...ids, type: 'started', request: { method: 'POST', url: 'u', headers: {}, body: {} } });
      fake.emit({ ...ids, type: 'delta', text });
      fake.emit({ ...ids, type: 'done', interactionId: 'v', status: 'completed', steps: [], metrics, interaction: { id: 'v', status: 'completed' } });
    }
    frames.flush();
    frames.flush();
    expect(a!.status).toBe('done');
    expect(b!.status).toBe('streaming');
    expect(ended).toBe(0);
    frames.flush();
    expect(b!.status).toBe('done');
    expect(ended).toBe(1);
  });

  it('a window hidden while its answer is drawn shows the rest and ends it at once (no frame would come)', async () => {
    let hidden = false;
    const listeners: (() => void)[] = [];
    const raf = { request: () => 1, cancel: () => {} };
    const visibility = { hidden: () => hidden, onChange: (callback: () => void) => void listeners.push(callback) };
    const s = await streaming(4, new SharedFrames({ raf, charsPerFlush: 4, visibility }));
    finishedUndrawn(s);
    hidden = true;
    for (const listener of listeners) listener();
    expect(s.turn.text).toBe('abcdefghij');
    expect(s.turn.status).toBe('done');
    expect(s.ended()).toBe(1);
    // Hidden, an answer's end is not held back at all.
    const t = await streaming(4, new SharedFrames({ raf, charsPerFlush: 4, visibility }));
    t.emit({ type: 'delta', text: 'abcdefghij' });
    t.done();
    expect(t.turn.status).toBe('done');
  });

  it('sending the next prompt while the last answer is still being drawn shows the rest at once and sends', async () => {
    const s = await streaming(4);
    finishedUndrawn(s);
    s.session.composer.text = 'Next';
    await s.session.send();
    expect(s.turn.status).toBe('done');
    expect(s.turn.text).toBe('abcdefghij');
    expect(s.session.composer.error).toBe('');
    expect(s.pane.turns).toHaveLength(2);
    expect(s.fake.callsOf('start')).toHaveLength(2);
  });
});
