// playground-export: argument parsing, session files (bare or envelope), one-line errors, and the real program.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_BASE64, image, pane, session } from '../test-support/shared/export/sessions';
import { SESSION_FILE_FORMAT as ENVELOPE_FORMAT, SESSION_VERSION } from '../src-shared/session';
import { EXIT, parseCliArgs, runCli } from './cli';
import { readSessionFile } from './cli-file';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The real hash of the bytes: the decoder checks every embedded image against its name.
const SHA = createHash('sha256').update(Buffer.from(PNG_BASE64, 'base64')).digest('hex');
const SESSION = session([pane({ temperature: 0.2 }, [{ text: 'Look at this', images: [image('organ.png', 'image/png', SHA)] }]), pane({ temperature: 1 }, ['Look at this'])]);
const ENVELOPE = { format: ENVELOPE_FORMAT, version: 1, session: SESSION, images: { [SHA]: PNG_BASE64 } };
/** ESC ] 0 ; … BEL retitles a terminal window; ESC [ 2 J clears the screen. */
const TITLE_SEQUENCE = '\u001b]0;pwned\u0007\u001b[2J';
const ESCAPED_TITLE = '\\x1b]0;pwned\\x07\\x1b[2J';
/** Valid JSON whose error message quotes one of its keys. */
const HOSTILE = JSON.stringify({ ...ENVELOPE, [TITLE_SEQUENCE]: 1 });
/** Any C0/C1 control or bidi override that reached stderr raw. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function memoryIo(files: Record<string, string>) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      readFile: async (path: string) => {
        if (!(path in files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
        return Buffer.from(files[path]!);
      },
      stdout: (text: string) => void (out.stdout += text),
      stderr: (text: string) => void (out.stderr += text),
    },
  };
}

async function run(argv: string[], files: Record<string, string> = {}) {
  const { io, out } = memoryIo(files);
  const code = await runCli(argv, io);
  return { code, ...out };
}

describe('parseCliArgs', () => {
  it('reads every option', () => {
    expect(parseCliArgs(['s.json', '--lang', 'rest', '--pane', '2', '--stream', '--history', 'stateless', '--inline-images'])).toEqual({
      kind: 'run',
      args: { file: 's.json', language: 'rest', pane: 2, stream: true, history: 'stateless', inlineImages: true },
    });
    expect(parseCliArgs(['--lang=python', 's.json'])).toEqual({ kind: 'run', args: { file: 's.json', language: 'python', stream: false, inlineImages: false } });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it('says what is wrong', () => {
    const error = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      return parsed.kind === 'error' ? parsed.message : undefined;
    };
    expect(error(['s.json'])).toBe('--lang is required (python, javascript or rest)');
    expect(error(['s.json', '--lang', 'ruby'])).toBe('--lang must be python, javascript or rest, not "ruby"');
    expect(error(['--lang', 'python'])).toBe('missing <session-file>');
    expect(error(['a', 'b', '--lang', 'python'])).toBe('expected one session file, got 2');
    expect(error(['s.json', '--lang', 'python', '--pane', '0'])).toBe('--pane must be a pane number from 1, not "0"');
    expect(error(['s.json', '--lang', 'python', '--pane', 'two'])).toMatch(/^--pane must be/);
    expect(error(['s.json', '--lang', 'python', '--history', 'local'])).toBe('--history must be server or stateless, not "local"');
    expect(error(['s.json', '--lang', 'python', '--colour'])).toBe("Unknown option '--colour'");
    expect(error(['s.json', '--lang'])).toMatch(/^Option '--lang <value>' argument missing/);
  });
});

describe('runCli', () => {
  it('prints the comparison of a bare session, and one pane with --pane', async () => {
    const files = { 's.json': JSON.stringify(SESSION) };
    const all = await run(['s.json', '--lang', 'python'], files);
    expect(all).toMatchObject({ code: EXIT.ok, stderr: '' });
    // The panes were sent different inputs (one with an image), so each pane's conversation is written out.
    expect(all.stdout).toContain('print("== T=0.2 ==")');
    expect(all.stdout).toContain('print("== T=1 ==")');
    const one = await run(['s.json', '--lang', 'javascript', '--pane', '2', '--stream'], files);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('temperature: 1,');
    expect(one.stdout).toContain('stream: true,');
    expect(one.stdout).not.toContain('0.2');
  });

  it('embeds the images an export envelope carries, with --inline-images', async () => {
    const files = { 'e.json': JSON.stringify(ENVELOPE) };
    const inline = await run(['e.json', '--lang', 'rest', '--pane', '1', '--inline-images'], files);
    expect(inline.code).toBe(0);
    expect(inline.stdout).toContain(`"data": "${PNG_BASE64}"`);
    const uploaded = await run(['e.json', '--lang', 'rest', '--pane', '1'], files);
    expect(uploaded.stdout).toContain('X-Goog-Upload-Protocol: resumable');
  });

  it('follows --history over the session mode', async () => {
    const twoTurns = session([pane({}, ['one', 'two'])], 'server');
    const out = await run(['s.json', '--lang', 'python', '--history', 'stateless'], { 's.json': JSON.stringify(twoTurns) });
    expect(out.stdout).toContain('store=False');
  });

  const failures: [string, string[], Record<string, string>, number, RegExp][] = [
    ['a missing file', ['nope.json', '--lang', 'python'], {}, EXIT.badFile, /^cannot read nope\.json: no such file$/],
    ['bad JSON', ['s.json', '--lang', 'python'], { 's.json': '{"version": 1,' }, EXIT.badFile, /^s\.json: The file is not valid JSON \(/],
    ['a session of another version', ['s.json', '--lang', 'python'], { 's.json': JSON.stringify({ ...SESSION, version: SESSION_VERSION + 1 }) }, EXIT.badFile, /^s\.json: This session was saved by a newer version of the app/],
    ['an envelope of another version', ['e.json', '--lang', 'python'], { 'e.json': JSON.stringify({ ...ENVELOPE, version: 2 }) }, EXIT.badFile, /^e\.json: This file was made by a newer version of the app \(file version 2\)/],
    ['an envelope of another format', ['e.json', '--lang', 'python'], { 'e.json': JSON.stringify({ ...ENVELOPE, format: 'other' }) }, EXIT.badFile, /^e\.json: This is not a playground session file \(unknown "format"\)/],
    ['a schema mismatch', ['s.json', '--lang', 'python'], { 's.json': JSON.stringify({ ...SESSION, panes: [] }) }, EXIT.badFile, /^s\.json: The session is not valid: panes: /],
    ['JSON that is not an object', ['s.json', '--lang', 'python'], { 's.json': '[1, 2]' }, EXIT.badFile, /not a playground session file \(expected a JSON object\)/],
    ['a bad --lang', ['s.json', '--lang', 'go'], { 's.json': JSON.stringify(SESSION) }, EXIT.usage, /^--lang must be python, javascript or rest, not "go" \(see --help\)$/],
    ['--pane out of range', ['s.json', '--lang', 'python', '--pane', '3'], { 's.json': JSON.stringify(SESSION) }, EXIT.usage, /^--pane must be between 1 and 2: the session has 2 pane\(s\) \(see --help\)$/],
  ];

  for (const [what, argv, files, exitCode, reason] of failures) {
    it(`${what}: exit ${exitCode}, one line on stderr, nothing on stdout`, async () => {
      const out = await run(argv, files);
      expect(out.code).toBe(exitCode);
      expect(out.stdout).toBe('');
      expect(out.stderr.endsWith('\n')).toBe(true);
      expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(out.stderr.trimEnd().replace(/^playground-export: /, '')).toMatch(reason);
    });
  }

  it('escapes control characters the file puts in a message, and in its name', async () => {
    const content = await run(['s.json', '--lang', 'python'], { 's.json': HOSTILE });
    expect(content.code).toBe(EXIT.badFile);
    expect(content.stderr).toBe(`playground-export: s.json: This session file is not valid: the file: Unrecognized key: "${ESCAPED_TITLE}".\n`);
    const named = await run([`a${TITLE_SEQUENCE}\u202e.json`, '--lang', 'python']);
    expect(named.stderr).toBe(`playground-export: cannot read a${ESCAPED_TITLE}\\u202e.json: no such file\n`);
    const broken = await run([`b${TITLE_SEQUENCE}.json`, '--lang', 'python'], { [`b${TITLE_SEQUENCE}.json`]: '{' });
    expect(broken.stderr).toMatch(/^playground-export: b\\x1b\]0;pwned\\x07\\x1b\[2J\.json: The file is not valid JSON/);
    for (const out of [content, named, broken]) expect(out.stderr.slice(0, -1)).not.toMatch(RAW_CONTROL);
  });

  it('--help prints the usage and exits 0', async () => {
    const out = await run(['--help']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: playground-export <session-file> --lang python\|javascript\|rest/);
  });
});

/** Opens through the real file system and counts the bytes read from every handle it opened. */
function countingFs() {
  const seen = { bytesRead: 0 };
  return {
    seen,
    fs: {
      open: (async (path: Parameters<typeof open>[0], flags?: string | number) => {
        const handle = await open(path, flags);
        const read = handle.read.bind(handle) as (...args: unknown[]) => Promise<{ bytesRead: number }>;
        handle.read = (async (...args: unknown[]) => {
          const result = await read(...args);
          seen.bytesRead += result.bytesRead;
          return result;
        }) as typeof handle.read;
        return handle;
      }) as typeof open,
    },
  };
}

