// Items in a sentence: "a, b and c", "a, b or c". Messages and generated comments name several things this way.

function joined(items: readonly string[], last: string): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

/** "a, b and c". */
export const andList = (items: readonly string[]): string => joined(items, 'and');

/** "a, b or c". */
export const orList = (items: readonly string[]): string => joined(items, 'or');
