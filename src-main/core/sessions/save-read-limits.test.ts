// Issue 13, finding 2: a save answered ok must be readable at the next start. Whatever save() accepts,
// a fresh repository on the same folder (a restart) reads back equal; whatever the reader would refuse,
// save() refuses with a message that says what and where, and leaves the saved version as it was.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH, MAX_TEXT } from '../../../src-shared/limits';
import type { Session } from '../../../src-shared/session';
import { silentLogger } from '../ports';
import { jsonDepth } from '../storage/safe-json';
import { recoverInflight } from './inflight-recovery';
import { SessionRepository } from './repository';
import { MAX_IMPORT_BYTES, checkExportable, decodeSessionFile, encodeSessionFile } from './session-file';
import { sha256Hex } from '../storage/blobs';
import { AT, fullSession, inflightRecord, simpleSession, tempDir } from '../../../test-support/main/sessions';

let temp: ReturnType<typeof tempDir>;
let clock: number;
beforeEach(() => {
  temp = tempDir();
  clock = Date.UTC(2026, 10, 27, 12, 0, 0);
});
afterEach(() => temp.remove());

const repo = () => new SessionRepository({ dir: temp.dir, logger: silentLogger, now: () => (clock += 1) });
const docFile = (id: string) => join(temp.dir, 'sessions', `${id}.json`);

/** `levels` nested containers (objects and arrays taking turns) around a string. */
function nested(levels: number, leaf: unknown = 'leaf'): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { v: value } : [value];
  return value;
}

type Place = 'step' | 'usage' | 'sample-usage' | 'step-field';

/** A session whose document is exactly `depth` levels deep, the deepest part at `place`. */
function deepSession(id: string, place: Place, depth: number): Session {
  const build = (levels: number): Session => {
    const session = simpleSession(id, 'Deep', ['Call the tool']);
    const turn = session.panes[0]!.turns[0]!;
    const value = nested(levels);
    if (place === 'step') turn.steps = [{ type: 'function_call', name: 'f', arguments: value }];
    if (place === 'step-field') turn.steps = [{ type: 'google_search_result', result: [value] }];
    if (place === 'usage') turn.metrics = { totalMs: 5, usage: { detail: value } };
    if (place === 'sample-usage') {
      turn.samples = [
        { id: 'x1', status: 'done', text: 'a', thought: '', config: turn.config, startedAt: turn.startedAt, metrics: { totalMs: 1, usage: { detail: value } } },
      ];
    }
    return session;
  };
  const base = jsonDepth(JSON.stringify(build(0)));
  const session = build(depth - base);
  expect(jsonDepth(JSON.stringify(session))).toBe(depth);
  return session;
}

/** A session whose document is exactly `bytes` long (ASCII filler in the answers). */
function sessionOfBytes(id: string, bytes: number): Session {
  const session = simpleSession(id, 'Big', Array.from({ length: 40 }, (_, i) => `prompt ${i}`));
  const turns = session.panes[0]!.turns;
  const stamped = (s: Session) => Buffer.byteLength(JSON.stringify({ ...s, updatedAt: new Date(clock).toISOString() }));
  let missing = bytes - stamped(session);
  for (const turn of turns) {
    const add = Math.min(missing, 1_000_000 - turn.text.length);
    turn.text += 'x'.repeat(add);
    missing -= add;
  }
  expect(missing).toBe(0);
  expect(stamped(session)).toBe(bytes);
  return session;
}

async function expectReadBack(session: Session): Promise<void> {
  const first = repo();
  const { updatedAt } = await first.save(structuredClone(session));
  await first.close();
  const restarted = repo();
  expect(await restarted.get(session.id)).toEqual({ ...session, updatedAt });
  expect((await restarted.list()).map((s) => s.id)).toEqual([session.id]);
  expect(restarted.problems()).toEqual([]);
}

