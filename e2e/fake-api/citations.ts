// url_citation annotations of a grounded answer: N sources spread evenly over its text.
import type { UrlCitation } from './tool-types';

/** Moves an index off the middle of a surrogate pair, so a span never cuts a character in two. */
function whole(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return at > 0 && at < text.length && code >= 0xd800 && code <= 0xdbff ? at + 1 : at;
}

/** The UTF-8 byte offset of a character position: the typings measure `start_index` / `end_index` "in bytes". */
function bytesTo(text: string, at: number): number {
  return Buffer.byteLength(text.slice(0, at), 'utf8');
}

/**
 * Citation i covers the i-th of `count` equal slices of the text (indices are UTF-8 byte offsets into this text
 * part, end exclusive, as the typings say); with more citations than characters, neighbours share a character.
 */
export function citationsFor(text: string, count: number): UrlCitation[] {
  if (text.length === 0) return [];
  return Array.from({ length: count }, (_, i) => {
    const start = Math.min(whole(text, Math.floor((i * text.length) / count)), text.length - 1);
    const end = Math.min(Math.max(start + 1, whole(text, Math.floor(((i + 1) * text.length) / count))), text.length);
    const n = i + 1;
    return { type: 'url_citation', url: `https://example.com/source-${n}`, title: `Source ${n}`, start_index: bytesTo(text, start), end_index: bytesTo(text, end) };
  });
}

/** The citations still inside a text cut short by a fault (`text` is what was sent). */
export function citationsWithin(citations: UrlCitation[], text: string): UrlCitation[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  return citations.filter((c) => c.end_index <= bytes);
}
