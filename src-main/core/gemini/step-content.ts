// The content parts of one step as the assembler builds it (docs/interactions-api.md §5.4): appending text,
// annotations and media to them, cutting their text to a length, and sizing them as JSON. Steps here are plain
// objects from the wire, so every field is checked before use.
import type { Content } from '../../../src-shared/interactions';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** Characters of JSON: a cheap running estimate while a step streams. */
export function jsonChars(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

/** Bytes of JSON (UTF-8), as the saved document will hold it. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

/** Shortens the text parts of `step[field]` to `chars` characters in all (the parts after become empty). */
export function keepText(step: Obj, field: 'content' | 'summary', chars: number): void {
  let left = chars;
  for (const part of contentOf(step, field)) {
    const text = part.text;
    if (part.type !== 'text' || typeof text !== 'string') continue;
    part.text = text.slice(0, left);
    left = Math.max(0, left - text.length);
  }
}

export function textOf(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  let text = '';
  for (const part of parts) if (isObj(part) && part.type === 'text' && typeof part.text === 'string') text += part.text;
  return text;
}

function contentOf(step: Obj, field: 'content' | 'summary'): Obj[] {
  if (!Array.isArray(step[field])) step[field] = [];
  return step[field] as Obj[];
}

export function pushTo(step: Obj, field: 'content' | 'summary', value: Obj): void {
  contentOf(step, field).push(value);
}

/** Text joins the last block when it is text, so a step holds one text block per run of text. */
export function appendText(step: Obj, text: string): void {
  const content = contentOf(step, 'content');
  const last = content[content.length - 1];
  if (last && last.type === 'text' && typeof last.text === 'string') last.text += text;
  else content.push({ type: 'text', text } satisfies Content);
}

/** Annotations belong to the current text block (§5.4); start an empty one if there is none yet. */
export function annotate(step: Obj, annotations: unknown[]): void {
  const content = contentOf(step, 'content');
  let last = content[content.length - 1];
  if (!last || last.type !== 'text') {
    last = { type: 'text', text: '' };
    content.push(last);
  }
  const existing = Array.isArray(last.annotations) ? (last.annotations as unknown[]) : [];
  last.annotations = [...existing, ...structuredClone(annotations)];
}
