// The committed media fixtures (e2e/fixtures/media, made once with ffmpeg; see its README), read as bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MEDIA_FIXTURES = fileURLToPath(new URL('../../e2e/fixtures/media/', import.meta.url));

export function mediaFixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(MEDIA_FIXTURES, name)));
}
