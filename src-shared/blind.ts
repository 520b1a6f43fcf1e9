// Blind rating: which pairs of answers can be compared, in a shuffled order with sides at random, and
// the win rate of each configuration (pane) from the ratings, with a 95 % Wilson interval.
import type { Rating } from './session';
import { winRate, type Proportion } from './stats';

/** What a pane offers for rating; saved panes and live ones both fit. */
export interface RatablePane {
  id: string;
  label: string;
  turns: readonly {
    id: string;
    input: { text: string; images?: readonly { sha256: string }[] | undefined };
    status: string;
    text: string;
    samples?: readonly { id: string; status: string; text: string }[] | undefined;
  }[];
}

export interface BlindAnswer {
  paneId: string;
  label: string;
  text: string;
  turnId: string;
  sampleId?: string;
}

/** Two answers to the same prompt (text and images): a turn's answers, or the same-numbered samples of a repeat run. */
export interface BlindPair {
  key: string;
  turn: number;
  sample?: number;
  prompt: string;
  a: BlindAnswer;
  b: BlindAnswer;
}

type AnswerId = Pick<BlindAnswer, 'turnId' | 'sampleId'>;

/** By the answers themselves, order-free: A vs B and B vs A are one pair. */
export function pairKey(a: AnswerId, b: AnswerId): string {
  const [x, y] = [`${a.turnId}/${a.sampleId ?? ''}`, `${b.turnId}/${b.sampleId ?? ''}`].sort();
  return `${x}|${y}`;
}

export function ratingKey(rating: Rating): string {
  return pairKey(rating.a, rating.b);
}

const sameInput = (x: RatablePane['turns'][number], y: RatablePane['turns'][number]): boolean =>
  x.input.text === y.input.text &&
  (x.input.images ?? []).map((i) => i.sha256).join() === (y.input.images ?? []).map((i) => i.sha256).join();

const answered = (a: { status: string; text: string } | undefined): a is { status: string; text: string } =>
  a !== undefined && a.status === 'done' && a.text.trim() !== '';

/**
 * Every pair of finished answers from two panes to the same prompt (same turn, same text) that has no
 * rating yet: the turns' own answers, and sample i against sample i where both panes ran repeats.
 */
export function blindPairs(panes: readonly RatablePane[], ratings: readonly Rating[]): BlindPair[] {
  const rated = new Set(ratings.map(ratingKey));
  const pairs: BlindPair[] = [];
  const push = (turn: number, sample: number | undefined, prompt: string, a: BlindAnswer, b: BlindAnswer) => {
    const key = pairKey(a, b);
    if (!rated.has(key)) pairs.push({ key, turn, ...(sample !== undefined ? { sample } : {}), prompt, a, b });
  };
  const rounds = Math.max(0, ...panes.map((p) => p.turns.length));
  for (let turn = 0; turn < rounds; turn++) {
    for (let i = 0; i < panes.length; i++) {
      for (let j = i + 1; j < panes.length; j++) {
        const [p, q] = [panes[i]!, panes[j]!];
        const [x, y] = [p.turns[turn], q.turns[turn]];
        if (!x || !y || !sameInput(x, y)) continue;
        const answer = (pane: RatablePane, turnId: string, text: string, sampleId?: string): BlindAnswer => ({
          paneId: pane.id,
          label: pane.label,
          text,
          turnId,
          ...(sampleId !== undefined ? { sampleId } : {}),
        });
        if (answered(x) && answered(y)) push(turn, undefined, x.input.text, answer(p, x.id, x.text), answer(q, y.id, y.text));
        const samples = Math.min(x.samples?.length ?? 0, y.samples?.length ?? 0);
        for (let s = 0; s < samples; s++) {
          const [sx, sy] = [x.samples![s], y.samples![s]];
          if (answered(sx) && answered(sy)) push(turn, s, x.input.text, answer(p, x.id, sx.text, sx.id), answer(q, y.id, sy.text, sy.id));
        }
      }
    }
  }
  return pairs;
}

/** Fisher–Yates with the given source of randomness (0 ≤ r < 1), and each pair's sides at random. */
export function shufflePairs(pairs: readonly BlindPair[], random: () => number = Math.random): BlindPair[] {
  const out = [...pairs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.map((pair) => (random() < 0.5 ? { ...pair, a: pair.b, b: pair.a } : pair));
}

export interface WinRate {
  paneId: string;
  label: string;
  wins: number;
  losses: number;
  ties: number;
  /** Comparisons this configuration took part in. */
  n: number;
  /** Ties count half; 95 % Wilson interval. */
  rate: Proportion;
}

/**
 * Win rate of each pane over all its comparisons, best first. `labels` gives the current names; a pane
 * that is gone keeps the label it had when it was last rated.
 */
export function winRates(ratings: readonly Rating[], labels: ReadonlyMap<string, string> = new Map()): WinRate[] {
  const tallies = new Map<string, { label: string; wins: number; losses: number; ties: number }>();
  const tally = (side: Rating['a']) => {
    let t = tallies.get(side.paneId);
    if (!t) tallies.set(side.paneId, (t = { label: side.label, wins: 0, losses: 0, ties: 0 }));
    t.label = labels.get(side.paneId) ?? side.label;
    return t;
  };
  for (const rating of ratings) {
    const [a, b] = [tally(rating.a), tally(rating.b)];
    if (rating.winner === 'tie') {
      a.ties++;
      b.ties++;
    } else {
      const [won, lost] = rating.winner === 'a' ? [a, b] : [b, a];
      won.wins++;
      lost.losses++;
    }
  }
  return [...tallies.entries()]
    .map(([paneId, t]) => ({ paneId, ...t, n: t.wins + t.losses + t.ties, rate: winRate(t)! }))
    .sort((x, y) => y.rate.rate - x.rate.rate || y.n - x.n || x.label.localeCompare(y.label));
}
