// @vitest-environment jsdom
// Media resolution per attached image: set on the stored image, sent with it, and taken back to the API's default.
import { describe, expect, it } from 'vitest';
import type { StartTurnRequest } from '../../../src-shared/domain';
import { createApi } from '../api';
import { FakeBridge, fakeSha } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const file = (name: string, size = 8) => ({ name, size, arrayBuffer: () => Promise.resolve(new Uint8Array(size).buffer) });

function setup() {
  const fake = new FakeBridge();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: new ManualFrames() });
  session.connect();
  return { fake, session };
}

describe('media resolution of an attached image', () => {
  it('goes with that image only, in the turn sent', async () => {
    const { fake, session } = setup();
    await session.attachments.add([file('a.png'), file('b.png')]);
    const [a, b] = session.attachments.items;
    session.attachments.setResolution(a!.id, 'ultra_high');
    session.attachments.setResolution(b!.id, 'low');
    session.attachments.setResolution(b!.id, undefined);
    // Default is no resolution at all, not one set to undefined.
    expect(session.attachments.items[1]!.ref).toStrictEqual({ sha256: fakeSha('b.png'), mimeType: 'image/png', name: 'b.png', size: 8 });
    await session.send();
    const [request] = fake.callsOf('start') as StartTurnRequest[];
    expect(request!.input.images).toEqual([
      { sha256: fakeSha('a.png'), mimeType: 'image/png', name: 'a.png', size: 8, resolution: 'ultra_high' },
      { sha256: fakeSha('b.png'), mimeType: 'image/png', name: 'b.png', size: 8 },
    ]);
    expect(session.panes[0]!.turns[0]!.input.images?.[0]?.resolution).toBe('ultra_high');
  });

  it('cannot be set on an image main has not stored yet', async () => {
    const { fake, session } = setup();
    let release!: () => void;
    fake.handlers.addMedia = ({ name, bytes }) =>
      new Promise((resolve) => (release = () => resolve({ sha256: fakeSha(name), mimeType: 'image/png', name, size: bytes.byteLength })));
    const adding = session.attachments.add([file('a.png')]);
    await new Promise((r) => setTimeout(r, 0));
    session.attachments.setResolution(session.attachments.items[0]!.id, 'high');
    release();
    await adding;
    expect(session.attachments.items[0]!.ref).toEqual({ sha256: fakeSha('a.png'), mimeType: 'image/png', name: 'a.png', size: 8 });
  });
});
