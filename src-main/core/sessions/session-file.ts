// The export file: { format, version, session, images } (src-shared/session.ts). Encoding is plain;
// decoding treats the file as hostile: size cap before reading, UTF-8 and nesting checked before
// parsing, every field checked after, image bytes checked against their sha256 (and an answer's images
// against what images are) — and a message for people when anything is wrong. A bare session document
// (sessions/<id>.json) is accepted too.
import { z } from 'zod';
import {
  SESSION_FILE_FORMAT,
  SESSION_FILE_VERSION,
  type SavedTurn,
  type Session,
} from '../../../src-shared/session';
import { migrateSession } from '../../../src-shared/session-migrations';
import { MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH } from '../../../src-shared/limits';
import { answerImages } from '../../../src-shared/image-output';
import { ACCEPTED_IMAGE_LABEL, isStoredMediaPart, mediaFormatOf } from '../../../src-shared/media';
import { sniffImage } from '../images/sniff';
import { SHA256_HEX, sha256Hex } from '../storage/blobs';
import { megabytes } from '../storage/files';
import { parseJsonBytes } from '../storage/safe-json';

/**
 * The document plus its images as base64: a 50 MB file is refused before it is read. Export refuses what would be
 * larger (checkExportable), naming this limit: a session's attachments can reach gigabytes (100 per turn, up to
 * 100 MB each), far beyond a JSON file the app could read back, while its document alone always fits.
 */
export const MAX_IMPORT_BYTES = MAX_DOCUMENT_BYTES + 16 * 1_048_576;
const MAX_IMAGES = 1_000;
/** `"<sha256>":""` around each image's base64 in the file (and a comma between two). */
const IMAGE_ENTRY_BYTES = 69;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class SessionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionFileError';
  }
}

/**
 * The file's text, without indentation: a document at MAX_DOCUMENT_BYTES, indented, could be over MAX_IMPORT_BYTES
 * even without attachments. Throws SessionFileError when import would refuse it.
 */
export function encodeSessionFile(session: Session, images: Record<string, string>): string {
  const text = fileText(session, images);
  refuseUnimportable(Object.keys(images).length, Buffer.byteLength(text));
  return text;
}

function fileText(session: Session | 0, images: Record<string, string>): string {
  return `${JSON.stringify({ format: SESSION_FILE_FORMAT, version: SESSION_FILE_VERSION, session, images })}\n`;
}

/** The text of every file around its session and images: `0` stands for the session there. */
const ENVELOPE_BYTES = Buffer.byteLength(fileText(0, {})) - 1;

/**
 * Before the images are read or the person is asked where to save: refuses a session whose file import would refuse,
 * from the sizes of the images it would carry (those missing from the store are left out of the file). The same
 * bytes encodeSessionFile writes, counted without building them.
 */
export function checkExportable(session: Session, imageSizes: readonly number[]): void {
  const images = imageSizes.reduce((sum, size, i) => sum + (i > 0 ? 1 : 0) + IMAGE_ENTRY_BYTES + 4 * Math.ceil(size / 3), 0);
  refuseUnimportable(imageSizes.length, ENVELOPE_BYTES + Buffer.byteLength(JSON.stringify(session)) + images);
}

/** Worded to follow "Could not export the session: " (the renderer's notice) and to stand alone. */
function refuseUnimportable(images: number, bytes: number): void {
  if (images > MAX_IMAGES) {
    throw new SessionFileError(`The session has ${images} attachments and images, and a session file can carry at most ${MAX_IMAGES}.`);
  }
  if (bytes > MAX_IMPORT_BYTES) {
    throw new SessionFileError(
      `The session file would be ${megabytes(bytes)} with its attachments, and a session file can be at most ${megabytes(MAX_IMPORT_BYTES)} to be imported again. Remove large attachments from the session, or export a transcript instead.`,
    );
  }
}

const envelopeKeys = z.strictObject({
  format: z.unknown(),
  version: z.unknown(),
  session: z.unknown(),
  images: z.record(z.string(), z.unknown()).optional(),
});

export interface DecodedSessionFile {
  session: Session;
  /** sha256 → bytes, each checked against its name. */
  images: Map<string, Buffer>;
  /** Images the session references that the file does not carry (the caller may have them already). */
  missing: string[];
}

