// Code export over a test set (issue 17): a Python, JavaScript or curl script that reads the cases from cases.jsonl
// beside it (cases-io.ts exportJsonl) and sends each case to each pane, one request per case × pane with that pane's
// settings and the case's values filled into the prompt and the pane's system instruction, as the app's test run
// does; it prints each answer and the result of each check a script can run itself (suite-helpers.ts).
//
// The requests are the app's (call.ts and request-literal.ts write each pane's settings, as for the comparison
// export), except that an answer is asked for whole: the app streams it to show it, a script only checks it.
import { assertionsFor, describeAssertion } from '../eval/assertions';
import { exportJsonl } from '../eval/cases-io';
import { promptfooConfig } from '../eval/promptfoo';
import type { Assertion, TestSet } from '../eval/test-set';
import { derivePaneLabels } from '../pane-label';
import type { Session } from '../session';
import { BASH } from './bash';
import { type Call, toCall } from './call';
import { CodeWriter } from './code-writer';
import { curl, jsonIn } from './curl';
import type { Dialect } from './dialect';
import { JAVASCRIPT } from './javascript';
import { shellWord } from './literals';
import type { ExportLanguage } from './plan';
import { PYTHON } from './python';
import { EXTRA_BODY, requestMembers } from './request-literal';
import { headerReads, RestFunctionRounds } from './rest-function-rounds';
import { JAVASCRIPT_HELPERS, JQ_HELPERS, PYTHON_HELPERS, SCRIPT_CHECKS } from './suite-helpers';
import { type DictStyle, type Entry, type Node, dict, fromValue, list, raw, render, str } from './syntax';

export const CASES_FILE = 'cases.jsonl';
export const PROMPTFOO_FILE = 'promptfooconfig.yaml';
export const SUITE_FILES: Record<ExportLanguage, string> = { python: 'suite.py', javascript: 'suite.mjs', rest: 'suite.sh' };

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

