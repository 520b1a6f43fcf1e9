// Comparing panes' latest answers: two chosen panes, or a baseline against each other pane.
import { RecentMap } from '../../../src-shared/recent-map';
import type { AnswerDiff, NoDiff } from '../answer-diff';
import { DIFF_TIMEOUT_MS, MAX_DIFF_CHARS, tooLargeToDiff } from '../diff-limits';
import { formatCount } from '../format';
import type { PaneState } from './pane.svelte';
import type { SessionState } from './session.svelte';
import type { TurnState } from './turn.svelte';

export type CompareMode = 'pair' | 'baseline';
/** One column with the words that differ marked, two columns block by block, or two columns rendered. */
export type CompareView = 'inline' | 'split' | 'rendered';

export type Comparison =
  | { left: PaneState; right: PaneState; state: 'missing' | 'pending' }
  /** Both answers are there, too long to diff word by word (diff-limits.ts): side by side still works. */
  | { left: PaneState; right: PaneState; state: 'too-large'; samePrompt: boolean; a: string; b: string }
  /**
   * Both answers are there, and the diff ran out of time; `cutShort`: the other comparisons had spent most of the
   * budget before it started, which says nothing of these answers.
   */
  | { left: PaneState; right: PaneState; state: 'stopped'; cutShort: boolean; samePrompt: boolean; a: string; b: string }
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

/** One pass over the comparisons: its budget runs from its first diff, so that diff has all of it. */
interface Pass {
  deadline?: number;
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
  /** The pane whose comparison was last asked to try again: a new object each time, so asking again recomputes. */
  #retry = $state.raw<{ paneId: string } | undefined>(undefined);
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
    const pass: Pass = {};
    const others = this.mode === 'pair' ? (this.right && this.right !== left ? [this.right] : []) : this.#session.panes.filter((p) => p !== left);
    // The one asked to try again goes first, so it has the whole budget whatever the others take.
    const ahead = others.find((p) => p.id === this.#retry?.paneId);
    const first = ahead && this.#compare(left, ahead, differ, pass);
    return others.map((p) => (p === ahead && first ? first : this.#compare(left, p, differ, pass)));
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

  /** Diffs a stopped comparison again, with the whole budget: what it last came to is forgotten. */
  tryAgain(right: PaneState): void {
    const a = this.left?.lastTurn;
    const b = right.lastTurn;
    if (a && b) this.#cache.delete(cacheKey(a, b));
    this.#retry = { paneId: right.id };
  }

  #compare(left: PaneState, right: PaneState, compareAnswers: Differ, pass: Pass): Comparison {
    const a = left.lastTurn;
    const b = right.lastTurn;
    if (!a || !b) return { left, right, state: 'missing' };
    if (a.active || b.active) return { left, right, state: 'pending' };
    const answers = { samePrompt: a.input.text === b.input.text, a: a.text, b: b.text };
    // Before the cache and the budget: answers this long are never handed to the diff, whatever time is left.
    if (tooLargeToDiff(a.text, b.text)) return { left, right, state: 'too-large', ...answers };
    const key = cacheKey(a, b);
    // Comparing the texts is cheap where hashing them into the key is not: an unchanged answer is the same string,
    // and an edited one differs early or in length.
    let cached = this.#cache.get(key);
    let cutShort = false;
    if (!cached || cached.a !== a.text || cached.b !== b.text) {
      const now = this.#now();
      pass.deadline ??= now + DIFF_BUDGET_MS;
      const timeoutMs = pass.deadline - now;
      const diff = timeoutMs >= 1 ? compareAnswers(a.text, b.text, timeoutMs) : 'stopped';
      cached = { a: a.text, b: b.text, diff };
      // Given under half a diff's time (the others spent it), giving up says little of these answers: they are tried
      // again next time rather than remembered as stopped. With more, it was their own doing (a real clock moves
      // a little between diffs, so "less than the whole budget" would blame the others for nearly every one).
      cutShort = timeoutMs < DIFF_BUDGET_MS / 2;
      if (diff !== 'stopped' || !cutShort) this.#cache.set(key, cached);
    }
    const diff = cached.diff;
    if (diff === 'stopped') return { left, right, state: 'stopped', cutShort, ...answers };
    if (diff === 'too-large') return { left, right, state: 'too-large', ...answers };
    return { left, right, state: 'ready', diff, ...answers };
  }
}

/** A turn and when it started: a retried answer keeps its turn's id. */
function cacheKey(a: TurnState, b: TurnState): string {
  return `${a.id}:${a.startedAt}|${b.id}:${b.startedAt}`;
}

const BUDGET = `${DIFF_BUDGET_MS / 1_000} s`;

/** What the view says where a comparison shows no word diff; '' where it shows one. */
export function comparisonNote(c: Comparison): string {
  switch (c.state) {
    case 'missing':
      return 'No answer to compare yet: send a prompt to both panes first.';
    case 'pending':
      return 'Waiting for both answers to finish…';
    case 'too-large':
      return `These answers are too long to diff word by word (over ${formatCount(MAX_DIFF_CHARS)} characters together): compare them side by side.`;
    case 'stopped':
      return c.cutShort
        ? `Not diffed: the other comparisons took most of the ${BUDGET} this view may spend diffing. Try again to diff these two first.`
        : `The word diff stopped after ${BUDGET}: these answers are too long and too different to diff quickly. Compare them side by side, or try again.`;
    default:
      return '';
  }
}
