// The sources an answer cites and where it cites them: the url_citation annotations of its text parts, numbered in
// the order the answer first cites each URL. Pure, no markdown: citation-markers.ts puts the marks into the text.
import type { Step } from './interactions';

export interface Source {
  /** 1-based, the number its markers show. */
  n: number;
  url: string;
  /** The page's title, or its host when the annotation has none. */
  title: string;
}

/** Source `n` is cited by the text that ends at `at` (a UTF-16 offset into the whole answer text). */
export interface CitationMark {
  at: number;
  n: number;
}

export interface AnswerCitations {
  sources: Source[];
  /** Sorted by `at`; no two alike. */
  marks: CitationMark[];
  /**
   * Where the last annotated text part ends in the answer text. Text after it (still streaming) has no marks,
   * so a view can keep that part as it is and extend it without placing the marks again.
   */
  coveredEnd: number;
}

export const NO_CITATIONS: AnswerCitations = { sources: [], marks: [], coveredEnd: 0 };

interface Found {
  url: string;
  title: string | undefined;
  /** Undefined when the annotation says no place: the source is listed without a marker. */
  at: number | undefined;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The typings measure start_index/end_index in bytes (URLCitation in genai.d.ts: "measured in bytes"), i.e. of
 * the UTF-8 text, where the app counts UTF-16 units. Each byte offset becomes the UTF-16 offset of the end of the
 * character it falls in; an offset past the end is the end. One walk over the text for all of them.
 */
export function utf16Offsets(text: string, byteOffsets: readonly number[]): number[] {
  const clamp = (b: number) => Math.max(0, Math.min(Math.floor(b), text.length));
  if (ASCII.test(text)) return byteOffsets.map(clamp);
  const order = byteOffsets.map((_, i) => i).sort((a, b) => byteOffsets[a]! - byteOffsets[b]!);
  const result = new Array<number>(byteOffsets.length);
  let bytes = 0;
  let i = 0;
  for (const k of order) {
    const target = byteOffsets[k]!;
    while (i < text.length && bytes < target) {
      const code = text.codePointAt(i)!;
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      i += code > 0xffff ? 2 : 1;
    }
    result[k] = i;
  }
  return result;
}

interface TextPart {
  text: string;
  annotations: unknown[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of the model's answer in a finished interaction, for when no delta carried it. */
export function outputText(steps: readonly Step[]): string {
  return textParts(steps)
    .map((part) => part.text)
    .join('');
}

/** The text parts of the answer, in the order their text makes up the answer. */
function textParts(steps: readonly Step[]): TextPart[] {
  const parts: TextPart[] = [];
  for (const step of steps) {
    if (step.type !== 'model_output' || !Array.isArray(step.content)) continue;
    for (const part of step.content as unknown[]) {
      if (!isRecord(part) || part.type !== 'text' || typeof part.text !== 'string') continue;
      parts.push({ text: part.text, annotations: Array.isArray(part.annotations) ? part.annotations : [] });
    }
  }
  return parts;
}

const index = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

function citationsOf(part: TextPart, base: number): Found[] {
  const cites = part.annotations.filter(
    (a): a is Record<string, unknown> => isRecord(a) && a.type === 'url_citation' && typeof a.url === 'string' && a.url.trim() !== '',
  );
  // A citation is marked where the cited text ends; with only a start, there.
  const ends = cites.map((a) => index(a.end_index) ?? index(a.start_index));
  const placed = utf16Offsets(part.text, ends.filter((e) => e !== undefined));
  let next = 0;
  return cites.map((a, i) => ({
    url: (a.url as string).trim(),
    title: typeof a.title === 'string' && a.title.trim() !== '' ? a.title.trim() : undefined,
    at: ends[i] === undefined ? undefined : base + placed[next++]!,
  }));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Marks are pushed in order of `at`: a repeat can only be among the last ones, at the same place. */
function markedAlready(marks: readonly CitationMark[], at: number, n: number): boolean {
  for (let j = marks.length - 1; j >= 0 && marks[j]!.at === at; j--) if (marks[j]!.n === n) return true;
  return false;
}

/** Sources numbered by where the answer first cites them; marks at the end of each cited span. O(m log m). */
export function answerCitations(steps: readonly Step[]): AnswerCitations {
  const found: Found[] = [];
  let base = 0;
  let coveredEnd = 0;
  for (const part of textParts(steps)) {
    const cites = citationsOf(part, base);
    base += part.text.length;
    if (cites.length > 0) coveredEnd = base;
    found.push(...cites);
  }
  if (found.length === 0) return NO_CITATIONS;
  // Stable: citations of one place keep the annotations' order; unplaced ones come last.
  const ordered = found.map((f, i) => ({ f, i })).sort((a, b) => (a.f.at ?? Infinity) - (b.f.at ?? Infinity) || a.i - b.i);
  const byUrl = new Map<string, Source>();
  const marks: CitationMark[] = [];
  for (const { f } of ordered) {
    let source = byUrl.get(f.url);
    if (!source) {
      source = { n: byUrl.size + 1, url: f.url, title: f.title ?? hostOf(f.url) };
      byUrl.set(f.url, source);
    } else if (f.title && source.title === hostOf(f.url)) {
      source.title = f.title;
    }
    if (f.at !== undefined && !markedAlready(marks, f.at, source.n)) marks.push({ at: f.at, n: source.n });
  }
  return { sources: [...byUrl.values()], marks, coveredEnd };
}
