import { describe, expect, it } from 'vitest';
import { SESSION_VERSION, sessionSchema, type Session } from './session';
import { migrateSession, SessionFormatError } from './session-migrations';

const session: Session = {
  version: SESSION_VERSION,
  id: 's1',
  title: 'Dogs',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:01:00.000Z',
  historyMode: 'server',
  panes: [
    {
      id: 'p1',
      config: { model: 'gemini-3-flash-preview', temperature: 0.2, thinkingLevel: 'high' },
      turns: [
        {
          id: 't1',
          input: { text: 'I have 2 dogs.' },
          config: { model: 'gemini-3-flash-preview', temperature: 0.2, thinkingLevel: 'high' },
          status: 'done',
          text: 'Nice!',
          thought: '',
          steps: [{ type: 'thought', signature: 'EqQB' }, { type: 'model_output', content: [{ type: 'text', text: 'Nice!' }] }],
          interactionId: 'v1_A',
          metrics: { totalMs: 800, timeToFirstTokenMs: 200, usage: { total_output_tokens: 3 } },
          startedAt: '2026-11-27T10:00:30.000Z',
        },
      ],
    },
  ],
};

describe('sessionSchema', () => {
  it('accepts a full session and keeps every field', () => {
    expect(sessionSchema.parse(structuredClone(session))).toEqual(session);
  });

  it('keeps the files in the prompt box, one for a pane only, and refuses one that is not a stored file', () => {
    const attached = [
      { sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'all.png', size: 3 },
      { sha256: 'b'.repeat(64), mimeType: 'application/pdf', name: 'one.pdf', size: 4, paneId: 'p1', resolution: 'high' as const },
    ];
    expect(sessionSchema.parse(structuredClone({ ...session, attached }))).toEqual({ ...session, attached });
    expect(sessionSchema.safeParse({ ...session, attached: [{ name: 'path.png', path: '/tmp/path.png' }] }).success).toBe(false);
  });

  it('refuses wrong versions, types and extra fields', () => {
    expect(sessionSchema.safeParse({ ...session, version: SESSION_VERSION + 1 }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...session, extra: 1 }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...session, panes: [] }).success).toBe(false);
    const badTurn = structuredClone(session);
    (badTurn.panes[0]!.turns[0] as { status: string }).status = 'streaming';
    expect(sessionSchema.safeParse(badTurn).success).toBe(false);
  });

  it('keeps why a refused turn\'s saved key could not be read, so it reads the same reopened, and nothing else in its place', () => {
    const refused = structuredClone(session);
    const turn = refused.panes[0]!.turns[0]!;
    Object.assign(turn, { status: 'failed', text: '', error: { code: 'NO_KEY', message: 'Your saved key…', retryable: false, keyUnreadable: 'other-keyring' } });
    expect(sessionSchema.parse(structuredClone(refused))).toEqual(refused);
    (turn.error as { keyUnreadable: string }).keyUnreadable = 'forgotten';
    expect(sessionSchema.safeParse(refused).success).toBe(false);
  });

  it('keeps experiments: the sweep, the repeat settings, ratings, and each turn\'s samples', () => {
    const withExperiments = structuredClone(session);
    const turn = withExperiments.panes[0]!.turns[0]!;
    turn.samples = [
      { id: 's1', status: 'done', text: 'One', thought: '', config: turn.config, startedAt: turn.startedAt, metrics: { totalMs: 500 } },
      { id: 's2', status: 'failed', text: '', thought: '', config: turn.config, startedAt: turn.startedAt, error: { code: 'RATE_LIMITED', message: 'Slow down', retryable: true } },
    ];
    withExperiments.experiments = {
      sweep: { base: { model: 'gemini-3-flash-preview' }, axes: { temperatures: [0.2], thinkingLevels: ['high'] }, paneIds: ['p1'], createdAt: turn.startedAt },
      repeat: { runs: 5, concurrency: 2 },
      ratings: [{ id: 'r1', at: turn.startedAt, turn: 0, sample: 1, a: { paneId: 'p1', label: 'T=0.2', turnId: 't1', sampleId: 's2' }, b: { paneId: 'p2', label: 'T=1', turnId: 't9' }, winner: 'tie' }],
    };
    expect(sessionSchema.parse(structuredClone(withExperiments))).toEqual(withExperiments);
    const tooMany = structuredClone(withExperiments);
    tooMany.panes[0]!.turns[0]!.samples = Array.from({ length: 11 }, () => turn.samples![0]!);
    expect(sessionSchema.safeParse(tooMany).success).toBe(false);
    const badWinner = structuredClone(withExperiments) as unknown as { experiments: { ratings: { winner: string }[] } };
    badWinner.experiments.ratings[0]!.winner = 'both';
    expect(sessionSchema.safeParse(badWinner).success).toBe(false);
    const badRuns = structuredClone(withExperiments);
    badRuns.experiments!.repeat = { runs: 11, concurrency: 1 };
    expect(sessionSchema.safeParse(badRuns).success).toBe(false);
  });

  it('opens a session saved with more stop sequences than the API takes (the form once allowed 16): the list is kept whole', () => {
    const eight = Array.from({ length: 8 }, (_, i) => `STOP${i}`);
    const saved = structuredClone(session);
    saved.panes[0]!.config.stopSequences = eight;
    saved.panes[0]!.turns[0]!.config.stopSequences = eight;
    const opened = migrateSession(JSON.parse(JSON.stringify(saved)));
    expect(opened.panes[0]!.config.stopSequences).toEqual(eight);
    expect(opened.panes[0]!.turns[0]!.config.stopSequences).toEqual(eight);
    // The saved bound is still a bound.
    saved.panes[0]!.config.stopSequences = Array.from({ length: 17 }, (_, i) => `STOP${i}`);
    expect(() => migrateSession(JSON.parse(JSON.stringify(saved)))).toThrow(SessionFormatError);
  });
});
