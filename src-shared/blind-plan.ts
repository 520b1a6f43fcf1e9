// A plan for blind rating: how many pairs to rate for a decision, which ones (balanced across the
// configurations, turns and samples, in a random order with sides at random), and when to stop early.
//
// Why not stop when the Wilson interval leaves 50 %: the person looks after every pick, and a
// fixed-sample interval checked after every pick declares a leader between two equal configurations far
// more often than its 5 % (the simulation in blind-plan.test.ts shows it). The stop rule here uses an
// anytime-valid confidence sequence instead (Robbins' method of mixtures; Howard et al., "Time-uniform,
// nonparametric, nonasymptotic confidence sequences", Ann. Statist. 2021): for each rate p₀ the mixture
//   M_n(p₀) = mean over q of Π (q/p₀)^xᵢ ((1−q)/(1−p₀))^(1−xᵢ),   xᵢ ∈ {0, ½, 1} (a tie counts half),
// is a non-negative supermartingale when the true rate is p₀ (each factor is convex in xᵢ, so its mean
// is at most 1 for any outcome in [0, 1] with mean p₀), and by Ville's inequality it ever reaches 1/α
// with probability at most α — however often one looks and whenever one stops. The interval is the set
// of p₀ where it has not. With several configurations the leader is chosen after the fact, so each
// configuration's interval is at level α/k (Bonferroni; with two, their rates are one rate seen from
// both sides, so k = 1). Stopping because the remaining pairs cannot decide (futility) only ever
// declares less, so it needs no correction.
import { shufflePairs, winRates, type BlindPair, type WinRate } from './blind';
import type { Rating } from './session';
import type { Proportion } from './stats';

/** The mixing distribution over the true win rate q: a uniform grid on (0, 1). Validity does not depend on it; it only trades early power for late. */
const GRID = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

const LOG_Q = GRID.map(Math.log);
const LOG_1Q = GRID.map((q) => Math.log(1 - q));

const xlog = (x: number, p: number): number => (x === 0 ? 0 : x * Math.log(p));

/** log of mean over q of q^s (1−q)^(n−s). */
function logMixture(successes: number, trials: number): number {
  const failures = trials - successes;
  let max = -Infinity;
  const terms = GRID.map((_, i) => {
    const t = (successes === 0 ? 0 : successes * LOG_Q[i]!) + (failures === 0 ? 0 : failures * LOG_1Q[i]!);
    max = Math.max(max, t);
    return t;
  });
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return max + Math.log(sum / GRID.length);
}

/** log M_n(p₀) for s successes (ties as halves) in n trials. */
function logEvidence(logMix: number, successes: number, trials: number, p0: number): number {
  return logMix - xlog(successes, p0) - xlog(trials - successes, 1 - p0);
}

/** Whether s successes in n trials rule out a rate of ½ at level α (the rate's sequence has reached 1/α). */
export function rulesOutHalf(successes: number, trials: number, alpha: number): boolean {
  return trials > 0 && logEvidence(logMixture(successes, trials), successes, trials, 0.5) >= Math.log(1 / alpha);
}

/**
 * The anytime-valid (1 − α) confidence interval for a rate after s successes (ties as halves) in n
 * trials: the rates p₀ whose mixture has not reached 1/α. It is an interval because log M_n(p₀) is
 * convex in p₀ with its minimum at s/n. undefined for no trials.
 */
