// Size limits of the code the app is built from (issue 14): a module over 350 lines or a component over 300 (its
// markup and CSS included) holds more than one concern, and is split by concern before it grows further. Tests
// (*.test.ts, test-support/, e2e/) are not held to it: they live outside these trees or end in .test.ts.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TREES = ['src-shared', 'src-main', 'src-renderer'];
const MAX_MODULE_LINES = 350;
const MAX_COMPONENT_LINES = 300;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const rel = `${dir}/${name}`;
    return statSync(join(ROOT, rel)).isDirectory() ? filesUnder(rel) : [rel];
  });
}

/** Lines as `wc -l` and an editor count them: a final newline does not start another line. */
function lineCount(text: string): number {
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Each production source file with its limit; undefined for what is not held to one. */
function limitOf(file: string): number | undefined {
  if (file.endsWith('.svelte')) return MAX_COMPONENT_LINES;
  if (file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts')) return MAX_MODULE_LINES;
  return undefined;
}

describe('module size', () => {
  const sources = TREES.flatMap(filesUnder).filter((file) => limitOf(file) !== undefined);

  it('finds the modules and components it checks', () => {
    expect(sources).toContain('src-main/core/sessions/repository.ts');
    expect(sources).toContain('src-renderer/App.svelte');
    expect(sources.some((file) => file.endsWith('.test.ts'))).toBe(false);
  });

  it(`no production module is over ${MAX_MODULE_LINES} lines and no component over ${MAX_COMPONENT_LINES}`, () => {
    const over = sources.flatMap((file) => {
      const lines = lineCount(readFileSync(join(ROOT, file), 'utf8'));
      const limit = limitOf(file)!;
      return lines > limit ? [`${file}: ${lines} lines (limit ${limit})`] : [];
    });
    expect(over).toEqual([]);
  });
});
