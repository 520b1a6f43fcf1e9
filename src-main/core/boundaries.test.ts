// Layer rules enforced by scanning the source tree: who may import electron and node:*, what the preload exposes.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs|svelte)$/;

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(ROOT, dir));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...filesUnder(rel));
    else if (SOURCE.test(name)) out.push(rel.split(sep).join('/'));
  }
  return out;
}

/** Comments may talk about electron; only code counts. Line comments start after anything but a ':' (URLs). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

/** Every module specifier: static and side-effect imports, re-exports, dynamic import(), require(). */
export function specifiers(text: string): string[] {
  const code = stripComments(text);
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1]!);
  return found;
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/') || s === 'electron-store';
const NODE_BUILTINS = new Set(builtinModules);
const isNode = (s: string) => s.startsWith('node:') || NODE_BUILTINS.has(s) || NODE_BUILTINS.has(s.split('/')[0]!);

function offenders(files: string[], bad: (specifier: string) => boolean): string[] {
  return files.flatMap((file) =>
    specifiers(readFileSync(join(ROOT, file), 'utf8'))
      .filter(bad)
      .map((s) => `${file} imports '${s}'`),
  );
}

describe('specifier scanner', () => {
  it('finds every import form and ignores comments', () => {
    // Written in capitals and lowered at run time, so this file does not trip its own scan.
    const text = [
      "IMPORT { app } FROM 'electron';",
      'IMPORT type { X } FROM "electron/main";',
      "IMPORT 'node:fs';",
      "EXPORT * FROM 'node:path';",
      "const m = await IMPORT('electron-store');",
      "const r = REQUIRE('fs');",
      "IMPORT {\n  a,\n  b,\n} FROM 'multi-line';",
      "// IMPORT { app } FROM 'commented';",
      "/* REQUIRE('block-commented') */",
      "const url = 'https://example.com'; IMPORT x FROM 'after-url';",
    ]
      .join('\n')
      .replace(/IMPORT|EXPORT|FROM|REQUIRE/g, (w) => w.toLowerCase());
    expect(specifiers(text)).toEqual(
      expect.arrayContaining(['electron', 'electron/main', 'node:fs', 'node:path', 'electron-store', 'fs', 'multi-line', 'after-url']),
    );
    expect(specifiers(text)).not.toContain('commented');
    expect(specifiers(text)).not.toContain('block-commented');
  });
});

describe('layer boundaries', () => {
  const core = filesUnder('src-main/core');
  const shared = filesUnder('src-shared');
  const renderer = filesUnder('src-renderer');
  const main = filesUnder('src-main');

  it('scans real files', () => {
    expect(core).toContain('src-main/core/ports.ts');
    expect(shared).toContain('src-shared/contract.ts');
  });

  it('src-main/core and src-shared never import electron', () => {
    expect(offenders([...core, ...shared], isElectron)).toEqual([]);
  });

  it('src-shared never imports node:* (it runs in the renderer too)', () => {
    expect(offenders(shared, isNode)).toEqual([]);
  });

  it('src-renderer imports neither electron nor node:*', () => {
    expect(offenders(renderer, (s) => isElectron(s) || isNode(s))).toEqual([]);
  });

  it('in src-main, only the shell files import electron', () => {
    const shell = /^src-main\/(?:index|window|ipc|preload)\.ts$|^src-main\/platform\//;
    expect(offenders(main.filter((f) => !shell.test(f)), isElectron)).toEqual([]);
  });
});

describe('preload', () => {
  const code = stripComments(readFileSync(join(ROOT, 'src-main/preload.ts'), 'utf8'));

  it('exposes exactly createBridge(transport) as window.playground, once', () => {
    const calls = [...code.matchAll(/exposeInMainWorld\s*\(/g)];
    expect(calls).toHaveLength(1);
    expect(code).toMatch(/contextBridge\.exposeInMainWorld\(\s*['"]playground['"]\s*,\s*createBridge\(\s*[A-Za-z_$][\w$]*\s*\)\s*\)/);
    expect(code).not.toMatch(/exposeInIsolatedWorld|exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('never hands ipcRenderer or a generic invoke to the page', () => {
    const exposed = /exposeInMainWorld\(([\s\S]*?)\);/.exec(code)?.[1] ?? '';
    expect(exposed).not.toMatch(/ipcRenderer|invoke|send/);
    // ipcRenderer is only used through method calls inside the transport, never passed around as a value.
    const uses = [...code.matchAll(/\bipcRenderer\b(.?)/g)].map((m) => m[1]);
    expect(uses.every((next) => next === '.' || next === ',' || next === ' ')).toBe(true);
    const body = code.replace(/^import[\s\S]*?from\s*['"][^'"]+['"];?$/gm, '');
    expect(body).not.toMatch(/[:=(,[]\s*ipcRenderer\s*[,)}\]]/);
  });
});