describe('files that are not a session file on disk', () => {
  let dir = '';
  let socket: Server | undefined;
  const path = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-cli-files-'));
    await writeFile(path('session.json'), JSON.stringify(ENVELOPE));
    execFileSync('mkfifo', [path('fifo')]);
    await mkdir(path('folder'));
    // Sparse: 200 MB long, no disk used.
    const sparse = await open(path('huge.json'), 'w');
    await sparse.truncate(200 * 1_048_576);
    await sparse.close();
    socket = createServer();
    await new Promise<void>((resolve) => socket!.listen(path('socket'), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => (socket ? socket.close(resolve) : resolve(undefined)));
    await rm(dir, { recursive: true, force: true });
  });

  async function runOnDisk(file: string) {
    const counting = countingFs();
    const out = { stdout: '', stderr: '' };
    const code = await runCli([file, '--lang', 'python'], {
      readFile: (p) => readSessionFile(p, counting.fs),
      stdout: (text) => void (out.stdout += text),
      stderr: (text) => void (out.stderr += text),
    });
    return { code, ...out, bytesRead: counting.seen.bytesRead };
  }

  it('a regular session file is read whole (the byte counter sees it)', async () => {
    const out = await runOnDisk(path('session.json'));
    expect(out.code).toBe(EXIT.ok);
    expect(out.bytesRead).toBe(JSON.stringify(ENVELOPE).length);
  });

  const refusals: [string, () => string, RegExp][] = [
    ['a FIFO nobody writes to (open does not wait for a writer)', () => path('fifo'), /: it is a FIFO \(named pipe\), not a regular file$/],
    ['/dev/zero (endless)', () => '/dev/zero', /^cannot read \/dev\/zero: it is a character device, not a regular file$/],
    ['a directory', () => path('folder'), /: it is a directory, not a regular file$/],
    ['a socket', () => path('socket'), /: it is a socket or a device, not a regular file$/],
    ['a 200 MB file', () => path('huge.json'), /: the file is too large \(200\.0 MB; the limit is \d+\.\d MB\)$/],
  ];
  for (const [what, file, reason] of refusals) {
    it(`${what}: refused with exit 1 and one line, without reading a byte`, async () => {
      const out = await runOnDisk(file());
      expect(out.code).toBe(EXIT.badFile);
      expect(out.stdout).toBe('');
      expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(out.stderr.trimEnd().replace(/^playground-export: /, '')).toMatch(reason);
      expect(out.bytesRead).toBe(0);
    });
  }
});

