// A pane's image output reaches the request as the typings' ImageResponseFormat, beside a response schema in one
// response_format list, and only models named as image makers are said to make images.
import { describe, expect, it } from 'vitest';
import { answerImages, imageExtension, imageFileName, makesImages } from './image-output';
import { ACCEPTED_IMAGE_TYPES, mediaFormatOf } from './media';
import { buildCreateRequest } from './request';
import { STRUCTURED } from './settings/structured';
import type { PaneConfig } from './settings/table';

const send = (config: PaneConfig) => buildCreateRequest(config, { text: 'A red fox' }, { stream: true }) as unknown as Record<string, unknown>;

describe('image output', () => {
  it('asks for images with the chosen aspect ratio, size and type', () => {
    const body = send({ model: 'gemini-2.5-flash-image', imageOutput: { aspectRatio: '16:9', imageSize: '2K', mimeType: 'image/jpeg' } });
    expect(body.response_format).toEqual({ type: 'image', aspect_ratio: '16:9', image_size: '2K', mime_type: 'image/jpeg' });
  });

  it('asks for images with the defaults when nothing is chosen', () => {
    expect(send({ model: 'gemini-2.5-flash-image', imageOutput: {} }).response_format).toEqual({ type: 'image' });
  });

  it('sends a response schema and the image format together as a list', () => {
    const body = send({ model: 'gemini-3-pro-image-preview', responseSchema: { type: 'object' }, imageOutput: { delivery: 'uri' } });
    expect(body.response_format).toEqual([
      { type: 'text', mime_type: 'application/json', schema: { type: 'object' } },
      { type: 'image', delivery: 'uri' },
    ]);
  });

  it('refuses an aspect ratio the API does not name, and reads a blank form as unset', () => {
    expect(STRUCTURED.imageOutput.parse('{"aspectRatio":"7:5"}').error).toMatch(/“7:5” is not an image aspect ratio/);
    expect(STRUCTURED.imageOutput.parse('  ')).toEqual({});
    expect(STRUCTURED.imageOutput.parse('{"imageSize":"4K"}').value).toEqual({ imageSize: '4K' });
  });

  it('refuses delivery by uri, which the app could neither store nor show, and keeps inline', () => {
    expect(STRUCTURED.imageOutput.parse('{"delivery":"uri"}').error).toMatch(/delivery “uri” is not supported here/);
    expect(STRUCTURED.imageOutput.parse('{"delivery":"inline"}').value).toEqual({ delivery: 'inline' });
  });

  it('knows image models by their names', () => {
    expect(['gemini-2.5-flash-image', 'gemini-3-pro-image-preview', 'models/gemini-2.5-flash-image'].map(makesImages)).toEqual([true, true, true]);
    expect(['gemini-3-flash-preview', 'imagen-4.0-generate-001', 'gemini-2.5-flash-image-live-x'].map(makesImages)).toEqual([false, false, false]);
  });
});

describe('answerImages', () => {
  const sha = (c: string) => c.repeat(64);
  it('lists the stored images of model_output steps in order, each after the text before it; a name that is no sha256 is none', () => {
    const steps = [
      { type: 'thought', summary: [{ type: 'text', text: 'ignored' }] },
      { type: 'model_output', content: [{ type: 'text', text: 'Here:' }] },
      { type: 'model_output', content: [{ type: 'image', mime_type: 'image/jpeg', sha256: sha('a') }] },
      { type: 'model_output', content: [{ type: 'text', text: 'and' }, { type: 'image', sha256: sha('b') }, { type: 'image', mime_type: 'image/png' }] },
      { type: 'model_output', content: [{ type: 'image', sha256: `${sha('c')}/../x` }, { type: 'image', sha256: sha('D') }] },
    ];
    expect(answerImages(steps)).toEqual([
      { sha256: sha('a'), mimeType: 'image/jpeg', at: 5 },
      { sha256: sha('b'), mimeType: 'image/png', at: 8 },
    ]);
  });

  it('names files as the exported code does', () => {
    expect([imageFileName(1, 'image/png'), imageFileName(2, 'image/jpeg'), imageFileName(3, 'image/webp')]).toEqual([
      'image_1.png',
      'image_2.jpg',
      'image_3.webp',
    ]);
  });

  it('never takes an extension from a type that is not an accepted image (a saved type may be anything)', () => {
    expect(['text/html', 'x/hta', 'x/bat', 'application/x-msdownload', 'image/svg+xml', 'image/png/../exe', ''].map(imageExtension)).toEqual(Array(7).fill('bin'));
    expect(['application/pdf', 'audio/wav', 'text/plain', 'constructor'].map(imageExtension)).toEqual(Array(4).fill('bin'));
    for (const type of ACCEPTED_IMAGE_TYPES) expect(mediaFormatOf(type)?.extensions, type).toContain(imageExtension(type));
  });
});
