// The import graph of src-shared, src-main and src-renderer: no cycles, and no production module that imports test
// code. Imports are read with the TypeScript compiler's own pre-processor (Svelte components: their <script> blocks,
// found by Svelte's parser) and resolved as tsc resolves them.
//
// Type-only imports count. They vanish from the JavaScript, but a cycle through types still ties two modules into
// one: neither can be understood, moved or tested without the other, and an `import type` turns into a runtime
// cycle the day someone needs a value from the same module.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TREES = ['src-shared', 'src-main', 'src-renderer'];
/** Helpers that tests share live here, outside the trees the app is built from. */
const TEST_SUPPORT = 'test-support';
const SOURCE = /\.(?:ts|svelte)$/;

type Graph = Map<string, string[]>;

const isTestCode = (file: string) => file.endsWith('.test.ts') || file.startsWith(`${TEST_SUPPORT}/`);

function filesUnder(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return filesUnder(rel);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The script a file's imports are in: the whole of a .ts file, the <script> blocks of a component. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.svelte')) return text;
  const ast = parse(text, { modern: true });
  // The parser places every node (acorn's start/end); estree's Program type just does not declare them.
  type Placed = { start: number; end: number };
  return [ast.module, ast.instance]
    .flatMap((script) => (script ? [script.content as unknown as Placed] : []))
    .map(({ start, end }) => text.slice(start, end))
    .join('\n');
}

const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
};

/**
 * A relative specifier → the repository path of the source file it names; undefined for assets (CSS…) and for
 * what does not resolve, which goes to `problems`, since an edge the graph misses could hide a cycle.
 */
function resolveSpecifier(specifier: string, from: string, problems: string[]): string | undefined {
  const containing = join(ROOT, from);
  const resolved = ts.resolveModuleName(specifier, containing, RESOLUTION, ts.sys).resolvedModule?.resolvedFileName;
  // tsc does not know .svelte files (svelte-check does); Vite takes them by their full name.
  const target = resolved ?? (specifier.endsWith('.svelte') ? resolve(dirname(containing), specifier) : undefined);
  const asset = /\.[a-z]+$/.test(specifier) && !/\.(?:ts|js|svelte)$/.test(specifier);
  if (target === undefined) {
    if (!asset) problems.push(`${from}: cannot resolve '${specifier}'`);
    return undefined;
  }
  if (!existsSync(target)) {
    problems.push(`${from}: '${specifier}' names a file that does not exist`);
    return undefined;
  }
  return relative(ROOT, target).split(sep).join('/');
}

/** Vite's import.meta.glob('./dir/*.ext') imports every matching file; other patterns are problems, not hidden edges. */
function globbed(script: string, from: string, problems: string[]): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText() === 'import.meta.glob') {
      const argument = node.arguments[0];
      const pattern = argument && ts.isStringLiteral(argument) ? /^(\.{1,2}\/.*?)\/\*(\.[\w.]+)$/.exec(argument.text) : null;
      const dir = pattern && join(dirname(from), pattern[1]!).split(sep).join('/');
      if (!pattern || !dir || !existsSync(join(ROOT, dir))) problems.push(`${from}: cannot follow import.meta.glob(${argument?.getText()})`);
      else for (const name of readdirSync(join(ROOT, dir))) if (name.endsWith(pattern[2]!)) found.push(`${dir}/${name}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(from, script, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

export function importGraph(files: string[]): { graph: Graph; problems: string[] } {
  const graph: Graph = new Map();
  const problems: string[] = [];
  for (const file of files) {
    const script = scriptOf(file, readFileSync(join(ROOT, file), 'utf8'));
    const specifiers = ts.preProcessFile(script, true, true).importedFiles.map((f) => f.fileName);
    const targets = specifiers.filter((s) => s.startsWith('.')).flatMap((s) => resolveSpecifier(s, file, problems) ?? []);
    // Tests glob sources as raw text to scan them; those are not imports.
    const fromGlobs = isTestCode(file) ? [] : globbed(script, file, problems);
    graph.set(file, [...new Set([...targets, ...fromGlobs])]);
  }
  return { graph, problems };
}

/**
 * Every cycle, one per strongly connected component (Tarjan), as the shortest loop through its first member. A module
 * that imports itself is not one: that is how a Svelte 5 component renders itself recursively.
 */
export function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => shortestLoop(graph, component[0]!, new Set(component)));
}

function shortestLoop(graph: Graph, start: string, within: Set<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!within.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      if (next === start) {
        const loop: string[] = [];
        for (let at = node; at !== start; at = cameFrom.get(at)!) loop.unshift(at);
        return [start, ...loop, start];
      }
      queue.push(next);
    }
  }
  throw new Error(`no loop through ${start}`);
}

describe('cycle finder', () => {
  it('finds each cycle once, as a loop through its members, and ignores what merely leads into one', () => {
    const graph: Graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'x']],
      ['c', ['a']],
      ['d', ['a']],
      ['x', []],
      ['s', ['s']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });
});

describe('import graph', () => {
  const files = [...TREES.flatMap(filesUnder), ...filesUnder(TEST_SUPPORT)];
  const { graph, problems } = importGraph(files);

  it('resolves every relative import and import.meta.glob', () => {
    expect(problems).toEqual([]);
  });

  it('reads imports of every kind from modules and components', () => {
    expect(graph.get('src-renderer/App.svelte')).toEqual(expect.arrayContaining(['src-renderer/lib/api.ts']));
    expect(graph.get('src-main/index.ts')).toEqual(expect.arrayContaining(['src-main/core/app-core.ts']));
    // A type-only import, a dynamic import() and an import.meta.glob are edges too.
    expect(graph.get('src-main/core/ports.ts')).toContain('src-shared/contract.ts');
    expect(graph.get('src-renderer/lib/markdown/load.ts')).toContain('src-renderer/lib/markdown/incremental.ts');
    expect(graph.get('src-renderer/components/settings/SettingField.svelte')).toContain(
      'src-renderer/components/settings/custom/ModelPicker.svelte',
    );
  });

  it('has no import cycle in src-shared, src-main or src-renderer', () => {
    expect(findCycles(graph).map((loop) => loop.join(' → '))).toEqual([]);
  });

  it("core's feature folders do not import upward from the services that use them (generation.ts, app-core.ts)", () => {
    // The in-flight journal once took its observer types from generation.ts; such ports belong in ports.ts.
    const above = new Set(['src-main/core/generation.ts', 'src-main/core/app-core.ts']);
    const offenders = [...graph].flatMap(([file, targets]) =>
      /^src-main\/core\/[^/]+\//.test(file) && !isTestCode(file)
        ? targets.filter((target) => above.has(target)).map((target) => `${file} imports ${target}`)
        : [],
    );
    expect(offenders).toEqual([]);
  });

  it('no production module imports test code (a *.test.ts file or anything in test-support/)', () => {
    const offenders = [...graph].flatMap(([file, targets]) =>
      isTestCode(file) ? [] : targets.filter(isTestCode).map((target) => `${file} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
