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
    startedAt?: string;
    samples?: readonly { id: string; status: string; text: string; startedAt?: string }[] | undefined;
  }[];
}

export interface BlindAnswer {
  paneId: string;
  label: string;
  text: string;
  turnId: string;
  sampleId?: string;
  /** Which answer in that place (see answerVersion). */
  answer: string;
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

type AnswerId = Pick<BlindAnswer, 'turnId' | 'sampleId'> & { answer?: string | undefined };

/**
 * The answer a turn or sample holds now: Regenerate keeps the turn's id but starts a new attempt, and an edit keeps
 * both but changes the text, so a verdict on the answer before is not one on this answer.
 */
export function answerVersion(answer: { text: string; startedAt?: string | undefined }): string {
  // FNV-1a: short and stable across saves; telling two answers in one place apart needs no more.
  let hash = 0x811c9dc5;
  for (let i = 0; i < answer.text.length; i++) hash = Math.imul(hash ^ answer.text.charCodeAt(i), 0x01000193);
  return `${answer.startedAt ?? ''}#${(hash >>> 0).toString(36)}`;
}

/** By the answers themselves, order-free: A vs B and B vs A are one pair. Without versions, by their places. */
export function pairKey(a: AnswerId, b: AnswerId, versioned = true): string {
  const id = (x: AnswerId) => `${x.turnId}/${x.sampleId ?? ''}${versioned ? `@${x.answer ?? ''}` : ''}`;
  const [x, y] = [id(a), id(b)].sort();
  return `${x}|${y}`;
}

/** Ratings saved before answers had versions name only the places; they still cover what is there now. */
function isVersioned(rating: Rating): boolean {
  return rating.a.answer !== undefined && rating.b.answer !== undefined;
}

function ratingKey(rating: Rating): string {
  return pairKey(rating.a, rating.b, isVersioned(rating));
}

/**
 * The ratings that still judge the answers there now: one whose turn or sample has since been regenerated or
 * edited no longer counts, nor one on a sample a later repeat run replaced (its turn is there, the sample is
 * not). A rating whose answer is gone (pane or turn removed) keeps counting, as before.
 */
export function currentRatings(panes: readonly Pick<RatablePane, 'turns'>[], ratings: readonly Rating[]): Rating[] {
  if (ratings.length === 0) return [];
  // Only the answers a versioned rating names are hashed: the others may be streaming, and hashing reads all their text.
  const named = new Set(ratings.flatMap((r) => [r.a, r.b]).filter((side) => side.answer !== undefined).map((side) => `${side.turnId}/${side.sampleId ?? ''}`));
  const now = new Map<string, string>();
  const turns = new Set<string>();
  const samples = new Set<string>();
  for (const pane of panes) {
    for (const turn of pane.turns) {
      turns.add(turn.id);
      if (named.has(`${turn.id}/`)) now.set(`${turn.id}/`, answerVersion(turn));
      for (const sample of turn.samples ?? []) {
        const place = `${turn.id}/${sample.id}`;
        samples.add(place);
        if (named.has(place)) now.set(place, answerVersion(sample));
      }
    }
  }
  const replaced = (side: Rating['a']) => side.sampleId !== undefined && turns.has(side.turnId) && !samples.has(`${side.turnId}/${side.sampleId}`);
  const holds = (side: Rating['a']) =>
    !replaced(side) && (side.answer === undefined || (now.get(`${side.turnId}/${side.sampleId ?? ''}`) ?? side.answer) === side.answer);
  return ratings.filter((r) => holds(r.a) && holds(r.b));
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
    if (!rated.has(key) && !rated.has(pairKey(a, b, false))) pairs.push({ key, turn, ...(sample !== undefined ? { sample } : {}), prompt, a, b });
  };
  const rounds = Math.max(0, ...panes.map((p) => p.turns.length));
  for (let turn = 0; turn < rounds; turn++) {
    for (let i = 0; i < panes.length; i++) {
      for (let j = i + 1; j < panes.length; j++) {
        const [p, q] = [panes[i]!, panes[j]!];
        const [x, y] = [p.turns[turn], q.turns[turn]];
        if (!x || !y || !sameInput(x, y)) continue;
        type Held = { text: string; startedAt?: string | undefined };
        const answer = (pane: RatablePane, turnId: string, held: Held, sampleId?: string): BlindAnswer => ({
          paneId: pane.id,
          label: pane.label,
          text: held.text,
          turnId,
          ...(sampleId !== undefined ? { sampleId } : {}),
          answer: answerVersion(held),
        });
        if (answered(x) && answered(y)) push(turn, undefined, x.input.text, answer(p, x.id, x), answer(q, y.id, y));
        const samples = Math.min(x.samples?.length ?? 0, y.samples?.length ?? 0);
        for (let s = 0; s < samples; s++) {
          const [sx, sy] = [x.samples![s], y.samples![s]];
          if (answered(sx) && answered(sy)) push(turn, s, x.input.text, answer(p, x.id, sx, sx.id), answer(q, y.id, sy, sy.id));
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
