// Helpers for the fake's own tests: plain-fetch calls and a strict reader of raw SSE text.

export const KEY = { 'x-goog-api-key': 'test-key' };
export const JSON_HEADERS = { ...KEY, 'content-type': 'application/json' };

export interface SseEvent {
  event: string;
  data: string;
  json?: Record<string, unknown>;
}

/**
 * Parses the fake's framing strictly: blocks separated by a blank line, each exactly
 * `event: <name>` + one `data:` line. Comment blocks (`: …`) are skipped.
 */
export function parseSse(text: string): SseEvent[] {
  const blocks = text.split('\n\n');
  if (blocks.at(-1) === '') blocks.pop();
  return blocks
    .filter((block) => !block.startsWith(':'))
    .map((block) => {
      const lines = block.split('\n');
      if (lines.length !== 2 || !lines[0]?.startsWith('event: ') || !lines[1]?.startsWith('data: ')) {
        throw new Error(`bad SSE block: ${JSON.stringify(block)}`);
      }
      const event = lines[0].slice('event: '.length);
      const data = lines[1].slice('data: '.length);
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(data) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      return json === undefined ? { event, data } : { event, data, json };
    });
}

export function textOf(events: SseEvent[]): string {
  return events
    .map((e) => e.json?.delta as { type?: string; text?: string } | undefined)
    .filter((d) => d?.type === 'text')
    .map((d) => d?.text ?? '')
    .join('');
}

export async function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** Reads a streamed body until `until` matches the text so far, then returns it (the stream stays open). */
export async function readUntil(res: Response, until: (text: string) => boolean): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
