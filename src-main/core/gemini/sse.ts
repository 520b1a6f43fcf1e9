// Response bytes → Server-Sent Events messages (docs/interactions-api.md §5.1), via eventsource-parser.
import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import { AppFailure } from '../failure';

export interface SseMessage {
  event?: string;
  data: string;
  id?: string;
}

/**
 * One event's data is one JSON object; inline media deltas (base64 images) can be several MB, so
 * the bound is generous — it only stops a server that never ends a line from eating all memory.
 */
const MAX_BUFFER_CHARS = 64 * 1024 * 1024;

/**
 * The messages each network chunk completes, in order, as one array: a chunk holds hundreds of small events, and
 * every value an async generator yields costs its reader a few promise jobs — most of the client's own time
 * on a long stream before this batched them. An event left unterminated at EOF is dropped, as the SSE spec and
 * the SDK's decoder do; the caller notices the missing `interaction.completed`.
 */
export async function* readSseBatches(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage[]> {
  // `stream: true` keeps a multi-byte character that is split across two chunks intact.
  const decoder = new TextDecoder('utf-8');
  let queue: SseMessage[] = [];
  let overflow: ParseError | undefined;
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => queue.push(toMessage(message)),
    onError: (error: ParseError) => {
      // Unknown fields and bad `retry:` values are ignored, as the SSE spec requires.
      if (error.type === 'max-buffer-size-exceeded') overflow = error;
    },
    maxBufferSize: MAX_BUFFER_CHARS,
  });

  const feed = (text: string): void => {
    if (text === '') return;
    parser.feed(text);
    if (overflow) {
      throw new AppFailure('PROTOCOL', 'The server sent a streamed event that is too large to read.', { cause: overflow });
    }
  };

  const take = (): SseMessage[] => {
    const batch = queue;
    queue = [];
    return batch;
  };
  for await (const chunk of body) {
    feed(decoder.decode(chunk, { stream: true }));
    if (queue.length > 0) yield take();
  }
  feed(decoder.decode());
  if (queue.length > 0) yield take();
}

function toMessage(message: EventSourceMessage): SseMessage {
  const out: SseMessage = { data: message.data };
  if (message.event !== undefined) out.event = message.event;
  if (message.id !== undefined) out.id = message.id;
  return out;
}