async function expectRefusedAndUnchanged(session: Session, message: RegExp): Promise<void> {
  const first = repo();
  const kept = simpleSession(session.id, 'Kept', ['the saved version']);
  const { updatedAt } = await first.save(kept);
  const before = readFileSync(docFile(session.id), 'utf8');
  await expect(first.save(structuredClone(session))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
  expect(readFileSync(docFile(session.id), 'utf8')).toBe(before);
  await first.close();
  const restarted = repo();
  expect(await restarted.get(session.id)).toEqual({ ...kept, updatedAt });
  expect(restarted.problems()).toEqual([]);
}

describe('save accepts exactly what the reader accepts', () => {
  it('a session with every field set reads back equal after a restart', async () => {
    await expectReadBack(fullSession());
  });

  it.each<Place>(['step', 'step-field', 'usage', 'sample-usage'])('nested exactly %s deep to the limit: saved and read back equal', async (place) => {
    await expectReadBack(deepSession('deep', place, MAX_JSON_DEPTH));
  });

  it.each<[Place, RegExp]>([
    ['step', /panes\.0\.turns\.0\.steps\.0\.arguments\b.*more than 100 levels/],
    ['step-field', /panes\.0\.turns\.0\.steps\.0\.result\b.*more than 100 levels/],
    ['usage', /panes\.0\.turns\.0\.metrics\.usage\b.*more than 100 levels/],
    ['sample-usage', /panes\.0\.turns\.0\.samples\.0\.metrics\.usage\b.*more than 100 levels/],
  ])('one level deeper at %s: refused with where and why, the saved version kept', async (place, message) => {
    await expectRefusedAndUnchanged(deepSession('deep', place, MAX_JSON_DEPTH + 1), message);
  });

  it('a document of exactly the size limit is saved and read back; one byte more is refused', async () => {
    await expectReadBack(sessionOfBytes('big', MAX_DOCUMENT_BYTES));
    const over = repo();
    await expect(over.save(sessionOfBytes('big2', MAX_DOCUMENT_BYTES + 1))).rejects.toMatchObject({
      code: 'STORAGE',
      message: expect.stringMatching(/too large to save \(32\.0 MB; the limit is 32\.0 MB\).*what was saved before is kept/),
    });
    expect(existsSync(docFile('big2'))).toBe(false);
  });

  it('whoever calls save (not only the IPC, whose schema checked it), a document the reader would refuse is refused', async () => {
    const tooLong = simpleSession('long', 'Long', ['q']);
    tooLong.panes[0]!.turns[0]!.text = 'x'.repeat(MAX_TEXT + 1);
    await expectRefusedAndUnchanged(tooLong, /could not be opened again \(The session is not valid: panes\.0\.turns\.0\.text: .*\)\. Nothing was written/);
  });

  it('a session reaching one object along 2^40 paths is refused by its count of values, not walked path by path', async () => {
    let tree: Record<string, unknown> = { type: 'leaf' };
    for (let i = 0; i < 40; i++) tree = { a: tree, b: tree };
    const session = simpleSession('shared', 'Shared', ['Call the tool']);
    session.panes[0]!.turns[0]!.steps = [{ type: 'function_call', name: 'f', arguments: tree }];
    await expectRefusedAndUnchanged(session, /^This session cannot be saved: it holds more than 4,000,000 values \(each repeat of a shared one counted\)\. Nothing was written/);
  });

  it('a session saved at the depth limit also exports to a file that imports back equal', async () => {
    const session = deepSession('deep', 'step', MAX_JSON_DEPTH);
    const decoded = decodeSessionFile(Buffer.from(encodeSessionFile(session, {})));
    expect(decoded.session).toEqual(session);
  });

  it('export writes a file of exactly the import limit, which imports; one byte more is refused, naming the limit', () => {
    // An attachment close to the limit, as one PDF of 37 MB is: the prompt fills the rest, byte by byte.
    const pdf = Buffer.alloc(Math.floor((MAX_IMPORT_BYTES - 600_000) / 4) * 3, 7);
    const sha = sha256Hex(pdf);
    const images = { [sha]: pdf.toString('base64') };
    const fileOf = (bytes: number) => {
      const session = simpleSession('pdf', 'With a PDF', ['read this']);
      session.panes[0]!.turns[0]!.input.images = [{ sha256: sha, mimeType: 'application/pdf', name: 'a.pdf', size: pdf.length }];
      const turn = session.panes[0]!.turns[0]!;
      turn.text = '';
      turn.text = 'x'.repeat(bytes - Buffer.byteLength(encodeSessionFile(session, images)));
      return { session, text: encodeSessionFile(session, images) };
    };
    const { session, text } = fileOf(MAX_IMPORT_BYTES);
    expect(Buffer.byteLength(text)).toBe(MAX_IMPORT_BYTES);
    expect(() => checkExportable(session, [pdf.length])).not.toThrow();
    const decoded = decodeSessionFile(Buffer.from(text));
    expect(decoded.session).toEqual(session);
    // Buffer.equals: toEqual walks 37 million bytes one by one, and a failure would print them.
    expect(decoded.images.get(sha)?.equals(pdf)).toBe(true);

    const over = /^The session file would be 48\.0 MB with its attachments, and a session file can be at most 48\.0 MB to be imported again\./;
    expect(() => fileOf(MAX_IMPORT_BYTES + 1)).toThrow(over);
    session.panes[0]!.turns[0]!.text += 'x';
    expect(() => checkExportable(session, [pdf.length])).toThrow(over);
  });

  it('export refuses more images than import takes, however small they are', () => {
    const session = simpleSession('many', 'Many small images', ['look']);
    expect(() => checkExportable(session, Array.from({ length: 1_000 }, () => 10))).not.toThrow();
    expect(() => checkExportable(session, Array.from({ length: 1_001 }, () => 10))).toThrow(/^The session has 1001 attachments and images, and a session file can carry at most 1000\.$/);
  });

  it('random shapes around the depth limit: accepted ⇒ read back equal after a restart, refused ⇒ nothing written', async () => {
    let seed = 13;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const places: Place[] = ['step', 'step-field', 'usage', 'sample-usage'];
    const leaves = ['plain', 'é\u0000\u001b]0;x\u0007', '\ud800 lone surrogate', '"quotes" and \\ and [brackets] {braces}'];
    const outcomes = { saved: 0, refused: 0 };
    for (let i = 0; i < 24; i++) {
      const id = `r${i}`;
      const session = deepSession(id, places[Math.floor(random() * places.length)]!, MAX_JSON_DEPTH - 2 + Math.floor(random() * 5));
      session.title = leaves[Math.floor(random() * leaves.length)]!;
      const writer = repo();
      const saved = await writer.save(structuredClone(session)).then(
        (r) => r,
        () => undefined,
      );
      await writer.close();
      if (saved) {
        outcomes.saved++;
        expect(await repo().get(id)).toEqual({ ...session, updatedAt: saved.updatedAt });
      } else {
        outcomes.refused++;
        expect(jsonDepth(JSON.stringify(session))).toBeGreaterThan(MAX_JSON_DEPTH);
        expect(existsSync(docFile(id))).toBe(false);
      }
    }
    expect(outcomes.saved).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

describe('a file set aside as damaged is never gone without a word', () => {
  it('a session the reader refuses is set aside at one start, and still reported, and kept, at every later start', async () => {
    // What the old app wrote: a document one level deeper than the reader accepts.
    const deep = deepSession('old-deep', 'step', MAX_JSON_DEPTH + 1);
    mkdirSync(join(temp.dir, 'sessions'), { recursive: true });
    writeFileSync(docFile('old-deep'), JSON.stringify(deep));

    const first = repo();
    expect(await first.list()).toEqual([]);
    const [moved] = first.problems();
    expect(moved).toMatchObject({ kind: 'session', sessionId: 'old-deep', movedTo: expect.stringContaining('old-deep.json.corrupt-') });
    expect(moved!.message).toMatch(/nested too deeply/);
    await first.close();

    for (const start of [2, 3]) {
      const again = repo();
      expect(await again.list(), `start ${start}`).toEqual([]);
      expect(again.problems(), `start ${start}`).toEqual([
        {
          kind: 'session',
          sessionId: 'old-deep',
          file: docFile('old-deep'),
          movedTo: moved!.movedTo,
          message: `A session file that could not be read (old-deep.json) was set aside on 2026-11-27; it is not in your list of sessions, and is kept at ${moved!.movedTo} until you remove it.`,
          at: expect.any(String),
        },
      ]);
      expect(JSON.parse(readFileSync(moved!.movedTo!, 'utf8'))).toEqual(deep);
      await again.close();
    }
  });

  it('a damaged journal is set aside at one start, and still reported at the next', async () => {
    const inflight = join(temp.dir, 'inflight');
    mkdirSync(inflight, { recursive: true });
    writeFileSync(join(inflight, 'r1.json'), '{"format":"gemini-playground-inflight","text":"half an ans');

    const first = repo();
    await recoverInflight({ dir: inflight, repo: first, logger: silentLogger, now: () => clock });
    const [moved] = first.problems();
    expect(moved).toMatchObject({ kind: 'journal', movedTo: expect.stringContaining('r1.json.corrupt-') });

    const second = repo();
    await recoverInflight({ dir: inflight, repo: second, logger: silentLogger, now: () => clock });
    expect(second.problems()).toEqual([
      {
        kind: 'journal',
        file: join(inflight, 'r1.json'),
        movedTo: moved!.movedTo,
        message: `An answer that was streaming when the app closed could not be recovered (its journal was damaged); the journal was set aside on 2026-11-27 and is kept at ${moved!.movedTo} until you remove it.`,
        at: expect.any(String),
      },
    ]);
    expect(readFileSync(moved!.movedTo!, 'utf8')).toContain('half an ans');
  });

  it('a journal that cannot be merged (its session would be too large) is kept and reported, not only logged', async () => {
    const saved = sessionOfBytes('full', MAX_DOCUMENT_BYTES - 2_000);
    const first = repo();
    await first.save(saved);
    await first.close();
    const inflight = join(temp.dir, 'inflight');
    mkdirSync(inflight, { recursive: true });
    const journal = join(inflight, 'r9.json');
    const record = inflightRecord({
      requestId: 'r9',
      sessionId: 'full',
      turnId: 't-new',
      input: { text: 'One more' },
      startedAt: AT,
      writtenAt: AT,
      text: 'y'.repeat(5_000),
      thought: '',
      steps: [],
    });
    writeFileSync(journal, JSON.stringify(record));

    const second = repo();
    await recoverInflight({ dir: inflight, repo: second, logger: silentLogger, now: () => clock });
    expect(second.problems()).toEqual([
      expect.objectContaining({ kind: 'journal', sessionId: 'full', message: expect.stringMatching(/could not be added to its session yet: This session is too large to save.*journal is kept/) }),
    ]);
    expect(JSON.parse(readFileSync(journal, 'utf8'))).toEqual(record);
  });
});
