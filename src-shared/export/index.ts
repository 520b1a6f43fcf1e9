// Export to code: one entry point from a session (or one pane of it) to Python, JavaScript or curl.
import { javascriptCode } from './javascript';
import { type ExportLanguage, type ExportOptions, type ExportPlan, type ExportTarget, planExport } from './plan';
import { pythonCode } from './python';
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
  return GENERATORS[options.language](planExport(target, options));
}
