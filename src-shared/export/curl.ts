// curl commands as the guide writes them: the create request with its JSON body quoted for the shell, and the Files API upload.
import { API_REVISION } from '../interactions';
import type { CodeWriter } from './code-writer';
import { commentText, jsonString, numberLiteral, shellDoubleQuoted, shellHeredoc, shellSingleQuoted, shellWord } from './literals';
import { type ExportPlan, type ImageSlot, callsOf } from './plan';
import { type Node, type Syntax, render } from './syntax';
import { PROCESSING_NOTE, missingBytesNote, renamedNote } from './uploads';
import { mediaKindOf } from '../media';

const HOST = 'https://generativelanguage.googleapis.com';
const REVISION_COMMENT = '# Specifies the API revision to avoid breaking changes when they become default';

/**
 * Where a JSON body sits in the script: the guide's -d '…', its -d "…" for a body around $HISTORY, or a
 * here-document, used when images are embedded or an image model's answers go back in a stateless history: one
 * exec argument is capped at 128 KiB on Linux.
 */
export type Quoting = 'single' | 'double' | 'heredoc';

/** JSON as it is written inside one kind of shell quoting. */
export interface JsonContext {
  syntax: Syntax;
  /** A JSON string whose value is a shell variable. */
  stringVar(name: string): string;
  /** JSON text held by a shell variable. */
  jsonVar(name: string): string;
}

/**
 * Whether a script's bodies go through here-documents: images embedded, or an image model's answers sent back in a
 * stateless history (they hold their images inline, over a megabyte of base64 for one 1K image).
 */
export function bodiesInHereDocuments(plan: ExportPlan): boolean {
  if (plan.images.some((image) => image.data !== undefined)) return true;
  // The calls whose answers a later turn sends back: every turn's but each conversation's last; a comparison's panes
  // each ask every prompt with their one call.
  const sentBack =
    plan.kind === 'conversation'
      ? plan.turns.slice(0, -1).map((turn) => turn.call)
      : plan.kind === 'conversations'
        ? plan.panes.flatMap((pane) => pane.turns.slice(0, -1).map((turn) => turn.call))
        : plan.turns.length > 1
          ? callsOf(plan)
          : [];
  return sentBack.some((call) => call.images && call.stateless);
}

export function jsonIn(quoting: Quoting): JsonContext {
  const encode = quoting === 'single' ? shellSingleQuoted : quoting === 'double' ? shellDoubleQuoted : shellHeredoc;
  // Pasted into an interactive bash, a `!` inside "…" is a history expansion that no backslash stops;
  // JSON's \u0021 is the same character without the `!`. ('…' and here-documents are not expanded.)
  const json = (text: string): string => (quoting === 'double' ? jsonString(text).replace(/!/g, '\\u0021') : jsonString(text));
  const string = (text: string): string => encode(json(text));
  return {
    syntax: { indent: '  ', string, number: numberLiteral, key: string, bool: (value) => String(value), null: 'null' },
    // The guide's "'$INTERACTION_ID'": close the quote, let the shell put the value in, reopen.
    stringVar: (name) => (quoting === 'single' ? `"'$${name}'"` : quoting === 'double' ? `\\"$${name}\\"` : `"$${name}"`),
    jsonVar: (name) => (quoting === 'single' ? `'"$${name}"'` : `$${name}`),
  };
}

export interface CurlSpec {
  /** RESPONSE1=$(curl -s …) */
  assign?: string;
  silent?: boolean;
  stream: boolean;
  quoting: Quoting;
  body(ctx: JsonContext): Node;
  pipe?: string;
}

/** A create request. */
export function curl(w: CodeWriter, spec: CurlSpec): void {
  const ctx = jsonIn(spec.quoting);
  const lines = render(spec.body(ctx), ctx.syntax);
  const open = spec.assign ? `${spec.assign}=$(` : '';
  const close = spec.assign ? ')' : '';
  const pipe = spec.pipe ? ` | ${spec.pipe}` : '';
  w.line(REVISION_COMMENT);
  w.line(`${open}curl ${spec.assign || spec.silent ? '-s ' : ''}-X POST "${HOST}/v1beta/interactions${spec.stream ? '?alt=sse' : ''}" \\`);
  w.indented(() => {
    w.line('-H "x-goog-api-key: $GEMINI_API_KEY" \\');
    w.line("-H 'Content-Type: application/json' \\");
    w.line(`-H "Api-Revision: ${API_REVISION}" \\`);
    if (spec.stream) w.line('--no-buffer \\');
    if (spec.quoting === 'single') w.emit("-d '", lines, `'${pipe}${close}`);
    else if (spec.quoting === 'double') w.emit('-d "', lines, `"${pipe}${close}`);
    else w.line(`--data-binary @- <<EOF${pipe}`);
  });
  if (spec.quoting === 'heredoc') {
    w.verbatim(lines);
    w.verbatim(['EOF']);
    if (close) w.verbatim([close]);
  }
}

/** `_2` for the second of several images, appended to its variables' names. */
export const suffixOf = (image: ImageSlot): string => (image.suffix ? `_${image.suffix}` : '');

/** Google's Files API REST recipe: a resumable start, then the bytes with "upload, finalize", leaving the URI in FILE_URI. */
export function uploadFile(w: CodeWriter, image: ImageSlot, first: boolean): void {
  const s = suffixOf(image);
  if (first) w.line('# First upload the file using the Files API, then use the URI:');
  if (image.missingBytes) w.line(`# ${commentText(missingBytesNote(image))}`);
  if (image.renamedFrom !== undefined) w.line(`# ${commentText(renamedNote(image))}`);
  const start = shellSingleQuoted(`{"file": {"display_name": ${jsonString(image.name)}}}`);
  w.line(`IMG_PATH${s}=${shellWord(image.name)}`);
  w.line(`NUM_BYTES${s}=$(wc -c < "$IMG_PATH${s}")`);
  w.line(`UPLOAD_URL${s}=$(curl -s -D - -o /dev/null -X POST "${HOST}/upload/v1beta/files" \\`);
  w.indented(() => {
    w.line('-H "x-goog-api-key: $GEMINI_API_KEY" \\');
    w.line('-H "X-Goog-Upload-Protocol: resumable" \\');
    w.line('-H "X-Goog-Upload-Command: start" \\');
    w.line(`-H "X-Goog-Upload-Header-Content-Length: $NUM_BYTES${s}" \\`);
    w.line(`-H "X-Goog-Upload-Header-Content-Type: ${shellDoubleQuoted(image.mimeType)}" \\`);
    w.line("-H 'Content-Type: application/json' \\");
    w.line(`-d '${start}' | grep -i "x-goog-upload-url: " | cut -d" " -f2 | tr -d "\\r")`);
  });
  w.line(`FILE_URI${s}=$(curl -s "$UPLOAD_URL${s}" \\`);
  w.indented(() => {
    w.line('-H "x-goog-api-key: $GEMINI_API_KEY" \\');
    w.line(`-H "Content-Length: $NUM_BYTES${s}" \\`);
    w.line('-H "X-Goog-Upload-Offset: 0" \\');
    w.line('-H "X-Goog-Upload-Command: upload, finalize" \\');
    w.line(`--data-binary "@$IMG_PATH${s}" | jq -r '.file.uri')`);
  });
  if (mediaKindOf(image.mimeType) === 'video') {
    w.line(`# ${PROCESSING_NOTE}`);
    w.line(`while [ "$(curl -s "$FILE_URI${s}" -H "x-goog-api-key: $GEMINI_API_KEY" | jq -r '.state')" = "PROCESSING" ]; do sleep 1; done`);
  }
  w.blank();
}
