import { describe, expect, it } from 'vitest';
import { blindPairs, currentRatings, shufflePairs, winRates, type RatablePane } from './blind';
import type { Rating } from './session';
import { wilsonInterval } from './stats';

const turn = (id: string, prompt: string, text: string, samples?: string[], status = 'done') => ({
  id,
  input: { text: prompt },
  status,
  text,
  ...(samples ? { samples: samples.map((t, i) => ({ id: `${id}.s${i}`, status: t === '' ? 'failed' : 'done', text: t })) } : {}),
});

const PANES: RatablePane[] = [
  { id: 'p1', label: 'T=0', turns: [turn('t1', 'Hi', 'a1', ['a1.0', 'a1.1']), turn('t2', 'More', 'a2')] },
  { id: 'p2', label: 'T=1', turns: [turn('u1', 'Hi', 'b1', ['b1.0', '']), turn('u2', 'Other prompt', 'b2')] },
  { id: 'p3', label: 'T=2', turns: [turn('v1', 'Hi', '', undefined, 'failed')] },
];

const side = (paneId: string, turnId: string, sampleId?: string) => ({ paneId, label: `label ${paneId}`, turnId, ...(sampleId ? { sampleId } : {}) });

const rating = (a: string, b: string, winner: Rating['winner'], extra: Partial<Rating> = {}): Rating => ({
  id: `r-${a}-${b}-${winner}-${extra.sample ?? ''}-${extra.turn ?? 0}`,
  at: '2026-11-27T00:00:00.000Z',
  turn: 0,
  a: side(a, `${a}-turn`),
  b: side(b, `${b}-turn`),
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
    expect(pairs[0]).toMatchObject({ prompt: 'Hi', a: { paneId: 'p1', label: 'T=0', turnId: 't1' }, b: { paneId: 'p2', label: 'T=1', turnId: 'u1' } });
    expect(pairs[1]).toMatchObject({ a: { turnId: 't1', sampleId: 't1.s0' }, b: { turnId: 'u1', sampleId: 'u1.s0' } });
  });

  it('leaves out pairs already rated, whichever side each answer was on, and offers new answers in the same place', () => {
    const rated: Rating = { ...rating('p2', 'p1', 'a'), a: side('p2', 'u1'), b: side('p1', 't1') };
    expect(blindPairs(PANES, [rated]).map((p) => [p.a.sampleId, p.b.sampleId])).toEqual([['t1.s0', 'u1.s0']]);
    // The prompt was edited and answered anew (new turn ids): the new answers are a new pair.
    const edited = PANES.map((p) => ({ ...p, turns: p.turns.map((t) => ({ ...t, id: `${t.id}-new` })) }));
    expect(blindPairs(edited, [rated])).toHaveLength(2);
  });

  it('a regenerated or edited answer in the same place is a new pair, and the verdict before no longer counts', () => {
    const [pair] = blindPairs(PANES, []);
    const rated: Rating = { ...rating('p1', 'p2', 'a'), a: { ...pair!.a, label: 'T=0' }, b: { ...pair!.b, label: 'T=1' } };
    expect(blindPairs(PANES, [rated])).toHaveLength(1);
    expect(currentRatings(PANES, [rated])).toEqual([rated]);

    const regenerated = PANES.map((p, i) => (i === 0 ? { ...p, turns: [{ ...p.turns[0]!, startedAt: '2026-11-28T00:00:00.000Z' }, ...p.turns.slice(1)] } : p));
    const edited = PANES.map((p, i) => (i === 1 ? { ...p, turns: [{ ...p.turns[0]!, text: 'b2' }, ...p.turns.slice(1)] } : p));
    for (const panes of [regenerated, edited]) {
      expect(blindPairs(panes, [rated]).map((p) => [p.turn, p.sample])).toEqual([[0, undefined], [0, 0]]);
      expect(currentRatings(panes, [rated])).toEqual([]);
    }
    // A pane removed since: its verdicts still count.
    expect(currentRatings([PANES[0]!], [rated])).toEqual([rated]);
  });

  it('a verdict on samples replaced by a later repeat run no longer counts, versioned or not', () => {
    const samplePair = blindPairs(PANES, []).find((p) => p.sample === 0)!;
    const rated: Rating = { ...rating('p1', 'p2', 'a', { sample: 0 }), a: samplePair.a, b: samplePair.b };
    const legacy: Rating = { ...rated, id: 'legacy', a: side('p1', 't1', 't1.s0'), b: side('p2', 'u1', 'u1.s0') };
    expect(currentRatings(PANES, [rated, legacy])).toEqual([rated, legacy]);
    // The second run gives its samples new ids; the first run's answers are no longer shown.
    const rerun = PANES.map((p) => ({ ...p, turns: p.turns.map((t) => ('samples' in t ? { ...t, samples: t.samples!.map((s) => ({ ...s, id: `${s.id}-run2` })) } : t)) }));
    expect(currentRatings(rerun, [rated, legacy])).toEqual([]);
    expect(blindPairs(rerun, [rated, legacy]).map((p) => p.a.sampleId)).toEqual([undefined, 't1.s0-run2']);
    // Regenerating the turn drops its samples: the same.
    const regenerated = PANES.map((p) => ({ ...p, turns: p.turns.map(({ samples: _, ...t }) => t) }));
    expect(currentRatings(regenerated, [rated, legacy])).toEqual([]);
    // The pane removed since: still counted, as for a turn's answer.
    expect(currentRatings([PANES[0]!], [rated, legacy])).toEqual([rated, legacy]);
  });

  it('a rating saved without answer versions still covers its places', () => {
    const legacy: Rating = { ...rating('p1', 'p2', 'a'), a: side('p1', 't1'), b: side('p2', 'u1') };
    expect(blindPairs(PANES, [legacy])).toHaveLength(1);
    expect(currentRatings(PANES, [legacy])).toEqual([legacy]);
  });

  it('does not pair answers to different images under the same text', () => {
    const withImages: RatablePane[] = [
      { id: 'p1', label: 'A', turns: [{ ...turn('t1', 'What is this?', 'a cat'), input: { text: 'What is this?', images: [{ sha256: 'aa' }] } }] },
      { id: 'p2', label: 'B', turns: [{ ...turn('u1', 'What is this?', 'a dog'), input: { text: 'What is this?', images: [{ sha256: 'bb' }] } }] },
    ];
    expect(blindPairs(withImages, [])).toEqual([]);
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
  });

  it('is empty without ratings', () => {
    expect(winRates([])).toEqual([]);
  });
});
