// How many characters a person sees in a text: grapheme clusters, so an emoji, a flag or an accented letter
// written as two code points each count once (String.length counts UTF-16 code units: an emoji is 2).

/** Made at first use, never at start-up: the first Intl object a renderer makes costs milliseconds (src-renderer/lib/made-once.ts). */
let graphemes: Intl.Segmenter | undefined;

/** Text with none of these is one character per code unit: nothing below U+0300 joins its neighbour but CR LF. */
const MAY_JOIN = /[\r\u0300-\uffff]/;

export function visibleLength(text: string): number {
  if (!MAY_JOIN.test(text)) return text.length;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}
