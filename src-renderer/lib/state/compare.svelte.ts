// Comparing panes' latest answers: two chosen panes, or a baseline against each other pane.
import { RecentMap } from '../../../src-shared/recent-map';
import type { AnswerDiff, NoDiff } from '../answer-diff';
import { DIFF_TIMEOUT_MS, tooLargeToDiff } from '../diff-limits';
import type { PaneState } from './pane.svelte';
import type { SessionState } from './session.svelte';

export type CompareMode = 'pair' | 'baseline';
/** One column with the words that differ marked, two columns block by block, or two columns rendered. */
export type CompareView = 'inline' | 'split' | 'rendered';

export type Comparison =
  | { left: PaneState; right: PaneState; state: 'missing' | 'pending' }
  /**
   * Both answers are there; `too-large`: too long to diff word by word, or too long and too different to diff in
   * the time there was (side by side still works).
   */
  | { left: PaneState; right: PaneState; state: 'too-large'; samePrompt: boolean; a: string; b: string }
  | { left: PaneState; right: PaneState; state: 'ready'; diff: AnswerDiff; samePrompt: boolean; a: string; b: string };

const CACHE_SIZE = 32;
/**
 * What one pass over the comparisons may spend diffing, all of them together: each diff runs on the window's
 * thread, and "baseline vs each" with six long answers would otherwise block it five times the limit of one.
 */
const DIFF_BUDGET_MS = DIFF_TIMEOUT_MS;

/** The texts a diff was made from: an answer edited in place keeps its turn and may keep its length. */
interface CachedDiff {
  a: string;
  b: string;
  diff: AnswerDiff | NoDiff;
}

type Differ = typeof import('../answer-diff').compareAnswers;
let differ: Promise<Differ> | undefined;

/** The diff library loads when a comparison is first shown, not with the first screen. */
function loadDiffer(): Promise<Differ> {
  return (differ ??= import('../answer-diff').then((module) => module.compareAnswers));
}

/** Seams for tests: the diff and the clock its time budget is read from. */
export interface CompareOptions {
  loadDiffer?: () => Promise<Differ>;
  now?: () => number;
}

export class CompareState {
  readonly #session: SessionState;
  readonly #loadDiffer: () => Promise<Differ>;
  readonly #now: () => number;
  #cache = new RecentMap<string, CachedDiff>(CACHE_SIZE);
  #compareAnswers = $state.raw<Differ | undefined>(undefined);
  open = $state(false);
  mode = $state<CompareMode>('pair');
  view = $state<CompareView>('inline');
  leftId = $state<string | undefined>(undefined);
  rightId = $state<string | undefined>(undefined);

  /** Falls back to the first pane when the chosen one was removed. */
  readonly left = $derived.by(() => this.#session.pane(this.leftId ?? '') ?? this.#session.panes[0]);
  /** Never the same pane as A: falls back to the first other pane when the chosen one is A or was removed. */
  readonly right = $derived.by(() => {
    const chosen = this.#session.pane(this.rightId ?? '');
    return chosen && chosen !== this.left ? chosen : this.#session.panes.find((p) => p !== this.left);
  });
  /**
   * Computed only while the view is open, and only from finished answers: a streaming answer is "pending"
   * and its text is not read, so deltas never cause a diff.
   */
  readonly comparisons = $derived.by((): Comparison[] => {
    if (!this.open || !this.left || !this.#compareAnswers) return [];
    const left = this.left;
    const differ = this.#compareAnswers;
    const deadline = this.#now() + DIFF_BUDGET_MS;
    if (this.mode === 'pair') return this.right && this.right !== left ? [this.#compare(left, this.right, differ, deadline)] : [];
    return this.#session.panes.filter((p) => p !== left).map((p) => this.#compare(left, p, differ, deadline));
  });

  constructor(session: SessionState, options: CompareOptions = {}) {
    this.#session = session;
    this.#loadDiffer = options.loadDiffer ?? loadDiffer;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Opens once the diff is at hand, so the view never shows an empty comparison first. */
  async show(): Promise<void> {
    this.#compareAnswers ??= await this.#loadDiffer();
    this.open = true;
  }

  /** A, swapping the sides when it is the pane B shows: choosing sides never leaves one pane against itself. */
  chooseLeft(id: string): void {
    if (id === this.right?.id && this.left) this.rightId = this.left.id;
    this.leftId = id;
  }

  close(): void {
    this.open = false;
  }

  #compare(left: PaneState, right: PaneState, compareAnswers: Differ, deadline: number): Comparison {
    const a = left.lastTurn;
    const b = right.lastTurn;
    if (!a || !b) return { left, right, state: 'missing' };
    if (a.active || b.active) return { left, right, state: 'pending' };
    const answers = { samePrompt: a.input.text === b.input.text, a: a.text, b: b.text };
    // Before the cache and the budget: answers this long are never handed to the diff, whatever time is left.
    if (tooLargeToDiff(a.text, b.text)) return { left, right, state: 'too-large', ...answers };
    const key = `${a.id}:${a.startedAt}|${b.id}:${b.startedAt}`;
    // Comparing the texts is cheap where hashing them into the key is not: an unchanged answer is the same string,
    // and an edited one differs early or in length.
    let cached = this.#cache.get(key);
    if (!cached || cached.a !== a.text || cached.b !== b.text) {
      const timeoutMs = Math.min(DIFF_BUDGET_MS, deadline - this.#now());
      const diff = timeoutMs >= 1 ? compareAnswers(a.text, b.text, timeoutMs) : 'stopped';
      cached = { a: a.text, b: b.text, diff };
      // Given less than a whole diff's time (the others spent it), giving up says nothing of these answers: they
      // are tried again next time rather than remembered as too large.
      if (diff !== 'stopped' || timeoutMs >= DIFF_BUDGET_MS) this.#cache.set(key, cached);
    }
    const diff = cached.diff;
    if (typeof diff === 'string') return { left, right, state: 'too-large', ...answers };
    return { left, right, state: 'ready', diff, ...answers };
  }
}
