import { describe, expect, it } from 'vitest';
import { blindPairs, pairKey, shufflePairs, type BlindPair, type RatablePane } from './blind';
import { blindVerdict, confidenceSequence, detectableWinRate, planSize, rulesOutHalf, samplePlan } from './blind-plan';
import { seededRandom } from './random';
import type { Rating } from './session';
import { wilsonInterval } from './stats';

/** k panes that all answered `turns` prompts, each with `samples` repeats: k(k−1)/2 · turns · (1 + samples) pairs. */
function panes(k: number, turns: number, samples: number): RatablePane[] {
  return Array.from({ length: k }, (_, p) => ({
    id: `p${p}`,
    label: `config ${p}`,
    turns: Array.from({ length: turns }, (_, t) => ({
      id: `p${p}t${t}`,
      input: { text: `prompt ${t}` },
      status: 'done',
      text: `answer ${p}/${t}`,
      samples: Array.from({ length: samples }, (_, s) => ({ id: `p${p}t${t}s${s}`, status: 'done', text: `sample ${p}/${t}/${s}` })),
    })),
  }));
}

let ratingCount = 0;
const rate = (pair: BlindPair, winner: Rating['winner']): Rating => ({
  id: `r${++ratingCount}`,
  at: '2026-11-27T00:00:00.000Z',
  turn: pair.turn,
  a: { paneId: pair.a.paneId, label: pair.a.label, turnId: pair.a.turnId },
  b: { paneId: pair.b.paneId, label: pair.b.label, turnId: pair.b.turnId },
  winner,
});

/** The person's pick when the first-listed pane truly wins `strength` of the decided picks and `ties` of all picks are ties. */
function picker(random: () => number, strongId: string | undefined, strength: number, ties: number) {
  return (pair: BlindPair): Rating['winner'] => {
    if (random() < ties) return 'tie';
    const strongWins = random() < strength;
    if (strongId === undefined || (pair.a.paneId !== strongId && pair.b.paneId !== strongId)) return random() < 0.5 ? 'a' : 'b';
    return (pair.a.paneId === strongId) === strongWins ? 'a' : 'b';
  };
}

/** Runs one planned round, looking after every pick as the dialog does; what it ended with and after how many picks. */
function round(plan: BlindPair[], pick: (pair: BlindPair) => Rating['winner'], confidence = 0.95) {
  const ratings: Rating[] = [];
  for (let i = 0; i < plan.length; i++) {
    ratings.push(rate(plan[i]!, pick(plan[i]!)));
    const verdict = blindVerdict(ratings, { pairs: plan, at: i + 1 }, confidence);
    if (verdict.kind !== 'open') return { verdict, picks: i + 1 };
  }
  return { verdict: blindVerdict(ratings, { pairs: plan, at: plan.length }, confidence), picks: plan.length };
}

