// Which declared functions the model calls in this round, with arguments generated from their parameter schemas,
// and how it reports the results it read.
import { jsonFromSchema } from './json-from-schema';
import type { Markers } from './markers';
import { newCallId } from './server-tools';
import { type FunctionCall, type FunctionDeclaration, type ReadResult, isObject } from './tool-types';

/** The functions tool_choice lets the model call: none for 'none', those allowed_tools names, else all. */
export function callableFunctions(functions: FunctionDeclaration[], toolChoice: unknown): FunctionDeclaration[] {
  if (toolChoice === 'none') return [];
  const allowed = isObject(toolChoice) && isObject(toolChoice.allowed_tools) ? toolChoice.allowed_tools : undefined;
  if (allowed?.mode === 'none') return [];
  const names = Array.isArray(allowed?.tools) ? (allowed.tools as string[]) : undefined;
  return names ? functions.filter((f) => names.includes(f.name)) : functions;
}

/**
 * One round of calls per turn (two with `[[call-twice]]`): the first callable function, the one `[[call:NAME]]`
 * names, or every one with `[[parallel]]`.
 */
export function chooseCalls(callable: FunctionDeclaration[], markers: Markers, roundsDone: number): FunctionDeclaration[] {
  if (callable.length === 0 || roundsDone >= (markers.callTwice ? 2 : 1)) return [];
  if (markers.parallel) return callable;
  const named = callable.find((f) => f.name === markers.call);
  return [named ?? (callable[0] as FunctionDeclaration)];
}

export function functionCall(declaration: FunctionDeclaration): FunctionCall {
  const args = declaration.parameters ? jsonFromSchema(declaration.parameters) : {};
  return { type: 'function_call', id: newCallId(), name: declaration.name, arguments: isObject(args) ? args : {} };
}

/** `Results: NAME=<result as JSON>; …`: shows a client's typed result reached the model unchanged. */
export function resultsLine(results: ReadResult[]): string {
  return `Results: ${results.map((r) => `${r.name}=${JSON.stringify(r.result)}`).join('; ')}`;
}
