// The branch tree: fork at a turn, switch back and forth, insert and remove a turn, all keeping every branch.
import { describe, expect, it } from 'vitest';
import { type Branched, branchAt, forkAt, insertTurn, removeTurn, switchBranch } from './conversation-branches';

const t = (id: string) => ({ id });
const ids = (state: Branched<{ id: string }>) => state.turns.map((turn) => turn.id).join(' ');
const start: Branched<{ id: string }> = { turns: [t('a'), t('b'), t('c')], forks: [] };

describe('conversation branches', () => {
  it('a fork at turn k follows the new tail and keeps the old one as branch 1 of 2', () => {
    const forked = forkAt(start, 1, [t('b2')]);
    expect(ids(forked)).toBe('a b2');
    expect(branchAt(forked, 1)).toEqual({ position: 1, count: 2 });
    expect(branchAt(forked, 0)).toBeUndefined();
    expect(forked.forks).toEqual([{ parentId: 'a', position: 1, others: [[t('b'), t('c')]] }]);
  });

  it('switching goes back to the original with its later turns, and forward again', () => {
    const forked = forkAt(start, 1, [t('b2')]);
    const back = switchBranch(forked, 1, -1);
    expect(ids(back)).toBe('a b c');
    expect(branchAt(back, 1)).toEqual({ position: 0, count: 2 });
    const again = switchBranch(back, 1, 1);
    expect(ids(again)).toBe('a b2');
    expect(again).toEqual(forked);
    expect(() => switchBranch(again, 1, 1)).toThrow(RangeError);
    expect(() => switchBranch(start, 1, 1)).toThrow(/no other branch/);
  });

  it('a fork at the very start and a second fork at the same point add branches in order', () => {
    const once = forkAt(start, 0, [t('x')]);
    const twice = forkAt(once, 0, [t('y')]);
    expect(ids(twice)).toBe('y');
    expect(branchAt(twice, 0)).toEqual({ position: 2, count: 3 });
    expect(ids(switchBranch(twice, 0, -2))).toBe('a b c');
    expect(ids(switchBranch(twice, 0, -1))).toBe('x');
  });

  it('a fork inside a branch set aside comes back with it', () => {
    const inner = forkAt(start, 2, [t('c2')]);
    const outer = forkAt(inner, 1, [t('b2')]);
    const back = switchBranch(outer, 1, -1);
    expect(ids(back)).toBe('a b c2');
    expect(branchAt(back, 2)).toEqual({ position: 1, count: 2 });
    expect(ids(switchBranch(back, 2, -1))).toBe('a b c');
  });

  it('an inserted turn joins the shared part: the fork after it keeps its branches; removing it undoes that', () => {
    const forked = forkAt(start, 1, [t('b2')]);
    const inserted = insertTurn(forked, 1, t('ex'));
    expect(ids(inserted)).toBe('a ex b2');
    expect(branchAt(inserted, 2)).toEqual({ position: 1, count: 2 });
    expect(ids(switchBranch(inserted, 2, -1))).toBe('a ex b c');
    const removed = removeTurn(inserted, 1);
    expect(removed).toEqual(forked);
    expect(ids(insertTurn(start, 3, t('end')))).toBe('a b c end');
  });

  it('removing a turn that was itself forked after merges its branches into the fork before it', () => {
    const withExample = forkAt(insertTurn(start, 0, t('ex')), 0, [t('ex2'), t('a2')]);
    // ex2 is followed; its own fork after it holds an alternative to a2.
    const nested = forkAt(withExample, 1, [t('a3')]);
    const removed = removeTurn(nested, 0);
    expect(ids(removed)).toBe('a3');
    expect(branchAt(removed, 0)).toEqual({ position: 1, count: 3 });
  });

  it('refuses turns that are not there', () => {
    expect(() => forkAt(start, 3, [t('z')])).toThrow(RangeError);
    expect(() => forkAt(start, 1, [])).toThrow(/at least one turn/);
    expect(() => removeTurn(start, -1)).toThrow(RangeError);
  });
});
