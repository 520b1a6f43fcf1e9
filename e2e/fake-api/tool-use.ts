// What the model does with the tools a request declares, this round: server-tool steps, function calls, or an
// answer that reads function results, is grounded (citations) or is structured (JSON from response_format).
import { tokensFor } from './answers';
import type { CreateBody } from './create-body';
import { type TextFormat, textFormat } from './format-validation';
import { callableFunctions, chooseCalls, functionCall, resultsLine } from './function-calls';
import type { CallTurn } from './function-results';
import { jsonFromSchema, jsonViolatingSchema } from './json-from-schema';
import { DEFAULT_CITATIONS, type Markers } from './markers';
import { serverToolSteps } from './server-tools';
import { type FunctionCall, type ToolStep, declaredTools } from './tool-types';

export interface ToolUse {
  /** Server-tool call and result steps, before the answer. */
  steps: ToolStep[];
  /** Function calls: the interaction then requires action and has no answer. */
  calls: FunctionCall[];
  /** Sources the answer cites (Google Search ran), 0 when it is not grounded. */
  citations: number;
  /** The line that opens the answer: the function results the model read. */
  lead: string;
  toolUseTokens: number;
  /** Tokens of the tool declarations, billed as input. */
  declarationTokens: number;
  format: TextFormat;
}

export function planToolUse(body: CreateBody, markers: Markers, turn: CallTurn): ToolUse {
  const tools = declaredTools(body.tools);
  const choice = body.generation_config.tool_choice;
  // Server tools run when a turn starts, not again when the model continues after function results.
  const starts = turn.rounds === 0 && turn.results.length === 0;
  const server = choice !== 'none' && starts ? serverToolSteps(tools, turn.prompt, markers) : { steps: [], toolUseTokens: 0, searched: false };
  const calls = chooseCalls(callableFunctions(tools.functions, choice), markers, turn.rounds).map(functionCall);
  return {
    steps: server.steps,
    calls,
    citations: server.searched && calls.length === 0 ? (markers.citations ?? DEFAULT_CITATIONS) : 0,
    lead: turn.results.length > 0 ? `${resultsLine(turn.results)}\n` : '',
    toolUseTokens: server.toolUseTokens,
    declarationTokens: Array.isArray(body.tools) ? tokensFor(JSON.stringify(body.tools).length) : 0,
    format: textFormat(body.response_format),
  };
}

/**
 * The answer as JSON when response_format asks for it: a value of the schema (broken at its first property with
 * `[[schema-violate]]`), or without a schema an object holding the plain answer. Undefined for plain text.
 */
export function structuredText(format: TextFormat, markers: Markers, plainAnswer: string): string | undefined {
  if (!format.json) return undefined;
  if (!format.schema) return JSON.stringify({ answer: plainAnswer }, null, 2);
  const value = markers.schemaViolate ? jsonViolatingSchema(format.schema).value : jsonFromSchema(format.schema);
  return JSON.stringify(value, null, 2);
}
