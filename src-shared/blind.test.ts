import { describe, expect, it } from 'vitest';
import { blindPairs, pairKey, shufflePairs, winRates, type RatablePane } from './blind';
import type { Rating } from './session';
import { wilsonInterval } from './stats';

const turn = (prompt: string, text: string, samples?: string[], status = 'done') => ({
  input: { text: prompt },
  status,
  text,
  ...(samples ? { samples: samples.map((t) => ({ status: t === '' ? 'failed' : 'done', text: t })) } : {}),
});

const PANES: RatablePane[] = [
  { id: 'p1', label: 'T=0', turns: [turn('Hi', 'a1', ['a1.0', 'a1.1']), turn('More', 'a2')] },
  { id: 'p2', label: 'T=1', turns: [turn('Hi', 'b1', ['b1.0', '']), turn('Other prompt', 'b2')] },
  { id: 'p3', label: 'T=2', turns: [turn('Hi', '', undefined, 'failed')] },
];

const rating = (a: string, b: string, winner: Rating['winner'], extra: Partial<Rating> = {}): Rating => ({
  id: `r-${a}-${b}-${winner}`,
  at: '2026-11-27T00:00:00.000Z',
  turn: 0,
  a: { paneId: a, label: `label ${a}` },
  b: { paneId: b, label: `label ${b}` },
  winner,
  ...extra,
});

describe('blindPairs', () => {
  it('pairs finished answers to the same prompt, and same-numbered finished samples', () => {
    const pairs = blindPairs(PANES, []);
    expect(pairs.map((p) => [p.turn, p.sample, p.a.text, p.b.text])).toEqual([
      [0, undefined, 'a1', 'b1'],
      [0, 0, 'a1.0', 'b1.0'],
    ]);
    // Turn 2 differs in its prompt; pane 3 failed; sample 1 of pane 2 failed.
    expect(pairs[0]).toMatchObject({ prompt: 'Hi', a: { paneId: 'p1', label: 'T=0' }, b: { paneId: 'p2', label: 'T=1' } });
  });

  it('leaves out pairs already rated, whichever side each answer was on', () => {
    const pairs = blindPairs(PANES, [rating('p2', 'p1', 'a')]);
    expect(pairs.map((p) => p.key)).toEqual([pairKey(0, 0, 'p1', 'p2')]);
  });
});

describe('shufflePairs', () => {
  it('keeps every pair, reorders them, and swaps sides when the coin says so', () => {
    const pairs = blindPairs(PANES, []);
    const draws = [0, 0.9, 0.1];
    const shuffled = shufflePairs(pairs, () => draws.shift() ?? 0);
    // i=1: j=floor(0·2)=0 → swap the two; then pair 1 keeps its sides (0.9), pair 2 is swapped (0.1).
    expect(shuffled.map((p) => p.key)).toEqual([pairs[1]!.key, pairs[0]!.key]);
    expect(shuffled[0]!.a.paneId).toBe('p1');
    expect(shuffled[1]!.a.paneId).toBe('p2');
    expect(shufflePairs([], Math.random)).toEqual([]);
  });
});

describe('winRates', () => {
  it('counts wins, losses and half ties per pane, with a Wilson interval, best first', () => {
    const ratings = [
      rating('p1', 'p2', 'a'),
      rating('p1', 'p2', 'a', { sample: 0 }),
      rating('p2', 'p1', 'b', { sample: 1 }),
      rating('p1', 'p2', 'tie', { turn: 1 }),
    ];
    const rates = winRates(ratings, new Map([['p1', 'Renamed']]));
    expect(rates.map((r) => [r.paneId, r.label, r.wins, r.losses, r.ties, r.n])).toEqual([
      ['p1', 'Renamed', 3, 0, 1, 4],
      ['p2', 'label p2', 0, 3, 1, 4],
    ]);
    expect(rates[0]!.rate).toEqual(wilsonInterval(3.5, 4));
    expect(rates[1]!.rate.rate).toBe(0.125);
    expect(rates[0]!.rate.low).toBeGreaterThan(0.3);
    expect(rates[0]!.rate.high).toBe(Math.min(1, wilsonInterval(3.5, 4)!.high));
  });

  it('is empty without ratings', () => {
    expect(winRates([])).toEqual([]);
  });
});