/** Checks everything and throws SessionFileError (a sentence for people) on the first problem. */
export function decodeSessionFile(bytes: Uint8Array): DecodedSessionFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new SessionFileError('The file is too large to be a playground session.');
  let value: unknown;
  try {
    // The envelope puts the session one level down: a saved session at the depth limit still imports.
    value = parseJsonBytes(bytes, MAX_JSON_DEPTH + 1);
  } catch (error) {
    throw new SessionFileError(error instanceof Error ? error.message : 'The file is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SessionFileError('This is not a playground session file (expected a JSON object).');
  }
  const doc = value as Record<string, unknown>;
  if (!('format' in doc)) {
    const session = migrate(doc);
    refuseFalseAnswerImages(session, new Map());
    return { session, images: new Map(), missing: referencedImages(session) };
  }

  if (doc.format !== SESSION_FILE_FORMAT) throw new SessionFileError('This is not a playground session file (unknown "format").');
  if (typeof doc.version === 'number' && Number.isInteger(doc.version) && doc.version > SESSION_FILE_VERSION) {
    throw new SessionFileError(`This file was made by a newer version of the app (file version ${doc.version}). Update the app to import it.`);
  }
  if (doc.version !== SESSION_FILE_VERSION) throw new SessionFileError('This session file has an unsupported "version".');
  const shape = envelopeKeys.safeParse(doc);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const where = issue?.path.join('.') || 'the file';
    throw new SessionFileError(`This session file is not valid: ${where}: ${issue?.message ?? 'unexpected content'}.`);
  }
  const session = migrate(shape.data.session);
  const images = decodeImages(shape.data.images ?? {});
  refuseFalseAnswerImages(session, images);
  return { session, images, missing: referencedImages(session).filter((sha) => !images.has(sha)) };
}

/** What a turn's answer holds: its own steps, and those of a round of function results that did not finish. */
const answerSteps = (turn: SavedTurn): readonly unknown[] => [...turn.steps, ...(turn.round?.steps ?? [])];

/**
 * Every blob sha256 the session's turns reference, once each: attachments, and images the model made (stored
 * parts of the answer's steps), in the turns followed and in the branches set aside, so a file carries them all.
 */
export function referencedImages(session: Session): string[] {
  const shas = new Set<string>();
  for (const pane of session.panes) {
    for (const turn of [...pane.turns, ...(pane.forks ?? []).flatMap((fork) => fork.others.flat())]) {
      for (const image of turn.input.images ?? []) shas.add(image.sha256);
      for (const step of answerSteps(turn)) {
        const content = (step as { content?: unknown }).content;
        if (Array.isArray(content)) for (const part of content) if (isStoredMediaPart(part)) shas.add(part.sha256);
      }
    }
  }
  return [...shas];
}

/**
 * The app keeps an answer's image only once its bytes are found to be an accepted image, and types it by them
 * (images/output-images.ts), so a file whose answer image claims another type, or carries other bytes, was made or
 * changed elsewhere — the way to slip an .html or .hta file beside an exported transcript. The whole file is
 * refused with the reason rather than cleaned: nothing the person has is dropped without their knowing, and the
 * file is still theirs to look at. An image the file does not carry is whatever the store holds under its sha256,
 * which exporting a transcript checks again before writing it.
 */
function refuseFalseAnswerImages(session: Session, images: ReadonlyMap<string, Uint8Array>): void {
  for (const pane of session.panes) {
    for (const turn of [...pane.turns, ...(pane.forks ?? []).flatMap((fork) => fork.others.flat())]) {
      for (const image of answerImages(answerSteps(turn))) {
        const name = `${image.sha256.slice(0, 12)}…`;
        if (mediaFormatOf(image.mimeType)?.kind !== 'image') {
          throw new SessionFileError(`An answer's image (${name}) claims a type that is not an image (${ACCEPTED_IMAGE_LABEL}), which the app never saves: the file was changed or made elsewhere.`);
        }
        const bytes = images.get(image.sha256);
        if (bytes && sniffImage(bytes).kind !== 'image') {
          throw new SessionFileError(`An answer's image (${name}) in the file is not a complete ${ACCEPTED_IMAGE_LABEL} image, which the app never saves: the file was changed or made elsewhere.`);
        }
      }
    }
  }
}

function migrate(doc: unknown): Session {
  try {
    return migrateSession(doc);
  } catch (error) {
    throw new SessionFileError(error instanceof Error ? error.message : 'The session is not valid.');
  }
}

function decodeImages(images: Record<string, unknown>): Map<string, Buffer> {
  const entries = Object.entries(images);
  if (entries.length > MAX_IMAGES) throw new SessionFileError(`The file carries too many images (${entries.length}).`);
  const out = new Map<string, Buffer>();
  for (const [sha256, base64] of entries) {
    const name = sha256.slice(0, 12);
    if (!SHA256_HEX.test(sha256)) throw new SessionFileError(`The file carries an image with an invalid name (“${name}…”).`);
    if (typeof base64 !== 'string' || base64.length % 4 !== 0 || !BASE64.test(base64)) {
      throw new SessionFileError(`Image ${name}… in the file is not base64.`);
    }
    const bytes = Buffer.from(base64, 'base64');
    if (sha256Hex(bytes) !== sha256) throw new SessionFileError(`Image ${name}… in the file is damaged (its bytes do not match its sha256).`);
    out.set(sha256, bytes);
  }
  return out;
}
