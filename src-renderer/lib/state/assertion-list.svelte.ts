// A list of assertions as the assertions editor edits it: the test set's own (every case), or one case's (after the
// set's). Both are edited by the same component, so a case's checks are validated and shown as the set's are.
import { MAX_ASSERTIONS, type AssertionType } from '../../../src-shared/eval/constants';
import type { Assertion } from '../../../src-shared/eval/test-set';
import { newId } from './ids';

export interface AssertionList {
  /** Edited in place by the editor's fields; `edited()` follows each such edit. */
  readonly items: Assertion[];
  readonly full: boolean;
  add(type: AssertionType): void;
  /** Another type keeps the id (cells' checks stay linked) and takes that type's fields. */
  setType(id: string, type: AssertionType): void;
  remove(id: string): void;
  /** A field of an item changed in place. */
  edited(): void;
}

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
 * One case's assertions: a copy edited here, handed back whole (`onChange`) after every change, since the cases
 * themselves are replaced rather than changed in place.
 */
export class CaseAssertionList implements AssertionList {
  items = $state<Assertion[]>([]);
  readonly #onChange: (items: Assertion[]) => void;

  constructor(initial: readonly Assertion[], onChange: (items: Assertion[]) => void) {
    this.items = structuredClone([...initial]);
    this.#onChange = onChange;
  }

  get full(): boolean {
    return this.items.length >= MAX_ASSERTIONS;
  }

  add(type: AssertionType): void {
    if (this.full) return;
    this.items.push(newAssertion(type));
    this.edited();
  }

  setType(id: string, type: AssertionType): void {
    const index = this.items.findIndex((a) => a.id === id);
    if (index < 0) return;
    this.items[index] = newAssertion(type, id);
    this.edited();
  }

  remove(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
    this.edited();
  }

  edited(): void {
    this.#onChange($state.snapshot(this.items) as Assertion[]);
  }
}
