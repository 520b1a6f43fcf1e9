// Language-neutral literal trees (dicts, lists, strings, raw code) and their layout; each dialect spells the leaves.

export type Node =
  /** `member`: a dict member without a key (bare, spread); marked here, since any string may be a key of user data. */
  | { kind: 'raw'; code: string; member?: 'bare' | 'spread' }
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'list'; items: Node[]; inline: boolean; trailingComma: boolean }
  | { kind: 'dict'; entries: Entry[]; inline: boolean; padded: boolean; trailingComma: boolean };
export type Entry = [key: string, value: Node];

/** How one language spells the leaves; the tree's shape is shared. */
export interface Syntax {
  indent: string;
  string(text: string): string;
  number(value: number): string;
  key(name: string): string;
  bool(value: boolean): string;
  null: string;
}

export const raw = (code: string): Node => ({ kind: 'raw', code });
export const str = (value: string): Node => ({ kind: 'str', value });
export const bool = (value: boolean): Node => ({ kind: 'bool', value });
export const NULL: Node = { kind: 'null' };

export interface DictStyle {
  /** All on one line, as the guide writes content parts: {"type": "text", "text": "…"}. */
  inline?: boolean;
  /** `{ type: … }` rather than `{type: …}` (the JS guide uses both, depending on the sample). */
  padded?: boolean;
  /** A comma after the last member of a multi-line literal too (the JS guide's habit). */
  trailingComma?: boolean;
}

export function dict(entries: Entry[], style: DictStyle = {}): Node {
  return { kind: 'dict', entries, inline: style.inline ?? false, padded: style.padded ?? false, trailingComma: style.trailingComma ?? false };
}

export function list(items: Node[], style: { inline?: boolean; trailingComma?: boolean } = {}): Node {
  return { kind: 'list', items, inline: style.inline ?? false, trailingComma: style.trailingComma ?? false };
}

/** Plain data (a generation_config) as a tree: objects one key per line, arrays of scalars inline. */
export function fromValue(value: unknown, style: DictStyle = {}): Node {
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return { kind: 'num', value };
  if (typeof value === 'boolean') return bool(value);
  if (Array.isArray(value)) return list(value.map((v) => fromValue(v, style)), { inline: value.every((v) => typeof v !== 'object') });
  if (typeof value === 'object' && value !== null) {
    return dict(
      Object.entries(value).map(([k, v]): Entry => [k, fromValue(v, style)]),
      style,
    );
  }
  throw new TypeError(`Cannot export a value of type ${typeof value}`);
}

/** Up to this many characters of JSON, an object or a list is written on one line, as the guides write `{"type": "google_search"}`. */
const ONE_LINE = 60;

const onOneLine = (node: Node): boolean => (node.kind !== 'list' && node.kind !== 'dict') || node.inline;

/**
 * Plain data (tools, a schema, safety settings) as a tree that reads like the guides' literals: what is short
 * stays on one line, the rest one member per line, nested. A multi-line list ends as `style` ends objects.
 */
export function compactValue(value: unknown, style: DictStyle = {}): Node {
  const short = (): boolean => JSON.stringify(value).length <= ONE_LINE;
  if (Array.isArray(value)) {
    const items = value.map((v) => compactValue(v, style));
    return list(items, { inline: items.every(onOneLine) && short(), trailingComma: style.trailingComma ?? false });
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]): Entry => [k, compactValue(v, style)]);
    return dict(entries, { ...style, inline: entries.every(([, v]) => onOneLine(v)) && short() });
  }
  if (value === null) return NULL;
  return fromValue(value, style);
}

function inlineText(node: Node, syntax: Syntax): string {
  const lines = render(node, syntax);
  if (lines.length !== 1) throw new Error('A multi-line value cannot sit inside an inline literal');
  return lines[0]!;
}

/**
 * A member written as it is, with no key and no comma added: a shell variable holding a whole JSON member
 * (it carries its own comma, so it may be empty).
 */
export const bare = (code: string): Entry => ['', { kind: 'raw', code, member: 'bare' }];

/** A member with no key that is separated by commas like the others: Python's `**mapping`, JS's `...object`. */
export const spread = (code: string): Entry => ['', { kind: 'raw', code, member: 'spread' }];

const memberKind = (value: Node): 'bare' | 'spread' | undefined => (value.kind === 'raw' ? value.member : undefined);

/** `lines` one indentation unit deeper; blank lines stay empty. */
export function indentLines(lines: readonly string[], unit: string): string[] {
  return lines.map((line) => (line === '' ? line : unit + line));
}

/**
 * Members of a dict or of a call's keyword list: `key<separator>value`, comma-separated, one per line,
 * continuation lines indented. Returned without the outer indentation.
 */
export function renderMembers(
  entries: readonly Entry[],
  syntax: Syntax,
  options: { separator: string; key?: (name: string) => string; trailingComma: boolean },
): string[] {
  const key = options.key ?? ((name: string) => syntax.key(name));
  const out: string[] = [];
  entries.forEach(([name, value], i) => {
    const kind = memberKind(value);
    if (kind === 'bare') {
      out.push(...render(value, syntax));
      return;
    }
    const lines = render(value, syntax);
    const comma = i < entries.length - 1 || options.trailingComma ? ',' : '';
    lines.forEach((line, j) => {
      const text = j === 0 && kind !== 'spread' ? `${key(name)}${options.separator}${line}` : line;
      out.push(j === lines.length - 1 ? text + comma : text);
    });
  });
  return out;
}

export function render(node: Node, syntax: Syntax): string[] {
  switch (node.kind) {
    case 'raw':
      return [node.code];
    case 'str':
      return [syntax.string(node.value)];
    case 'num':
      return [syntax.number(node.value)];
    case 'bool':
      return [syntax.bool(node.value)];
    case 'null':
      return [syntax.null];
    case 'list': {
      if (node.inline) return [`[${node.items.map((item) => inlineText(item, syntax)).join(', ')}]`];
      const body: string[] = [];
      node.items.forEach((item, i) => {
        const lines = render(item, syntax);
        if (i < node.items.length - 1 || node.trailingComma) lines[lines.length - 1] += ',';
        body.push(...lines);
      });
      return ['[', ...indentLines(body, syntax.indent), ']'];
    }
    case 'dict': {
      if (node.inline) {
        const pad = node.padded && node.entries.length > 0 ? ' ' : '';
        const members = node.entries.map(([k, v]) => (memberKind(v) === 'spread' ? inlineText(v, syntax) : `${syntax.key(k)}: ${inlineText(v, syntax)}`));
        return [`{${pad}${members.join(', ')}${pad}}`];
      }
      const members = renderMembers(node.entries, syntax, { separator: ': ', trailingComma: node.trailingComma });
      return ['{', ...indentLines(members, syntax.indent), '}'];
    }
  }
}
