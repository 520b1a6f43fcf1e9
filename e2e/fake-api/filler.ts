// Deterministic filler for answers: prose made of plain words, or markdown exercising every block a renderer meets.

const WORDS = (
  'river lantern quiet orbit maple signal harbor velvet canyon ember tidal meadow copper falcon prism ' +
  'willow static garnet lattice breeze summit cobalt drift thunder pebble nimbus saffron quarry beacon ' +
  'glacier harvest juniper marble nectar opal pylon quill rustle sable timber umber vesper wander ' +
  'yonder zephyr anchor bramble cinder dune estuary fjord grove heron inlet jetty kelp lagoon'
).split(' ');

/** A small seeded PRNG (mulberry32): same seed, same answer, on every machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function words(random: Random, count: number): string {
  return Array.from({ length: count }, () => pick(random, WORDS)).join(' ');
}

function sentence(random: Random): string {
  const text = words(random, 6 + Math.floor(random() * 9));
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: Random): string {
  return Array.from({ length: 2 + Math.floor(random() * 3) }, () => sentence(random)).join(' ');
}

/** Prose paragraphs, generated until at least `minChars` long; always ends with a full stop. */
export function proseFiller(random: Random, minChars: number): string {
  let text = '';
  while (text.length < minChars) text += (text ? '\n\n' : '') + paragraph(random);
  return text;
}

function codeBlock(random: Random): string {
  const lines = ['```ts', `export function ${pick(random, WORDS)}Total(items: number[]): number {`, '  let total = 0;'];
  const body = 14 + Math.floor(random() * 12);
  for (let i = 0; i < body; i++) {
    lines.push(`  total += items[${i}] ?? 0; // ${words(random, 3 + Math.floor(random() * 5))}`);
  }
  lines.push('  return total;', '}', '```');
  return lines.join('\n');
}

function table(random: Random): string {
  const rows = ['| Name | Count | Note |', '| --- | ---: | --- |'];
  for (let i = 0; i < 4; i++) rows.push(`| ${pick(random, WORDS)} | ${Math.floor(random() * 1000)} | ${words(random, 3)} |`);
  return rows.join('\n');
}

/** Words longer than a narrow pane's column: a table of them must scroll sideways, never break them. */
export const LONG_WORDS = (
  'configuration characteristics responsiveness implementation internationalization reproducibility ' +
  'interoperability approximately deterministic observability'
).split(' ');

/** A table `columns` wide whose cells hold two or three long words each. */
export function wideTable(random: Random, columns: number): string {
  const header = Array.from({ length: columns }, (_, i) => `${pick(random, LONG_WORDS)} ${i + 1}`);
  const rows = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (let r = 0; r < 4; r++) {
    const cells = Array.from({ length: columns }, () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(random, LONG_WORDS)).join(' '));
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

function list(random: Random, ordered: boolean): string {
  return Array.from({ length: 3 + Math.floor(random() * 3) }, (_, i) => {
    const bullet = ordered ? `${i + 1}.` : '-';
    return `${bullet} **${pick(random, WORDS)}**: ${words(random, 4)} with \`${pick(random, WORDS)}()\``;
  }).join('\n');
}

function linkParagraph(random: Random): string {
  const word = pick(random, WORDS);
  return `${sentence(random)} See [the ${word} guide](https://example.com/${word}) and *${words(random, 2)}* for more.`;
}

const BLOCKS: ((random: Random) => string)[] = [
  (random) => `## ${sentence(random).slice(0, -1)}`,
  linkParagraph,
  (random) => list(random, false),
  codeBlock,
  table,
  (random) => list(random, true),
  paragraph,
  (random) => `> ${sentence(random)}`,
];

/** Markdown blocks in a fixed rotation (so every kind shows up early), until at least `minChars` long. */
export function markdownFiller(random: Random, minChars: number): string {
  const blocks: string[] = [];
  let length = 0;
  for (let i = 0; length < minChars; i++) {
    const block = (BLOCKS[i % BLOCKS.length] as (random: Random) => string)(random);
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n');
}
