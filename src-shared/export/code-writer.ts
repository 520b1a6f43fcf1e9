// An indenting line writer, and the blocks (loops, ifs, functions) a script nests its statements in.

/** A block of the script: its opening line, lines that start its body, and its closing line (none in Python). */
export interface Block {
  open: string;
  first?: readonly string[];
  close?: string;
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

  /** `blocks` nested, outermost first, around `body`. */
  nest(blocks: readonly Block[], body: () => void): this {
    const [block, ...inner] = blocks;
    if (!block) {
      body();
      return this;
    }
    this.line(block.open);
    this.indented(() => {
      for (const line of block.first ?? []) this.line(line);
      this.nest(inner, body);
    });
    if (block.close !== undefined) this.line(block.close);
    return this;
  }

  toString(): string {
    this.trimBlank();
    return `${this.lines.join('\n')}\n`;
  }
}
