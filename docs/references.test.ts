// Every reference in the Markdown files and in source comments resolves inside the repository: Markdown files,
// their numbered sections and §1's list items, relative links, and paths under the top-level folders.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Where a bare section sign in a source comment points (the gemini client and the fake cite it so). */
const WIRE_DOC = 'docs/interactions-api.md';
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', 'test-results', 'playwright-report', 'artifacts']);
const TS_LIKE = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const HASH_COMMENTED = new Set(['.py', '.sh']);
const TOP_FOLDERS = ['src-shared', 'src-main', 'src-renderer', 'test-support', 'e2e', 'bench', 'scripts', 'docs', 'resources'];

interface Chunk {
  text: string;
  line: number;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    // out-*/: builds into a folder of one's own (PLAYGROUND_OUT_DIR, README "Test"), ignored by git like out/.
    if (name.startsWith('.') || SKIPPED_DIRS.has(name) || (dir === '' && name.startsWith('out-'))) continue;
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...walk(rel));
    else out.push(rel);
  }
  return out;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The comments of TypeScript or JavaScript source, found by the compiler's own parser (strings, templates and regexes excluded). */
export function tsComments(text: string, firstLine = 1): Chunk[] {
  const source = ts.createSourceFile('scan.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const seen = new Map<number, number>();
  const visit = (node: ts.Node): void => {
    // Trivia before a token belongs to it: trailing ranges end at the first line break, leading ones start there.
    for (const range of [...(ts.getTrailingCommentRanges(text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(text, node.pos) ?? [])]) {
      seen.set(range.pos, range.end);
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return [...seen.entries()]
    .sort(([a], [b]) => a - b)
    .map(([pos, end]) => ({ text: text.slice(pos, end), line: firstLine + lineAt(text, pos) - 1 }));
}

function matches(text: string, pattern: RegExp, group = 0, firstLine = 1): Chunk[] {
  return [...text.matchAll(pattern)].map((m) => ({ text: m[group] ?? '', line: firstLine + lineAt(text, m.index + m[0].indexOf(m[group] ?? '')) - 1 }));
}

/** What counts as prose in a file: all of a Markdown file, the comments of anything else. */
export function chunksOf(file: string, text: string): Chunk[] {
  const ext = extname(file);
  if (ext === '.md') return [{ text, line: 1 }];
  if (TS_LIKE.has(ext)) return tsComments(text);
  if (ext === '.html') return matches(text, /<!--[\s\S]*?-->/g);
  if (ext === '.css') return matches(text, /\/\*[\s\S]*?\*\//g);
  if (HASH_COMMENTED.has(ext)) return matches(text, /(?:^|\s)(#(?!!).*)$/gm, 1);
  if (ext === '.svelte') {
    const chunks = matches(text.replace(/<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>/g, (block) => block.replace(/[^\n]/g, ' ')), /<!--[\s\S]*?-->/g);
    for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
      chunks.push(...tsComments(m[2] ?? '', lineAt(text, m.index + (m[1]?.length ?? 0))));
    }
    for (const m of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) {
      chunks.push(...matches(m[1] ?? '', /\/\*[\s\S]*?\*\//g, 0, lineAt(text, m.index)));
    }
    return chunks;
  }
  return [];
}

interface Doc {
  sections: Map<string, string[]>;
  slugs: Set<string>;
}

const docs = new Map<string, Doc>();

/** A Markdown file's numbered headings ("## 5. …", "### 5.4 …") with the lines under each, and its heading slugs. */
function docAt(path: string): Doc {
  let doc = docs.get(path);
  if (doc) return doc;
  doc = { sections: new Map(), slugs: new Set() };
  const stack: { level: number; lines: string[] }[] = [];
  for (const line of readFileSync(join(ROOT, path), 'utf8').split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (!heading) {
      for (const open of stack) open.lines.push(line);
      continue;
    }
    const level = heading[1]!.length;
    const title = heading[2]!.trim();
    while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
    doc.slugs.add(title.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
    const number = /^§?(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(title)?.[1];
    const lines: string[] = [];
    if (number !== undefined) doc.sections.set(number, lines);
    stack.push({ level, lines });
  }
  docs.set(path, doc);
  return doc;
}

const isFile = (rel: string): boolean => existsSync(join(ROOT, rel)) && statSync(join(ROOT, rel)).isFile();
const inRepo = (abs: string): string | undefined => {
  const rel = relative(ROOT, abs);
  return rel.startsWith('..') || rel === '' ? undefined : rel.split(sep).join('/');
};

/** A file named in `from`: relative to its folder first, then to the repository root. */
function resolveFile(from: string, name: string): string | undefined {
  for (const base of [dirname(join(ROOT, from)), ROOT]) {
    const rel = inRepo(resolve(base, name));
    if (rel !== undefined && isFile(rel)) return rel;
  }
  return undefined;
}

/** A Markdown file; a capitalised name before a section sign (taken as that name plus .md); an issue or an RFC. */
const DOC_REF = /(?<![\w/.-])((?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w.-]+\.md)(?!\w)|\b([A-Z][A-Z0-9_-]{2,})(?=\s+§)|\b((?:[Ii]ssues?|RFC)\s*\d+)(?=\s+§)/g;
const CHAIN = /^(?:[\s`'")\]*_,;:]|–|—|-|\band\b|\bor\b|\bto\b)*§(\d+(?:\.\d+)*)/;
const ITEMS = /^\s*\(?\s*items?\s+(\d+(?:\s*(?:,|and|or)\s*\d+)*)/;
const SECTION = /§(\d+(?:\.\d+)*)/g;
const OUTSIDE = /(?<![\w-])(?:\.\.\/)+shared\/|\/work\/shared\//g;
const LINK = /\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const REPO_PATH = new RegExp(`(?<![\\w/.-])(?:${TOP_FOLDERS.join('|')})\\/[\\w./@-]*`, 'g');

function checkSection(doc: string, section: string, items: string | undefined, where: string, problems: string[]): void {
  const lines = docAt(doc).sections.get(section);
  if (!lines) {
    problems.push(`${where}: ${doc} has no section §${section}`);
    return;
  }
  for (const item of items?.match(/\d+/g) ?? []) {
    if (!lines.some((line) => new RegExp(`^\\s{0,3}${item}\\.\\s`).test(line))) {
      problems.push(`${where}: ${doc} §${section} has no item ${item}`);
    }
  }
}

/** Problems with the references in one file's prose; `file` is relative to the repository root. */
export function checkFile(file: string, text: string): string[] {
  const problems: string[] = [];
  const markdown = extname(file) === '.md';
  for (const chunk of chunksOf(file, text)) {
    const at = (index: number) => `${file}:${chunk.line + lineAt(chunk.text, index) - 1}`;
    for (const m of chunk.text.matchAll(OUTSIDE)) problems.push(`${at(m.index)}: "${m[0]}" points outside the repository`);

    const bound = new Set<number>();
    for (const m of chunk.text.matchAll(DOC_REF)) {
      const [whole, path, caps, external] = m;
      let target: string | undefined;
      if (external === undefined) {
        const name = path ?? `${caps}.md`;
        target = resolveFile(file, name);
        if (!target) problems.push(`${at(m.index)}: "${name}" is not a file in the repository`);
      }
      for (let pos = m.index + whole.length; ; ) {
        const link = CHAIN.exec(chunk.text.slice(pos));
        if (!link) break;
        pos += link[0].length;
        bound.add(pos - link[1]!.length - 1);
        const items = ITEMS.exec(chunk.text.slice(pos));
        if (items) pos += items[0].length;
        if (target) checkSection(target, link[1]!, items?.[1], at(m.index), problems);
      }
    }
    for (const m of chunk.text.matchAll(SECTION)) {
      if (bound.has(m.index)) continue;
      const items = ITEMS.exec(chunk.text.slice(m.index + m[0].length));
      checkSection(markdown ? file : WIRE_DOC, m[1]!, items?.[1], at(m.index), problems);
    }

    for (const m of chunk.text.matchAll(REPO_PATH)) {
      // A pattern ("custom/<name>.svelte", "{index,window}.ts", "*.test.ts") names no one path; .md files are checked above.
      if (/[{*<[]/.test(chunk.text[m.index + m[0].length] ?? '')) continue;
      const path = m[0].replace(/[.,:;-]+$/, '');
      if (!path.endsWith('.md') && !existsSync(join(ROOT, path))) problems.push(`${at(m.index)}: "${path}" does not exist`);
    }
    if (!markdown) continue;
    for (const m of chunk.text.matchAll(LINK)) {
      const href = m[1]!;
      if (/^[a-z][\w+.-]*:/i.test(href)) continue;
      const [pathPart, fragment] = href.split('#', 2) as [string, string | undefined];
      const target = pathPart === '' ? file : inRepo(resolve(dirname(join(ROOT, file)), decodeURI(pathPart)));
      if (target === undefined || !existsSync(join(ROOT, target))) {
        problems.push(`${at(m.index)}: link "${href}" does not resolve`);
      } else if (fragment && target.endsWith('.md') && !docAt(target).slugs.has(fragment)) {
        problems.push(`${at(m.index)}: ${target} has no heading "#${fragment}"`);
      }
    }
  }
  return [...new Set(problems)];
}

describe('the reference scanner', () => {
  it('finds every comment of TypeScript source and nothing inside strings, templates or regexes', () => {
    const source = [
      '/** doc A */',
      "const url = 'https://example.com/B'; // line C",
      'const t = `${url} // not D ${`/* not E */`}`;',
      'const re = /\\/\\/ not F/g; /* block G */',
      'function f() { /* inner H */ }',
      '// tail I',
    ].join('\n');
    expect(tsComments(source).map((c) => [c.text, c.line])).toEqual([
      ['/** doc A */', 1],
      ['// line C', 2],
      ['/* block G */', 4],
      ['/* inner H */', 5],
      ['// tail I', 6],
    ]);
  });

  it('reads the comments of Svelte markup, script and style', () => {
    const svelte = '<!-- top -->\n<script lang="ts">\n  // in script\n  const s = "// no";\n</script>\n<p>// text</p>\n<style>\n  /* in style */\n</style>';
    expect(chunksOf('x.svelte', svelte).map((c) => [c.text.trim(), c.line])).toEqual([
      ['<!-- top -->', 1],
      ['// in script', 3],
      ['/* in style */', 8],
    ]);
  });

  // Each reference is assembled at run time, so this file's own comments stay free of them.
  const doc = 'docs/interactions-api' + '.md';
  const cases: [string, string, number][] = [
    ['a cited section that exists', `// ${doc} §5.4 and §3.2`, 0],
    ['a chain of sections, one missing', `// ${doc} §5.1–§99`, 1],
    ['a bare section in a comment (the wire doc)', '// see §6.1', 0],
    ['a bare section that does not exist', '// see §42', 1],
    ['an item of §1', '// the SDK does (§1 item 15)', 0],
    ['an item that §1 does not have', '// §1 (items 3, 99)', 1],
    ['an issue section', '// issue 8 §2, §3, §5', 0],
    ['an RFC section', '// RFC 9110 §5.6.7', 0],
    ['a lower-case word before a section', '// rebuilt per §5.4, and §8', 0],
    ['a doc outside the repository', `// ${'DESIGN'}.md §3`, 1],
    ['a doc named without its extension', `// ${'DESIGN'} §3`, 1],
    ['a path into the shared workspace folder', `// ${'..'}/shared/x.txt`, 1],
    ['a repository path that exists', '// src-shared/contract.ts', 0],
    ['a repository path that does not', '// src-shared/gone.ts', 1],
    ['a path pattern', '// src-main/nowhere/{index,window}.ts, src-shared/nowhere/<name>.ts, src-shared/nowhere/*.ts', 0],
    ['the architecture doc, section named', `// docs/ARCHITECTURE${'.md'} §3`, 0],
    ['a section only the doc named before it has', `// docs/ARCHITECTURE${'.md'} §7.6 and §7.5`, 0],
    ['the architecture doc, section missing', `// docs/ARCHITECTURE${'.md'} §12`, 1],
  ];
  it.each(cases)('%s', (_name, line, count) => {
    expect(checkFile('src-main/core/example.ts', line)).toHaveLength(count);
  });

  it('resolves Markdown links and bare sections against the file itself', () => {
    const md = ['See [the wire](interactions-api.md). Also §7.6 and [gone](nowhere.md).', '[x](ARCHITECTURE.md#7-where-each-kind-of-change-goes) [y](#no-such-heading)'].join('\n');
    expect(checkFile('docs/ARCHITECTURE.md', md)).toEqual([
      'docs/ARCHITECTURE.md:1: "nowhere.md" is not a file in the repository',
      'docs/ARCHITECTURE.md:1: link "nowhere.md" does not resolve',
      'docs/ARCHITECTURE.md:2: docs/ARCHITECTURE.md has no heading "#no-such-heading"',
    ]);
  });
});

describe('references in the repository', () => {
  const files = walk('').filter((file) => extname(file) === '.md' || TS_LIKE.has(extname(file)) || HASH_COMMENTED.has(extname(file)) || ['.svelte', '.css', '.html'].includes(extname(file)));

  it('scans the docs and the sources', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'SECURITY.md', 'docs/ARCHITECTURE.md', 'e2e/fake-api/README.md', 'src-main/core/gemini/steps.ts', 'src-renderer/components/Markdown.svelte']));
  });

  // Reads every doc and source of the repository: allowed more than the default 20 s on a busy two-core machine.
  it('all resolve', () => {
    const problems = files.flatMap((file) => checkFile(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  }, 90_000);
});
