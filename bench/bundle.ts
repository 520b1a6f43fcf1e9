// Start-up weight (issue 8 §5): the JavaScript the renderer loads first, raw and gzip-compressed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { InlineConfig } from 'vite';

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

/** What the renderer's chunks carry, by package (node_modules) or project file, in rendered bytes (before minifying). */
export interface RendererModules {
  /** The entry chunk and the chunks it imports statically: parsed before the first frame. */
  firstLoad: Map<string, number>;
  /** Everything else: chunks imported on demand (dialogs, views, libraries loaded when first used). */
  onDemand: Map<string, number>;
  /** The script files of the first load: the entry, then what it imports statically. */
  firstLoadFiles: string[];
  /** Files the build emits that are not chunks of the window's script (workers, styles, wasm). */
  assets: string[];
}

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The package a module id belongs to ('…/node_modules/@scope/name/x.js' → '@scope/name'), else its project path. */
export function ownerOf(id: string): string {
  const path = id.replace(/\?.*$/, '').replaceAll('\\', '/');
  const inPackage = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return inPackage ? inPackage[1]! : relative(ROOT, path).replaceAll('\\', '/');
}

/**
 * Builds the renderer in memory with the app's own configuration (electron.vite.config.ts) and sorts its modules
 * into the first load and the rest. By module, not by file name: a library split into a shared chunk that the
 * entry imports statically is still first load.
 */
export async function rendererModules(): Promise<RendererModules> {
  const { build } = await import('vite');
  const { default: config } = await import('../electron.vite.config');
  const renderer = (typeof config === 'function' ? undefined : config.renderer) as InlineConfig | undefined;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
  const output = await build({
    ...renderer,
    root: join(ROOT, 'src-renderer'),
    configFile: false,
    logLevel: 'silent',
    build: { ...renderer.build, write: false, sourcemap: false },
  });
  const outputs = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  const chunks = outputs.filter((c) => c.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const first = new Set<string>();
  const visit = (name: string) => {
    if (first.has(name)) return;
    first.add(name);
    for (const next of byName.get(name)?.imports ?? []) visit(next);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  const assets = outputs.filter((o) => o.type === 'asset').map((o) => o.fileName);
  const result: RendererModules = { firstLoad: new Map(), onDemand: new Map(), firstLoadFiles: [...first], assets };
  for (const chunk of chunks) {
    const into = first.has(chunk.fileName) ? result.firstLoad : result.onDemand;
    for (const [id, module] of Object.entries(chunk.modules)) {
      const owner = ownerOf(id);
      into.set(owner, (into.get(owner) ?? 0) + module.renderedLength);
    }
  }
  return result;
}
