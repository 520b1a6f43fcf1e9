// An answer given against a response schema, for people: the JSON formatted, and whether it holds to the schema
// ("Valid against schema", the first violation's path and reason, or where the JSON breaks). The pane and the
// transcript both show it so.
import { outputText } from './citations';
import type { Step } from './interactions';
import { formatJson, validateAnswerJson } from './json-check';

export interface StructuredAnswer {
  kind: 'valid' | 'violation' | 'invalid-json';
  /** The answer as indented JSON; the text as received when it is not JSON. */
  json: string;
  note: string;
  /** What the model wrote before the round that answered, around the tool calls it made first ("" when none). */
  before: string;
}

/**
 * Where the model's last output starts in `text`, the whole answer. When the model called tools or functions first, it
 * may have written a line before each call ("Let me look that up."); the JSON a schema asks for is its last round:
 * the text of the model_output steps after the last step of another kind, as the SDK's `output_text` reads it (a
 * thought does not end a round). An answer edited by hand that still begins with what the model wrote before that
 * round (its JSON was edited) starts after that; one that neither begins nor ends as the model's did starts at 0.
 */
export function lastOutputStart(text: string, steps: readonly Step[]): number {
  const lastTool = steps.findLastIndex((s) => s.type !== 'model_output' && s.type !== 'thought' && s.type !== 'user_input');
  if (lastTool < 0) return 0;
  const last = outputText(steps.slice(lastTool + 1));
  if (last.trim() !== '' && text.endsWith(last)) return text.length - last.length;
  const said = outputText(steps.slice(0, lastTool + 1));
  return said.trim() !== '' && text.startsWith(said) ? text.length - text.slice(said.length).trimStart().length : 0;
}

/** Validating the whole text read a good answer given after a tool call as "Not valid JSON": the last output is checked. */
export function structuredAnswer(schema: object, text: string, steps: readonly Step[] = []): StructuredAnswer {
  const answer = text.slice(lastOutputStart(text, steps));
  const before = text.slice(0, text.length - answer.length).trimEnd();
  const check = validateAnswerJson(schema, answer);
  switch (check.kind) {
    case 'valid':
      return { kind: 'valid', json: formatJson(check.value), note: 'Valid against schema', before };
    case 'violation':
      return { kind: 'violation', json: formatJson(check.value), note: `Schema violation at ${check.path}: ${check.reason}`, before };
    case 'invalid-json': {
      const reason = check.message.replace(/^Line \d+, column \d+: /, '');
      return { kind: 'invalid-json', json: answer, note: `Not valid JSON: ${check.line}:${check.column} — ${reason}`, before };
    }
  }
}

/** `text` as a fenced code block whose fence no run of backticks inside it can close. */
export function fenced(text: string, language = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}
