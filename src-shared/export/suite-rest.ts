// The curl test-set script (suite.ts): bash and jq, since a shell has no template filling or checks of its own.
import { BASH } from './bash';
import { CodeWriter } from './code-writer';
import { curl, jsonIn } from './curl';
import { shellWord } from './literals';
import { requestMembers } from './request-literal';
import { headerReads, RestFunctionRounds } from './rest-function-rounds';
import { JQ_HELPERS } from './suite-helpers';
import { CASES_FILE, type SuitePlan, aboutLines, checksNodes } from './suite-plan';
import { type Entry, dict, list, raw, render, str } from './syntax';

export function restScript(plan: SuitePlan): string {
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
        w.line('input as $suite | input as $case | input as $response | ($response | answer_text) as $answer');
        w.line('| $answer, (($suite.checks + ($suite.case_checks[$number] // []))[]');
        w.line(`  | . as $check | (if $answer | passes($check; $case.expected; $response | last_output) then "PASS  " else "FAIL  " end) + .label)'`);
      });
    });
    w.line('done');
  });
  w.line('done <<< "$CASES"');
  return w.toString();
}

/** The guide's key order, as in the REST export. */
const REST_ORDER = ['model', 'store', 'tools', 'response_format', 'safety_settings', 'generation_config'] as const;
