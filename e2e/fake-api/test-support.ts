// Helpers for the fake's own tests: plain-fetch calls and a strict reader of raw SSE text.
import { type Schema, Validator } from '@cfworker/json-schema';

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

type WireStep = Record<string, any>;

/** Rebuilds the steps from streamed events as §5.4 describes, so a stream can be compared with the unary answer. */
export function assembleSteps(events: SseEvent[]): WireStep[] {
  const steps: WireStep[] = [];
  const args = new Map<number, string>();
  for (const { event, json } of events) {
    const index = json?.index as number;
    if (event === 'step.start') steps[index] = structuredClone(json?.step as WireStep);
    if (event === 'step.stop' && args.has(index)) (steps[index] as WireStep).arguments = JSON.parse(args.get(index) ?? '');
    if (event !== 'step.delta') continue;
    const step = steps[index] as WireStep;
    const { type, ...fields } = json?.delta as WireStep;
    if (type === 'text') {
      const last = (step.content ??= []).at(-1);
      if (last?.type === 'text') last.text += fields.text;
      else step.content.push({ type: 'text', text: fields.text });
    } else if (type === 'text_annotation_delta') {
      const last = step.content.at(-1);
      last.annotations = [...(last.annotations ?? []), ...fields.annotations];
    } else if (type === 'arguments_delta') {
      args.set(index, (args.get(index) ?? '') + fields.arguments);
    } else if (type === 'thought_signature') {
      step.signature = fields.signature;
    } else if (type === 'thought_summary') {
      (step.summary ??= []).push(fields.content);
    } else if (type === step.type) {
      Object.assign(step, fields);
    } else {
      throw new Error(`delta ${type} in a ${step.type} step`);
    }
  }
  return steps;
}

/** The JSON Schema errors of a value, with @cfworker/json-schema (the validator the app itself uses). */
export function schemaErrors(schema: object, value: unknown, all = false): { instanceLocation: string; error: string }[] {
  return new Validator(schema as Schema, '2020-12', !all).validate(value).errors;
}
