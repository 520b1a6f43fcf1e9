// A list of assertions as the assertions editor edits it: the test set's own (every case), or one case's (after the
// set's). Both are edited by the same component and the same operations, so a case's checks are validated, limited
// and shown as the set's are.
import { MAX_ASSERTIONS, type AssertionType } from '../../../src-shared/eval/constants';
import type { Assertion } from '../../../src-shared/eval/test-set';
import { newId } from './ids';

const ASSERTION_DEFAULTS: Record<AssertionType, Omit<Assertion, 'id' | 'type'>> = {
  contains: { value: '' },
  'not-contains': { value: '' },
  regex: { value: '', flags: '' },
  'equals-expected': {},
  'is-json': {},
  'matches-schema': {},
  length: { min: 0, max: 1000 },
  rubric: { value: '', judgeModel: '' },
};

/** A new assertion of `type` with that type's empty fields, under `id` (a fresh one by default). */
export function newAssertion(type: AssertionType, id = newId('check')): Assertion {
  return { id, type, ...structuredClone(ASSERTION_DEFAULTS[type]) };
}

/**
 * The same assertions under new ids, for a copied case: an id names one check. Sessions saved before this hold
 * copies sharing the original's ids, which the scorer tells apart by case (rescore.ts checkKey).
 */
export function withNewIds(items: readonly Assertion[]): Assertion[] {
  return items.map((a) => ({ ...a, id: newId('check') }));
}

/**
 * The operations the assertions editor needs, over an array kept elsewhere (`get` and `set`): the test set's own
 * assertions, or a copy of one case's that `set` also writes back into the case. The array `get` gives is deeply
 * reactive: the editor's fields edit its items in place, and `edited()` then hands it to `set`.
 */
export class AssertionList {
  readonly #get: () => Assertion[];
  readonly #set: (items: Assertion[]) => void;

  constructor(get: () => Assertion[], set: (items: Assertion[]) => void) {
    this.#get = get;
    this.#set = set;
  }

  get items(): Assertion[] {
    return this.#get();
  }

  get full(): boolean {
    return this.items.length >= MAX_ASSERTIONS;
  }

  /** The new assertion as the list holds it (reactive), or undefined when the list is full. */
  add(type: AssertionType = 'contains'): Assertion | undefined {
    if (this.full) return undefined;
    const items = this.items;
    items.push(newAssertion(type));
    this.#set(items);
    return items.at(-1);
  }

  /**
   * Another type keeps the id (the editor's row and focus stay) and takes that type's fields; the owner scores the
   * answers in again for the new definition (rescore.ts), so no verdict of the old type stays under it.
   */
  setType(id: string, type: AssertionType): void {
    const items = this.items;
    const index = items.findIndex((a) => a.id === id);
    if (index < 0) return;
    items[index] = newAssertion(type, id);
    this.#set(items);
  }

  remove(id: string): void {
    this.#set(this.items.filter((a) => a.id !== id));
  }

  /** A field of an item changed in place. */
  edited(): void {
    this.#set(this.items);
  }
}