describe('the stop rule under equal configurations (seeded simulation)', () => {
  it('declares a leader between two equal configurations in at most 5 % of rounds at 95 %, looking after every pick', () => {
    const random = seededRandom(20261127);
    const pairs = blindPairs(panes(2, 12, 4), []); // 60 pairs
    const rounds = 2000;
    let decided = 0;
    let naive = 0;
    for (let r = 0; r < rounds; r++) {
      const plan = shufflePairs(pairs, random);
      const pick = picker(random, undefined, 0.5, 0.2);
      const outcomes = plan.map(pick);
      // The same picks judged by the fixed-sample Wilson interval checked after every pick: the rule this replaces.
      let score = 0;
      naive += outcomes.some((w, i) => {
        score += w === 'a' && plan[i]!.a.paneId === 'p0' ? 1 : w === 'b' && plan[i]!.b.paneId === 'p0' ? 1 : w === 'tie' ? 0.5 : 0;
        const interval = wilsonInterval(score, i + 1)!;
        return interval.low > 0.5 || interval.high < 0.5;
      })
        ? 1
        : 0;
      score = 0;
      decided += outcomes.some((w, i) => {
        score += w === 'a' && plan[i]!.a.paneId === 'p0' ? 1 : w === 'b' && plan[i]!.b.paneId === 'p0' ? 1 : w === 'tie' ? 0.5 : 0;
        return rulesOutHalf(score, i + 1, 0.05);
      })
        ? 1
        : 0;
    }
    console.info(`two equal configurations: decided in ${(decided / rounds) * 100} % of rounds; Wilson checked after every pick: ${(naive / rounds) * 100} %`);
    expect(decided / rounds).toBeLessThanOrEqual(0.05);
    // Checked after every pick, the Wilson interval would have declared a winner several times as often as it claims.
    expect(naive / rounds).toBeGreaterThan(0.15);
  });

  it('keeps the whole family at 5 % when the leader is picked from four equal configurations', () => {
    const random = seededRandom(7);
    const pairs = blindPairs(panes(4, 2, 4), []); // 6 matchups × 10 = 60 pairs
    const rounds = 200;
    let decided = 0;
    for (let r = 0; r < rounds; r++) {
      if (round(samplePlan(pairs, 60, random), picker(random, undefined, 0.5, 0.1)).verdict.kind === 'decided') decided++;
    }
    console.info(`four equal configurations: a leader declared in ${(decided / rounds) * 100} % of rounds`);
    expect(decided / rounds).toBeLessThanOrEqual(0.05);
  });
});

describe('the plan keeps its promise (seeded simulation)', () => {
  it('finds a configuration that wins 80 % within the planned pairs at least 8 times in 10, mostly before the end', () => {
    const size = planSize({ configurations: 2, winRate: 0.8, confidence: 0.95 })!;
    const random = seededRandom(42);
    const pairs = blindPairs(panes(2, 20, 4), []); // 100 pairs to draw from
    const rounds = 300;
    let found = 0;
    let picks = 0;
    for (let r = 0; r < rounds; r++) {
      const { verdict, picks: n } = round(samplePlan(pairs, size, random), picker(random, 'p1', 0.8, 0));
      if (verdict.kind === 'decided') {
        expect(verdict.leader.paneId).toBe('p1');
        found++;
      }
      picks += n;
    }
    console.info(`80 % winner: found in ${(found / rounds) * 100} % of rounds after ${picks / rounds} of ${size} picks on average`);
    expect(found / rounds).toBeGreaterThanOrEqual(0.8);
    expect(picks / rounds).toBeLessThan(size * 0.85);
  });
});

describe('confidenceSequence', () => {
  it('holds the estimate, reaches 0 and 1 only at 0 and n, and is wider than the fixed-sample Wilson interval', () => {
    const mid = confidenceSequence(30, 40, 0.05)!;
    const wilson = wilsonInterval(30, 40)!;
    expect(mid.rate).toBe(0.75);
    expect(mid.low).toBeLessThan(wilson.low);
    expect(mid.high).toBeGreaterThan(wilson.high);
    expect(mid.low).toBeGreaterThan(0.5); // 30 of 40 is decided
    expect(confidenceSequence(10, 10, 0.05)).toMatchObject({ rate: 1, high: 1 });
    expect(confidenceSequence(10, 10, 0.05)!.low).toBeGreaterThan(0.5);
    expect(confidenceSequence(0, 4, 0.05)).toMatchObject({ low: 0 });
    expect(confidenceSequence(0, 4, 0.05)!.high).toBeGreaterThan(0.5); // four losses decide nothing
    expect(confidenceSequence(1, 0, 0.05)).toBeUndefined();
    expect(() => confidenceSequence(5, 4, 0.05)).toThrow('5 successes out of 4 trials');
    expect(() => confidenceSequence(1, 4, 0)).toThrow('α is between 0 and 1');
  });

  it('agrees with the test at ½ on both sides of the boundary', () => {
    for (const n of [5, 12, 40]) {
      for (let s = 0; s <= n; s += 0.5) {
        const interval = confidenceSequence(s, n, 0.05)!;
        expect(interval.low > 0.5 || interval.high < 0.5).toBe(rulesOutHalf(s, n, 0.05));
      }
    }
  });
});

