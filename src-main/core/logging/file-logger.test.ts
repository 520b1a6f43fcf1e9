// What reaches main's log file: warnings and errors, one line each, without the key or the person's words.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src-shared/domain';
import { silent, type Logger } from '../ports';
import { createFileLogger, formatLogLine, redactingLogger, scrubText, teeLogger } from './file-logger';
import { RotatingFile } from './rotating-file';

const KEY = 'AIzaSyD-1234567890abcdefghijklmnopqrstu';
const PROMPT = 'Write a poem about my neighbour Ines and her blue bicycle';
const NOW = Date.UTC(2026, 4, 4, 10, 0, 0);

describe('formatLogLine', () => {
  it('writes time, level, message and the data as JSON on one line', () => {
    const line = formatLogLine('warn', 'store: unreadable file moved aside', { name: 'settings', movedTo: '/data/settings.json.bak' }, NOW);
    expect(line).toBe('2026-05-04T10:00:00.000Z WARN store: unreadable file moved aside {"name":"settings","movedTo":"/data/settings.json.bak"}');
  });

  it('keeps errors as name, code, message and stack, on one line', () => {
    const error = Object.assign(new Error('ENOTDIR: not a directory, mkdir \'/srv/file/data\''), { code: 'ENOTDIR' });
    const line = formatLogLine('error', 'app: start-up failed', { error }, NOW);
    expect(line.split('\n')).toHaveLength(1);
    const data = JSON.parse(line.slice(line.indexOf('{')));
    expect(data.error).toMatchObject({ name: 'Error', code: 'ENOTDIR', message: "ENOTDIR: not a directory, mkdir '/srv/file/data'" });
    expect(data.error.stack).toContain('file-logger.test.ts');
  });

  it("keeps an error's cause (the reason behind undici's \"fetch failed\"), scrubbed and bounded", () => {
    const held = 'held-key-of-another-shape-123';
    const reason = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:9 (${held})`), { code: 'ECONNREFUSED' });
    const error = new TypeError('fetch failed', { cause: reason });
    const line = formatLogLine('error', 'gemini: request failed', { error }, NOW, [held]);
    const data = JSON.parse(line.slice(line.indexOf('{')));
    expect(data.error).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
    expect(data.error.cause.message).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect(line).not.toContain(held);
    // A chain that loops ends at the depth limit rather than running on.
    const loop = new Error('a');
    (loop as { cause?: unknown }).cause = loop;
    expect(() => formatLogLine('error', 'x', { loop }, NOW)).not.toThrow();
  });
});

describe('scrubText', () => {
  it('redacts key-shaped strings', () => {
    expect(scrubText(`bad key ${KEY} sent`)).toBe(`bad key ${REDACTED} sent`);
  });

  it('drops quoted text, where error messages put the data that failed, but keeps quoted paths', () => {
    expect(scrubText(`Unexpected token 'W', "${PROMPT}" is not valid JSON`)).toBe('Unexpected token \'…\', "…" is not valid JSON');
    expect(scrubText('ENOENT: no such file or directory, open \'/home/a/.config/x/sessions/1.json\'')).toBe(
      "ENOENT: no such file or directory, open '/home/a/.config/x/sessions/1.json'",
    );
  });

  it('cuts long strings', () => {
    const out = scrubText('y'.repeat(2_000));
    expect(out).toBe(`${'y'.repeat(500)}… (1500 more characters)`);
  });
});

describe('createFileLogger', () => {
  it('writes warnings and errors, not debug or info', () => {
    const lines: string[] = [];
    const logger = createFileLogger({ write: (l) => lines.push(l) }, () => NOW);
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e', { code: 'X' });
    expect(lines).toEqual(['2026-05-04T10:00:00.000Z WARN w', '2026-05-04T10:00:00.000Z ERROR e {"code":"X"}']);
  });

  it('never lets a key-shaped string or the text of a prompt reach the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pg-log-')), 'main.log');
    const logger = createFileLogger(new RotatingFile({ path }));
    // How they could arrive: a parse error quoting a damaged session, an error echoing a request, a stray field.
    let parseError: unknown;
    try {
      JSON.parse(`{"prompt": "${PROMPT}", `);
    } catch (error) {
      parseError = error;
    }
    logger.warn('sessions: a document could not be read', { id: 's1', error: String(parseError) });
    logger.error('ipc: startTurn failed', { name: 'Error', message: `refused "${PROMPT}" with key ${KEY}`, stack: `Error: x-goog-api-key: ${KEY}\n    at f (/app/out/main/index.js:1:1)` });
    logger.error(`turn failed for ${KEY}`, { nested: { deeper: [`'${PROMPT}'`, KEY] } });
    const text = readFileSync(path, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(3);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('AIza');
    for (const word of ['poem', 'neighbour', 'bicycle']) expect(text).not.toContain(word);
    expect(text).toContain('sessions: a document could not be read');
    expect(text).toContain('/app/out/main/index.js:1:1');
  });

  it('redacts the key the app holds, whatever its shape, as it is when each line is written', () => {
    const lines: string[] = [];
    let held: string[] = [];
    const logger = createFileLogger({ write: (l) => lines.push(l) }, () => NOW, () => held);
    const url = 'https://proxy.example/v1beta/pxy_9f8e7d6c5b4a/interactions';
    logger.warn('before the key was entered', { url });
    held = ['pxy_9f8e7d6c5b4a'];
    logger.warn(`request to ${url} failed`, { url, error: new Error(`refused ${encodeURIComponent(held[0]!)}`) });
    expect(lines[0]).toContain('pxy_9f8e7d6c5b4a');
    expect(lines[1]).not.toContain('pxy_9f8e7d6c5b4a');
    expect(lines[1]).toContain(`request to https://proxy.example/v1beta/${REDACTED}/interactions failed`);
    expect(lines[1]).toContain(`refused ${REDACTED}`);
  });

  it('never throws when the sink does', () => {
    const logger = createFileLogger({
      write() {
        throw new Error('disk gone');
      },
    });
    expect(() => logger.error('x')).not.toThrow();
  });
});

describe('redactingLogger', () => {
  it('hands the console every record with the held key and placed keys out, and nothing else changed', () => {
    const seen: unknown[] = [];
    const inner: Logger = { debug: (m, d) => seen.push(['debug', m, d]), info: (m, d) => seen.push(['info', m, d]), warn() {}, error() {} };
    const logger = redactingLogger(inner, () => ['pxy_9f8e7d6c5b4a']);
    logger.info('GET https://h/x?key=pxy_9f8e7d6c5b4a', { request: { headers: ['x-goog-api-key: tok_1'] }, note: `"${PROMPT}"` });
    logger.debug('plain');
    expect(seen).toEqual([
      ['info', `GET https://h/x?key=${REDACTED}`, { request: { headers: [`x-goog-api-key: ${REDACTED}`] }, note: `"${PROMPT}"` }],
      ['debug', 'plain', undefined],
    ]);
  });
});

describe('redactingLogger and levels that print nothing', () => {
  it('does not prepare debug records for a console that does not print them (one per request)', () => {
    let reads = 0;
    const printed: string[] = [];
    const inner: Logger = { debug: silent, info: (m) => void printed.push(m), warn: silent, error: silent };
    const logger = redactingLogger(inner, () => (reads++, ['held-secret-1234']));
    logger.debug('gemini: request held-secret-1234', { url: 'https://x/?key=held-secret-1234' });
    expect(reads).toBe(0);
    logger.info('said held-secret-1234');
    expect(reads).toBe(1);
    expect(printed).toEqual([`said ${REDACTED}`]);
  });
});

describe('redactingLogger keeps what an error says', () => {
  it('passes the cause chain, code and httpStatus whole, deeper than the file keeps, with the secrets out', () => {
    const seen: unknown[] = [];
    const inner: Logger = { debug() {}, info() {}, warn() {}, error: (_m, d) => void seen.push(d) };
    const logger = redactingLogger(inner, () => ['pxy_9f8e7d6c5b4a']);
    const socket = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:443 via https://h/?key=pxy_9f8e7d6c5b4a'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: socket });
    const failure = Object.assign(new Error('Could not reach h', { cause: fetchFailed }), { httpStatus: 502 });
    logger.error('request failed', { a: { b: { c: { d: { failure } } } } });
    const error = (seen[0] as { a: { b: { c: { d: { failure: Record<string, unknown> } } } } }).a.b.c.d.failure;
    expect(error).toMatchObject({
      name: 'Error',
      message: 'Could not reach h',
      httpStatus: 502,
      cause: {
        name: 'TypeError',
        message: 'fetch failed',
        cause: { name: 'Error', code: 'ECONNREFUSED', message: `connect ECONNREFUSED 10.0.0.7:443 via https://h/?key=${REDACTED}` },
      },
    });
    expect(String(error.stack)).toContain('file-logger.test.ts');
    expect(JSON.stringify(seen)).not.toContain('pxy_9f8e7d6c5b4a');
  });

  it('keeps every item of a long list and marks a cycle instead of following it', () => {
    const seen: unknown[] = [];
    const inner: Logger = { debug() {}, info: (_m, d) => void seen.push(d), warn() {}, error() {} };
    const items = Array.from({ length: 30 }, (_, i) => `item ${i}`);
    const looped: Record<string, unknown> = { items };
    looped.self = looped;
    redactingLogger(inner, () => []).info('many', { looped });
    expect(seen[0]).toEqual({ looped: { items, self: '[Circular]' } });
  });
});

describe('teeLogger', () => {
  it('hands every record to every logger', () => {
    const seen: string[] = [];
    const recorder = (name: string): Logger => ({
      debug: (m) => seen.push(`${name} debug ${m}`),
      info: (m) => seen.push(`${name} info ${m}`),
      warn: (m) => seen.push(`${name} warn ${m}`),
      error: (m, d) => seen.push(`${name} error ${m} ${JSON.stringify(d)}`),
    });
    const logger = teeLogger(recorder('a'), recorder('b'));
    logger.info('hi');
    logger.error('bad', { n: 1 });
    expect(seen).toEqual(['a info hi', 'b info hi', 'a error bad {"n":1}', 'b error bad {"n":1}']);
  });
});
