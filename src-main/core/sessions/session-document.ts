// One saved session on disk (sessions/<id>.json): the decoder the repository reads with, and the encoder
// it writes with. Both use the limits of src-shared/limits.ts, and the encoder runs the decoder on the
// very text it is about to write (a test run's save: on it without the results, whose cells were each checked
// already) — so a save answered ok is a document the next start can open. Before,
// a session nested deeper than the reader accepts was saved, set aside as damaged at the next start, and
// forgotten at the one after (issue 13).
import { MAX_ARGUMENT_VALUES, MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH } from '../../../src-shared/limits';
import { randomUUID } from 'node:crypto';
import { MAX_RESULTS } from '../../../src-shared/eval/constants';
import type { CellResult } from '../../../src-shared/eval/test-set';
import type { Session } from '../../../src-shared/session';
import { migrateSession } from '../../../src-shared/session-migrations';
import { AppFailure } from '../failure';
import { megabytes } from '../storage/files';
import { parseJsonBytes } from '../storage/safe-json';
import { describeOverrun, overBudget } from '../value-budget';

const KEPT = 'Nothing was written: what was saved before is kept.';

/** What was read from disk → the current Session; a JsonShapeError or SessionFormatError says why not. */
export function decodeSessionDocument(bytes: Uint8Array): Session {
  return migrateSession(parseJsonBytes(bytes, MAX_JSON_DEPTH));
}

/** How deep a session was found by a walk that also held it to MAX_ARGUMENT_VALUES (the IPC router's, ipc-router.ts). */
export interface WalkedSession {
  depth: number;
}

export interface EncodeOptions {
  /**
   * Every cell of the test set's results already passed the reader's cell schema (saved-results.ts), so the reader
   * runs on the document without them and the cells are only counted, and each cell's JSON is kept with the cell, so
   * a save during a run serializes only the cells new since the last: reading 4,000 cells back and writing them out
   * again held main's event loop (which carries every stream) 200–700 ms per save of a run.
   */
  resultsChecked?: boolean;
  /** The session was walked already: within MAX_JSON_DEPTH, it is not walked again (a file's import is walked here). */
  walked?: WalkedSession;
}

/** The text to write, or an AppFailure (for people) for anything decodeSessionDocument would refuse. */
export function encodeSessionDocument(session: Session, options: EncodeOptions = {}): string {
  const results = options.resultsChecked ? session.testSet?.results : undefined;
  if (!results) {
    checkDepth(session, options.walked);
    return checkReadable(serialize(session));
  }
  if (results.length > MAX_RESULTS) {
    throw new AppFailure('BAD_REQUEST', `This session cannot be saved: its test set holds ${results.length} results, more than ${MAX_RESULTS}. ${KEPT}`);
  }
  const marker: CellResult[] = [];
  const rest = { ...session, testSet: { ...session.testSet!, results: marker } };
  checkDepth(rest, options.walked);
  // A placeholder no saved text can hold marks where the cells go (a "results" key may be anywhere in steps).
  const placeholder = JSON.stringify(`pg-results-${randomUUID()}`);
  const text = serialize(rest, (_key, value: unknown) => (value === marker ? JSON.parse(placeholder) : value));
  checkReadable(text.replace(placeholder, '[]'));
  return sized(text.replace(placeholder, () => `[${results.map(cellJson).join(',')}]`));
}

/** Each cell's JSON by the cell: main never changes a cell in place (saved-results.ts freezes the ones it keeps). */
const cellTexts = new WeakMap<CellResult, string>();

function cellJson(cell: CellResult): string {
  let text = cellTexts.get(cell);
  if (text === undefined) cellTexts.set(cell, (text = JSON.stringify(cell)));
  return text;
}

function checkDepth(session: Session, walked: WalkedSession | undefined): void {
  // Only one deeper than this document may be walked again: for the path its refusal names.
  if (walked !== undefined && walked.depth <= MAX_JSON_DEPTH) return;
  // Measured on the value first: JSON.stringify itself recurses, and follows every path to an object reached by
  // several; and the path makes the message useful. Characters are left to the size check, on the text.
  const over = overBudget(session, { maxDepth: MAX_JSON_DEPTH, maxValues: MAX_ARGUMENT_VALUES, maxChars: Infinity });
  if (over === undefined) return;
  const why = describeOverrun(over, 'it');
  throw new AppFailure(
    'BAD_REQUEST',
    `This session cannot be saved: ${over.limit === 'depth' ? `${why}, and a saved session may not be (it could not be opened again)` : why}. ${KEPT}`,
  );
}

function serialize(session: Session, replacer?: (key: string, value: unknown) => unknown): string {
  try {
    return sized(JSON.stringify(session, replacer));
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('BAD_REQUEST', `This session cannot be saved: it holds a value that is not JSON. ${KEPT}`);
  }
}

function checkReadable(text: string): string {
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
