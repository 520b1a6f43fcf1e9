// Migrations: every earlier document version becomes a valid current Session; newer and broken ones are refused.
import { describe, expect, it } from 'vitest';
import { SESSION_VERSION, type Session } from './session';
import { SessionFormatError, documentVersion, migrateSession } from './session-migrations';

const AT = '2026-11-27T10:00:00.000Z';

/** A document as the first prototype wrote it (v0): no version, no historyMode, temperature as typed text. */
const V0 = {
  id: 's-old',
  title: 'Old session',
  createdAt: AT,
  updatedAt: AT,
  panes: [
    {
      id: 'p1',
      label: 'Warm',
      config: { model: 'gemini-2.5-flash', temperature: '0.7', thinkingLevel: 'low' },
      turns: [
        {
          id: 't1',
          input: { text: 'Hello' },
          config: { model: 'gemini-2.5-flash', temperature: '0.7' },
          status: 'done',
          text: 'Hi!',
          thought: '',
          steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Hi!' }] }],
          interactionId: 'v1_old',
          startedAt: AT,
        },
      ],
    },
    { id: 'p2', config: { model: 'gemini-2.5-flash', temperature: '' }, turns: [] },
    { id: 'p3', config: { model: 'gemini-2.5-flash', temperature: 'warm' }, turns: [] },
    { id: 'p4', config: { model: 'gemini-2.5-flash', temperature: 1 }, turns: [] },
  ],
};

