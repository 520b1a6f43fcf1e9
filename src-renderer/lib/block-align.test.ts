import { describe, expect, it } from 'vitest';
import { alignBlocks, markRows, rowWords, type AlignedRow } from './block-align';
import { answerBlocks } from './markdown/blocks';

const kinds = (rows: AlignedRow[]) => rows.map((r) => `${r.kind}:${r.left ?? '∅'}|${r.right ?? '∅'}`);

describe('alignBlocks', () => {
  it('puts equal blocks on one row and pairs the blocks that differ in order', () => {
    expect(kinds(alignBlocks(['# T', 'a1', 'b1', 'end'], ['# T', 'a2', 'b2', 'end']).rows)).toEqual([
      'same:# T|# T',
      'changed:a1|a2',
      'changed:b1|b2',
      'same:end|end',
    ]);
  });

  it('gives a block only one answer has a row of its own, the other side empty', () => {
    expect(kinds(alignBlocks(['intro', 'only A', 'end'], ['intro', 'end', 'only B']).rows)).toEqual([
      'same:intro|intro',
      'removed:only A|∅',
      'same:end|end',
      'added:∅|only B',
    ]);
  });

  it('pairs what it can within a stretch of changes and leaves the rest one-sided', () => {
    expect(kinds(alignBlocks(['x', 'a', 'y'], ['x', 'b', 'c', 'd', 'y']).rows)).toEqual([
      'same:x|x',
      'changed:a|b',
      'added:∅|c',
      'added:∅|d',
      'same:y|y',
    ]);
  });

  it('reads blocks that differ only in spacing as the same, and keeps each side as written', () => {
    expect(alignBlocks(['a  b\nc'], ['a b c ']).rows).toEqual([{ kind: 'same', left: 'a  b\nc', right: 'a b c ' }]);
  });

  it('handles an empty answer on either side', () => {
    expect(kinds(alignBlocks([], ['a']).rows)).toEqual(['added:∅|a']);
    expect(kinds(alignBlocks(['a'], []).rows)).toEqual(['removed:a|∅']);
    expect(alignBlocks([], []).rows).toEqual([]);
  });

  it('lines up two real answers block by block', () => {
    const a = answerBlocks('# Title\n\nFirst para.\n\n```ts\nlet x = 1;\n```\n\n- one\n- two\n\nBye.');
    const b = answerBlocks('# Title\n\nFirst paragraph, longer.\n\n```ts\nlet x = 1;\n```\n\nBye.');
    expect(alignBlocks(a.blocks, b.blocks).rows.map((r) => r.kind)).toEqual(['same', 'changed', 'same', 'removed', 'same']);
  });
});

describe('alignBlocks out of time', () => {
  it('pairs the blocks between the common start and end in order, and says so, when lining up takes too long', () => {
    // Thousands of blocks with nothing in common: the search for the best alignment takes far longer than 1 ms.
    const a = ['# Same', ...Array.from({ length: 3000 }, (_, i) => `a${i}`), 'end'];
    const b = ['# Same', ...Array.from({ length: 3001 }, (_, i) => `b${i}`), 'end'];
    const { rows, pairedInOrder } = alignBlocks(a, b, 1);
    expect(pairedInOrder).toBe(true);
    expect(rows).toHaveLength(3003);
    expect(kinds(rows.slice(0, 3))).toEqual(['same:# Same|# Same', 'changed:a0|b0', 'changed:a1|b1']);
    expect(kinds(rows.slice(-3))).toEqual(['changed:a2999|b2999', 'added:∅|b3000', 'same:end|end']);
  });

  it('does not say so when it lined the blocks up in time', () => {
    expect(alignBlocks(['x', 'a'], ['x', 'b']).pairedInOrder).toBe(false);
  });
});

describe('markRows', () => {
  const changed = (n: number): AlignedRow => ({ kind: 'changed', left: `old words ${n}`, right: `new words ${n}` });

  it('diffs every changed row within one limit for the whole view, and counts those it had no time for', () => {
    // A clock where each look at the time is a second later: the first row starts with 0.5 s left, then none is.
    let t = 0;
    const clock = () => (t += 1000);
    const { words, unmarked } = markRows([changed(1), { kind: 'same', left: 's', right: 's' }, changed(2), changed(3)], 1500, clock);
    expect(words[0]?.left.map((p) => p.kind)).toContain('removed');
    expect(words[1]).toEqual({ left: [{ kind: 'same', text: 's' }], right: [{ kind: 'same', text: 's' }] });
    expect(words[2]).toBeUndefined();
    expect(words[3]).toBeUndefined();
    expect(unmarked).toBe(2);
  });

  it('marks every row when there is time', () => {
    const { words, unmarked } = markRows([changed(1), changed(2)]);
    expect(unmarked).toBe(0);
    expect(words.every((w) => w !== undefined)).toBe(true);
  });
});

describe('answerBlocks', () => {
  it('cuts an answer into its top-level blocks and keeps link references apart', () => {
    const { blocks, references } = answerBlocks('Intro with [a link][1].\n\n\n- x\n- y\n\n[1]: https://example.com/a\n\n```py\nprint(1)\n\n```\n');
    expect(blocks).toEqual(['Intro with [a link][1].', '- x\n- y', '```py\nprint(1)\n\n```']);
    expect(references).toBe('[1]: https://example.com/a');
  });
});

describe('rowWords', () => {
  it('marks on each side the words the other lacks', () => {
    const words = rowWords({ kind: 'changed', left: 'the quick fox', right: 'the slow fox' });
    expect(words?.left.map((p) => [p.kind, p.text.trim()])).toEqual([['same', 'the'], ['removed', 'quick'], ['same', 'fox']]);
    expect(words?.right.map((p) => [p.kind, p.text.trim()])).toEqual([['same', 'the'], ['added', 'slow'], ['same', 'fox']]);
  });

  it('shows each side with its own spacing: indentation, line breaks and CRLF as that answer wrote them', () => {
    const join = (parts: readonly { text: string }[] | undefined) => parts?.map((p) => p.text).join('');
    const rows: [string, string][] = [
      ['```py\ndef f():\n    return 1\n```', '```py\ndef f():\n  return 2\n```'],
      ['First line\nsecond line of A', 'First line second line of B'],
      ['Hello world\r\nSecond line', 'Hello world\nSecond line!'],
      ['  a b c', 'c b a  '],
      ['東京は 日本の首都  です。', '東京は日本の首都 でした。'],
    ];
    for (const [left, right] of rows) {
      const words = rowWords({ kind: 'changed', left, right });
      expect(join(words?.left)).toBe(left);
      expect(join(words?.right)).toBe(right);
    }
    const code = rowWords({ kind: 'changed', left: rows[0]![0], right: rows[0]![1] });
    expect(code?.left.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['1']);
  });

  it('marks a one-sided block whole, and a common one not at all', () => {
    expect(rowWords({ kind: 'removed', left: 'gone' })).toEqual({ left: [{ kind: 'removed', text: 'gone' }], right: [] });
    expect(rowWords({ kind: 'added', right: 'new' })).toEqual({ left: [], right: [{ kind: 'added', text: 'new' }] });
    expect(rowWords({ kind: 'same', left: 'a', right: 'a' })).toEqual({ left: [{ kind: 'same', text: 'a' }], right: [{ kind: 'same', text: 'a' }] });
  });
});
