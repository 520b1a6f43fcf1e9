// url_citation annotations of a grounded answer: N sources spread evenly over its text.
import type { UrlCitation } from './tool-types';

/** Moves an index off the middle of a surrogate pair, so a span never cuts a character in two. */
function whole(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return at > 0 && at < text.length && code >= 0xd800 && code <= 0xdbff ? at + 1 : at;
}

/**
 * Citation i covers the i-th of `count` equal slices of the text (indices are UTF-16 offsets into this text
 * part, end exclusive); with more citations than characters, neighbours share a character.
 */
export function citationsFor(text: string, count: number): UrlCitation[] {
  if (text.length === 0) return [];
  return Array.from({ length: count }, (_, i) => {
    const start = Math.min(whole(text, Math.floor((i * text.length) / count)), text.length - 1);
    const end = Math.max(start + 1, whole(text, Math.floor(((i + 1) * text.length) / count)));
    const n = i + 1;
    return { type: 'url_citation', url: `https://example.com/source-${n}`, title: `Source ${n}`, start_index: start, end_index: Math.min(end, text.length) };
  });
}

/** The citations still inside a text cut short by a fault. */
export function citationsWithin(citations: UrlCitation[], length: number): UrlCitation[] {
  return citations.filter((c) => c.end_index <= length);
}
