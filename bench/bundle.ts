// Start-up weight (issue 8 §5): the JavaScript the renderer loads first, raw and gzip-compressed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleResult {
  /** `firstLoad`: named by index.html (script or modulepreload); the rest are chunks imported on demand. */
  files: { name: string; bytes: number; gzip: number; firstLoad: boolean }[];
  totalBytes: number;
  totalGzip: number;
  firstLoadBytes: number;
  firstLoadGzip: number;
}

/** Sizes of the renderer's JavaScript in `out/renderer/assets` (run `npm run build` first). */
export function measureBundle(rendererDir: string): BundleResult {
  const assets = join(rendererDir, 'assets');
  if (!existsSync(assets)) throw new Error(`No built renderer in ${rendererDir}: run \`npm run build\` first.`);
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const files = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const bytes = readFileSync(join(assets, name));
      return { name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, firstLoad: html.includes(`assets/${name}"`) };
    })
    .sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.bytes - a.bytes);
  const sum = (list: typeof files, key: 'bytes' | 'gzip') => list.reduce((total, f) => total + f[key], 0);
  const first = files.filter((f) => f.firstLoad);
  return {
    files,
    totalBytes: sum(files, 'bytes'),
    totalGzip: sum(files, 'gzip'),
    firstLoadBytes: sum(first, 'bytes'),
    firstLoadGzip: sum(first, 'gzip'),
  };
}
