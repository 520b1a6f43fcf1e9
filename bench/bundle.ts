// Start-up weight (issue 8 §5): the JavaScript the renderer loads first, raw and gzip-compressed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleResult {
  files: { name: string; bytes: number; gzip: number }[];
  totalBytes: number;
  totalGzip: number;
}

/** Sizes of the renderer's JavaScript in `out/renderer/assets` (run `npm run build` first). */
export function measureBundle(rendererDir: string): BundleResult {
  const assets = join(rendererDir, 'assets');
  if (!existsSync(assets)) throw new Error(`No built renderer in ${rendererDir}: run \`npm run build\` first.`);
  const files = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const bytes = readFileSync(join(assets, name));
      return { name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    totalGzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}
