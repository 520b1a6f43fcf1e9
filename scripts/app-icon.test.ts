// The committed icon is the current rendering of its SVG source, at the size electron-builder makes every
// platform's icons from.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ICON_PNG, ICON_SIZE, ICON_SVG, renderAppIcon } from './app-icon';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

describe('the app icon', () => {
  it(`is ${ICON_PNG}, rendered from ${ICON_SVG} (run \`npm run icon\` after editing the SVG)`, () => {
    const committed = readFileSync(join(ROOT, ICON_PNG));
    expect(committed.equals(renderAppIcon(readFileSync(join(ROOT, ICON_SVG))))).toBe(true);
  });

  it('is a 1024×1024 PNG, the size macOS asks for and more than the 512 electron-builder needs', () => {
    const png = renderAppIcon(readFileSync(join(ROOT, ICON_SVG)));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([ICON_SIZE, 1024]);
  });
});
