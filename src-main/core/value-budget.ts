// One walk of a value before anything else walks it (zod, JSON.stringify, structuredClone), within a budget that
// counts every visit: a value that arrived by structured clone may reach one object along many paths (or along a
// cycle), and those walkers follow each path, so the count is of paths, not of objects.

export interface ValueBudget {
  /** Levels of objects and arrays, as JSON counts them: the value itself, when one, is level 1. */
  maxDepth: number;
  /** Objects, arrays, fields and items. */
  maxValues: number;
  /** Characters of strings and keys. */
  maxChars: number;
  /**
   * Bytes (a Uint8Array) count as one value where a schema takes them as bytes and nothing serializes them (addMedia);
   * elsewhere each byte counts, as JSON.stringify walks a typed array index by index (10 MB ≈ 6 s).
   */
  opaqueBytes?: boolean;
}

export type Overrun =
  | { limit: 'depth'; path: string; maxDepth: number }
  | { limit: 'values'; maxValues: number }
  | { limit: 'chars'; maxChars: number };

/** The first limit the value goes over, or undefined when it is within all of them. Iterative: any depth is safe. */
export function overBudget(value: unknown, budget: ValueBudget): Overrun | undefined {
  return walkValue(value, budget).over;
}

export interface Walk {
  /** The first limit gone over: the walk stopped there. */
  over: Overrun | undefined;
  /**
   * The deepest level of objects and arrays reached, as maxDepth counts them (0 for a string or a number): within
   * the budget, the value's depth, so a later check of a lower depth limit need not walk the value again.
   */
  depth: number;
}

/** overBudget, and how deep the value goes. */
export function walkValue(value: unknown, budget: ValueBudget): Walk {
  interface Frame {
    node: Record<string, unknown> | unknown[];
    /** An object's own keys; undefined for an array, walked by index. */
    keys: string[] | undefined;
    size: number;
    next: number;
    key: string;
  }
  const frames: Frame[] = [];
  let values = 1;
  let chars = 0;
  let depth = 0;

  const enter = (v: unknown, key: string): Overrun | undefined => {
    if (typeof v === 'string') {
      chars += v.length;
      return chars > budget.maxChars ? { limit: 'chars', maxChars: budget.maxChars } : undefined;
    }
    // toJSON (Date) turns into a string; what else structured clone makes (Map, Set, ArrayBuffer) has no own keys.
    if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return undefined;
    if (ArrayBuffer.isView(v)) {
      // Not Object.keys: that lists a 100 MB image's every index.
      if (!budget.opaqueBytes) values += (v as { length?: number }).length ?? 0;
      return values > budget.maxValues ? { limit: 'values', maxValues: budget.maxValues } : undefined;
    }
    if (frames.length >= budget.maxDepth) return { limit: 'depth', path: pathOf([...frames.map((f) => f.key), key]), maxDepth: budget.maxDepth };
    const node = v as Frame['node'];
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    // An array's length, not its items: structured clone carries a sparse array of a billion holes in a few bytes.
    const size = keys ? keys.length : (node as unknown[]).length;
    values += size;
    if (values > budget.maxValues) return { limit: 'values', maxValues: budget.maxValues };
    if (keys) for (const k of keys) chars += k.length;
    if (chars > budget.maxChars) return { limit: 'chars', maxChars: budget.maxChars };
    frames.push({ node, keys, size, next: 0, key });
    if (frames.length > depth) depth = frames.length;
    return undefined;
  };

  let over = enter(value, '');
  while (over === undefined && frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.size) {
      frames.pop();
      continue;
    }
    const i = frame.next++;
    const key = frame.keys ? frame.keys[i]! : String(i);
    over = enter(frame.keys ? (frame.node as Record<string, unknown>)[key] : (frame.node as unknown[])[i], key);
  }
  return { over, depth };
}

/** The keys down to a value, the top one's own key ('') left out; eight name the turn and the field, the rest is noise. */
function pathOf(keys: string[]): string {
  const below = keys.slice(1);
  const shown = below.slice(0, 8).join('.');
  return below.length > 8 ? `${shown}.…` : shown || 'the whole value';
}

/** The limit gone over, for people, as the end of a sentence about `what` ("the request", "this session"). */
export function describeOverrun(over: Overrun, what: string): string {
  switch (over.limit) {
    case 'depth':
      return `${over.path} is nested more than ${over.maxDepth} levels deep`;
    case 'values':
      return `${what} holds more than ${over.maxValues.toLocaleString('en-US')} values (each repeat of a shared one counted)`;
    case 'chars':
      return `${what} holds more than ${over.maxChars.toLocaleString('en-US')} characters of text (each repeat of a shared one counted)`;
  }
}
