// Code export over a test set (issue 17): a Python, JavaScript or curl script that reads the cases from cases.jsonl
// beside it (cases-io.ts exportJsonl) and sends each case to each pane, one request per case × pane with that pane's
// settings and the case's values filled into the prompt and the pane's system instruction, as the app's test run
// does; it prints each answer and the result of each check a script can run itself (suite-helpers.ts).
//
// The requests are the app's (call.ts and request-literal.ts write each pane's settings, as for the comparison
// export), except that an answer is asked for whole: the app streams it to show it, a script only checks it.
//
// The plan (suite-plan.ts) is written once; suite-sdk.ts and suite-rest.ts each turn it into their scripts.
import { promptfooConfig } from '../eval/promptfoo';
import { derivePaneLabels } from '../pane-label';
import type { Session } from '../session';
import { overFormLimits, refusalLine } from '../settings/form-limits';
import { BASH } from './bash';
import { JAVASCRIPT } from './javascript';
import { PYTHON } from './python';
import type { ExportLanguage } from './plan';
import { restScript } from './suite-rest';
import { CASES_FILE, type SuiteOptions, planSuite, testSetOf } from './suite-plan';
import { JAVASCRIPT_SUITE, PYTHON_SUITE, sdkScript } from './suite-sdk';

export { CASES_FILE, type SuiteCheck, type SuiteOptions, type SuitePane, type SuitePlan, planSuite } from './suite-plan';

export const PROMPTFOO_FILE = 'promptfooconfig.yaml';
export const SUITE_FILES: Record<ExportLanguage, string> = { python: 'suite.py', javascript: 'suite.mjs', rest: 'suite.sh' };

export interface SuiteExport {
  script: string;
  /** The cases, as the table exports them as JSONL: the script reads them from `fileNames.cases` beside it. */
  casesJsonl: string;
  fileNames: { script: string; cases: string };
}

/**
 * The script running the session's test set in `language`, and the cases file it reads. Throws RangeError for a
 * session without a test set, or an empty prompt template.
 */
export function exportSuiteCode(session: Session, language: ExportLanguage, options: SuiteOptions = {}): SuiteExport {
  const plan = planSuite(session, options);
  const script = language === 'rest' ? restScript(plan) : sdkScript(plan, language === 'python' ? PYTHON_SUITE : JAVASCRIPT_SUITE);
  const warned = withRefusals(script, refusals(session).map(COMMENT[language]));
  return { script: warned, casesJsonl: plan.casesJsonl, fileNames: { script: SUITE_FILES[language], cases: CASES_FILE } };
}

const COMMENT: Record<ExportLanguage, (text: string) => string> = { python: PYTHON.comment, javascript: JAVASCRIPT.comment, rest: BASH.comment };

/**
 * A pane restored from a session saved before a list's limit was lowered (stop sequences) still holds more than the
 * API takes; its form says so and Send waits, but the suite is written from the panes as they are, so its files say
 * first that the API will refuse those requests, as the code export does (index.ts).
 */
function refusals(session: Session): string[] {
  return [...new Set(session.panes.flatMap((pane) => overFormLimits(pane.config)).map(refusalLine))];
}

/** The comments go first, after a shebang (a script's first line must stay one). */
function withRefusals(text: string, comments: string[]): string {
  if (comments.length === 0) return text;
  const shebang = text.startsWith('#!') ? text.slice(0, text.indexOf('\n') + 1) : '';
  return shebang + comments.join('\n') + '\n' + text.slice(shebang.length);
}

export interface SuiteFile {
  name: string;
  text: string;
}

/**
 * Everything "Export suite" writes into one folder: the script in each language, the cases they read, and the
 * promptfoo configuration (which carries the cases itself).
 */
export function exportSuiteFiles(session: Session, options: SuiteOptions = {}): SuiteFile[] {
  const set = testSetOf(session);
  const scripts = (['python', 'javascript', 'rest'] as const).map((language) => exportSuiteCode(session, language, options));
  const configs = session.panes.map((pane) => pane.config);
  const derived = derivePaneLabels(configs);
  const panes = session.panes.map((pane, i) => ({ label: pane.label?.trim() || derived[i]!, config: pane.config }));
  return [
    ...scripts.map((s) => ({ name: s.fileNames.script, text: s.script })),
    { name: CASES_FILE, text: scripts[0]!.casesJsonl },
    { name: PROMPTFOO_FILE, text: withRefusals(promptfooConfig({ ...set, prompt: options.prompt ?? set.prompt }, panes), refusals(session).map(BASH.comment)) },
  ];
}
