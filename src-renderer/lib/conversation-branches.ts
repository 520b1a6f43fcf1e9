// A pane's conversation as a tree kept in two parts: `turns`, the branch being followed (what is shown, sent
// and saved as the conversation), and `forks`, the branches set aside where the conversation was forked. A fork
// is named by the turn it follows (null: the very start), so nested forks inside a branch set aside stay
// attached to their own turns and come back with it.

/** The branches of one fork point that are not being followed, and where the followed one sits among them. */
export interface Fork<T> {
  /** The turn the branches follow; null when they start the conversation. */
  parentId: string | null;
  /** The followed branch's place among all of them (0-based), so ‹ 1/2 › keeps its order as the person switches. */
  position: number;
  /** Each branch set aside: its turns from the fork point to its end. Never empty. */
  others: T[][];
}

export interface Branched<T> {
  turns: T[];
  forks: Fork<T>[];
}

interface HasId {
  readonly id: string;
}

const parentOf = <T extends HasId>(turns: readonly T[], index: number): string | null => (index > 0 ? turns[index - 1]!.id : null);

function checkIndex(turns: readonly unknown[], index: number, max = turns.length - 1): void {
  if (!Number.isInteger(index) || index < 0 || index > max) throw new RangeError(`No turn ${index}: the conversation has ${turns.length}`);
}

/**
 * The conversation continues from turn `index` with `tail` instead: the turns from `index` on are set aside as
 * a branch of the fork before that turn, and the new one is followed (it comes last among the branches).
 */
export function forkAt<T extends HasId>(state: Branched<T>, index: number, tail: readonly T[]): Branched<T> {
  checkIndex(state.turns, index);
  if (tail.length === 0) throw new Error('forkAt: the new branch needs at least one turn');
  const parentId = parentOf(state.turns, index);
  const setAside = state.turns.slice(index);
  const existing = state.forks.find((f) => f.parentId === parentId);
  const others = existing ? [...insertAt(existing.others, existing.position, setAside)] : [setAside];
  const fork: Fork<T> = { parentId, position: others.length, others };
  return {
    turns: [...state.turns.slice(0, index), ...tail],
    forks: existing ? state.forks.map((f) => (f === existing ? fork : f)) : [...state.forks, fork],
  };
}

/** Where turn `index` sits among the branches of its fork point: ‹ position+1 / count ›; undefined where there is no fork. */
export function branchAt<T extends HasId>(state: Branched<T>, index: number): { position: number; count: number } | undefined {
  if (index < 0 || index >= state.turns.length) return undefined;
  const fork = state.forks.find((f) => f.parentId === parentOf(state.turns, index));
  return fork ? { position: fork.position, count: fork.others.length + 1 } : undefined;
}

/** Follows the branch `delta` places away at turn `index`'s fork point; the one followed until now is set aside in its place. */
export function switchBranch<T extends HasId>(state: Branched<T>, index: number, delta: number): Branched<T> {
  checkIndex(state.turns, index);
  const parentId = parentOf(state.turns, index);
  const fork = state.forks.find((f) => f.parentId === parentId);
  if (!fork) throw new Error(`switchBranch: turn ${index} has no other branch`);
  const all = insertAt(fork.others, fork.position, state.turns.slice(index));
  const target = fork.position + delta;
  if (!Number.isInteger(target) || target < 0 || target >= all.length) throw new RangeError(`switchBranch: no branch ${target + 1} of ${all.length}`);
  const next: Fork<T> = { parentId, position: target, others: all.filter((_, i) => i !== target) };
  return { turns: [...state.turns.slice(0, index), ...all[target]!], forks: state.forks.map((f) => (f === fork ? next : f)) };
}

/**
 * `turn` goes in at `index` (a hand-written example before the turn there). It joins the shared part of the
 * conversation: a fork that followed the turn before it now follows it, so the branches stay after the insert.
 */
export function insertTurn<T extends HasId>(state: Branched<T>, index: number, turn: T): Branched<T> {
  checkIndex(state.turns, index, state.turns.length);
  const parentId = parentOf(state.turns, index);
  return {
    turns: insertAt(state.turns, index, turn),
    forks: state.forks.map((f) => (f.parentId === parentId ? { ...f, parentId: turn.id } : f)),
  };
}

/**
 * Takes out turn `index` alone (a removed example); the turns after it stay. Its fork's branches then follow the
 * turn before it, joining a fork already there (the followed branch keeps its place first among those).
 */
export function removeTurn<T extends HasId>(state: Branched<T>, index: number): Branched<T> {
  checkIndex(state.turns, index);
  const removed = state.turns[index]!;
  const parentId = parentOf(state.turns, index);
  const moved = state.forks.find((f) => f.parentId === removed.id);
  const turns = state.turns.filter((_, i) => i !== index);
  if (!moved) return { turns, forks: state.forks };
  const there = state.forks.find((f) => f.parentId === parentId);
  if (!there) return { turns, forks: state.forks.map((f) => (f === moved ? { ...f, parentId } : f)) };
  // The turns from `index` on were the followed branch of `there`: the moved fork's branches join it after the rest.
  const merged: Fork<T> = { parentId, position: there.position, others: [...there.others, ...moved.others] };
  return { turns, forks: state.forks.filter((f) => f !== moved).map((f) => (f === there ? merged : f)) };
}

function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}
