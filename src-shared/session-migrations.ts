// Upgrades a saved-session document of any earlier version to the current one (docs/ARCHITECTURE.md §5):
// plain functions, one per version step, then the current schema decides.
//
//   v0  (the first prototype's files) no `version` field, no `historyMode` (every conversation chained
//       with previous_interaction_id), and `temperature` kept as the text of the input box ("0.7", "").
//   v1  panes, turns and the history mode.
//   v2  the current document (session.ts): adds the optional `experiments` (sweep, repeat settings,
//       blind ratings) and each turn's optional repeat `samples`. A v1 document is a valid v2 one; the
//       version moves so that an older app refuses a v2 file as "newer" instead of calling it damaged.
//   v3  adds the optional `truncatedAt` of a turn or sample (an answer longer than main keeps, limits.ts).
//       A v2 document is a valid v3 one; the version moves for the same reason as v2's: the schema is
//       strict, so a v2 app would call a document with the new field damaged and set it aside.
//
//   v4  pane settings for tools and output (Google Search, URL context, code execution, functions with their
//       mocks, MCP servers, tool choice, a response schema, safety settings, answering with mocks), thinking
//       level `xhigh`, and an image's `resolution`. A v3 document is a valid v4 one (every new field is
//       optional); the version moves so a v3 app keeps a v4 file as "newer" instead of setting it aside.
//
//   v5  adds the optional `testSet` (test cases, assertions, the results grid) and a pane's optional `typed`
//       (settings typed but not yet valid, kept as text). A v4 document is a valid v5 one.
//
//   v6  room for edited turns and their branches, the values a turn was filled with, media attachments beyond
//       images (PDF, audio, video) and images in answers: all optional, so a v5 document is a valid v6 one.
//
// A future v7 adds `v6ToV7` to MIGRATIONS, bumps SESSION_VERSION, and adds a test from a real v6 file.
import { describeIssue } from './schemas';
import { SESSION_VERSION, sessionSchema, type Session } from './session';

/** Why a document cannot become a Session; the message is written for people. */
export class SessionFormatError extends Error {
  /** `newer`: written by a later version of the app (keep the file, do not call it damaged). */
  readonly kind: 'invalid' | 'newer';
  constructor(message: string, kind: 'invalid' | 'newer' = 'invalid') {
    super(message);
    this.name = 'SessionFormatError';
    this.kind = kind;
  }
}

export function isSessionFormatError(e: unknown): e is SessionFormatError {
  return e instanceof SessionFormatError;
}

type Doc = Record<string, unknown>;
type Migration = (doc: Doc) => Doc;

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The v0 temperature was the text field's content; an empty or unreadable one meant "not set". */
function temperatureV0(config: unknown): unknown {
  if (!isObject(config) || !('temperature' in config)) return config;
  const { temperature, ...rest } = config;
  if (typeof temperature === 'number') return config;
  if (typeof temperature !== 'string' || temperature.trim() === '') return rest;
  const value = Number(temperature.trim());
  return Number.isFinite(value) ? { ...rest, temperature: value } : rest;
}

function v0ToV1(doc: Doc): Doc {
  const panes = Array.isArray(doc.panes)
    ? doc.panes.map((pane: unknown) => {
        if (!isObject(pane)) return pane;
        const turns = Array.isArray(pane.turns)
          ? pane.turns.map((turn: unknown) => (isObject(turn) ? { ...turn, config: temperatureV0(turn.config) } : turn))
          : pane.turns;
        return { ...pane, config: temperatureV0(pane.config), turns };
      })
    : doc.panes;
  // v0 only knew server-side history.
  return { ...doc, version: 1, historyMode: 'server', panes };
}

function v1ToV2(doc: Doc): Doc {
  return { ...doc, version: 2 };
}

function v2ToV3(doc: Doc): Doc {
  return { ...doc, version: 3 };
}

function v3ToV4(doc: Doc): Doc {
  return { ...doc, version: 4 };
}

function v4ToV5(doc: Doc): Doc {
  return { ...doc, version: 5 };
}

function v5ToV6(doc: Doc): Doc {
  return { ...doc, version: 6 };
}

/** MIGRATIONS[n] turns a version-n document into a version-(n+1) one. */
const MIGRATIONS: readonly Migration[] = [v0ToV1, v1ToV2, v2ToV3, v3ToV4, v4ToV5, v5ToV6];

if (MIGRATIONS.length !== SESSION_VERSION) throw new Error('session-migrations: one migration per earlier version');

/** The version a document claims: a missing field means v0; anything else not a whole number is refused. */
export function documentVersion(doc: unknown): number {
  if (!isObject(doc)) throw new SessionFormatError('This is not a playground session (expected a JSON object).');
  if (doc.version === undefined) return 0;
  if (typeof doc.version !== 'number' || !Number.isSafeInteger(doc.version) || doc.version < 0) {
    throw new SessionFormatError('This is not a playground session (its "version" is not a version number).');
  }
  return doc.version;
}

/** Any earlier (or the current) document → a valid current Session, or a SessionFormatError. */
export function migrateSession(doc: unknown): Session {
  let version = documentVersion(doc);
  if (version > SESSION_VERSION) {
    throw new SessionFormatError(
      `This session was saved by a newer version of the app (format ${version}; this one reads up to ${SESSION_VERSION}). Update the app to open it.`,
      'newer',
    );
  }
  let current = doc as Doc;
  while (version < SESSION_VERSION) current = MIGRATIONS[version++]!(current);
  const parsed = sessionSchema.safeParse(current);
  if (!parsed.success) throw new SessionFormatError(`The session is not valid: ${describeIssue(parsed.error).slice(0, 500)}`);
  const repeated = repeatedId(parsed.data);
  if (repeated) throw new SessionFormatError(`The session is not valid: ${repeated}`);
  return parsed.data;
}

/**
 * The window tells apart by id panes, the turns of a pane, a turn's repeat samples, and a test set's cases and
 * assertions: one repeated (copied by hand in the file) stops that keyed list drawing at all, so the conversation or
 * the test cases view was left blank without a word, at every start while it was the last session. The schema cannot
 * say it: the save call's schema extends this one, and zod refuses to extend a refined object.
 */
function repeatedId(session: Session): string | undefined {
  // Each list, with what its items are to a person.
  const lists: [string, { id: string }[], string][] = [['panes', session.panes, 'pane']];
  for (const [p, pane] of session.panes.entries()) {
    lists.push([`panes.${p}.turns`, pane.turns, 'turn of the pane']);
    for (const [t, turn] of pane.turns.entries()) lists.push([`panes.${p}.turns.${t}.samples`, turn.samples ?? [], 'repeat sample of the turn']);
  }
  const set = session.testSet;
  if (set) {
    lists.push(['testSet.cases', set.cases, 'test case'], ['testSet.assertions', set.assertions, 'assertion of the test set']);
    for (const [c, testCase] of set.cases.entries()) lists.push([`testSet.cases.${c}.assertions`, testCase.assertions ?? [], 'assertion of the case']);
  }
  for (const [path, items, noun] of lists) {
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (seen.has(item.id)) return `${path}.${i}.id: another ${noun} has the id “${item.id.slice(0, 80)}”`;
      seen.add(item.id);
    }
  }
  return undefined;
}
