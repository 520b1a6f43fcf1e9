// The test-set scripts run for real over a cases.jsonl, against the fake API whose answers the cases script
// ([[answer:…]], e2e/fake-api/README.md): JavaScript with @google/genai, Python with the real google-genai (or the
// stand-in where pip cannot get it), bash with curl and jq. Each request is what the app's test run sends for that
// case and pane, and each printed check is what the app decides of that answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRun, type ScriptLanguage, removeDir, runAgainstFake } from '../../e2e/export-runner';
import { scriptedAnswer } from '../../e2e/fake-api/scripted';
import { pythonSdk } from '../../e2e/python-sdk';
import type { Assertion, TestCase } from '../eval/test-set';
import type { PaneConfig } from '../domain';
import type { Session } from '../session';
import { derivePaneLabels } from '../pane-label';
import { appCells, cellsOf, checkLines, fakeAnswer } from '../../test-support/shared/export/suite-requests';
import { HOSTILE, HOSTILE_LABEL, HOSTILE_SYSTEM } from '../../test-support/shared/export/hostile';
import { pane, session } from '../../test-support/shared/export/sessions';
import { exportSuiteCode } from './suite';

const sdk = await pythonSdk();
if (sdk.python === undefined) it.skip(`python against the real google-genai (the stand-in ran instead): ${sdk.reason}`, () => {});

const RUNTIMES: { title: string; language: ScriptLanguage; python?: string }[] = [
  { title: 'javascript (@google/genai)', language: 'javascript' },
  sdk.python
    ? { title: `python (google-genai ${sdk.version})`, language: 'python', python: sdk.python }
    : { title: 'python (the stand-in: google-genai is not installed)', language: 'python' },
  { title: 'rest (curl + jq)', language: 'rest' },
];

const MCP_TOKEN = 'Bearer suite-token';
const ENV = { MCP_DOCS_AUTHORIZATION: MCP_TOKEN };

const PANES: { config: Partial<PaneConfig>; label?: string }[] = [
  // temperature and top_p go through extra_body in Python.
  { config: { temperature: 0.2, topP: 0.9, systemInstruction: `${HOSTILE_SYSTEM} Reply in {{lang}}.` } },
  // Blank once filled for some cases: then no system instruction is sent.
  { config: { model: 'gemini-2.5-pro', thinkingLevel: 'low', maxOutputTokens: 2000, googleSearch: true, systemInstruction: '{{persona}}' }, label: HOSTILE_LABEL },
  {
    config: {
      model: 'gemini-2.5-flash',
      responseSchema: { type: 'object', properties: { city: { type: 'string' } } },
      mcpServers: [{ name: 'docs', url: 'https://mcp.example.com/mcp', headerNames: ['Authorization'] }],
    },
  },
];

const ASSERTIONS: Assertion[] = [
  { id: 'a1', type: 'contains', value: 'Paris' },
  { id: 'a2', type: 'not-contains', value: 'sorry' },
  { id: 'a3', type: 'regex', value: '^par', flags: 'i' },
  { id: 'a4', type: 'equals-expected' },
  { id: 'a5', type: 'is-json' },
  { id: 'a6', type: 'length', max: 20 },
  { id: 'a7', type: 'rubric', value: 'Is polite', judgeModel: 'gemini-2.5-pro' },
  { id: 'a8', type: 'matches-schema' },
];

const CASES: TestCase[] = [
  { id: 'c1', values: { question: 'Capital of France? [[answer:Paris]]', lang: 'fr', persona: 'Be terse.' }, expected: 'Paris', notes: 'easy one' },
  // The panes with a search or an MCP server write a line before those steps: is-json reads the JSON after them.
  { id: 'c2', values: { question: 'JSON please [[json:{"city": "Paris", "list": [[1]]}]] [[say-first]]', lang: 'en', persona: ' \u00a0' }, expected: '{"city": "Paris"}' },
  {
    id: 'c3',
    values: { question: 'Say yes [[answer:"  Ja, sorry\\n"]] [[answer@gemini-2.5-pro:Jawohl]]', lang: 'de', persona: '' },
    expected: 'Ja, sorry',
    assertions: [
      { id: 'own1', type: 'contains', value: 'Ja' },
      { id: 'own2', type: 'rubric', value: 'Says yes', judgeModel: 'gemini-2.5-pro' },
    ],
  },
  // No persona at all: it fills as ''.
  { id: 'c4', values: { question: `${HOSTILE} [[answer:"\`\`\`json\\n[1, 2]\\n\`\`\`"]]`, lang: 'it' } },
  { id: 'c5', values: { question: 'Boom [[fault:http-400]]', lang: 'es', persona: 'x' } },
];

