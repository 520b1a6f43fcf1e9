// `[[name]]` / `[[name:value]]` markers in the last user text that script the fake's answer for one request.
import type { Dialect } from './errors';

export const STREAM_FAULTS = [
  'error-event',
  'cut',
  'no-complete',
  'bad-json',
  'stall',
  'slow-drip',
  'hang',
  'completed-failed',
] as const;

export const HTTP_FAULTS = [
  'http-400',
  'http-403',
  'http-404',
  'http-429',
  'http-500',
  'http-503',
  'html-503',
  'json-200',
  'html-200',
  '503-once',
  '429-once',
] as const;

export const UPLOAD_FAULTS = ['upload-500'] as const;

export type StreamFault = (typeof STREAM_FAULTS)[number];
export type HttpFault = (typeof HTTP_FAULTS)[number];
export type Fault = StreamFault | HttpFault | (typeof UPLOAD_FAULTS)[number];

const ALL_FAULTS: readonly string[] = [...STREAM_FAULTS, ...HTTP_FAULTS, ...UPLOAD_FAULTS];

export interface Markers {
  /** Exact answer length in characters. */
  len?: number;
  markdown: boolean;
  /** A markdown table this many columns wide, of long words, before the filler. */
  tableColumns?: number;
  delayMs?: number;
  chunkChars?: number;
  fault?: Fault;
  retryAfterSeconds?: number;
  dialect?: Dialect;
  failTimes?: number;
  /** The first text chunk travels inside model_output's step.start (§1 item 10). */
  startText: boolean;
  /** Adds an SSE comment, an unknown event type and an unknown delta type that clients must skip (§5). */
  extras: boolean;
  /** How many url_citation annotations a grounded answer carries. */
  citations?: number;
  /** code_execution fails with a traceback. */
  codeError: boolean;
  /** The function the model calls (when declared and allowed). */
  call?: string;
  /** Every allowed function is called in one answer. */
  parallel: boolean;
  /** The model calls functions again after the first results, then answers. */
  callTwice: boolean;
  /** Structured output breaks its schema at the first property. */
  schemaViolate: boolean;
  /** The model writes a line (CALL_PREAMBLE) before its function calls, as real models sometimes do. */
  sayFirst: boolean;
}

/** What `[[say-first]]` has the model write before calling. */
export const CALL_PREAMBLE = 'Let me look that up first.';

/** A grounded answer cites this many sources unless `[[cite:N]]` says otherwise. */
export const DEFAULT_CITATIONS = 3;
export const MAX_CITATIONS = 1000;

/** Wide enough for any pane; a larger number is taken as this. */
export const MAX_TABLE_COLUMNS = 20;

const MARKER = /\[\[([a-z0-9-]+)(?::([^\]]*))?\]\]/gi;

function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

export function isFault(name: string): name is Fault {
  return ALL_FAULTS.includes(name);
}

export function isStreamFault(fault: Fault | undefined): fault is StreamFault {
  return fault !== undefined && (STREAM_FAULTS as readonly string[]).includes(fault);
}

export function isHttpFault(fault: Fault | undefined): fault is HttpFault {
  return fault !== undefined && (HTTP_FAULTS as readonly string[]).includes(fault);
}

export function parseMarkers(text: string): Markers {
  const markers: Markers = { markdown: false, startText: false, extras: false, codeError: false, parallel: false, callTwice: false, schemaViolate: false, sayFirst: false };
  for (const match of text.matchAll(MARKER)) {
    const name = (match[1] ?? '').toLowerCase();
    const value = match[2];
    switch (name) {
      case 'len':
        markers.len = nonNegativeInt(value);
        break;
      case 'markdown':
        markers.markdown = true;
        break;
      case 'table': {
        const columns = nonNegativeInt(value);
        if (columns !== undefined && columns > 0) markers.tableColumns = Math.min(columns, MAX_TABLE_COLUMNS);
        break;
      }
      case 'delay':
        markers.delayMs = nonNegativeInt(value);
        break;
      case 'chunk': {
        const chunk = nonNegativeInt(value);
        if (chunk !== undefined && chunk > 0) markers.chunkChars = chunk;
        break;
      }
      case 'fault': {
        const fault = (value ?? '').trim().toLowerCase();
        if (isFault(fault)) markers.fault = fault;
        break;
      }
      case 'retry-after':
        markers.retryAfterSeconds = nonNegativeInt(value);
        break;
      case 'dialect':
        if (value === 'interactions' || value === 'google') markers.dialect = value;
        break;
      case 'fail-times':
        markers.failTimes = nonNegativeInt(value);
        break;
      case 'start-text':
        markers.startText = true;
        break;
      case 'extras':
        markers.extras = true;
        break;
      case 'cite': {
        const count = nonNegativeInt(value);
        if (count !== undefined) markers.citations = Math.min(count, MAX_CITATIONS);
        break;
      }
      case 'code-error':
        markers.codeError = true;
        break;
      case 'call':
        if (value?.trim()) markers.call = value.trim();
        break;
      case 'parallel':
        markers.parallel = true;
        break;
      case 'call-twice':
        markers.callTwice = true;
        break;
      case 'schema-violate':
        markers.schemaViolate = true;
        break;
      case 'say-first':
        markers.sayFirst = true;
        break;
    }
  }
  return markers;
}

/** The text without its markers: what a tool call quotes. */
export function withoutMarkers(text: string): string {
  return text.replace(MARKER, ' ').replace(/\s+/g, ' ').trim();
}

const MODEL_FAULT = /^(?:models\/)?gemini-fault-([a-z0-9-]+)$/;

/** The fault a model named `gemini-fault-<NAME>` asks for: faults one pane of a comparison, whose prompt is shared. */
export function modelFault(model: string | undefined): Fault | undefined {
  const name = MODEL_FAULT.exec(model?.trim().toLowerCase() ?? '')?.[1];
  return name !== undefined && isFault(name) ? name : undefined;
}

/**
 * A request header wins over a marker, so a test can fault a request whose text it does not control;
 * a `gemini-fault-<NAME>` model comes next, then the marker.
 */
export function chooseFault(header: string | undefined, markers: Markers, model?: string): Fault | undefined {
  const fromHeader = header?.trim().toLowerCase();
  if (fromHeader && isFault(fromHeader)) return fromHeader;
  return modelFault(model) ?? markers.fault;
}
