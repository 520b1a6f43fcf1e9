// @vitest-environment jsdom
// The same picture dropped on two panes at two media resolutions (comparing how finely the model sees it): each
// pane's request carries its own resolution, though the bytes are the same.
import { expect, it } from 'vitest';
import type { StartTurnRequest } from '../../../src-shared/domain';
import { createApi } from '../api';
import { FakeBridge, fakeSha } from '../../../test-support/renderer/fake-bridge';
import { ManualFrames } from '../../../test-support/renderer/manual-frames';
import { SessionState } from './session.svelte';

const file = (name: string) => ({ name, size: 8, arrayBuffer: () => Promise.resolve(new Uint8Array(8).buffer) });

it('the same image dropped on two panes at two resolutions goes to each pane at its own', async () => {
  const fake = new FakeBridge();
  const session = new SessionState(createApi(fake.bridge()), { scheduler: new ManualFrames() });
  session.connect();
  session.addPane();
  const [one, two] = session.panes;
  // One file, so one stored blob, whichever pane it was dropped on.
  fake.handlers.addMedia = ({ bytes }) => Promise.resolve({ sha256: fakeSha('photo.png'), mimeType: 'image/png', name: 'photo.png', size: bytes.byteLength });
  await session.attachments.add([file('photo.png')], one!.id);
  await session.attachments.add([file('photo.png')], two!.id);
  const [forOne, forTwo] = session.attachments.items;
  session.attachments.setResolution(forOne!.id, 'low');
  session.attachments.setResolution(forTwo!.id, 'ultra_high');
  session.composer.text = 'How much detail do you see?';

  await session.send();

  const sent = (fake.callsOf('start') as StartTurnRequest[]).flatMap((request) =>
    request.panes.map((pane) => [pane.paneId, request.input.images?.map((image) => image.resolution)] as const),
  );
  expect(new Map(sent)).toEqual(
    new Map([
      [one!.id, ['low']],
      [two!.id, ['ultra_high']],
    ]),
  );
  expect(two!.turns[0]!.input.images?.[0]?.resolution).toBe('ultra_high');
});
