// npm run icon: renders resources/icon.png (1024×1024, what electron-builder makes every platform's icons from) from
// resources/icon.svg, the one drawing to edit. A test checks the PNG is the SVG's current rendering.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

export const ICON_SIZE = 1024;
export const ICON_SVG = 'resources/icon.svg';
export const ICON_PNG = 'resources/icon.png';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function renderAppIcon(svg: string | Buffer): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: ICON_SIZE } }).render().asPng();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(root, ICON_PNG), renderAppIcon(readFileSync(join(root, ICON_SVG))));
  console.log(`wrote ${ICON_PNG}`);
}
