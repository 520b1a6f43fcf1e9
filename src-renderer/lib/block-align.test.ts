import { describe, expect, it } from 'vitest';
import { alignBlocks, rowWords, type AlignedRow } from './block-align';
import { answerBlocks } from './markdown/blocks';

const kinds = (rows: AlignedRow[]) => rows.map((r) => `${r.kind}:${r.left ?? '∅'}|${r.right ?? '∅'}`);

describe('alignBlocks', () => {
  it('puts equal blocks on one row and pairs the blocks that differ in order', () => {
    expect(kinds(alignBlocks(['# T', 'a1', 'b1', 'end'], ['# T', 'a2', 'b2', 'end']))).toEqual([
      'same:# T|# T',
      'changed:a1|a2',
      'changed:b1|b2',
      'same:end|end',
    ]);
  });

  it('gives a block only one answer has a row of its own, the other side empty', () => {
    expect(kinds(alignBlocks(['intro', 'only A', 'end'], ['intro', 'end', 'only B']))).toEqual([
      'same:intro|intro',
      'removed:only A|∅',
      'same:end|end',
      'added:∅|only B',
    ]);
  });

  it('pairs what it can within a stretch of changes and leaves the rest one-sided', () => {
    expect(kinds(alignBlocks(['x', 'a', 'y'], ['x', 'b', 'c', 'd', 'y']))).toEqual([
      'same:x|x',
      'changed:a|b',
      'added:∅|c',
      'added:∅|d',
      'same:y|y',
    ]);
  });

  it('reads blocks that differ only in spacing as the same, and keeps each side as written', () => {
    expect(alignBlocks(['a  b\nc'], ['a b c '])).toEqual([{ kind: 'same', left: 'a  b\nc', right: 'a b c ' }]);
  });

  it('handles an empty answer on either side', () => {
    expect(kinds(alignBlocks([], ['a']))).toEqual(['added:∅|a']);
    expect(kinds(alignBlocks(['a'], []))).toEqual(['removed:a|∅']);
    expect(alignBlocks([], [])).toEqual([]);
  });

  it('lines up two real answers block by block', () => {
    const a = answerBlocks('# Title\n\nFirst para.\n\n```ts\nlet x = 1;\n```\n\n- one\n- two\n\nBye.');
    const b = answerBlocks('# Title\n\nFirst paragraph, longer.\n\n```ts\nlet x = 1;\n```\n\nBye.');
    expect(alignBlocks(a.blocks, b.blocks).map((r) => r.kind)).toEqual(['same', 'changed', 'same', 'removed', 'same']);
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

  it('marks a one-sided block whole, and a common one not at all', () => {
    expect(rowWords({ kind: 'removed', left: 'gone' })).toEqual({ left: [{ kind: 'removed', text: 'gone' }], right: [] });
    expect(rowWords({ kind: 'added', right: 'new' })).toEqual({ left: [], right: [{ kind: 'added', text: 'new' }] });
    expect(rowWords({ kind: 'same', left: 'a', right: 'a' })).toEqual({ left: [{ kind: 'same', text: 'a' }], right: [{ kind: 'same', text: 'a' }] });
  });
});