const SESSION: Session = {
  ...session(PANES.map((p) => pane(p.config, [], p.label))),
  testSet: {
    variables: ['question', 'lang', 'persona'],
    prompt: `Q: {{question}} in {{ lang }}. \\{{literal}} ${HOSTILE}`,
    cases: CASES,
    assertions: ASSERTIONS,
    results: [],
    serviceTier: 'flex',
  },
};

const FAILING_CASE = 5;

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const labels = derivePaneLabels(SESSION.panes.map((p) => p.config)).map((derived, i) => SESSION.panes[i]!.label ?? derived);
const cells = appCells(SESSION, ENV);
const headers = cells.map((cell) => `== Case ${cell.caseNumber} · ${labels[cell.paneIndex]} ==`);

describe('the scripted cases', () => {
  it('script answers that pass some checks and fail others, differ between panes, and fail one case', () => {
    const answers = cells.map((cell) => scriptedAnswer(cell.input, cell.config.model));
    expect(answers.slice(0, 3)).toEqual(['Paris', 'Paris', 'Paris']);
    expect(answers.slice(6, 9)).toEqual(['  Ja, sorry\n', 'Jawohl', '  Ja, sorry\n']);
    const lines = cells.filter((cell) => cell.caseNumber !== FAILING_CASE).flatMap((cell) => checkLines(fakeAnswer(cell), ASSERTIONS, cell.testCase));
    expect(lines.some((line) => line.startsWith('PASS'))).toBe(true);
    expect(lines.some((line) => line.startsWith('FAIL'))).toBe(true);
    // Case 2's JSON passes is-json in every pane, the two that wrote a line before their tools' steps too.
    const said = cells.filter((cell) => cell.caseNumber === 2).map(fakeAnswer);
    expect(said.map((a) => a.answerFrom !== undefined)).toEqual([false, true, true]);
    expect(said.map((a) => checkLines(a, ASSERTIONS, CASES[1]!).find((line) => line.endsWith('valid JSON')))).toEqual(['PASS  is valid JSON', 'PASS  is valid JSON', 'PASS  is valid JSON']);
  });
});

describe.each(RUNTIMES)('$title test-set script', ({ language, python }) => {
  let run: FakeRun;
  beforeAll(async () => {
    const { script, casesJsonl, fileNames } = exportSuiteCode(SESSION, language);
    run = await runAgainstFake(language, script, { [fileNames.cases]: base64(casesJsonl) }, false, python, ENV);
  }, 180_000);
  afterAll(() => removeDir(run.dir));

  it('runs every case through every pane', () => {
    expect(run.code, `exit code; stderr:\n${run.stderr}`).toBe(0);
    expect(run.bodies).toHaveLength(CASES.length * PANES.length);
  });

  it('sends what the app sends for each case and pane: values filled in, blank system instructions left out, the service tier', () => {
    expect(run.bodies).toEqual(cells.map((cell) => cell.body));
    // The oracle itself covers both sides of the blank rule.
    expect(cells[1]!.body.system_instruction).toBe('Be terse.');
    expect(cells[4]!.body).not.toHaveProperty('system_instruction');
  });

  it('prints each answer, then PASS or FAIL for each check as the app decides it; a failed request says so and the run goes on', () => {
    const printed = cellsOf(run.stdout, headers);
    cells.forEach((cell, i) => {
      if (cell.caseNumber === FAILING_CASE) {
        expect(printed[i]).toMatch(/^Request failed: .*400|^Request failed: .*INVALID_ARGUMENT/s);
        return;
      }
      const answer = fakeAnswer(cell);
      expect(printed[i], headers[i]).toBe([answer.text, ...checkLines(answer, ASSERTIONS, cell.testCase)].map((line) => `${line}\n`).join(''));
    });
  });
});

describe.each(RUNTIMES)('$title test-set script, given a malformed cases.jsonl', ({ language, python }) => {
  it('stops before any request, naming the line', async () => {
    const { script, fileNames } = exportSuiteCode(SESSION, language);
    const jsonl = '{"question": "fine"}\n\n{"question": 3}\n';
    const run = await runAgainstFake(language, script, { [fileNames.cases]: base64(jsonl) }, false, python, ENV);
    await removeDir(run.dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/line 3\b|:3\)/);
    expect(run.stderr).toContain('each line is one JSON object whose values are strings');
    expect(run.bodies).toEqual([]);
  }, 120_000);
});
