// Language-neutral literal trees (dicts, lists, strings, raw code), their layout, and a small indenting code writer.

export type Node =
  | { kind: 'raw'; code: string }
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'list'; items: Node[]; inline: boolean }
  | { kind: 'dict'; entries: Entry[]; inline: boolean; padded: boolean; trailingComma: boolean };
export type Entry = [key: string, value: Node];

/** How one language spells the leaves; the tree's shape is shared. */
export interface Syntax {
  indent: string;
  string(text: string): string;
  number(value: number): string;
  key(name: string): string;
  bool(value: boolean): string;
}

export const raw = (code: string): Node => ({ kind: 'raw', code });
export const str = (value: string): Node => ({ kind: 'str', value });

export interface DictStyle {
  /** All on one line, as the guide writes content parts: {"type": "text", "text": "…"}. */
  inline?: boolean;
  /** `{ type: … }` rather than `{type: …}` (the JS guide uses both, depending on the sample). */
  padded?: boolean;
  trailingComma?: boolean;
}

export function dict(entries: Entry[], style: DictStyle = {}): Node {
  return { kind: 'dict', entries, inline: style.inline ?? false, padded: style.padded ?? false, trailingComma: style.trailingComma ?? false };
}

export function list(items: Node[], inline = false): Node {
  return { kind: 'list', items, inline };
}

/** Plain data (a generation_config) as a tree: objects one key per line, arrays of scalars inline. */
export function fromValue(value: unknown, style: DictStyle = {}): Node {
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return { kind: 'num', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (Array.isArray(value)) return list(value.map((v) => fromValue(v, style)), value.every((v) => typeof v !== 'object'));
  if (typeof value === 'object' && value !== null) {
    return dict(
      Object.entries(value).map(([k, v]): Entry => [k, fromValue(v, style)]),
      style,
    );
  }
  throw new TypeError(`Cannot export a value of type ${typeof value}`);
}

function inlineText(node: Node, syntax: Syntax): string {
  const lines = render(node, syntax);
  if (lines.length !== 1) throw new Error('A multi-line value cannot sit inside an inline literal');
  return lines[0]!;
}

/**
 * A member written as it is, with no key and no comma added: Python's `**mapping,`, JS's `...spread,`, or a
 * shell variable holding a whole JSON member (it carries its own comma, so it may be empty).
 */
export const bare = (code: string): Entry => [BARE, raw(code)];
const BARE = '';

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
    if (name === BARE) {
      out.push(...render(value, syntax));
      return;
    }
    const lines = render(value, syntax);
    const comma = i < entries.length - 1 || options.trailingComma ? ',' : '';
    lines.forEach((line, j) => {
      const text = j === 0 ? `${key(name)}${options.separator}${line}` : line;
      out.push(j === lines.length - 1 ? text + comma : text);
    });
  });
  return out;
}

export function render(node: Node, syntax: Syntax): string[] {
  const ind = (lines: string[]): string[] => lines.map((l) => (l === '' ? l : syntax.indent + l));
  switch (node.kind) {
    case 'raw':
      return [node.code];
    case 'str':
      return [syntax.string(node.value)];
    case 'num':
      return [syntax.number(node.value)];
    case 'bool':
      return [syntax.bool(node.value)];
    case 'list': {
      if (node.inline) return [`[${node.items.map((item) => inlineText(item, syntax)).join(', ')}]`];
      const body: string[] = [];
      node.items.forEach((item, i) => {
        const lines = render(item, syntax);
        if (i < node.items.length - 1) lines[lines.length - 1] += ',';
        body.push(...lines);
      });
      return ['[', ...ind(body), ']'];
    }
    case 'dict': {
      if (node.inline) {
        const pad = node.padded && node.entries.length > 0 ? ' ' : '';
        const members = node.entries.map(([k, v]) => `${syntax.key(k)}: ${inlineText(v, syntax)}`);
        return [`{${pad}${members.join(', ')}${pad}}`];
      }
      return ['{', ...ind(renderMembers(node.entries, syntax, { separator: ': ', trailingComma: node.trailingComma })), '}'];
    }
  }
}

/** Lines with indentation; `emit` splices a rendered multi-line value after a prefix. */
export class CodeWriter {
  private readonly lines: string[] = [];
  private level = 0;

  constructor(private readonly unit: string) {}

  line(text: string): this {
    this.lines.push(text === '' ? '' : this.unit.repeat(this.level) + text);
    return this;
  }

  /** One blank line, never two in a row, never at the top. */
  blank(): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
    return this;
  }

  /** Lines exactly as given, at column 0 (here-document bodies and terminators). */
  verbatim(lines: readonly string[]): this {
    this.lines.push(...lines);
    return this;
  }

  /** Drops blank lines at the end, e.g. before a closing brace. */
  trimBlank(): this {
    while (this.lines.at(-1) === '') this.lines.pop();
    return this;
  }

  indented(body: () => void): this {
    this.level++;
    try {
      body();
    } finally {
      this.level--;
    }
    return this;
  }

  /** `prefix` + the value's first line, its other lines at this level, `suffix` after the last. */
  emit(prefix: string, value: readonly string[], suffix = ''): this {
    value.forEach((text, i) => {
      const head = i === 0 ? prefix : '';
      const tail = i === value.length - 1 ? suffix : '';
      this.line(head + text + tail);
    });
    return this;
  }

  toString(): string {
    this.trimBlank();
    return `${this.lines.join('\n')}\n`;
  }
}
