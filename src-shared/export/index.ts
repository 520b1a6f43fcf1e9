// Export to code: one entry point from a session (or one pane of it) to Python, JavaScript or curl.
import { overWireLimits, refusalLine } from '../settings/form-limits';
import { BASH } from './bash';
import { JAVASCRIPT, javascriptCode } from './javascript';
import { type ExportLanguage, type ExportOptions, type ExportPlan, type ExportTarget, callsOf, planExport } from './plan';
import { PYTHON, pythonCode } from './python';
import { restCode } from './rest';

export type { ExportLanguage, ExportOptions, ExportPlan, ExportTarget } from './plan';
export { PLACEHOLDER_PROMPT, planExport } from './plan';
export { derivePaneLabels } from '../pane-label';
export { CASES_FILE, PROMPTFOO_FILE, SUITE_FILES, type SuiteExport, type SuiteFile, type SuiteOptions, exportSuiteCode, exportSuiteFiles } from './suite';

export const EXPORT_LANGUAGES: readonly ExportLanguage[] = ['python', 'javascript', 'rest'];

const GENERATORS: Record<ExportLanguage, (plan: ExportPlan) => string> = {
  python: pythonCode,
  javascript: javascriptCode,
  rest: restCode,
};

/**
 * The code for a pane's conversation (`paneIndex`, or a session with one pane) or for the whole
 * comparison (several panes, no `paneIndex`). Throws RangeError for a pane that does not exist.
 */
export function exportCode(target: ExportTarget, options: ExportOptions): string {
  return exportScript(target, options).code;
}

/**
 * exportCode's script, with the environment variables it reads besides GEMINI_API_KEY (one per MCP server header,
 * as distinctHeaderEnvs named them): the person has to set them, and an unset one fails or goes without the header.
 */
export function exportScript(target: ExportTarget, options: ExportOptions): { code: string; environment: string[] } {
  const plan = planExport(target, options);
  const code = GENERATORS[options.language](plan);
  const refused = refusals(plan).map(COMMENTS[options.language]);
  const environment = [...new Set(callsOf(plan).flatMap((call) => call.mcpHeaders.flatMap((server) => server.headers.map((read) => read.env))))];
  return { code: refused.length === 0 ? code : [...refused, code].join('\n'), environment };
}

const COMMENTS: Record<ExportLanguage, (text: string) => string> = { python: PYTHON.comment, javascript: JAVASCRIPT.comment, rest: BASH.comment };

/**
 * A turn saved before a list's limit was lowered (stop sequences) is exported as it was sent, since the script
 * replays the conversation the app had; the first lines say the API will refuse it, and what to trim.
 */
function refusals(plan: ExportPlan): string[] {
  const lines = callsOf(plan)
    .flatMap((call) => overWireLimits(call.generationConfig))
    .map(refusalLine);
  return [...new Set(lines)];
}