function testSetOf(session: Session): TestSet {
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
function aboutLines(plan: SuitePlan): string[] {
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
function checksNodes(plan: SuitePlan, style: DictStyle): { checks: Node; caseChecks?: Node } {
  const listStyle = { trailingComma: style.trailingComma ?? false };
  const checks = list(plan.checks.map((c) => checkNode(c, style)), listStyle);
  if (plan.caseChecks.length === 0) return { checks };
  const caseChecks = dict(
    plan.caseChecks.map(([number, own]): Entry => [String(number), list(own.map((c) => checkNode(c, style)), listStyle)]),
    style,
  );
  return { checks, caseChecks };
}

// ── Python and JavaScript ────────────────────────────────────────────────────

/** What differs between the two SDK scripts beyond their dialect. */
interface SdkSuite {
  d: Dialect;
  helpers: readonly string[];
  imports(env: boolean): string[];
  /** The loop over the cases and panes, given the variable names it reads. */
  loop(w: CodeWriter, names: { caseChecks: string | undefined; checks: boolean }): void;
}

const PYTHON_SUITE: SdkSuite = {
  d: PYTHON,
  helpers: PYTHON_HELPERS,
  imports: (env) => [
    '# This will only work for SDK newer than 2.0.0',
    'import json',
    ...(env ? ['import os'] : []),
    'import re',
    'from pathlib import Path',
    '',
    'from google import genai',
    '',
    'client = genai.Client()',
  ],
  loop: (w, names) => {
    w.line(`for number, case in enumerate(read_cases(Path(__file__).with_name(${JSON.stringify(CASES_FILE)})), 1):`);
    w.indented(() => {
      w.line('values = {name: value for name, value in case.items() if name not in ("expected", "notes")}');
      w.line('for pane in panes:');
      w.indented(() => {
        w.line(`print(f"== Case {number} · {pane['label']} ==")`);
        w.line('request = {**pane["config"], "input": fill(prompt, values)}');
        w.line('system_instruction = fill(pane.get("system_instruction", ""), values)');
        w.line('# A blank system instruction is not sent, as in the app');
        w.line('if system_instruction.strip(JS_SPACE):');
        w.indented(() => w.line('request["system_instruction"] = system_instruction'));
        w.line('try:');
        w.indented(() => w.line('interaction = client.interactions.create(**request)'));
        w.line('except Exception as error:');
        w.indented(() => {
          w.line('print(f"Request failed: {error}")');
          w.line('continue');
        });
        w.line('answer = answer_text(interaction)');
        w.line('print(answer)');
        if (!names.checks && !names.caseChecks) return;
        const all = [names.checks ? 'checks' : '', names.caseChecks ? `${names.caseChecks}.get(str(number), [])` : ''].filter(Boolean).join(' + ');
        w.line(`for check in ${all}:`);
        w.indented(() => w.line('print(("PASS" if passes(answer, check, case.get("expected")) else "FAIL") + "  " + check["label"])'));
      });
    });
  },
};

const JAVASCRIPT_SUITE: SdkSuite = {
  d: JAVASCRIPT,
  helpers: JAVASCRIPT_HELPERS,
  imports: () => ['// This will only work for SDK newer than 2.0.0', 'import { readFileSync } from "node:fs";', 'import { GoogleGenAI } from "@google/genai";', '', 'const ai = new GoogleGenAI({});'],
  loop: (w, names) => {
    w.line('async function main() {');
    w.indented(() => {
      w.line(`const cases = readCases(new URL(${JSON.stringify(CASES_FILE)}, import.meta.url));`);
      w.line('for (const [index, testCase] of cases.entries()) {');
      w.indented(() => {
        w.line('const number = index + 1;');
        w.line('const { expected, notes, ...values } = testCase;');
        w.line('for (const pane of panes) {');
        w.indented(() => {
          w.line('console.log(`== Case ${number} · ${pane.label} ==`);');
          w.line('const request = { ...pane.config, input: fill(prompt, values) };');
          w.line('const systemInstruction = fill(pane.systemInstruction ?? "", values);');
          w.line('// A blank system instruction is not sent, as in the app');
          w.line('if (systemInstruction.trim() !== "") request.system_instruction = systemInstruction;');
          w.line('let interaction;');
          w.line('try {');
          w.indented(() => w.line('interaction = await ai.interactions.create(request);'));
          w.line('} catch (error) {');
          w.indented(() => {
            w.line('console.log(`Request failed: ${error.message}`);');
            w.line('continue;');
          });
          w.line('}');
          w.line('const answer = answerText(interaction);');
          w.line('console.log(answer);');
          if (names.checks || names.caseChecks) {
            const all = names.caseChecks ? `[${names.checks ? '...checks, ' : ''}...(${names.caseChecks}[number] ?? [])]` : 'checks';
            w.line(`for (const check of ${all}) {`);
            w.indented(() => w.line('console.log(`${passes(answer, check, expected) ? "PASS" : "FAIL"}  ${check.label}`);'));
            w.line('}');
          }
        });
        w.line('}');
      });
      w.line('}');
    });
    w.line('}');
    w.blank();
    w.line('await main();');
  },
};

function sdkScript(plan: SuitePlan, suite: SdkSuite): string {
  const { d } = suite;
  let env = false;
  const readEnv = (variable: string): Node => {
    env = true;
    return raw(d.env(variable));
  };
  const style: DictStyle = { ...d.objectStyle };
  const padded = d.padsInlineObjects;
  const panes = plan.panes.map((pane) => {
    const config = requestMembers(pane.call, { style, declared: d.generationConfig?.declared, padded, env: readEnv }, d.memberOrder);
    const entries: Entry[] = [['label', str(pane.label)]];
    if (pane.systemInstruction !== undefined) entries.push([d.identifier('system_instruction'), str(pane.systemInstruction)]);
    entries.push(['config', dict(config, style)]);
    return { node: dict(entries, style), extraBody: config.some(([key]) => key === EXTRA_BODY) };
  });
  const { checks, caseChecks } = checksNodes(plan, { ...style, padded });
  const caseChecksName = caseChecks ? d.identifier('case_checks') : undefined;

  const w = new CodeWriter(d.indent);
  const body = new CodeWriter(d.indent);
  const declare = (name: string, node: Node): void => {
    const { prefix, suffix } = d.declaration(name);
    body.emit(prefix, render(node, d.syntax), suffix);
  };
  declare('prompt', str(plan.prompt));
  body.blank();
  if (plan.checks.length > 0) {
    declare('checks', checks);
    body.blank();
  }
  if (caseChecks && caseChecksName) {
    body.line(d.comment(`A case's own checks, after the set's, by its line in ${CASES_FILE}`));
    declare(caseChecksName, caseChecks);
    body.blank();
  }
  const undeclared = [...new Set(plan.panes.flatMap((pane) => Object.keys(pane.call.generationConfig ?? {})))].filter((key) => !d.generationConfig?.declared.has(key));
  if (panes.some((pane) => pane.extraBody) && d.generationConfig) body.line(d.comment(d.generationConfig.why(undeclared)));
  declare('panes', list(panes.map((pane) => pane.node), { trailingComma: d.objectStyle.trailingComma ?? false }));
  body.blank();
  suite.loop(body, { checks: plan.checks.length > 0, caseChecks: caseChecksName });

  for (const line of suite.imports(env)) w.line(line);
  w.blank();
  for (const line of aboutLines(plan)) w.line(d.comment(line));
  w.blank();
  for (const line of suite.helpers) w.line(line);
  // PEP 8 puts two blank lines after a top-level function.
  return `${w.toString()}${d === PYTHON ? '\n\n' : '\n'}${body.toString()}`;
}

// ── REST ─────────────────────────────────────────────────────────────────────

function restScript(plan: SuitePlan): string {
  const w = new CodeWriter(BASH.indent);
  // Arrays and here-strings are bash's: run by sh, the script would fail part-way.
  w.line('#!/usr/bin/env bash');
  for (const line of aboutLines(plan)) w.line(BASH.comment(line));
  w.line(BASH.comment('Needs curl and jq.'));
  w.blank();
  new RestFunctionRounds(w, false).declareHeaders(plan.panes.map((pane) => pane.call));
  w.line(BASH.comment('jq helpers: fill a template as the app does, read the answer, check it'));
  w.line("JQ_LIB=$(cat <<'JQ'");
  w.verbatim(JQ_HELPERS);
  w.verbatim(['JQ', ')']);
  w.blank();
  // An unquoted here-document: an MCP header's value is spliced in from its variable.
  const ctx = jsonIn('heredoc');
  const panes = plan.panes.map((pane) => {
    const entries: Entry[] = [];
    if (pane.systemInstruction !== undefined) entries.push(['system_instruction', str(pane.systemInstruction)]);
    entries.push(['config', dict(requestMembers(pane.call, { env: headerReads(ctx) }, REST_ORDER))]);
    return dict(entries);
  });
  const { checks, caseChecks } = checksNodes(plan, {});
  const suite: Entry[] = [['prompt', str(plan.prompt)], ['checks', checks], ...(caseChecks ? [['case_checks', caseChecks] as Entry] : []), ['panes', list(panes)]];
  w.line(BASH.comment("The prompt template, the checks (and a case's own, by its line), and each pane's system instruction (a template too) and settings"));
  w.line('SUITE=$(cat <<SUITE');
  w.verbatim(render(dict(suite), ctx.syntax));
  w.verbatim(['SUITE', ')']);
  w.line(`LABELS=(${plan.panes.map((pane) => shellWord(pane.label)).join(' ')})`);
  w.blank();
  w.line(`CASES=$(jq -c -n "$JQ_LIB"' inputs | read_case' "$(dirname "$0")/${CASES_FILE}") || exit 1`);
  w.line('NUMBER=0');
  w.line('while IFS= read -r CASE; do');
  w.indented(() => {
    w.line('[ -n "$CASE" ] || continue');
    w.line('NUMBER=$((NUMBER + 1))');
    w.line('for i in "${!LABELS[@]}"; do');
    w.indented(() => {
      w.line('echo "== Case $NUMBER · ${LABELS[i]} =="');
      w.line('# The values fill the prompt and the system instruction; a blank one is not sent, as in the app');
      w.line(`BODY=$(printf '%s\\n' "$SUITE" "$CASE" | jq -c -n --argjson i "$i" "$JQ_LIB"'`);
      w.indented(() => {
        w.line('input as $suite | input as $case | $suite.panes[$i] as $pane | ($case | del(.expected, .notes)) as $values');
        w.line('| ($pane.system_instruction // "" | fill($values)) as $system');
        w.line('| $pane.config + {input: ($suite.prompt | fill($values))}');
        w.line(`+ (if ($system | js_trim) == "" then {} else {system_instruction: $system} end)')`);
      });
      curl(w, { assign: 'RESPONSE', stream: false, quoting: 'heredoc', body: () => raw('$BODY') });
      w.line(`if ! printf '%s' "$RESPONSE" | jq -e 'has("steps")' > /dev/null 2>&1; then`);
      w.indented(() => {
        w.line('echo "Request failed: $RESPONSE"');
        w.line('continue');
      });
      w.line('fi');
      w.line(`printf '%s\\n' "$SUITE" "$CASE" "$RESPONSE" | jq -r -n --arg number "$NUMBER" "$JQ_LIB"'`);
      w.indented(() => {
        w.line('input as $suite | input as $case | (input | answer_text) as $answer');
        w.line('| $answer, (($suite.checks + ($suite.case_checks[$number] // []))[]');
        w.line(`  | . as $check | (if $answer | passes($check; $case.expected) then "PASS  " else "FAIL  " end) + .label)'`);
      });
    });
    w.line('done');
  });
  w.line('done <<< "$CASES"');
  return w.toString();
}

/** The guide's key order, as in the REST export. */
const REST_ORDER = ['model', 'store', 'tools', 'response_format', 'safety_settings', 'generation_config'] as const;

// ── entry points ─────────────────────────────────────────────────────────────

export interface SuiteExport {
  script: string;
  /** The cases, as the table exports them as JSONL: the script reads them from `fileNames.cases` beside it. */
  casesJsonl: string;
  fileNames: { script: string; cases: string };
}

/**
 * The script running the session's test set in `language`, and the cases file it reads. Throws RangeError for a
 * session without a test set, or an empty prompt template.
 */
export function exportSuiteCode(session: Session, language: ExportLanguage, options: SuiteOptions = {}): SuiteExport {
  const plan = planSuite(session, options);
  const script = language === 'rest' ? restScript(plan) : sdkScript(plan, language === 'python' ? PYTHON_SUITE : JAVASCRIPT_SUITE);
  return { script, casesJsonl: plan.casesJsonl, fileNames: { script: SUITE_FILES[language], cases: CASES_FILE } };
}

export interface SuiteFile {
  name: string;
  text: string;
}

/**
 * Everything "Export suite" writes into one folder: the script in each language, the cases they read, and the
 * promptfoo configuration (which carries the cases itself).
 */
export function exportSuiteFiles(session: Session, options: SuiteOptions = {}): SuiteFile[] {
  const set = testSetOf(session);
  const scripts = (['python', 'javascript', 'rest'] as const).map((language) => exportSuiteCode(session, language, options));
  const configs = session.panes.map((pane) => pane.config);
  const derived = derivePaneLabels(configs);
  const panes = session.panes.map((pane, i) => ({ label: pane.label?.trim() || derived[i]!, config: pane.config }));
  return [
    ...scripts.map((s) => ({ name: s.fileNames.script, text: s.script })),
    { name: CASES_FILE, text: scripts[0]!.casesJsonl },
    { name: PROMPTFOO_FILE, text: promptfooConfig({ ...set, prompt: options.prompt ?? set.prompt }, panes) },
  ];
}