describe('migrateSession', () => {
  it('v0 → v1: version and historyMode added, temperature text becomes a number or is dropped', () => {
    const session = migrateSession(structuredClone(V0));
    expect(session.version).toBe(SESSION_VERSION);
    expect(session.historyMode).toBe('server');
    expect(session.panes.map((p) => p.config.temperature)).toEqual([0.7, undefined, undefined, 1]);
    expect('temperature' in session.panes[1]!.config).toBe(false);
    expect(session.panes[0]!.turns[0]!.config).toEqual({ model: 'gemini-2.5-flash', temperature: 0.7 });
    // Everything else is kept as it was.
    expect(session.panes[0]!.turns[0]!).toMatchObject({ text: 'Hi!', interactionId: 'v1_old', steps: V0.panes[0]!.turns[0]!.steps });
    expect(session.panes[0]!.label).toBe('Warm');
  });

  it('v1 → … → v4: a v1 document (as the app wrote it before experiments) is kept whole, under the current version', () => {
    const v1 = {
      version: 1,
      id: 's-v1',
      title: 'Before experiments',
      createdAt: AT,
      updatedAt: AT,
      historyMode: 'stateless',
      panes: [{ id: 'p1', label: 'Warm', config: { model: 'gemini-3-flash-preview', temperature: 0.7 }, turns: V0.panes[0]!.turns.map((t) => ({ ...t, config: { model: 'gemini-3-flash-preview' } })) }],
    };
    const session = migrateSession(structuredClone(v1));
    expect(session).toEqual({ ...v1, version: SESSION_VERSION });
    expect(session.experiments).toBeUndefined();
    expect(session.panes[0]!.turns[0]!.samples).toBeUndefined();
  });

  it('v2 → v3 → v4: a v2 document (as the app wrote it before answers were capped) is kept whole, under the current version', () => {
    const v2 = {
      version: 2,
      id: 's-v2',
      title: 'Before the answer cap',
      createdAt: AT,
      updatedAt: AT,
      historyMode: 'server',
      panes: [
        {
          id: 'p1',
          config: { model: 'gemini-3-flash-preview' },
          turns: [
            {
              ...V0.panes[0]!.turns[0]!,
              config: { model: 'gemini-3-flash-preview' },
              samples: [{ id: 'x1', status: 'done', text: 'Hey', thought: '', config: { model: 'gemini-3-flash-preview' }, startedAt: AT }],
            },
          ],
        },
      ],
      experiments: { repeat: { runs: 2, concurrency: 1 } },
    };
    const session = migrateSession(structuredClone(v2));
    expect(session).toEqual({ ...v2, version: SESSION_VERSION });
    expect(session.panes[0]!.turns[0]!.truncatedAt).toBeUndefined();
  });

  it('v3 keeps where a turn or a sample was truncated; a v2 app would have refused the field, hence the version', () => {
    const current = migrateSession(structuredClone(V0));
    const turn = current.panes[0]!.turns[0]!;
    turn.truncatedAt = 200_000;
    turn.samples = [{ id: 'x1', status: 'done', text: 'a', thought: '', config: turn.config, startedAt: AT, truncatedAt: 200_000 }];
    expect(migrateSession(structuredClone(current))).toEqual(current);
    expect(() => migrateSession({ ...current, panes: [{ ...current.panes[0]!, turns: [{ ...turn, truncatedAt: 0 }] }] })).toThrow(/truncatedAt/);
  });

  it('v3 → v4: a v3 document (before tools) is kept whole; v4 keeps tools, schemas, mocks and image resolutions a v3 app would refuse', () => {
    const v3 = { ...migrateSession(structuredClone(V0)), version: 3 };
    const upgraded = migrateSession(structuredClone(v3));
    expect(upgraded).toEqual({ ...v3, version: SESSION_VERSION });
    const withTools = structuredClone(upgraded);
    withTools.panes[0]!.config = {
      model: 'gemini-3-flash-preview',
      googleSearch: true,
      functions: [{ name: 'get_weather', parameters: { type: 'object' }, mock: '{"temp":21}' }],
      autoMock: true,
      toolChoice: { mode: 'any', tools: ['get_weather'] },
      responseSchema: { type: 'object' },
      safetySettings: { harassment: 'block_none' },
      mcpServers: [{ name: 'docs', url: 'https://mcp.example.com/', headerNames: ['Authorization'] }],
      thinkingLevel: 'xhigh',
    };
    withTools.panes[0]!.turns[0]!.input.images = [{ sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'a.png', size: 3, resolution: 'ultra_high' }];
    expect(migrateSession(structuredClone(withTools))).toEqual(withTools);
    // A v3 app's strict schema refuses the new fields: hence the version.
    expect(() => migrateSession({ ...withTools, panes: [{ ...withTools.panes[0]!, config: { ...withTools.panes[0]!.config, tools: [] } }] })).toThrow(/tools/);
  });

  it('v4 → v5: a v4 document is kept whole; v5 keeps a test set (cases, assertions, results) a v4 app would refuse', () => {
    const v4 = { ...migrateSession(structuredClone(V0)), version: 4 };
    const upgraded = migrateSession(structuredClone(v4));
    expect(upgraded).toEqual({ ...v4, version: 6 });
    const withCases = structuredClone(upgraded);
    withCases.testSet = {
      variables: ['city'],
      prompt: 'Weather in {{city}}?',
      cases: [{ id: 'c1', values: { city: 'Oslo' }, expected: 'cold' }],
      assertions: [{ id: 'a1', type: 'contains', value: 'cold' }],
      results: [{ caseId: 'c1', paneId: 'p1', status: 'done', text: 'cold', checks: [{ assertionId: 'a1', pass: true }], at: AT }],
      serviceTier: 'flex',
    };
    expect(migrateSession(structuredClone(withCases))).toEqual(withCases);
    expect(() => migrateSession({ ...withCases, testSet: { ...withCases.testSet, variables: ['1bad'] } })).toThrow(/testSet/);
  });

  it('v5 → v6: a v5 document (with a test set) is kept whole, under version 6', () => {
    const v5 = { ...migrateSession(structuredClone(V0)), version: 5 };
    v5.testSet = { variables: ['city'], prompt: '{{city}}?', cases: [{ id: 'c1', values: { city: 'Oslo' } }], assertions: [], results: [] };
    expect(migrateSession(structuredClone(v5))).toEqual({ ...v5, version: 6 });
  });

  it('an explicit version 0 migrates the same way', () => {
    expect(migrateSession({ ...structuredClone(V0), version: 0 })).toEqual(migrateSession(structuredClone(V0)));
  });

  it('a v0 temperature out of range is a clear error after migration', () => {
    const bad = structuredClone(V0);
    bad.panes[0]!.config.temperature = '7';
    expect(() => migrateSession(bad)).toThrow(/panes\.0\.config\.temperature: Temperature is between 0 and 2/);
  });

  it('the current version passes through unchanged', () => {
    const current: Session = migrateSession(structuredClone(V0));
    expect(migrateSession(structuredClone(current))).toEqual(current);
  });

  it('refuses newer versions with kind "newer", and non-documents with kind "invalid"', () => {
    const newer = (() => {
      try {
        migrateSession({ ...migrateSession(structuredClone(V0)), version: SESSION_VERSION + 1 });
      } catch (e) {
        return e;
      }
    })();
    expect(newer).toBeInstanceOf(SessionFormatError);
    expect(newer).toMatchObject({ kind: 'newer', message: expect.stringContaining('newer version of the app') });
    for (const doc of [null, 'x', 42, [], { version: '1' }, { version: -1 }, { version: 1.5 }]) {
      expect(() => migrateSession(doc), JSON.stringify(doc)).toThrow(SessionFormatError);
    }
    expect(() => migrateSession({ version: 1 })).toThrow(/not valid/);
  });

  it('refuses a pane id, or a turn id within a pane, used twice (copied by hand): the window tells them apart by it', () => {
    const current = migrateSession(structuredClone(V0));
    const twoPanes = structuredClone(current);
    twoPanes.panes[1]!.id = 'p1';
    expect(() => migrateSession(twoPanes)).toThrow(/not valid: panes\.1\.id: another pane has the id “p1”/);
    const twoTurns = structuredClone(current);
    twoTurns.panes[0]!.turns.push({ ...twoTurns.panes[0]!.turns[0]!, text: 'Hi again!' });
    expect(() => migrateSession(twoTurns)).toThrow(/not valid: panes\.0\.turns\.1\.id: another turn of the pane has the id “t1”/);
    // Across panes a repeated turn id hides nothing: each pane lists its own turns.
    const sameTurnTwoPanes = structuredClone(current);
    sameTurnTwoPanes.panes[1]!.turns = [structuredClone(current.panes[0]!.turns[0]!)];
    expect(migrateSession(sameTurnTwoPanes).panes[1]!.turns[0]!.id).toBe('t1');
  });

  it('refuses a repeat sample, a test case or an assertion id used twice in its list: those lists are keyed by it too', () => {
    const current = migrateSession(structuredClone(V0));
    const turn = current.panes[0]!.turns[0]!;
    const sample = { id: 's1', status: 'done' as const, text: 'a', thought: '', config: turn.config, startedAt: AT };
    const samples = structuredClone(current);
    samples.panes[0]!.turns[0]!.samples = [sample, { ...sample, text: 'b' }];
    expect(() => migrateSession(samples)).toThrow(/not valid: panes\.0\.turns\.0\.samples\.1\.id: another repeat sample of the turn has the id “s1”/);
    const withSet = structuredClone(current);
    withSet.testSet = { variables: ['city'], prompt: '{{city}}', cases: [{ id: 'k1', values: { city: 'Paris' } }], assertions: [{ id: 'a1', type: 'is-json' }], results: [] };
    expect(migrateSession(structuredClone(withSet)).testSet?.cases).toHaveLength(1);
    const cases = structuredClone(withSet);
    cases.testSet!.cases.push({ id: 'k1', values: { city: 'Rome' } });
    expect(() => migrateSession(cases)).toThrow(/not valid: testSet\.cases\.1\.id: another test case has the id “k1”/);
    const assertions = structuredClone(withSet);
    assertions.testSet!.assertions.push({ id: 'a1', type: 'contains', value: 'x' });
    expect(() => migrateSession(assertions)).toThrow(/testSet\.assertions\.1\.id/);
    const own = structuredClone(withSet);
    own.testSet!.cases[0]!.assertions = [{ id: 'o1', type: 'is-json' }, { id: 'o1', type: 'is-json' }];
    expect(() => migrateSession(own)).toThrow(/testSet\.cases\.0\.assertions\.1\.id/);
  });

  it('reads the version a document claims', () => {
    expect(documentVersion({})).toBe(0);
    expect(documentVersion({ version: 1 })).toBe(1);
    expect(() => documentVersion({ version: 'one' })).toThrow(SessionFormatError);
  });
});
