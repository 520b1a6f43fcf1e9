// curl's function rounds (Call.mocks) and MCP headers: what a REST script declares for them once, and the loop after
// a request that answers each function call with its function's mock until the model answers, as the SDK scripts do.
import type { CodeWriter } from './code-writer';
import { type JsonContext, curl, jsonIn } from './curl';
import type { Call } from './plan';
import { toolsNode } from './request-literal';
import { type Entry, type Node, compactValue, dict, raw, render } from './syntax';

/** A continuation request's body, given its input (the results, or the history and the rounds). */
export type Continuing = (input: (ctx: JsonContext) => Node) => (ctx: JsonContext) => Node;

/** The helper, a jq filter as a shell function fed the interaction on stdin. */
const FUNCTION_RESULTS = [
  "# The function_result steps answering the function calls of the interaction on stdin, each with its function's mock ($1)",
  'function_results() {',
  `  jq --argjson mocks "$1" '[.steps[] | select(.type == "function_call") | {type: "function_result", call_id: .id, name: .name, result: ($mocks[.name] // {})}]'`,
  '}',
];

const NOT_STREAMED = '# Not streamed: answering function calls needs each interaction whole (its status and its calls), which a stream only gives in pieces';

/**
 * The shell variable holding an MCP header's value as a JSON string, made from the environment variable. Lower case,
 * as no variable mcpHeaderEnv names is: with `${variable}_JSON`, a header read from MCP_A_JSON was overwritten by the
 * one made from MCP_A before it was read.
 */
const headerJson = (variable: string): string => `${variable.toLowerCase()}_json`;

/** In a body, an MCP header's value: the JSON string held for its environment variable. */
export const headerReads =
  (ctx: JsonContext) =>
  (variable: string): Node =>
    raw(ctx.jsonVar(headerJson(variable)));

/** Two calls send the same tools when the list and the headers read for its MCP servers are the same. */
const toolsKey = (call: Call): string => JSON.stringify([call.settings.tools, call.mcpHeaders]);

const whileRequired = (response: string) => ({ open: `while [ "$(echo "$${response}" | jq -r '.status')" = "requires_action" ]; do`, close: 'done' });

export class RestFunctionRounds {
  private readonly mockVars = new Map<string, string>();
  private readonly toolVars = new Map<string, string>();

  /** `heavy`: images are embedded, so bodies go through here-documents. */
  constructor(
    private readonly w: CodeWriter,
    private readonly heavy: boolean,
  ) {}

  /** Each MCP header value as a JSON string, from its environment variable: the body splices it in, the script never holds it. */
  declareHeaders(calls: readonly Call[]): void {
    const variables = [...new Set(calls.flatMap((call) => call.mcpHeaders.flatMap((server) => server.headers.map((h) => h.env))))];
    if (variables.length === 0) return;
    this.w.line('# MCP header values are read from the environment, never written here; jq quotes each as a JSON string');
    for (const variable of variables) this.w.line(`${headerJson(variable)}=$(jq -n --arg value "$${variable}" '$value')`);
    this.w.blank();
  }

  /** As the SDK scripts: the helper, then the tools the function rounds send again and again, then the mocks. */
  declareShared(calls: readonly Call[], unstreamed: boolean): void {
    const answering = calls.filter((call) => call.mocks);
    if (answering.length === 0) return;
    const w = this.w;
    if (unstreamed) w.line(NOT_STREAMED);
    for (const line of FUNCTION_RESULTS) w.line(line);
    w.blank();
    const ctx = jsonIn('single');
    const toolSets = new Map<string, Call>();
    for (const call of answering) if (call.settings.tools !== undefined && !toolSets.has(toolsKey(call))) toolSets.set(toolsKey(call), call);
    if (toolSets.size > 0) w.line('# The tools go with every request: a continued interaction does not inherit them');
    [...toolSets].forEach(([key, call], i) => {
      const name = toolSets.size === 1 ? 'TOOLS' : `TOOLS_${i + 1}`;
      this.toolVars.set(key, name);
      w.emit(`${name}='`, render(toolsNode(call.settings.tools as Record<string, unknown>[], call, { env: headerReads(ctx) }, {}), ctx.syntax), "'");
    });
    if (toolSets.size > 0) w.blank();
    const sets = new Map<string, Record<string, unknown>>();
    for (const call of answering) sets.set(JSON.stringify(call.mocks), call.mocks!);
    w.line("# Each function call is answered with the function's saved mock result; a function without one answers {}");
    [...sets].forEach(([key, mocks], i) => {
      const name = sets.size === 1 ? 'MOCKS' : `MOCKS_${i + 1}`;
      this.mockVars.set(key, name);
      const node = dict(Object.entries(mocks).map(([fn, result]): Entry => [fn, compactValue(result)]), { inline: Object.keys(mocks).length === 0 });
      w.emit(`${name}='`, render(node, ctx.syntax), "'");
    });
    w.blank();
  }

  /** The variable holding the call's tools, when it answers function calls. */
  toolsVar(call: Call): string | undefined {
    return call.mocks ? this.toolVars.get(toolsKey(call)) : undefined;
  }

  private mocksVar(call: Call): string {
    const name = this.mockVars.get(JSON.stringify(call.mocks));
    if (name === undefined) throw new Error('The mocks were not declared before the request that uses them');
    return name;
  }

  /**
   * Server history: while the interaction in `response` waits for function results, they are sent, chained to
   * it, until the model answers. INTERACTION_ID is left holding the id the next turn chains to, as before.
   */
  answer(call: Call, response: string, continuing: Continuing): void {
    const w = this.w;
    w.line('# While the model waits for function results, answer its calls and continue');
    w.nest([whileRequired(response)], () => {
      w.line(`INTERACTION_ID=$(echo "$${response}" | jq -r '.id')`);
      w.line(`RESULTS=$(echo "$${response}" | function_results "$${this.mocksVar(call)}")`);
      curl(w, { assign: response, stream: false, quoting: this.heavy ? 'heredoc' : 'single', body: continuing((ctx) => raw(ctx.jsonVar('RESULTS'))) });
    });
  }

  /**
   * Stateless history: the model's steps and the results go back after the whole history (HISTORY), gathered in
   * ROUNDS, not in HISTORY itself: a repeat run starts each run from the same history.
   */
  answerStateless(call: Call, response: string, continuing: Continuing): void {
    const w = this.w;
    const results = `"$(echo "$${response}" | function_results "$${this.mocksVar(call)}")"`;
    w.line('# While the model waits for function results: its steps and the results go back with the history');
    w.line("ROUNDS='[]'");
    w.nest([whileRequired(response)], () => {
      w.line(`ROUNDS=$(printf '%s\\n%s\\n%s\\n' "$ROUNDS" "$(echo "$${response}" | jq '.steps')" ${results} | jq -s 'add')`);
      w.line(`INPUT=$(printf '%s\\n%s\\n' "$HISTORY" "$ROUNDS" | jq -s 'add')`);
      curl(w, { assign: response, stream: false, quoting: this.heavy ? 'heredoc' : 'double', body: continuing((ctx) => raw(ctx.jsonVar('INPUT'))) });
    });
  }
}
