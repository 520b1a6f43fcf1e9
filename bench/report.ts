// Running part of the benchmark: `npm run bench -- --only 3b` measures the named sections alone (the machine is
// shared; a full run takes minutes of both cores) and puts them into bench/RESULTS.md in place of their old
// text, keeping every other section as the last run that measured it wrote it.

/** The sections in the order RESULTS.md lists them, by the number their heading starts with. */
export const SECTIONS = ['1', '2', '2b', '3', '3b', '3c', '4', '5', '5b', 'Before/after'] as const;
export type SectionKey = (typeof SECTIONS)[number];

/** Sections measured only as part of a whole run (before/after needs every other figure). */
const WHOLE_RUN_ONLY = new Set<SectionKey>(['Before/after']);

/** The sections `--only a,b` (or `--only=a,b`) names; undefined for a whole run. Unknown names are an error. */
export function parseOnly(argv: readonly string[]): Set<SectionKey> | undefined {
  const i = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  const value = arg === '--only' ? argv[i + 1] : arg.slice('--only='.length);
  const selectable = SECTIONS.filter((s) => !WHOLE_RUN_ONLY.has(s));
  const names = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new Error(`--only needs one or more sections, e.g. --only 3b (sections: ${selectable.join(', ')})`);
  const unknown = names.filter((n) => !(selectable as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`--only: no section ${unknown.join(', ')} (sections: ${selectable.join(', ')})`);
  return new Set(names as SectionKey[]);
}

/** The key of a `## ` heading: its first word without the trailing dot ("## 3b. Renderer …" → "3b"). */
function keyOf(line: string): string | undefined {
  if (!line.startsWith('## ')) return undefined;
  return line.slice(3).split(' ')[0]?.replace(/\.$/, '');
}

/**
 * `existing` (a RESULTS.md) with each section in `replacements` put in place of the section of the same key,
 * or, when it has none, before the first section that comes after it in SECTIONS (else at the end). Each
 * replacement is the section's lines, heading first.
 */
export function spliceSections(existing: string, replacements: ReadonlyMap<SectionKey, readonly string[]>): string {
  const lines = existing.split('\n');
  const head: string[] = [];
  const sections: { key: string; lines: string[] }[] = [];
  for (const line of lines) {
    const key = keyOf(line);
    if (key !== undefined) sections.push({ key, lines: [line] });
    else (sections.at(-1)?.lines ?? head).push(line);
  }
  for (const [key, text] of replacements) {
    const heading = text[0];
    if (heading === undefined || keyOf(heading) !== key) throw new Error(`section ${key} must start with its "## ${key}." heading`);
    const at = sections.findIndex((s) => s.key === key);
    if (at >= 0) {
      sections[at] = { key, lines: [...text] };
      continue;
    }
    const order = (k: string) => (SECTIONS as readonly string[]).indexOf(k);
    const after = sections.findIndex((s) => order(s.key) > order(key));
    sections.splice(after < 0 ? sections.length : after, 0, { key, lines: [...text] });
  }
  return [...head, ...sections.flatMap((s) => s.lines)].join('\n');
}
