import { describe, expect, it } from 'vitest';
import { sessionSchema, type Session } from './session';

const session: Session = {
  version: 1,
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

  it('refuses wrong versions, types and extra fields', () => {
    expect(sessionSchema.safeParse({ ...session, version: 2 }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...session, extra: 1 }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...session, panes: [] }).success).toBe(false);
    const badTurn = structuredClone(session);
    (badTurn.panes[0]!.turns[0] as { status: string }).status = 'streaming';
    expect(sessionSchema.safeParse(badTurn).success).toBe(false);
  });
});
