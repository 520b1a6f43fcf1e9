// What a test-set script runs (suite.ts): the panes' requests, the checks a script can run itself, and what it
// leaves out, planned once from the session so the Python, JavaScript and curl scripts say the same thing.
import { describeAssertion } from '../eval/assertions';
import { exportJsonl } from '../eval/cases-io';
import type { Assertion, TestSet } from '../eval/test-set';
import { derivePaneLabels } from '../pane-label';
import type { Session } from '../session';
import { type Call, distinctHeaderEnvs, toCall } from './call';
import { SCRIPT_CHECKS } from './suite-helpers';
import { type DictStyle, type Entry, type Node, dict, fromValue, list } from './syntax';

export const CASES_FILE = 'cases.jsonl';

/** A check the script runs, with the words it prints after PASS or FAIL. */
export interface SuiteCheck {
  type: (typeof SCRIPT_CHECKS)[number];
  value?: string;
  flags?: string;
  min?: number;
  max?: number;
  label: string;
}

export interface SuitePane {
  label: string;
  /** Every setting but the system instruction, which is a template the script fills per case. */
  call: Call;
  systemInstruction?: string;
}

export interface SuitePlan {
  prompt: string;
  panes: SuitePane[];
  /** The set's checks, in order. */
  checks: SuiteCheck[];
  /** A case's own checks (after the set's), by its 1-based line in cases.jsonl; only cases that have some. */
  caseChecks: [number, SuiteCheck[]][];
  /** What the script leaves out (a rubric, the pane's schema), described. */
  unchecked: string[];
  /** Some pane declares functions, whose calls the test run does not answer. */
  functions: boolean;
  casesJsonl: string;
}

export interface SuiteOptions {
  /** The prompt template, when it is not the set's saved one (the composer's text). */
  prompt?: string;
}

const isScriptCheck = (a: Assertion): a is Assertion & { type: SuiteCheck['type'] } => (SCRIPT_CHECKS as readonly string[]).includes(a.type);

function suiteCheck(a: Assertion & { type: SuiteCheck['type'] }): SuiteCheck {
  return {
    type: a.type,
    ...(a.value !== undefined ? { value: a.value } : {}),
    ...(a.flags !== undefined ? { flags: a.flags } : {}),
    ...(a.min !== undefined ? { min: a.min } : {}),
    ...(a.max !== undefined ? { max: a.max } : {}),
    label: describeAssertion(a),
  };
}


export function testSetOf(session: Session): TestSet {
  if (!session.testSet) throw new RangeError('This session has no test cases to export: add some in the test cases table first.');
  return session.testSet;
}

export function planSuite(session: Session, options: SuiteOptions = {}): SuitePlan {
  const set = testSetOf(session);
  const prompt = options.prompt ?? set.prompt;
  if (prompt.trim() === '') throw new RangeError('The prompt template is empty: write the prompt the cases fill first.');
  const configs = session.panes.map((pane) => pane.config);
  const derived = derivePaneLabels(configs);
  const panes = session.panes.map((pane, i): SuitePane => {
    const { systemInstruction, ...config } = pane.config;
    const call = toCall(config, { stream: false, stateless: false, chained: false });
    if (set.serviceTier) call.settings = { ...call.settings, service_tier: set.serviceTier };
    return { label: pane.label?.trim() || derived[i]!, call, ...(systemInstruction ? { systemInstruction } : {}) };
  });
  distinctHeaderEnvs(panes.map((pane) => pane.call));
  const everyAssertion = [...set.assertions, ...set.cases.flatMap((c) => c.assertions ?? [])];
  return {
    prompt,
    panes,
    checks: set.assertions.filter(isScriptCheck).map(suiteCheck),
    caseChecks: set.cases.flatMap((c, i): [number, SuiteCheck[]][] => {
      const own = (c.assertions ?? []).filter(isScriptCheck).map(suiteCheck);
      return own.length > 0 ? [[i + 1, own]] : [];
    }),
    unchecked: [...new Set(everyAssertion.filter((a) => !isScriptCheck(a)).map(describeAssertion))],
    functions: configs.some((config) => (config.functions?.length ?? 0) > 0),
    casesJsonl: exportJsonl(set.variables, set.cases),
  };
}

/** What the script says of itself, before its helpers. */
export function aboutLines(plan: SuitePlan): string[] {
  return [
    `Runs the test set: each case in ${CASES_FILE} (beside this script) goes to each pane, one request per case and pane with`,
    "that pane's settings, the case's values filled into the prompt and the system instruction as the app fills them.",
    'It prints each answer, then PASS or FAIL for each check. An answer is asked for whole, not streamed: the checks read all of it.',
    ...(plan.unchecked.length > 0
      ? [`Not checked here (a rubric needs a judge model, the pane's schema a JSON Schema validator): ${plan.unchecked.join('; ')}`]
      : []),
    ...(plan.functions ? ["A pane with functions gets one request per case, as in the app's test run: its function calls are not answered."] : []),
  ];
}

/** One check per line: its members are short words and numbers, but for the text it looks for. */
const checkNode = (check: SuiteCheck, style: DictStyle): Node =>
  dict(
    Object.entries(check).map(([key, value]): Entry => [key, fromValue(value)]),
    { ...style, inline: true },
  );

/** The set's checks and the cases' own, as literals in `style`. */
export function checksNodes(plan: SuitePlan, style: DictStyle): { checks: Node; caseChecks?: Node } {
  const listStyle = { trailingComma: style.trailingComma ?? false };
  const checks = list(plan.checks.map((c) => checkNode(c, style)), listStyle);
  if (plan.caseChecks.length === 0) return { checks };
  const caseChecks = dict(
    plan.caseChecks.map(([number, own]): Entry => [String(number), list(own.map((c) => checkNode(c, style)), listStyle)]),
    style,
  );
  return { checks, caseChecks };
}
