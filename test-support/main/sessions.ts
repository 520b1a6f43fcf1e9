// Test support for the session store: sample documents (one with every field set) and temp data folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_VERSION, type Session } from '../../src-shared/session';
import type { InflightRecord } from '../../src-main/core/sessions/inflight-recovery';

export const AT = '2026-11-27T10:00:00.000Z';

/** Every optional field of every level set, so a round trip proves nothing is dropped. */
export function fullSession(id = 'full-1'): Session {
  return {
    version: SESSION_VERSION,
    id,
    title: 'Paws — a full session',
    createdAt: AT,
    updatedAt: AT,
    historyMode: 'stateless',
    panes: [
      {
        id: 'pane-a',
        label: 'Careful',
        config: {
          model: 'gemini-3-flash-preview',
          systemInstruction: 'Be brief.',
          temperature: 0.2,
          topP: 0.9,
          maxOutputTokens: 256,
          thinkingLevel: 'high',
          thinkingSummaries: true,
          stopSequences: ['END'],
          seed: 7,
        },
        turns: [
          {
            id: 'turn-1',
            input: { text: 'I have 2 dogs.', images: [{ sha256: 'b'.repeat(64), mimeType: 'image/png', name: 'dogs.png', size: 2048 }] },
            config: { model: 'gemini-3-flash-preview', temperature: 0.2 },
            status: 'done',
            text: 'Lovely! **Two** dogs.',
            thought: 'Counting dogs.\n\nSecond part.',
            steps: [
              { type: 'thought', signature: 'EqQB', summary: [{ type: 'text', text: 'Counting dogs.' }] },
              { type: 'model_output', content: [{ type: 'text', text: 'Lovely! **Two** dogs.' }] },
            ],
            interactionId: 'v1_A',
            finishStatus: 'completed',
            metrics: {
              totalMs: 812.5,
              timeToFirstTokenMs: 201.3,
              tokensPerSecond: 33.1,
              usage: { total_input_tokens: 8, total_output_tokens: 6, total_thought_tokens: 20, total_tokens: 34 },
            },
            startedAt: '2026-11-27T10:00:30.000Z',
          },
          {
            id: 'turn-2',
            input: { text: 'How many paws?' },
            config: { model: 'gemini-3-flash-preview' },
            status: 'failed',
            text: 'Eig',
            thought: '',
            steps: [],
            error: { code: 'RATE_LIMITED', message: 'Slow down', httpStatus: 429, retryable: true, retryAfterMs: 4000 },
            metrics: { totalMs: 90 },
            startedAt: '2026-11-27T10:01:00.000Z',
          },
        ],
      },
      {
        id: 'pane-b',
        config: { model: 'gemini-2.5-pro' },
        turns: [
          {
            id: 'turn-1b',
            input: { text: 'I have 2 dogs.' },
            config: { model: 'gemini-2.5-pro' },
            status: 'interrupted',
            text: 'Nice',
            thought: '',
            steps: [],
            error: { code: 'INTERRUPTED', message: 'The app closed while this answer was streaming.', retryable: true },
            startedAt: '2026-11-27T10:00:30.000Z',
          },
        ],
      },
    ],
  };
}

/** A small session: `prompts` become one turn each in a single pane. */
export function simpleSession(id: string, title: string, prompts: string[] = [], updatedAt = AT): Session {
  return {
    version: SESSION_VERSION,
    id,
    title,
    createdAt: AT,
    updatedAt,
    historyMode: 'server',
    panes: [
      {
        id: 'p1',
        config: { model: 'gemini-3-flash-preview' },
        turns: prompts.map((text, i) => ({
          id: `t${i + 1}`,
          input: { text },
          config: { model: 'gemini-3-flash-preview' },
          status: 'done' as const,
          text: `answer ${i + 1}`,
          thought: '',
          steps: [],
          startedAt: AT,
        })),
      },
    ],
  };
}

export function tempDir(prefix = 'pg-sessions-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A journal a previous run left behind: turn t2 of pane p1 of session s1, streaming when the app closed. */
export function inflightRecord(overrides: Partial<InflightRecord> = {}): InflightRecord {
  return {
    format: 'gemini-playground-inflight',
    version: 1,
    requestId: 'r1',
    sessionId: 's1',
    paneId: 'p1',
    turnId: 't2',
    historyMode: 'server',
    input: { text: 'Second question' },
    config: { model: 'gemini-3-flash-preview' },
    startedAt: '2026-11-27T10:05:00.000Z',
    writtenAt: '2026-11-27T10:05:03.000Z',
    text: 'Partial answer',
    thought: 'Thinking so far',
    steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Partial answer' }] }],
    ...overrides,
  };
}
