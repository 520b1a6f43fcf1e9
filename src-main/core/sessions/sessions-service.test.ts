// Export, import and transcript through scripted file dialogs, over real files: every kind of bad
// file is refused with a message and changes nothing; good files round-trip.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../../../src-shared/pane-config-schema';
import { SESSION_FILE_FORMAT, SESSION_VERSION, type Session } from '../../../src-shared/session';
import { transcriptMarkdown } from '../../../src-shared/transcript';
import type { Dialogs } from '../ports';
import { silentLogger } from '../ports';
import { BlobStore } from '../storage/blobs';
import { createSessionsService, fileNameFor, type SessionsService } from './sessions-service';
import { fullSession, simpleSession, tempDir } from '../../../test-support/main/sessions';

let data: ReturnType<typeof tempDir>;
let outside: ReturnType<typeof tempDir>;
let service: SessionsService;
let answers: (string | undefined)[];
let shown: { kind: string; defaultName?: string }[];
/** The answers of main's questions (Replace files?), in order; none left: Cancel. */
let confirms: boolean[];

const dialogs: Dialogs = {
  async showSaveDialog({ defaultName }) {
    shown.push({ kind: 'save', defaultName });
    return answers.shift();
  },
  async showOpenDialog({ folder }) {
    shown.push({ kind: folder ? 'folder' : 'open' });
    return answers.shift();
  },
  async confirm({ message }) {
    shown.push({ kind: 'confirm', defaultName: message });
    return confirms.shift() ?? false;
  },
};

beforeEach(async () => {
  data = tempDir('pg-data-');
  outside = tempDir('pg-files-');
  answers = [];
  shown = [];
  confirms = [];
  service = createSessionsService({ dataDir: data.dir, dialogs, logger: silentLogger });
  await service.ready();
});
afterEach(async () => {
  await service.close();
  data.remove();
  outside.remove();
});

