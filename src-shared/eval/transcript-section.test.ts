// A session's transcript carries its test set's summary: the pass rates the grid shows, per pane.
import { describe, expect, it } from 'vitest';
import type { Session } from '../session';
import { transcriptMarkdown } from '../transcript';

const AT = '2026-01-01T00:00:00.000Z';
const cell = (caseId: string, paneId: string, text: string, latencyMs: number) => ({ caseId, paneId, status: 'done' as const, text, latencyMs, inputTokens: 10, outputTokens: 5, at: AT });

function session(): Session {
  return {
    version: 6,
    id: 's',
    title: 'Cities',
    createdAt: AT,
    updatedAt: AT,
    historyMode: 'server',
    panes: [
      { id: 'p1', config: { model: 'gemini-3-flash-preview', temperature: 0.2 }, turns: [] },
      { id: 'p2', config: { model: 'gemini-3-flash-preview', temperature: 1 }, turns: [] },
    ],
    testSet: {
      variables: ['city'],
      prompt: 'Weather in {{city}}?',
      cases: [
        { id: 'c1', values: { city: 'Oslo' } },
        { id: 'c2', values: { city: 'Rome' } },
      ],
      assertions: [{ id: 'a1', type: 'contains', value: 'sun' }],
      results: [
        { ...cell('c1', 'p1', 'sun', 1000), checks: [{ assertionId: 'a1', pass: true }] },
        { ...cell('c2', 'p1', 'rain', 3000), checks: [{ assertionId: 'a1', pass: false, reason: 'no sun' }] },
        // A hand mark overrides the checks.
        { ...cell('c1', 'p2', 'rain', 2000), checks: [{ assertionId: 'a1', pass: false }], manual: 'pass' },
      ],
      serviceTier: 'flex',
    },
  };
}

describe('the transcript of a session with a test set', () => {
  it('lists the template, the assertions and each pane’s pass rate, interval, latency and tokens', () => {
    const md = transcriptMarkdown(session());
    expect(md).toContain('## Test cases');
    expect(md).toContain('_2 cases · service tier flex;');
    expect(md).toContain('> Weather in {{city}}?');
    expect(md).toMatch(/- contains .*sun/);
    expect(md).toContain('| T=0.2 | 1 / 2 | 50 % | 9 % – 91 % | 0 | 2.0 s | 20 / 10 |');
    expect(md).toContain('| T=1 | 1 / 1 | 100 % | 21 % – 100 % | 0 | 2.0 s | 10 / 5 |');
  });

  it('says nothing of a test set that never ran, nor in one pane’s transcript', () => {
    const fresh = session();
    fresh.testSet!.results = [];
    expect(transcriptMarkdown(fresh)).not.toContain('## Test cases');
    expect(transcriptMarkdown(session(), 0)).not.toContain('## Test cases');
  });
});