describe('the program (npx tsx src-main/cli.ts)', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-cli-'));
    await writeFile(join(dir, 'session.json'), JSON.stringify(ENVELOPE));
    await writeFile(join(dir, 'broken.json'), '{');
    await writeFile(join(dir, 'hostile.json'), HOSTILE);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const sparse = await open(join(dir, 'huge.json'), 'w');
    await sparse.truncate(200 * 1_048_576);
    await sparse.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  function program(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      // A program that hangs (as it once did on a FIFO) is killed, and then has no exit code.
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli.ts'), ...args], { cwd: ROOT, timeout: 20_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('prints code and exits 0; a broken file exits non-zero with one line', async () => {
    const [good, bad] = await Promise.all([
      program([join(dir, 'session.json'), '--lang', 'rest', '--pane', '2']),
      program([join(dir, 'broken.json'), '--lang', 'python']),
    ]);
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout).toContain('curl -X POST "https://generativelanguage.googleapis.com/v1beta/interactions"');
    expect(bad.code).toBe(EXIT.badFile);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^playground-export: .*broken\.json: The file is not valid JSON \([^\n]*\n$/);
  }, 30_000);

  it('refuses a FIFO, /dev/zero and a 200 MB file, exiting on its own; never prints a control sequence', async () => {
    const [fifo, zero, huge, hostile] = await Promise.all([
      program([join(dir, 'fifo'), '--lang', 'python']),
      program(['/dev/zero', '--lang', 'python']),
      program([join(dir, 'huge.json'), '--lang', 'python']),
      program([join(dir, 'hostile.json'), '--lang', 'python']),
    ]);
    expect(fifo).toMatchObject({ code: EXIT.badFile, stdout: '' });
    expect(fifo.stderr).toMatch(/^playground-export: cannot read .*fifo: it is a FIFO \(named pipe\), not a regular file\n$/);
    expect(zero).toMatchObject({ code: EXIT.badFile, stdout: '', stderr: 'playground-export: cannot read /dev/zero: it is a character device, not a regular file\n' });
    expect(huge).toMatchObject({ code: EXIT.badFile, stdout: '' });
    expect(huge.stderr).toMatch(/^playground-export: cannot read .*huge\.json: the file is too large \(200\.0 MB; the limit is [\d.]+ MB\)\n$/);
    expect(hostile).toMatchObject({ code: EXIT.badFile, stdout: '' });
    expect(hostile.stderr).toContain(`Unrecognized key: "${ESCAPED_TITLE}"`);
    expect(hostile.stderr.slice(0, -1)).not.toMatch(RAW_CONTROL);
  }, 60_000);
});