/** Every file under the data folder with a hash of its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha1').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function importFrom(content: string | Buffer | undefined, name = 'in.json') {
  const path = join(outside.dir, name);
  if (content !== undefined) writeFileSync(path, content);
  answers.push(path);
  return service.api.importSessionFile();
}

const envelope = (session: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: SESSION_FILE_FORMAT, version: 1, session, images: {}, ...extra });

describe('exportSessionFile / importSessionFile', () => {
  it('exports the envelope, and importing it adds a copy under a new id with every field', async () => {
    const png = Buffer.from('pretend-png-bytes');
    const sha = await new BlobStore(data.dir).write(png);
    const session = fullSession('exp');
    session.panes[0]!.turns[0]!.input.images![0]!.sha256 = sha;
    await service.api.saveSession({ session });
    const out = join(outside.dir, 'out.json');
    answers.push(out);
    expect(await service.api.exportSessionFile({ id: 'exp' })).toEqual({ saved: true, path: out });
    expect(shown.at(-1)).toEqual({ kind: 'save', defaultName: 'Paws — a full session.json' });
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(file)).toEqual(['format', 'version', 'session', 'images']);
    expect(file).toEqual({ format: 'gemini-playground-session', version: 1, session: await service.api.getSession({ id: 'exp' }), images: { [sha]: png.toString('base64') } });

    answers.push(out);
    const result = await service.api.importSessionFile();
    expect(result.error).toBeUndefined();
    const added = result.session!;
    expect(added.id).not.toBe('exp');
    const { id: _a, updatedAt: _b, title, ...imported } = added;
    const { id: _c, updatedAt: _d, title: originalTitle, ...original } = await service.api.getSession({ id: 'exp' });
    expect(imported).toEqual(original);
    // Beside the session it was exported from, the copy says where it came from; the list tells the two apart.
    expect(title).toBe(`${originalTitle} (imported)`);
    expect((await service.api.listSessions({})).map((s) => s.id)).toEqual([added.id, 'exp']);
  });

  it('an import keeps its title where no session has it, and a long one stays within the title limit', async () => {
    const lone = await importFrom(envelope(simpleSession('lone', 'Tide pools', ['hi'])));
    expect(lone.session!.title).toBe('Tide pools');
    const long = 'T'.repeat(500);
    await service.api.saveSession({ session: simpleSession('long', long, ['hi']) });
    const again = await importFrom(envelope(simpleSession('long', long, ['hi'])), 'long.json');
    expect(again.error).toBeUndefined();
    expect(again.session!.title).toBe(`${'T'.repeat(489)} (imported)`);
    expect(again.session!.title).toHaveLength(500);
  });

  it('carries image bytes both ways, checked against their sha256', async () => {
    const png = Buffer.from('89504e470d0a1a0a-pretend-png');
    const sha = createHash('sha256').update(png).digest('hex');
    const session = simpleSession('img', 'With image', ['look']);
    session.panes[0]!.turns[0]!.input.images = [{ sha256: sha, mimeType: 'image/png', name: 'a.png', size: png.length }];
    const { session: added, error } = await importFrom(envelope(session, { images: { [sha]: png.toString('base64') } }));
    expect(error).toBeUndefined();
    expect(readFileSync(join(data.dir, 'blobs', sha))).toEqual(png);
    const out = join(outside.dir, 'again.json');
    answers.push(out);
    await service.api.exportSessionFile({ id: added!.id });
    expect(JSON.parse(readFileSync(out, 'utf8')).images).toEqual({ [sha]: png.toString('base64') });
  });

  it('refuses to export a session whose file import would refuse, naming the limit, before asking where', async () => {
    const pdf = Buffer.alloc(37 * 1_048_576, 7);
    const sha = await new BlobStore(data.dir).write(pdf);
    const session = simpleSession('pdf', 'With a PDF', ['read this']);
    session.panes[0]!.turns[0]!.input.images = [{ sha256: sha, mimeType: 'application/pdf', name: 'a.pdf', size: pdf.length }];
    await service.api.saveSession({ session });
    answers.push(join(outside.dir, 'pdf.json'));
    await expect(service.api.exportSessionFile({ id: 'pdf' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^The session file would be 49\.3 MB with its attachments, and a session file can be at most 48\.0 MB to be imported again\./),
    });
    expect(shown).toEqual([]);
    expect(readdirSync(outside.dir)).toEqual([]);
  });

  it('the files in the prompt box stay on this machine: an export leaves them out, and an import of a bare document too', async () => {
    const sha = await new BlobStore(data.dir).write(Buffer.from('unsent-bytes'));
    const session = { ...simpleSession('box', 'Box', ['hi']), attached: [{ sha256: sha, mimeType: 'image/png', name: 'unsent.png', size: 12 }] };
    await service.api.saveSession({ session });
    expect((await service.api.getSession({ id: 'box' })).attached).toHaveLength(1);
    const out = join(outside.dir, 'box.json');
    answers.push(out);
    await service.api.exportSessionFile({ id: 'box' });
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.session.attached).toBeUndefined();
    expect(file.images).toEqual({});

    const { session: added, error } = await importFrom(JSON.stringify(session));
    expect(error).toBeUndefined();
    expect(added!.attached).toBeUndefined();
  });

  it('imports a bare document, migrating an earlier version', async () => {
    const v0 = { ...simpleSession('bare', 'Bare v0', ['hi']), version: undefined, historyMode: undefined };
    const { session, error } = await importFrom(JSON.stringify(v0));
    expect(error).toBeUndefined();
    expect(session).toMatchObject({ version: SESSION_VERSION, title: 'Bare v0', historyMode: 'server' });
  });

  it('cancelled dialogs change nothing', async () => {
    await service.api.saveSession({ session: simpleSession('c', 'C') });
    const before = snapshot(data.dir);
    expect(await service.api.exportSessionFile({ id: 'c' })).toEqual({ saved: false });
    expect(await service.api.importSessionFile()).toEqual({});
    expect(await service.api.exportTranscript({ id: 'c' })).toEqual({ saved: false });
    expect(snapshot(data.dir)).toEqual(before);
  });

  const valid = () => simpleSession('x1', 'Valid', ['hello']);
  const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
  const badFiles: [string, () => string | Buffer | undefined, RegExp][] = [
    ['malformed JSON', () => '{"format": "gemini-playground-session", version: 1}', /not valid JSON/],
    ['truncated', () => envelope(valid()).slice(0, 120), /not valid JSON.*truncated/],
    ['empty', () => '', /empty/],
    ['binary, not UTF-8', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]), /not text/],
    ['an array', () => '[1,2,3]', /expected a JSON object/],
    ['another format', () => JSON.stringify({ format: 'other-app', version: 1, session: valid(), images: {} }), /unknown "format"/],
    ['a newer file version', () => envelope(valid(), { version: 2 }), /newer version of the app \(file version 2\)/],
    ['a version of the wrong type', () => envelope(valid(), { version: '1' }), /unsupported "version"/],
    ['a newer session version', () => envelope({ ...valid(), version: 9 }), /newer version of the app \(format 9/],
    ['an extra top-level field', () => envelope(valid(), { payload: 'x' }), /not valid/],
    ['a huge title', () => envelope({ ...valid(), title: 'x'.repeat(100_000) }), /title/],
    ['a huge prompt', () => envelope(simpleSession('x1', 'Big', ['x'.repeat(MAX_TEXT + 1)])), /panes\.0\.turns\.0\.input\.text/],
    ['deep nesting', () => envelope({ ...valid(), panes: [{ ...valid().panes[0], turns: [], deep }] }).replace(`"deep":"${deep}"`, `"deep":${deep}`), /nested too deeply/],
    ['wrong types', () => envelope({ ...valid(), panes: 'nope' }), /panes/],
    ['a temperature as text', () => envelope({ ...valid(), panes: [{ ...valid().panes[0], config: { model: 'm', temperature: 'hot' } }] }), /temperature/],
    ['a __proto__ key', () => envelope(valid()).replace('"title"', '"__proto__":{"polluted":true},"title"'), /not valid/],
    ['an image with the wrong bytes', () => envelope(valid(), { images: { ['a'.repeat(64)]: Buffer.from('x').toString('base64') } }), /damaged/],
    ['an image that is not base64', () => envelope(valid(), { images: { ['a'.repeat(64)]: '***' } }), /not base64/],
    [
      'an image the session refers to but the file lacks',
      () => {
        const s = valid();
        s.panes[0]!.turns[0]!.input.images = [{ sha256: 'c'.repeat(64), mimeType: 'image/png', name: 'x.png', size: 1 }];
        return envelope(s);
      },
      /1 image\(s\) that the file does not contain/,
    ],
    ['a file that does not exist', () => undefined, /does not exist/],
  ];

  it.each(badFiles)('refuses %s with a message, changing nothing', async (_kind, content, message) => {
    await service.api.saveSession({ session: simpleSession('keep', 'Kept', ['hi']) });
    const before = snapshot(data.dir);
    const listed = await service.api.listSessions({});
    const result = await importFrom(content());
    expect(result.session).toBeUndefined();
    expect(result.error).toMatch(/^Could not import “in\.json”: /);
    expect(result.error).toMatch(message);
    expect(result.error).toMatch(/Nothing was changed\.$/);
    // Why it was refused is a sentence of its own, not run into the next.
    expect(result.error).toMatch(/[.!?…] Nothing was changed\.$/);
    expect(snapshot(data.dir)).toEqual(before);
    expect(await service.api.listSessions({})).toEqual(listed);
  });

  it('refuses a 50 MB file before reading it, and a folder', async () => {
    const before = snapshot(data.dir);
    const big = join(outside.dir, 'big.json');
    writeFileSync(big, '{');
    truncateSync(big, 50 * 1_048_576);
    answers.push(big);
    expect((await service.api.importSessionFile()).error).toMatch(/too large \(50\.0 MB; the limit is 48\.0 MB\)/);
    const folder = join(outside.dir, 'folder.json');
    mkdirSync(folder);
    answers.push(folder);
    expect((await service.api.importSessionFile()).error).toMatch(/not a regular file/);
    expect(snapshot(data.dir)).toEqual(before);
  });
});

describe('exportTranscript', () => {
  it('writes the markdown of all panes or one pane', async () => {
    const session = fullSession('tr');
    const { updatedAt } = await service.api.saveSession({ session });
    const all = join(outside.dir, 'all.md');
    const one = join(outside.dir, 'one.md');
    answers.push(all, one);
    expect(await service.api.exportTranscript({ id: 'tr' })).toEqual({ saved: true, path: all });
    expect(await service.api.exportTranscript({ id: 'tr', paneIndex: 1 })).toEqual({ saved: true, path: one });
    expect(readFileSync(all, 'utf8')).toBe(transcriptMarkdown({ ...session, updatedAt }));
    expect(readFileSync(one, 'utf8')).toBe(transcriptMarkdown({ ...session, updatedAt }, 1));
    expect(shown.map((s) => s.defaultName)).toEqual(['Paws — a full session.md', 'Paws — a full session - pane 2.md']);
    await expect(service.api.exportTranscript({ id: 'tr', paneIndex: 4 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(service.api.exportTranscript({ id: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('names files safely on every platform', () => {
    expect(fileNameFor('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j');
    expect(fileNameFor('..hidden')).toBe('hidden');
    expect(fileNameFor('  \n ')).toBe('session');
    expect(fileNameFor('x'.repeat(300))).toHaveLength(80);
  });
});

describe('saveTextFile', () => {
  it('writes the text where the person chose, starting from the suggested name; cancelling writes nothing', async () => {
    const file = join(outside.dir, 'otters.py');
    answers.push(file, undefined);
    expect(await service.api.saveTextFile({ suggestedName: 'playground.py', text: 'print("hi")\n' })).toEqual({ saved: true, path: file });
    expect(readFileSync(file, 'utf8')).toBe('print("hi")\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(await service.api.saveTextFile({ suggestedName: 'playground.sh', text: 'echo' })).toEqual({ saved: false });
    expect(shown.map((s) => s.defaultName)).toEqual(['playground.py', 'playground.sh']);
    expect(readdirSync(outside.dir)).toEqual(['otters.py']);
  });
});

describe('saveFilesToFolder', () => {
  it('writes every file into the chosen folder under its own name; cancelling writes nothing', async () => {
    answers.push(outside.dir, undefined);
    const files = [
      { name: 'suite.py', text: 'print(1)\n' },
      { name: 'cases.jsonl', text: '{"q":"a"}\n' },
    ];
    expect(await service.api.saveFilesToFolder({ files })).toEqual({
      saved: true,
      folder: outside.dir,
      paths: [join(outside.dir, 'suite.py'), join(outside.dir, 'cases.jsonl')],
    });
    expect(readFileSync(join(outside.dir, 'cases.jsonl'), 'utf8')).toBe('{"q":"a"}\n');
    expect(statSync(join(outside.dir, 'suite.py')).mode & 0o777).toBe(0o644);
    expect(await service.api.saveFilesToFolder({ files: [{ name: 'other.sh', text: 'echo' }] })).toEqual({ saved: false });
    expect(shown).toEqual([{ kind: 'folder' }, { kind: 'folder' }]);
    expect(readdirSync(outside.dir).sort()).toEqual(['cases.jsonl', 'suite.py']);
  });

  it('asks before replacing files already in the folder: Cancel keeps them, Replace writes every file', async () => {
    writeFileSync(join(outside.dir, 'cases.jsonl'), 'mine\n');
    const files = [
      { name: 'suite.py', text: 'print(1)\n' },
      { name: 'cases.jsonl', text: '{"q":"a"}\n' },
    ];
    answers.push(outside.dir, outside.dir);
    confirms.push(false, true);
    expect(await service.api.saveFilesToFolder({ files })).toEqual({ saved: false });
    expect(readdirSync(outside.dir)).toEqual(['cases.jsonl']);
    expect(readFileSync(join(outside.dir, 'cases.jsonl'), 'utf8')).toBe('mine\n');
    expect((await service.api.saveFilesToFolder({ files })).saved).toBe(true);
    expect(readFileSync(join(outside.dir, 'cases.jsonl'), 'utf8')).toBe('{"q":"a"}\n');
    expect(shown.filter((d) => d.kind === 'confirm')).toEqual([
      { kind: 'confirm', defaultName: `“cases.jsonl” is already in ${basename(outside.dir)}.` },
      { kind: 'confirm', defaultName: `“cases.jsonl” is already in ${basename(outside.dir)}.` },
    ]);
  });
});

describe('sessions API', () => {
  it('saves, lists, duplicates, deletes and restores through the api, and reports problems', async () => {
    const s: Session = simpleSession('api-1', 'Through the API', ['prompt text']);
    const { updatedAt } = await service.api.saveSession({ session: s });
    expect(await service.api.getSession({ id: 'api-1' })).toEqual({ ...s, updatedAt });
    const copy = await service.api.duplicateSession({ id: 'api-1' });
    expect(copy.title).toBe('Through the API (copy)');
    const { undoToken } = await service.api.deleteSession({ id: 'api-1' });
    expect((await service.api.listSessions({ query: 'prompt' })).map((x) => x.id)).toEqual([copy.id]);
    await service.api.restoreSession({ undoToken });
    expect(await service.api.listSessions({ query: 'prompt' })).toHaveLength(2);
    expect(await service.api.storageProblems()).toEqual([]);
  });
});
