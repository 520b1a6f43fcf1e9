// Public option/record types of the fake Interactions API and the context its route modules share.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeApiOptions {
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Pause before every streamed delta, in ms (default 0). `[[delay:N]]` overrides it per request. */
  deltaDelayMs?: number;
  /** Approximate length of an answer without `[[len:N]]` (default 400). */
  defaultAnswerChars?: number;
  /** Size of one streamed text delta (default 24). `[[chunk:N]]` overrides it per request. */
  chunkChars?: number;
  /** Decoded inline media bytes one request may carry (default 100 MB, the documented limit); larger → 400. */
  inlineLimitBytes?: number;
  /** Every uploaded video stays PROCESSING for this many GETs of it, as real video does (default 0). */
  videoProcessingPolls?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, `{ bytes }` for binary uploads, the raw text for other non-JSON bodies, undefined when empty. */
  body: unknown;
  /** The client went away before the response ended (never set for the fake's own cut/close). */
  aborted: boolean;
  at: number;
}

export interface FakeApi {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  requests: RecordedRequest[];
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Only POST …/interactions (creates). */
  interactionRequests(): RecordedRequest[];
  /** Forgets the recorded requests (stored interactions, files and fault counters stay). */
  clear(): void;
  /** The next n byte-upload requests answer 500. */
  failNextUploads(n: number): void;
  /**
   * The next uploaded file starts PROCESSING, as large and video files do, and turns `outcome` after `polls`
   * GETs of it; until then an interaction naming it is refused (400, not ACTIVE).
   */
  processNextUpload(polls: number, outcome?: 'ACTIVE' | 'FAILED'): void;
  /** From now on every uploaded video (video/*) stays PROCESSING for `polls` GETs of it; 0 turns that off. */
  processVideoUploads(polls: number): void;
  /** Streaming or held-open responses (SSE, stall, hang) that have not ended yet. */
  openStreams(): number;
  /** Stops listening and destroys every open socket, ending open streams. */
  close(): Promise<void>;
}

/** One exchange as the route modules see it. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  url: URL;
  /** The raw request body. */
  raw: Buffer;
  /** `v1beta` or `v1`. */
  version: string;
}

/** What the server lends to route modules. */
export interface FakeContext {
  baseUrl: string;
  deltaDelayMs: number;
  defaultAnswerChars: number;
  chunkChars: number;
  inlineLimitBytes: number;
  /** Keeps a long-lived response in openStreams() until it closes. */
  hold(res: ServerResponse): void;
  /** Marks a response whose socket the fake destroys on purpose, so it is not recorded as aborted. */
  destroyedByFake(res: ServerResponse): void;
  /** Decrements and reports the failNextUploads() budget. */
  takeUploadFailure(): boolean;
}
