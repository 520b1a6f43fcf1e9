// Media content parts (image, document, audio, video) checked as the live service checks them: a mime_type from
// the typings' list for that part type, inline `data` that is base64 of bytes really of that type (by their magic
// number: a check of its own, independent of the app's sniffer, so the two cannot share a mistake), and the
// inline size a request may carry. Each refusal names the field path.

/**
 * The typings' `*ContentMimeType` lists (genai.d.ts). Documents also take the text formats the
 * document-understanding guide names (text/plain, text/markdown), which the open list (`string & {}`) allows.
 */
export const MIME_TYPES: Record<string, readonly string[]> = {
  image: ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif', 'image/gif', 'image/bmp', 'image/tiff'],
  document: [
    'application/pdf',
    'text/csv',
    'text/plain',
    'text/markdown',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.ms-powerpoint',
    'application/vnd.oasis.opendocument.presentation',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-excel',
    'application/vnd.oasis.opendocument.spreadsheet',
  ],
  audio: ['audio/wav', 'audio/mp3', 'audio/aiff', 'audio/aac', 'audio/ogg', 'audio/flac', 'audio/mpeg', 'audio/m4a', 'audio/l16', 'audio/opus', 'audio/alaw', 'audio/mulaw', 'audio/webm'],
  video: ['video/mp4', 'video/mpeg', 'video/mpg', 'video/mov', 'video/avi', 'video/x-flv', 'video/webm', 'video/wmv', 'video/3gpp'],
};

/** Documented: up to 100 MB of inline data in one request (docs/interactions-api.md §7.2). */
export const DEFAULT_INLINE_LIMIT_BYTES = 100 * 1_048_576;

const ascii = (b: Buffer, at: number, n: number) => b.subarray(at, at + n).toString('latin1');
const isUtf8Text = (b: Buffer) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b);
const ftyp = (b: Buffer) => ascii(b, 4, 4) === 'ftyp';

const ebml = (b: Buffer): boolean => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));

/** What the first bytes of each checked type look like; types without an entry are not checked. */

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => /^GIF8[79]a$/.test(ascii(b, 0, 6)),
  'image/webp': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP',
  'image/bmp': (b) => ascii(b, 0, 2) === 'BM',
  'image/tiff': (b) => ['II*\0', 'MM\0*'].includes(ascii(b, 0, 4)),
  'image/heic': ftyp,
  'image/heif': ftyp,
  'application/pdf': (b) => ascii(b, 0, 5) === '%PDF-',
  'text/csv': isUtf8Text,
  'text/plain': isUtf8Text,
  'text/markdown': isUtf8Text,
  'audio/wav': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE',
  'audio/mp3': (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe6) === 0xe2),
  'audio/mpeg': (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  'audio/aac': (b) => b[0] === 0xff && (b[1]! & 0xf6) === 0xf0,
  'audio/ogg': (b) => ascii(b, 0, 4) === 'OggS',
  'audio/flac': (b) => ascii(b, 0, 4) === 'fLaC',
  'audio/m4a': ftyp,
  'video/mp4': ftyp,
  'video/mov': ftyp,
  'video/webm': ebml,
  'audio/webm': ebml,
};

/** The type the bytes look like, for the refusal: the first checked type whose magic matches. */
function lookslike(bytes: Buffer): string {
  const binary = Object.entries(MAGIC).find(([type, test]) => !type.startsWith('text/') && test(bytes));
  if (binary) return binary[0];
  return isUtf8Text(bytes) ? 'text' : 'unrecognised bytes';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A media part's mime_type and inline data: the message of a 400 naming the field, or the decoded size of its
 * inline data (0 for a uri) to add to the request's total.
 */
export function checkMediaPart(part: Record<string, unknown>, where: string): { error: string } | { inlineBytes: number } {
  const type = String(part.type);
  const mime = part.mime_type;
  if (mime !== undefined && typeof mime !== 'string') return { error: `${where}.mime_type must be a string.` };
  if (typeof mime === 'string' && !MIME_TYPES[type]!.includes(mime)) {
    return { error: `${where}.mime_type "${mime}" is not supported for ${type} content (one of ${MIME_TYPES[type]!.join(', ')}).` };
  }
  if (typeof part.data !== 'string') return { inlineBytes: 0 };
  if (mime === undefined) return { error: `${where}.mime_type is required with inline data.` };
  if (part.data.length % 4 !== 0 || !BASE64.test(part.data)) return { error: `${where}.data is not valid base64.` };
  const bytes = Buffer.from(part.data, 'base64');
  const test = MAGIC[mime as string];
  if (test && !test(bytes)) {
    return { error: `${where}.data does not match ${where}.mime_type: declared ${String(mime)}, the bytes are ${lookslike(bytes)}.` };
  }
  return { inlineBytes: bytes.length };
}

export function inlineLimitError(total: number, limit: number): string | undefined {
  if (total <= limit) return undefined;
  return `Request payload size exceeds the limit: ${total} bytes of inline data, at most ${limit}. Upload large files with the Files API and send their uri.`;
}

/**
 * For the echo line: the media parts of the last user turn as `type:mime_type:data|uri`, so a test reading the
 * answer can tell what arrived (and how) without the recorded request.
 */
export function mediaEcho(input: unknown): string | undefined {
  const items = Array.isArray(input) ? input : [input];
  const lastUser = [...items].reverse().find((item) => (item as { type?: unknown } | null)?.type === 'user_input') as { content?: unknown } | undefined;
  const parts = lastUser ? (Array.isArray(lastUser.content) ? lastUser.content : []) : items;
  const media = parts.filter((p) => {
    const type = (p as { type?: unknown } | null)?.type;
    return typeof type === 'string' && type in MIME_TYPES;
  }) as Record<string, unknown>[];
  if (media.length === 0) return undefined;
  return media.map((p) => `${String(p.type)}:${String(p.mime_type ?? 'unset')}:${typeof p.data === 'string' ? 'data' : 'uri'}`).join(',');
}
