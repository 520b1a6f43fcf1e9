// JSON from files the app did not write itself (imports) or that may be damaged: valid UTF-8 only,
// and a nesting limit checked before JSON.parse, so a hostile file cannot exhaust the stack later
// (zod, structuredClone and JSON.stringify all recurse). The limit is src-shared/limits.ts's: writers check it too.
import { MAX_JSON_DEPTH } from '../../../src-shared/limits';
import { overBudget } from '../value-budget';

export { MAX_JSON_DEPTH };

export class JsonShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonShapeError';
  }
}

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Deepest nesting of objects and arrays, ignoring brackets inside strings; stops early past `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return deepest;
}

/**
 * The path ("panes.0.turns.3.steps.0.arguments") of the first object or array deeper than `limit`, counted as
 * JSON counts them (the top object is level 1); undefined when the whole value is within it. One walker with the
 * IPC budget (value-budget.ts), iterative, so a value of any depth is measured without exhausting the stack.
 */
export function deeperThan(value: unknown, limit: number): string | undefined {
  const over = overBudget(value, { maxDepth: limit, maxValues: Infinity, maxChars: Infinity });
  return over?.limit === 'depth' ? over.path : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes → value, or a JsonShapeError whose message is written for people. */
export function parseJsonBytes(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new JsonShapeError('The file is not text (it is not valid UTF-8).');
  }
  return parseJsonText(text, maxDepth);
}

export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  // Editors on Windows like to start files with a byte-order mark; JSON.parse does not.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new JsonShapeError('The file is empty.');
  if (jsonDepth(body, maxDepth) > maxDepth) {
    throw new JsonShapeError(`The file is nested too deeply (more than ${maxDepth} levels).`);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : 'syntax error';
    throw new JsonShapeError(`The file is not valid JSON (${detail}); it may be truncated.`);
  }
}
