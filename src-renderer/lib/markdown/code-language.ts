// What a fenced code block is written in (its label) and whether the view may highlight it: pure, so the
// renderer (label in the markup), the DOM pass (which blocks to highlight) and the tests share one answer.
import { SAFE_CODE_LANG } from './escaped-only';

/** The languages the highlighter worker registers (highlight-tokens.ts), by highlight.js name, with what fences call them. */
export const HIGHLIGHT_LANGUAGES = {
  bash: { label: 'Bash', aliases: ['sh', 'shell', 'zsh', 'console', 'shellsession'] },
  c: { label: 'C', aliases: ['h'] },
  cpp: { label: 'C++', aliases: ['c++', 'cc', 'cxx', 'hpp', 'hh'] },
  csharp: { label: 'C#', aliases: ['c#', 'cs'] },
  css: { label: 'CSS', aliases: [] },
  diff: { label: 'Diff', aliases: ['patch'] },
  go: { label: 'Go', aliases: ['golang'] },
  java: { label: 'Java', aliases: [] },
  javascript: { label: 'JavaScript', aliases: ['js', 'jsx', 'mjs', 'cjs', 'node'] },
  json: { label: 'JSON', aliases: ['jsonc', 'json5'] },
  markdown: { label: 'Markdown', aliases: ['md'] },
  python: { label: 'Python', aliases: ['py', 'python3', 'gyp'] },
  rust: { label: 'Rust', aliases: ['rs'] },
  sql: { label: 'SQL', aliases: ['postgresql', 'postgres', 'mysql', 'sqlite'] },
  typescript: { label: 'TypeScript', aliases: ['ts', 'tsx', 'mts', 'cts'] },
  xml: { label: 'HTML', aliases: ['html', 'xhtml', 'svg', 'xml'] },
  yaml: { label: 'YAML', aliases: ['yml'] },
} as const satisfies Record<string, { label: string; aliases: readonly string[] }>;

export type HighlightLanguage = keyof typeof HIGHLIGHT_LANGUAGES;

const BY_NAME = new Map<string, HighlightLanguage>();
for (const [id, { aliases }] of Object.entries(HIGHLIGHT_LANGUAGES) as [HighlightLanguage, { aliases: readonly string[] }][]) {
  BY_NAME.set(id, id);
  for (const alias of aliases) BY_NAME.set(alias, id);
}

export interface CodeLanguage {
  /** The fence's language as written (its first word), '' when there is none or it is not a plain name. */
  readonly name: string;
  /** What the block's header says. */
  readonly label: string;
  /** The grammar to highlight with; undefined for a language the highlighter does not carry. */
  readonly highlight: HighlightLanguage | undefined;
}

/**
 * From a fence's info string (marked's `lang`: "python title=x" → "python"). Only a plain name counts, as
 * for the block's class (escaped-only.ts): anything else is a block without a language.
 */
export function codeLanguage(info: string | undefined): CodeLanguage {
  const word = (info ?? '').trim().match(/^\S*/)?.[0] ?? '';
  if (word === '' || !SAFE_CODE_LANG.test(word)) return { name: '', label: 'Code', highlight: undefined };
  const highlight = BY_NAME.get(word.toLowerCase());
  return { name: word, label: highlight ? HIGHLIGHT_LANGUAGES[highlight].label : word, highlight };
}

/**
 * Above this a block stays plain: highlight.js tokenizes a block in one call (in the highlighter worker, at
 * roughly 1 ms per kilobyte on this machine class), and the window builds a span per token from what it sends
 * back, which for a block this size is a few milliseconds of a frame.
 */
export const HIGHLIGHT_MAX_CHARS = 10_000;

export type HighlightDecision = 'highlight' | 'unsupported' | 'too-long' | 'not-complete' | 'not-visible';

export interface CodeBlockState {
  readonly language: CodeLanguage;
  readonly chars: number;
  /** Its closing fence has arrived (a finished block), or the answer is no longer streaming. */
  readonly complete: boolean;
  readonly visible: boolean;
}

/** Whether to highlight a block now; the reasons it must not, in the order they are worth checking (cheapest first). */
export function highlightDecision(block: CodeBlockState): HighlightDecision {
  if (!block.language.highlight) return 'unsupported';
  if (block.chars > HIGHLIGHT_MAX_CHARS) return 'too-long';
  if (!block.complete) return 'not-complete';
  if (!block.visible) return 'not-visible';
  return 'highlight';
}
