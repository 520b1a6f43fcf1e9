// The official @google/genai SDK sends document, audio and video parts, and uploads a video that stays
// PROCESSING, against the fake: if the SDK's typed shapes and the fake disagree, the fake is wrong.
import { GoogleGenAI, type Interactions } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mediaFixture } from '../../test-support/main/media';
import { type FakeApi, startFakeApi } from './server';

const MODEL = 'gemini-3-flash-preview';
const NO_RETRY = { maxRetries: 0 };
let fake: FakeApi;
let ai: GoogleGenAI;

beforeAll(async () => {
  fake = await startFakeApi();
  ai = new GoogleGenAI({ apiKey: 'test-key', apiVersion: 'v1beta', httpOptions: { baseUrl: fake.url, headers: { 'Api-Revision': '2026-05-20' } } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clear();
  fake.processVideoUploads(0);
});

const b64 = (name: string) => Buffer.from(mediaFixture(name)).toString('base64');
const outputText = (interaction: Interactions.Interaction) => JSON.stringify(interaction.steps ?? interaction);

describe('document, audio and video parts through the SDK', () => {
  it('inline parts typed as the SDK types them are accepted, recorded as sent and echoed', async () => {
    const document: Interactions.DocumentContent = { type: 'document', data: b64('sample.pdf'), mime_type: 'application/pdf' };
    const audio: Interactions.AudioContent = { type: 'audio', data: b64('sample.mp3'), mime_type: 'audio/mp3' };
    const video: Interactions.VideoContent = { type: 'video', data: b64('sample.webm'), mime_type: 'video/webm', resolution: 'low' };
    const interaction = await ai.interactions.create({ model: MODEL, input: [{ type: 'text', text: 'Describe them' }, document, audio, video] }, NO_RETRY);
    expect(outputText(interaction)).toContain('media=document:application/pdf:data,audio:audio/mp3:data,video:video/webm:data');
    expect((fake.interactionRequests()[0]?.body as { input: unknown[] }).input.slice(1)).toEqual([document, audio, video]);
  });

  it('bytes that are not what mime_type says: the SDK raises BadRequestError with the field path', async () => {
    const audio: Interactions.AudioContent = { type: 'audio', data: b64('song.mp3'), mime_type: 'audio/mp3' };
    await expect(ai.interactions.create({ model: MODEL, input: [{ type: 'text', text: 'Listen' }, audio] }, NO_RETRY)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('input[1].data does not match input[1].mime_type'),
    });
  });

  it('files.upload of a video: PROCESSING, files.get polled until ACTIVE, then sent by uri as a video part', async () => {
    fake.processVideoUploads(2);
    const uploaded = await ai.files.upload({ file: new Blob([mediaFixture('sample.mp4')], { type: 'video/mp4' }), config: { displayName: 'clip' } });
    expect(uploaded).toMatchObject({ mimeType: 'video/mp4', state: 'PROCESSING' });
    const video: Interactions.VideoContent = { type: 'video', uri: uploaded.uri!, mime_type: 'video/mp4' };
    await expect(ai.interactions.create({ model: MODEL, input: [{ type: 'text', text: 'Watch' }, video] }, NO_RETRY)).rejects.toMatchObject({ status: 400 });
    const states: string[] = [];
    for (let file = uploaded; file.state !== 'ACTIVE'; ) {
      file = await ai.files.get({ name: uploaded.name! });
      states.push(String(file.state));
    }
    expect(states).toEqual(['PROCESSING', 'ACTIVE']);
    const interaction = await ai.interactions.create({ model: MODEL, input: [{ type: 'text', text: 'Watch' }, video] }, NO_RETRY);
    expect(outputText(interaction)).toContain('media=video:video/mp4:uri');
  });
});
