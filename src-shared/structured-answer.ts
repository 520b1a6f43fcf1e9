// An answer given against a response schema, for people: the JSON formatted, and whether it holds to the schema
// ("Valid against schema", the first violation's path and reason, or where the JSON breaks). The pane and the
// transcript both show it so.
import { formatJson, validateAnswerJson } from './json-check';

export interface StructuredAnswer {
  kind: 'valid' | 'violation' | 'invalid-json';
  /** The answer as indented JSON; the text as received when it is not JSON. */
  json: string;
  note: string;
}

export function structuredAnswer(schema: object, text: string): StructuredAnswer {
  const check = validateAnswerJson(schema, text);
  switch (check.kind) {
    case 'valid':
      return { kind: 'valid', json: formatJson(check.value), note: 'Valid against schema' };
    case 'violation':
      return { kind: 'violation', json: formatJson(check.value), note: `Schema violation at ${check.path}: ${check.reason}` };
    case 'invalid-json': {
      const reason = check.message.replace(/^Line \d+, column \d+: /, '');
      return { kind: 'invalid-json', json: text, note: `Not valid JSON: ${check.line}:${check.column} — ${reason}` };
    }
  }
}

/** `text` as a fenced code block whose fence no run of backticks inside it can close. */
export function fenced(text: string, language = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}
