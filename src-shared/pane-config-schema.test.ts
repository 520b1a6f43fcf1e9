// Stored configs keep what the form once allowed; a config main is asked to send is held to what the API takes.
import { describe, expect, it } from 'vitest';
import { inflightSchema } from '../src-main/core/sessions/inflight-recovery';
import { ARG_SCHEMAS, describeIssue } from './schemas';
import { sessionSchema } from './session';

const stops = (n: number) => Array.from({ length: n }, (_, i) => `STOP${i}`);
const config = (n: number) => ({ model: 'gemini-3-flash-preview', stopSequences: stops(n) });
const start = (n: number) => ({ input: { text: 'Hi' }, panes: [{ requestId: 'req-1', paneId: 'pane-1', config: config(n) }] });

describe('the start request and stored configs', () => {
  it('refuses a start with 6 stop sequences, saying the limit, and takes 5', () => {
    const refused = ARG_SCHEMAS.start.safeParse(start(6));
    expect(refused.success).toBe(false);
    if (!refused.success) expect(describeIssue(refused.error)).toBe('panes.0.config.stopSequences: At most 5 stop sequences: the API takes no more');
    expect(ARG_SCHEMAS.start.safeParse(start(5)).success).toBe(true);
  });

  it('keeps accepting 8 in a saved session, a session being saved and the in-flight journal', () => {
    const turn = { id: 't1', input: { text: 'Hi' }, config: config(8), status: 'done', text: '', thought: '', steps: [], startedAt: '2026-12-01T10:00:00.000Z' };
    const session = {
      version: 6,
      id: 's1',
      title: '',
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      historyMode: 'server',
      panes: [{ id: 'pane-1', config: config(8), turns: [turn] }],
    };
    expect(sessionSchema.safeParse(session).success).toBe(true);
    expect(ARG_SCHEMAS.saveSession.safeParse({ session }).success).toBe(true);
    const journal = {
      format: 'gemini-playground-inflight',
      version: 1,
      requestId: 'req-1',
      sessionId: 's1',
      paneId: 'pane-1',
      turnId: 't1',
      historyMode: 'server',
      input: { text: 'Hi' },
      config: config(8),
      startedAt: '2026-12-01T10:00:00.000Z',
      writtenAt: '2026-12-01T10:00:00.000Z',
      text: '',
      thought: '',
      steps: [],
    };
    expect(inflightSchema.safeParse(journal).success).toBe(true);
  });
});
