// What the installed app loads at run time is what package.json's `dependencies` ship: the built main process and
// preload import only Node's built-ins, `electron` and those packages; and no module main is built from imports a
// devDependency, which the build would otherwise copy into the bundle unseen (`conf`, for one, is the tests' way to
// read a store file; the app reaches it only through electron-store).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BUILT_MAIN } from './electron-double/launch';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BUILT = resolve(BUILT_MAIN, '..', '..');

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
  });
}

/** The package a bare specifier names ('@scope/name/sub' → '@scope/name'); undefined for relative paths and URLs. */
function packageOf(specifier: string): string | undefined {
  if (/^(?:\.|\/|[a-z]+:)/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every module a file names: static imports and re-exports, dynamic import() and require(). */
function specifiersIn(code: string): string[] {
  const found = [...code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm)];
  return found.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

describe('the packages the app loads', () => {
  it('the built main process and preload import only built-ins, electron and package.json dependencies', () => {
    const files = filesUnder(join(BUILT, 'main'), (p) => p.endsWith('.js')).concat(join(BUILT, 'preload', 'preload.cjs'));
    const imported = new Set(files.flatMap((file) => specifiersIn(readFileSync(file, 'utf8'))).map(packageOf).filter((n) => n !== undefined));
    const outside = [...imported].filter((name) => !isBuiltin(name) && name !== 'electron' && !(name in pkg.dependencies));
    expect(outside).toEqual([]);
    expect(imported).toContain('electron-store');
  });

  it('no module of src-main or src-shared imports a devDependency but electron (the tests’ conf among them)', () => {
    const sources = ['src-main', 'src-shared'].flatMap((dir) => filesUnder(join(ROOT, dir), (p) => p.endsWith('.ts') && !p.endsWith('.test.ts')));
    const devOnly = sources.flatMap((file) =>
      // The compiler's own reader: generated code in template strings (the exporters') is not an import.
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((f) => packageOf(f.fileName))
        .filter((name) => name !== undefined && name !== 'electron' && name in pkg.devDependencies)
        .map((name) => `${relative(ROOT, file)}: ${name}`),
    );
    expect(devOnly).toEqual([]);
    expect(pkg.devDependencies).toHaveProperty('conf');
    expect(pkg.dependencies).not.toHaveProperty('conf');
  });
});
