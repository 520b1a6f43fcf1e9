// The Python and JavaScript test-set scripts (suite.ts): the same plan in each SDK's dialect.
import { CodeWriter } from './code-writer';
import type { Dialect } from './dialect';
import { JAVASCRIPT } from './javascript';
import { PYTHON } from './python';
import { EXTRA_BODY, requestMembers } from './request-literal';
import { JAVASCRIPT_HELPERS, PYTHON_HELPERS } from './suite-helpers';
import { CASES_FILE, type SuitePlan, aboutLines, checksNodes } from './suite-plan';
import { type DictStyle, type Entry, type Node, dict, list, raw, render, str } from './syntax';

/** What differs between the two SDK scripts beyond their dialect. */
interface SdkSuite {
  d: Dialect;
  helpers: readonly string[];
  imports(env: boolean): string[];
  /** The loop over the cases and panes, given the variable names it reads. */
  loop(w: CodeWriter, names: { caseChecks: string | undefined; checks: boolean }): void;
}

export const PYTHON_SUITE: SdkSuite = {
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
        w.indented(() => w.line('print(("PASS" if passes(answer, check, case.get("expected"), last_output(interaction)) else "FAIL") + "  " + check["label"])'));
      });
    });
  },
};

export const JAVASCRIPT_SUITE: SdkSuite = {
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
            w.indented(() => w.line('console.log(`${passes(answer, check, expected, lastOutput(interaction)) ? "PASS" : "FAIL"}  ${check.label}`);'));
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

export function sdkScript(plan: SuitePlan, suite: SdkSuite): string {
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