describe('blindVerdict', () => {
  const two = blindPairs(panes(2, 20, 0), []);
  const record = (pairs: BlindPair[], winners: Rating['winner'][]) => winners.map((w, i) => rate(pairs[i]!, w));

  it('names the leader once its interval is above 50 %', () => {
    const verdict = blindVerdict(record(two, Array(9).fill('a')), { pairs: two, at: 9 }, 0.95);
    expect(verdict.kind).toBe('decided');
    expect(verdict.kind === 'decided' && verdict.leader).toMatchObject({ paneId: 'p0', wins: 9, n: 9 });
  });

  it('stops for futility when the remaining pairs cannot decide it, and not before', () => {
    const even = record(two, ['a', 'b', 'a', 'b', 'tie', 'tie']);
    // 3 of 6, then winning all of 12 more, is 15 of 18: not enough; all of 13 more, 16 of 19, is.
    expect(blindVerdict(even, { pairs: two.slice(0, 18), at: 6 }, 0.95).kind).toBe('undecidable');
    expect(blindVerdict(even, { pairs: two.slice(0, 19), at: 6 }, 0.95).kind).toBe('open');
  });

  it('splits α over the configurations when the leader is picked from three or more', () => {
    // 8 wins of 8 rules out ½ at α = 5 % but not at 5 %/3.
    expect(rulesOutHalf(8, 8, 0.05)).toBe(true);
    expect(rulesOutHalf(8, 8, 0.05 / 3)).toBe(false);
    const three = blindPairs(panes(3, 10, 0), []);
    const rated = three.filter((p) => p.b.paneId === 'p1').slice(0, 8);
    const ratings = record(rated, Array(8).fill('a'));
    expect(blindVerdict(ratings, { pairs: rated, at: 8 }, 0.95).kind).toBe('decided');
    // The same picks with a third configuration in the plan: the leader is now one of three.
    const withThird = [...rated, ...three.filter((p) => p.a.paneId === 'p0' && p.b.paneId === 'p2').slice(0, 2)];
    expect(blindVerdict(ratings, { pairs: withThird, at: 8 }, 0.95).kind).toBe('open');
  });

  // A sweep with "replace": the old panes are gone but their ratings still count for the win-rate table.
  const renamed = (prefix: string) => panes(2, 20, 0).map((p) => ({ ...p, id: `${prefix}${p.id}`, label: `${prefix} ${p.label}` }));
  const gone = blindPairs(renamed('old'), []);
  const round = blindPairs(renamed('new'), []);
  const oldWins = record(gone, Array(12).fill('a'));

  it('does not name a leader from ratings outside the round, whose configurations are not being rated', () => {
    const plan = round.slice(0, 2);
    expect(blindVerdict(oldWins, { pairs: plan, at: 0 }, 0.95)).toEqual({ kind: 'undecidable', standings: [] });
    const verdict = blindVerdict([...oldWins, ...record(round, ['b'])], { pairs: plan, at: 1 }, 0.95);
    expect(verdict.kind).not.toBe('decided');
    expect(verdict.standings.map((s) => [s.paneId, s.n])).toEqual([['newp1', 1], ['newp0', 1]]);
  });

  it('splits α over the round’s configurations only, as the plan was sized', () => {
    // 8 of 8 decides between two configurations (k = 1) but not if the two gone ones made it one of four.
    expect(rulesOutHalf(8, 8, 0.05 / 4)).toBe(false);
    const verdict = blindVerdict([...oldWins, ...record(round, Array(8).fill('a'))], { pairs: round.slice(0, 10), at: 8 }, 0.95);
    expect(verdict.kind === 'decided' && verdict.leader).toMatchObject({ paneId: 'newp0', wins: 8, n: 8 });
  });
});

