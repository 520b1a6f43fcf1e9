// readSseBatches: chunk boundaries anywhere (inside UTF-8 characters and CRLF pairs), line endings, comments, multi-line data.
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../failure';
import { readSseBatches, type SseMessage } from './sse';

const enc = new TextEncoder();

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const batch of readSseBatches(body)) out.push(...batch);
  return out;
}

/** A recorded-style stream (§5.3 a) with emoji, CJK and accented text in the deltas. */
const RECORDED = [
  'event: interaction.created',
  'data: {"event_type":"interaction.created","interaction":{"id":"v1_abc","status":"in_progress"}}',
  '',
  'event: step.start',
  'data: {"event_type":"step.start","index":0,"step":{"type":"model_output"}}',
  '',
  'event: step.delta',
  'data: {"event_type":"step.delta","index":0,"delta":{"type":"text","text":"Héllo 👋🏽 世界 — "}}',
  '',
  'event: step.delta',
  'data: {"event_type":"step.delta","index":0,"delta":{"type":"text","text":"日本語のテキスト 🎉"}}',
  '',
  'event: step.stop',
  'data: {"event_type":"step.stop","index":0}',
  '',
  'event: done',
  'data: [DONE]',
  '',
  '',
].join('\n');

describe('readSseBatches, message by message', () => {
  it('reads a whole recorded stream', async () => {
    const messages = await collect(chunks(enc.encode(RECORDED)));
    expect(messages.map((m) => m.event)).toEqual([
      'interaction.created',
      'step.start',
      'step.delta',
      'step.delta',
      'step.stop',
      'done',
    ]);
    expect(JSON.parse(messages[2]!.data).delta.text).toBe('Héllo 👋🏽 世界 — ');
    expect(messages[5]!.data).toBe('[DONE]');
  });

  it('yields identical messages when split into two chunks at every byte offset', async () => {
    const bytes = enc.encode(RECORDED);
    const whole = await collect(chunks(bytes));
    for (let i = 0; i <= bytes.length; i++) {
      const split = await collect(chunks(bytes.subarray(0, i), bytes.subarray(i)));
      expect(split, `split at byte ${i}`).toEqual(whole);
    }
  });

  it('yields identical messages from 1-byte chunks', async () => {
    const bytes = enc.encode(RECORDED);
    const whole = await collect(chunks(bytes));
    const single = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(await collect(chunks(...single))).toEqual(whole);
  });

  it('handles CRLF, and CRLF split between chunks at every offset', async () => {
    const crlf = RECORDED.replace(/\n/g, '\r\n');
    const bytes = enc.encode(crlf);
    const whole = await collect(chunks(enc.encode(RECORDED)));
    for (let i = 0; i <= bytes.length; i++) {
      expect(await collect(chunks(bytes.subarray(0, i), bytes.subarray(i))), `split at ${i}`).toEqual(whole);
    }
  });

  it('handles mixed and bare-CR line endings', async () => {
    const text = 'data: one\r\n\r\ndata: two\n\ndata: three\r\rdata: four\r\n\n';
    const messages = await collect(chunks(enc.encode(text)));
    expect(messages.map((m) => m.data)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('ignores comments and unknown fields, keeps id', async () => {
    const text = ': keep-alive\n\n: another comment\nid: ev-1\nretry: 100\nfoo: bar\nevent: step.stop\ndata: {"a":1}\n\n';
    expect(await collect(chunks(enc.encode(text)))).toEqual([{ event: 'step.stop', data: '{"a":1}', id: 'ev-1' }]);
  });

  it('joins multiple data lines with a newline', async () => {
    const text = 'data: {"event_type":\ndata: "step.stop",\ndata: "index":2}\n\n';
    const [m] = await collect(chunks(enc.encode(text)));
    expect(m!.data).toBe('{"event_type":\n"step.stop",\n"index":2}');
    expect(JSON.parse(m!.data)).toEqual({ event_type: 'step.stop', index: 2 });
  });

  it('drops an event left unterminated at EOF and skips events without data', async () => {
    const text = 'event: ping\n\ndata: complete\n\ndata: partial';
    expect((await collect(chunks(enc.encode(text)))).map((m) => m.data)).toEqual(['complete']);
  });

  it('keeps a character split across the last two chunks at EOF', async () => {
    const bytes = enc.encode('data: 🎉\n\n');
    const messages = await collect(chunks(bytes.subarray(0, 8), bytes.subarray(8, 9), bytes.subarray(9)));
    expect(messages).toEqual([{ data: '🎉' }]);
  });

  it('reads an empty body as no messages', async () => {
    expect(await collect(chunks())).toEqual([]);
  });

  it('fails with PROTOCOL when a line never ends and exceeds the buffer bound', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      const block = enc.encode('data: ' + 'x'.repeat(1024 * 1024));
      yield block;
      for (let i = 0; i < 80; i++) yield enc.encode('x'.repeat(1024 * 1024));
    }
    await expect(collect(endless())).rejects.toSatisfy((e) => e instanceof AppFailure && e.code === 'PROTOCOL');
  });
});

describe('readSseBatches', () => {
  it('yields the messages each chunk completes together, and nothing for a chunk that completes none', async () => {
    async function* chunks() {
      yield new TextEncoder().encode('data: 1\n\ndata: 2\n\ndata: ');
      yield new TextEncoder().encode('3');
      yield new TextEncoder().encode('\n\n');
    }
    const batches: string[][] = [];
    for await (const batch of readSseBatches(chunks())) batches.push(batch.map((m) => m.data));
    expect(batches).toEqual([['1', '2'], ['3']]);
  });
});
