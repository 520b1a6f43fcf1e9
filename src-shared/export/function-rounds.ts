// The loop an SDK script runs for a pane with functions (Call.mocks): while the interaction waits for function
// results, each call is answered with its function's mock and the interaction continued, until the model answers.
import type { CodeWriter } from './code-writer';
import type { Dialect } from './dialect';
import { type Call, type ExportPlan, callsOf } from './plan';
import { type RequestParts, toolsNode } from './request-literal';
import { type Entry, type Node, compactValue, dict, raw, render } from './syntax';

/** A request of the script, given its input, the variable holding the interaction it continues, and whether it answers calls. */
export type Members = (input: Node, previous: string | undefined, continuing?: boolean) => Entry[];

/** Said once, above the helper, when streaming was asked for and a pane answers function calls. */
const NOT_STREAMED = 'Not streamed: answering function calls needs each interaction whole (its status and its calls), which a stream only gives in pieces';

/** The helper answering an interaction's calls, before everything else the script runs, when a pane has functions. */
export function writeFunctionHelper(w: CodeWriter, plan: ExportPlan, d: Dialect): void {
  if (!callsOf(plan).some((call) => call.mocks)) return;
  const { helper } = d.functionCalls;
  const start = helper.findIndex((line) => line !== '');
  helper.forEach((line, i) => {
    if (i === start && plan.unstreamed) w.line(d.comment(NOT_STREAMED));
    w.line(line);
  });
  w.blank();
}

/** Two calls send the same tools when the list and the headers read for its MCP servers are the same. */
const toolsKey = (call: Call): string => JSON.stringify([call.settings.tools, call.mcpHeaders]);

/** The distinct keys, each with the first item that had it. */
function distinct<T>(pairs: readonly (readonly [string, T])[]): [string, T][] {
  const out = new Map<string, T>();
  for (const [key, item] of pairs) if (!out.has(key)) out.set(key, item);
  return [...out];
}

/** One script's function rounds: the variables it declares for them, and the loops after each request. */
export class FunctionRounds {
  private readonly mockVars = new Map<string, string>();
  private readonly toolVars = new Map<string, string>();

  /** `literals`: how the script writes settings (its env reads among them). */
  constructor(
    private readonly w: CodeWriter,
    private readonly d: Dialect,
    private readonly literals: () => RequestParts,
  ) {}

  private declare(name: string, node: Node): void {
    const { prefix, suffix } = this.d.declaration(name);
    this.w.emit(prefix, render(node, this.d.syntax), suffix);
  }

  /** The mocks as a literal: function name → result. */
  mocksNode(mocks: Record<string, unknown>): Node {
    const style = { ...this.d.objectStyle, padded: this.d.padsInlineObjects };
    return dict(
      Object.entries(mocks).map(([name, result]): Entry => [name, compactValue(result, style)]),
      { ...style, inline: Object.keys(mocks).length === 0 },
    );
  }

  /**
   * What the calls answering function calls share between their requests, declared once: their tools (every
   * request sends them again), then their mocks. One variable per distinct value: `tools`, or `tools1`, `tools2` …
   */
  declareShared(calls: readonly Call[]): void {
    const answering = calls.filter((call) => call.mocks);
    const style = { ...this.d.objectStyle, padded: this.d.padsInlineObjects };
    const toolSets = distinct(answering.filter((call) => call.settings.tools !== undefined).map((call) => [toolsKey(call), call] as const));
    if (toolSets.length > 0) this.w.line(this.d.comment('The tools go with every request: a continued interaction does not inherit them'));
    toolSets.forEach(([key, call], i) => {
      const name = toolSets.length === 1 ? 'tools' : `tools${i + 1}`;
      this.toolVars.set(key, name);
      this.declare(name, toolsNode(call.settings.tools as Record<string, unknown>[], call, this.literals(), style));
    });
    if (toolSets.length > 0) this.w.blank();
    const mockSets = distinct(answering.map((call) => [JSON.stringify(call.mocks), call.mocks!] as const));
    if (mockSets.length === 0) return;
    this.w.line(this.d.comment("Each function call is answered with the function's saved mock result; a function without one answers {}"));
    mockSets.forEach(([key, mocks], i) => {
      const name = mockSets.length === 1 ? 'mocks' : `mocks${i + 1}`;
      this.mockVars.set(key, name);
      this.declare(name, this.mocksNode(mocks));
    });
    this.w.blank();
  }

  /** The variable holding the call's tools, when it answers function calls. */
  toolsVar(call: Call): string | undefined {
    return call.mocks ? this.toolVars.get(toolsKey(call)) : undefined;
  }

  mocksVar(mocks: Record<string, unknown>): string {
    const name = this.mockVars.get(JSON.stringify(mocks));
    if (name === undefined) throw new Error('The mocks were not declared before the request that uses them');
    return name;
  }

  /** Server history: while the interaction waits, it is answered with the mocks, chained to it, until the model answers. */
  answer(name: string, members: Members, mocks: string): void {
    const d = this.d;
    const results = raw(d.functionCalls.results(name, mocks));
    this.w.line(d.comment('While the model waits for function results, answer its calls and continue'));
    this.w.nest([d.functionCalls.whileRequired(name)], () => {
      const { prefix, suffix } = d.assignment(name);
      this.w.emit(prefix, d.create(members(results, name, true), d.endsWithComma({ chained: true, history: false, stream: false })), suffix);
    });
  }

  /**
   * Stateless history: the model's steps and the results go back with the whole history, gathered in `rounds`
   * (not in the history itself: a repeat run starts each run from the same history).
   */
  answerStateless(name: string, members: Members, mocks: string, rounds: string): void {
    const d = this.d;
    const { prefix, suffix } = d.declaration(rounds);
    this.w.line(d.comment('While the model waits for function results: its steps and the results go back with the history'));
    this.w.line(`${prefix}[]${suffix}`);
    this.w.nest([d.functionCalls.whileRequired(name)], () => {
      this.w.line(d.functionCalls.addSteps(rounds, name));
      this.w.line(d.extend(rounds, d.functionCalls.results(name, mocks)));
      const assign = d.assignment(name);
      const site = d.endsWithComma({ chained: false, history: true, stream: false });
      this.w.emit(assign.prefix, d.create(members(raw(d.concat('history', rounds)), undefined, true), site), assign.suffix);
    });
  }
}
