// The oracle of the test-set script tests: what the app's test run sends for each case × pane, and what it decides
// of each answer. The run fills the case's values into the prompt and into the pane's system instruction
// (src-renderer/lib/state/test-run.svelte.ts cellRequest), asks for the set's service tier, and main builds the
// request (buildCreateRequest) and adds the MCP header values. The one departure of a script: it does not stream.
import { type Assertion, type TestCase } from '../../../src-shared/eval/test-set';
import { assertionsFor, describeAssertion, runChecks } from '../../../src-shared/eval/assertions';
import { fill } from '../../../src-shared/eval/template';
import type { PaneConfig } from '../../../src-shared/domain';
import type { CreateInteractionRequest } from '../../../src-shared/interactions';
import { buildCreateRequest } from '../../../src-shared/request';
import type { Session } from '../../../src-shared/session';
import { CALL_PREAMBLE } from '../../../e2e/fake-api/markers';
import { scriptedAnswer } from '../../../e2e/fake-api/scripted';
import { withMcpHeaders } from './app-requests';

export interface AppCell {
  caseNumber: number;
  paneIndex: number;
  testCase: TestCase;
  config: PaneConfig;
  /** The prompt as sent: the template filled with the case's values. */
  input: string;
  body: CreateInteractionRequest;
}

/** Every request of a run over every case and pane, in the order the script sends them (case by case). */
export function appCells(session: Session, env: Readonly<Record<string, string>> = {}): AppCell[] {
  const set = session.testSet!;
  return set.cases.flatMap((testCase, c) =>
    session.panes.map((pane, p): AppCell => {
      const config: PaneConfig = { ...pane.config };
      if (config.systemInstruction) config.systemInstruction = fill(config.systemInstruction, testCase.values).text;
      const input = fill(set.prompt, testCase.values).text;
      const body = buildCreateRequest(config, { text: input }, { stream: false, ...(set.serviceTier ? { serviceTier: set.serviceTier } : {}) });
      return { caseNumber: c + 1, paneIndex: p, testCase, config, input, body: withMcpHeaders(body, pane.config, env) };
    }),
  );
}

/**
 * The fake's answer to a cell (e2e/fake-api/README.md): the scripted text, after the line `[[say-first]]` has the model
 * write before a search or an MCP tool's steps; `answerFrom` is where the app finds the model's last output.
 */
export function fakeAnswer(cell: AppCell): { text: string; answerFrom?: number } {
  const text = scriptedAnswer(cell.input, cell.config.model)!;
  const serverTools = cell.config.googleSearch === true || (cell.config.mcpServers ?? []).length > 0;
  if (!cell.input.includes('[[say-first]]') || !serverTools) return { text };
  return { text: CALL_PREAMBLE + text, answerFrom: CALL_PREAMBLE.length };
}

/** What a script prints after an answer: PASS or FAIL, two spaces, the check; the checks it can run, as the app decides them. */
export function checkLines({ text, answerFrom }: { text: string; answerFrom?: number }, setAssertions: readonly Assertion[], testCase: TestCase): string[] {
  const runnable = assertionsFor(setAssertions, testCase).filter((a) => a.type !== 'rubric' && a.type !== 'matches-schema');
  const checks = runChecks(text, runnable, { ...(testCase.expected === undefined ? {} : { expected: testCase.expected }), ...(answerFrom === undefined ? {} : { answerFrom }) });
  return checks.map((check, i) => `${check.pass ? 'PASS' : 'FAIL'}  ${describeAssertion(runnable[i]!)}`);
}

/**
 * The script's output cut into its cells, given each cell's header line in order: the text after each header up to
 * the next one. Fails when a header is missing or out of order.
 */
export function cellsOf(stdout: string, headers: readonly string[]): string[] {
  const starts: number[] = [];
  let from = 0;
  for (const header of headers) {
    const at = stdout.indexOf(`${header}\n`, from);
    if (at === -1) throw new Error(`no "${header}" after offset ${from} in:\n${stdout}`);
    starts.push(at);
    from = at + header.length + 1;
  }
  return headers.map((header, i) => stdout.slice(starts[i]! + header.length + 1, starts[i + 1] ?? stdout.length));
}