export function confidenceSequence(successes: number, trials: number, alpha: number): Proportion | undefined {
  if (!(trials > 0)) return undefined;
  if (successes < 0 || successes > trials) throw new RangeError(`${successes} successes out of ${trials} trials`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`α is between 0 and 1, not ${alpha}`);
  const rate = successes / trials;
  const logMix = logMixture(successes, trials);
  const limit = Math.log(1 / alpha);
  const inside = (p: number) => logEvidence(logMix, successes, trials, p) < limit;
  // Bisection between a point inside (the estimate) and a point outside (the edge, where the evidence is infinite).
  const edge = (from: number, to: number): number => {
    let [lo, hi] = [from, to];
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (inside(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  return {
    rate,
    low: successes === 0 ? 0 : edge(rate, 0),
    high: successes === trials ? 1 : edge(rate, 1),
  };
}

/** How many configurations the leader is picked from, for the Bonferroni split of α. */
export function comparisons(configurations: number): number {
  return configurations <= 2 ? 1 : configurations;
}

export interface Standing extends WinRate {
  /** Anytime-valid interval at level α/k. */
  interval: Proportion;
}

export type Verdict =
  /** A configuration's interval lies above 50 %: it wins more than half its comparisons. */
  | { kind: 'decided'; leader: Standing; standings: Standing[] }
  /** Not yet; the remaining pairs could still decide it. */
  | { kind: 'open'; standings: Standing[] }
  /** Even if one configuration won every remaining comparison it takes part in, none would be decided. */
  | { kind: 'undecidable'; standings: Standing[] };

/** A round of blind rating: its planned pairs, and how many of them are behind (rated or skipped). */
export interface Round {
  pairs: readonly BlindPair[];
  at: number;
}

/**
 * Where the round stands: the session's ratings in the order made, and the round's plan. Only ratings between
 * the round's configurations count (a sweep that replaced the panes leaves ratings of panes no longer there),
 * and α is split over those configurations, as the plan was sized. `confidence` is 1 − α for the whole decision.
 */
export function blindVerdict(all: readonly Rating[], round: Round, confidence: number, labels?: ReadonlyMap<string, string>): Verdict {
  const ids = new Set(round.pairs.flatMap((p) => [p.a.paneId, p.b.paneId]));
  const ratings = all.filter((r) => ids.has(r.a.paneId) && ids.has(r.b.paneId));
  const remaining = round.pairs.slice(round.at);
  const alpha = (1 - confidence) / comparisons(ids.size);
  const standings = winRates(ratings, labels).map((row) => ({ ...row, interval: confidenceSequence(row.wins + row.ties / 2, row.n, alpha)! }));
  const leader = standings.filter((s) => s.interval.low > 0.5).sort((x, y) => y.rate.rate - x.rate.rate)[0];
  if (leader) return { kind: 'decided', leader, standings };
  const ahead = (id: string) => remaining.filter((p) => p.a.paneId === id || p.b.paneId === id).length;
  const tally = new Map(standings.map((s) => [s.paneId, s]));
  const canDecide = [...ids].some((id) => {
    const s = tally.get(id);
    const more = ahead(id);
    const won = (s ? s.wins + s.ties / 2 : 0) + more;
    return rulesOutHalf(won, (s?.n ?? 0) + more, alpha) && won / ((s?.n ?? 0) + more) > 0.5;
  });
  return { kind: canDecide ? 'open' : 'undecidable', standings };
}

/** log of the binomial probability of exactly s successes in n trials at rate p, for s = 0…n. */
function logBinomial(n: number, p: number): number[] {
  const out = [n * Math.log(1 - p)];
  for (let s = 0; s < n; s++) out.push(out[s]! + Math.log((n - s) / (s + 1)) + Math.log(p / (1 - p)));
  return out;
}

export interface PlanTarget {
  /** Configurations being compared (2 or more). */
  configurations: number;
  /** The win rate (over 0.5) the plan should be able to detect, e.g. 0.75. */
  winRate: number;
  /** 1 − α for the whole decision, e.g. 0.95. */
  confidence: number;
  /** Chance of deciding when the leader really wins that often. */
  power?: number;
  /** Give up (undefined) beyond this many pairs. */
  limit?: number;
}

/** Above this the plan is not worth offering: say the target is too close to 50 % instead. */
export const MAX_PLAN_COMPARISONS = 2000;

/**
 * Pairs to rate so that a configuration that truly wins `winRate` of its comparisons is decided with
 * probability `power` (ties left out, which only makes it surer). Counted at the last pick, so stopping
 * early, which can only decide sooner, keeps the promise. Each pair rates two configurations, so a
 * configuration takes part in 2/k of them. undefined when more than MAX_PLAN_COMPARISONS would be needed.
 */
export function planSize({ configurations, winRate, confidence, power = 0.8, limit = Infinity }: PlanTarget): number | undefined {
  if (!(configurations >= 2)) throw new RangeError('Blind rating compares two or more configurations');
  if (!(winRate > 0.5 && winRate < 1)) throw new RangeError(`The target win rate is above 50 % and below 100 %, not ${winRate}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`Confidence is between 0 and 1, not ${confidence}`);
  const alpha = (1 - confidence) / comparisons(configurations);
  for (let n = 1, critical = 1; n <= MAX_PLAN_COMPARISONS && Math.ceil((n * configurations) / 2) <= limit; n++) {
    // The fewest wins out of n that decide; it never falls as n grows by one.
    while (critical <= n && !rulesOutHalf(critical, n, alpha)) critical++;
    if (critical > n) continue;
    const chance = logBinomial(n, winRate)
      .slice(critical)
      .reduce((sum, l) => sum + Math.exp(l), 0);
    if (chance >= power) return Math.ceil((n * configurations) / 2);
  }
  return undefined;
}

function lexicographicallyLess(x: readonly number[], y: readonly number[]): boolean {
  const i = x.findIndex((v, j) => v !== y[j]);
  return i !== -1 && x[i]! < y[i]!;
}

/** The smallest win rate (in whole percent) that `pairs` pairs would find with the given power; undefined when not even 99 %. */
export function detectableWinRate(configurations: number, pairs: number, confidence: number, power = 0.8): number | undefined {
  for (let percent = 51; percent <= 99; percent++) {
    if (planSize({ configurations, winRate: percent / 100, confidence, power, limit: pairs }) !== undefined) return percent / 100;
  }
  return undefined;
}

/** Which two configurations a pair compares, order-free. */
const matchup = (pair: BlindPair): string => [pair.a.paneId, pair.b.paneId].sort().join('\n');

/**
 * `size` of the pairs, spread as evenly as they allow: first over the pairs of configurations, then over
 * how often each configuration appears, then over turns, then over samples; among equals at random. The
 * chosen pairs come in a random order with sides at random (see shufflePairs).
 */
export function samplePlan(pairs: readonly BlindPair[], size: number, random: () => number = Math.random): BlindPair[] {
  const pool = shufflePairs(pairs, random).map((pair) => ({
    pair,
    keys: [`m:${matchup(pair)}`, `p:${pair.a.paneId}`, `p:${pair.b.paneId}`, `t:${pair.turn}`, `s:${pair.sample ?? -1}`],
  }));
  const counts = new Map<string, number>();
  const count = (key: string) => counts.get(key) ?? 0;
  const cost = ({ keys }: (typeof pool)[number]): number[] => {
    const [m, a, b, t, s] = keys.map(count);
    return [m!, Math.max(a!, b!), a! + b!, t!, s!];
  };
  const chosen: BlindPair[] = [];
  const taken = new Set<number>();
  while (chosen.length < Math.min(size, pool.length)) {
    let best = -1;
    let bestCost: number[] = [];
    pool.forEach((candidate, i) => {
      if (taken.has(i)) return;
      const c = cost(candidate);
      if (best === -1 || lexicographicallyLess(c, bestCost)) [best, bestCost] = [i, c];
    });
    taken.add(best);
    chosen.push(pool[best]!.pair);
    for (const key of pool[best]!.keys) counts.set(key, count(key) + 1);
  }
  return shufflePairs(chosen, random);
}
