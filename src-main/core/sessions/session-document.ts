// One saved session on disk (sessions/<id>.json): the decoder the repository reads with, and the encoder
// it writes with. Both use the limits of src-shared/limits.ts, and the encoder runs the decoder on the
// very text it is about to write — so a save answered ok is a document the next start can open. Before,
// a session nested deeper than the reader accepts was saved, set aside as damaged at the next start, and
// forgotten at the one after (issue 13).
import { MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH } from '../../../src-shared/limits';
import { MAX_CASES } from '../../../src-shared/eval/constants';
import type { Session } from '../../../src-shared/session';
import { migrateSession } from '../../../src-shared/session-migrations';
import { AppFailure } from '../failure';
import { megabytes } from '../storage/files';
import { deeperThan, parseJsonBytes } from '../storage/safe-json';

const KEPT = 'Nothing was written: what was saved before is kept.';
const MAX_RESULTS = MAX_CASES * 6;

/** What was read from disk → the current Session; a JsonShapeError or SessionFormatError says why not. */
export function decodeSessionDocument(bytes: Uint8Array): Session {
  return migrateSession(parseJsonBytes(bytes, MAX_JSON_DEPTH));
}

/**
 * The text to write, or an AppFailure (for people) for anything decodeSessionDocument would refuse.
 * `resultsChecked`: every cell of the test set's results already passed the reader's cell schema (saved-results.ts),
 * so the reader runs on the document without them and the cells are only counted: reading 4,000 cells back took main
 * 200–700 ms per save of a run, while each cell's shape is independent of the rest.
 */
export function encodeSessionDocument(session: Session, options: { resultsChecked?: boolean } = {}): string {
  const results = options.resultsChecked ? session.testSet?.results : undefined;
  if (!results) return encodeChecked(session);
  if (results.length > MAX_RESULTS) {
    throw new AppFailure('BAD_REQUEST', `This session cannot be saved: its test set holds ${results.length} results, more than ${MAX_RESULTS}. ${KEPT}`);
  }
  encodeChecked({ ...session, testSet: { ...session.testSet!, results: [] } });
  return sized(JSON.stringify(session));
}

function encodeChecked(session: Session): string {
  // Measured on the value first: JSON.stringify itself recurses, and the path makes the message useful.
  const deep = deeperThan(session, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    throw new AppFailure(
      'BAD_REQUEST',
      `This session cannot be saved: ${deep} is nested more than ${MAX_JSON_DEPTH} levels deep, and a saved session may not be (it could not be opened again). ${KEPT}`,
    );
  }
  let text: string;
  try {
    text = sized(JSON.stringify(session));
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('BAD_REQUEST', `This session cannot be saved: it holds a value that is not JSON. ${KEPT}`);
  }
  try {
    decodeSessionDocument(Buffer.from(text));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new AppFailure('BAD_REQUEST', `This session cannot be saved: it could not be opened again (${why}). ${KEPT}`);
  }
  return text;
}

function sized(text: string): string {
  const size = Buffer.byteLength(text);
  if (size > MAX_DOCUMENT_BYTES) {
    throw new AppFailure(
      'STORAGE',
      `This session is too large to save (${megabytes(size)}; the limit is ${megabytes(MAX_DOCUMENT_BYTES)}). ${KEPT} Continue in a new session.`,
    );
  }
  return text;
}
