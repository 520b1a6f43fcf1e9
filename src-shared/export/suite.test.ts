// What "Export suite" writes: the scripts, the cases they read, the promptfoo configuration; and what a script says
// of the checks it leaves out. That the scripts run and send what the app sends is run-suite.test.ts's business.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportJsonl } from '../eval/cases-io';
import type { TestSet } from '../eval/test-set';
import type { Session } from '../session';
import { pane, session } from '../../test-support/shared/export/sessions';
import { exportSuiteCode, exportSuiteFiles, planSuite } from './suite';

const SET: TestSet = {
  variables: ['question', 'lang'],
  prompt: 'Answer {{question}} in {{lang}}.',
  cases: [
    { id: 'a', values: { question: 'What is 2+2?', lang: 'en' }, expected: '4', notes: 'easy' },
    { id: 'b', values: { question: 'Capital?', lang: 'fr' }, assertions: [{ id: 'own', type: 'regex', value: 'Par', flags: 'i' }] },
    { id: 'c', values: { question: 'x', lang: 'de' } },
  ],
  assertions: [
    { id: '1', type: 'contains', value: '4' },
    { id: '2', type: 'rubric', value: 'Is polite', judgeModel: 'gemini-2.5-pro' },
    { id: '3', type: 'matches-schema' },
  ],
  results: [],
};

const SESSION: Session = { ...session([pane({ temperature: 0.3 }, []), pane({ model: 'gemini-2.5-pro' }, [], 'Pro')]), testSet: SET };

describe('exportSuiteFiles', () => {
  const files = exportSuiteFiles(SESSION);
  const byName = new Map(files.map((f) => [f.name, f.text]));

  it('writes a script per language, the cases they read and the promptfoo configuration, into one folder', () => {
    expect(files.map((f) => f.name)).toEqual(['suite.py', 'suite.mjs', 'suite.sh', 'cases.jsonl', 'promptfooconfig.yaml']);
    expect(byName.get('suite.mjs')).toBe(exportSuiteCode(SESSION, 'javascript').script);
    expect(byName.get('cases.jsonl')).toBe(exportJsonl(SET.variables, SET.cases));
  });

  it('the promptfoo file parses as YAML, with a provider per pane and one test per case', () => {
    const config = parse(byName.get('promptfooconfig.yaml')!) as { providers: { id: string; label?: string }[]; tests: { vars: Record<string, string> }[] };
    expect(config.tests).toHaveLength(SET.cases.length);
    expect(config.tests.map((t) => t.vars)).toEqual(SET.cases.map((c) => c.values));
    expect(config.providers.map((p) => [p.id, p.label])).toEqual([
      ['google:gemini-3-flash-preview', 'gemini-3-flash-preview · T=0.3'],
      ['google:gemini-2.5-pro', 'Pro'],
    ]);
  });

  it('the template given (the composer text) goes into every file in place of the saved one', () => {
    const files = exportSuiteFiles(SESSION, { prompt: 'Reply to {{question}}' });
    for (const file of files.filter((f) => f.name !== 'cases.jsonl')) expect(file.text, file.name).toContain('Reply to ');
  });
});

describe('a pane holding more stop sequences than the API takes (restored from before the limit)', () => {
  const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const over: Session = { ...session([pane({ stopSequences: seven }, []), pane({}, [])]), testSet: SET };
  const warning = 'The API will refuse a request below: it sends 7 stop sequences (saved before the limit of 5); keep at most 5 in stop_sequences';

  it('every file says first that the API will refuse those requests, after a shebang', () => {
    const byName = new Map(exportSuiteFiles(over).map((f) => [f.name, f.text]));
    expect(byName.get('suite.py')!.split('\n')[0]).toBe(`# ${warning}`);
    expect(byName.get('suite.mjs')!.split('\n')[0]).toBe(`// ${warning}`);
    expect(byName.get('suite.sh')!.split('\n').slice(0, 2)).toEqual(['#!/usr/bin/env bash', `# ${warning}`]);
    expect(byName.get('promptfooconfig.yaml')!.split('\n')[0]).toBe(`# ${warning}`);
    // Still a YAML document promptfoo reads, and the cases are as they were.
    expect((parse(byName.get('promptfooconfig.yaml')!) as { tests: unknown[] }).tests).toHaveLength(SET.cases.length);
    expect(byName.get('cases.jsonl')).toBe(exportJsonl(SET.variables, SET.cases));
  });

  it('says nothing when every pane is within the limits', () => {
    const within: Session = { ...session([pane({ stopSequences: seven.slice(0, 5) }, [])]), testSet: SET };
    expect(exportSuiteFiles(within).some((f) => f.text.includes('will refuse'))).toBe(false);
  });
});

describe('exportSuiteCode', () => {
  it('names the checks a script leaves out, once each', () => {
    for (const language of ['python', 'javascript', 'rest'] as const) {
      const { script } = exportSuiteCode(SESSION, language);
      expect(script).toContain("Not checked here (a rubric needs a judge model, the pane's schema a JSON Schema validator): rubric: Is polite; matches the pane's response schema\n");
    }
  });

  it('carries the simple checks, and a case\'s own by its line in cases.jsonl', () => {
    const plan = planSuite(SESSION);
    expect(plan.checks).toEqual([{ type: 'contains', value: '4', label: 'contains "4"' }]);
    expect(plan.caseChecks).toEqual([[2, [{ type: 'regex', value: 'Par', flags: 'i', label: 'matches /Par/i' }]]]);
  });

  it('says when a pane declares functions, whose calls a test run leaves unanswered', () => {
    const withFunctions: Session = { ...SESSION, panes: [pane({ functions: [{ name: 'get_time' }] }, [])] };
    expect(exportSuiteCode(withFunctions, 'python').script).toContain("# A pane with functions gets one request per case, as in the app's test run");
    expect(exportSuiteCode(SESSION, 'python').script).not.toContain('A pane with functions');
  });

  it('refuses a session without test cases, or an empty template, saying what to do', () => {
    const { testSet: _none, ...bare } = SESSION;
    expect(() => exportSuiteCode(bare, 'rest')).toThrow('This session has no test cases to export: add some in the test cases table first.');
    expect(() => exportSuiteCode(SESSION, 'python', { prompt: ' \n' })).toThrow('The prompt template is empty: write the prompt the cases fill first.');
  });
});