describe('planSize', () => {
  it('asks for more pairs for a smaller difference, more configurations or more confidence', () => {
    const size = (configurations: number, winRate: number, confidence = 0.95) => planSize({ configurations, winRate, confidence })!;
    expect(size(2, 0.9)).toBeLessThan(size(2, 0.8));
    expect(size(2, 0.8)).toBeLessThan(size(2, 0.7));
    expect(size(2, 0.8)).toBeLessThan(size(4, 0.8));
    expect(size(2, 0.8)).toBeLessThan(size(2, 0.8, 0.99));
    expect(planSize({ configurations: 2, winRate: 0.51, confidence: 0.95 })).toBeUndefined();
    expect(planSize({ configurations: 2, winRate: 0.8, confidence: 0.95, limit: 10 })).toBeUndefined();
  });

  it('refuses targets that are not a decision', () => {
    expect(() => planSize({ configurations: 2, winRate: 0.5, confidence: 0.95 })).toThrow('above 50 % and below 100 %');
    expect(() => planSize({ configurations: 1, winRate: 0.8, confidence: 0.95 })).toThrow('two or more');
    expect(() => planSize({ configurations: 2, winRate: 0.8, confidence: 1 })).toThrow('Confidence is between 0 and 1');
  });

  it('says what a smaller number of pairs can find', () => {
    const rate = detectableWinRate(2, 20, 0.95)!;
    expect(planSize({ configurations: 2, winRate: rate, confidence: 0.95 })).toBeLessThanOrEqual(20);
    expect(planSize({ configurations: 2, winRate: rate - 0.01, confidence: 0.95 })).toBeGreaterThan(20);
    expect(detectableWinRate(2, 3, 0.95)).toBeUndefined();
  });
});

describe('samplePlan', () => {
  // Six configurations, one prompt, five samples: 15 matchups × 6 answers = 90 pairs ("Pair 1 of 90").
  const pairs = blindPairs(panes(6, 1, 5), []);
  const tally = (plan: BlindPair[], by: (p: BlindPair) => string[]) => {
    const counts = new Map<string, number>();
    for (const p of plan) for (const key of by(p)) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...counts.values()];
  };

  it('spreads 20 pairs over every matchup, configuration and sample as evenly as they divide', () => {
    const plan = samplePlan(pairs, 20, seededRandom(1));
    expect(plan).toHaveLength(20);
    expect(new Set(plan.map((p) => pairKey(p.a, p.b))).size).toBe(20);
    const matchups = tally(plan, (p) => [[p.a.paneId, p.b.paneId].sort().join()]);
    expect(matchups).toHaveLength(15);
    expect(Math.max(...matchups) - Math.min(...matchups)).toBe(1);
    const configs = tally(plan, (p) => [p.a.paneId, p.b.paneId]);
    expect(configs.sort()).toEqual([6, 7, 7, 7, 7, 6].sort()); // 40 appearances over 6
    const samples = tally(plan, (p) => [String(p.sample ?? 'turn')]);
    expect(Math.max(...samples) - Math.min(...samples)).toBeLessThanOrEqual(1);
  });

  it('spreads over turns too, and deals the order and sides at random but repeatably from a seed', () => {
    const many = blindPairs(panes(2, 4, 2), []);
    const plan = samplePlan(many, 8, seededRandom(3));
    expect(tally(plan, (p) => [String(p.turn)])).toEqual([2, 2, 2, 2]);
    expect(samplePlan(many, 8, seededRandom(3))).toEqual(plan);
    expect(samplePlan(many, 8, seededRandom(4))).not.toEqual(plan);
    const left = samplePlan(many, 12, seededRandom(5)).filter((p) => p.a.paneId === 'p0').length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(12);
  });

  it('takes every pair when asked for more than there are', () => {
    expect(samplePlan(pairs, 500, seededRandom(9))).toHaveLength(90);
    expect(samplePlan([], 20, seededRandom(9))).toEqual([]);
  });
});
