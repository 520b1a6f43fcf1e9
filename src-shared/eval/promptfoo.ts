// The test set and the panes as a promptfoo configuration (issue 17), so a suite can run in CI. Only what carries
// over exactly is written; everything else is named in a YAML comment where it was left out.
//
// promptfoo renders the prompt, the system instruction and every assertion value with nunjucks (autoescape off),
// which reads `{{ x }}` as ours does but also `{%` and `{#`, and reads `a-b` as a subtraction. So text is escaped
// for nunjucks (`{{ '{{' }}` renders `{{`), and a variable whose name nunjucks cannot read is renamed consistently in
// the prompt and in every test's vars. Test vars are not rendered by promptfoo, so case values are written as they are.
// (promptfoo does load a var whose value starts with `file://` from that file; such values are flagged.)
import { Document, Scalar, visit, type YAMLMap } from 'yaml';
import { codePointHex, hasBidiControl, namedControl, spellBidiControls } from '../bidi-controls';
import type { PaneConfig } from '../domain';
import { PANE_SETTINGS } from '../settings/table';
import { assertionsFor, describeAssertion, oneLineBreak } from './assertions';
import { fill, rubricTemplates, scanTemplate, variablesOf } from './template';
import type { Assertion, TestSet } from './test-set';

export interface PromptfooPane {
  /** As the app labels the pane; promptfoo shows it to tell two panes on one model apart. */
  label?: string;
  config: PaneConfig;
}

/** PaneConfig fields with the same meaning in promptfoo's `google:` provider config. */
const MAPPED_SETTINGS = ['temperature', 'topP', 'maxOutputTokens', 'stopSequences', 'systemInstruction'] as const;

// The exact JavaScript of json-check's one-fence rule (validateAnswerJson), so is-json passes the same answers.
const STRIP_ONE_FENCE = "output.replace(/^\\s*```[^\\n`]*\\r?\\n([\\s\\S]*?)\\r?\\n?[ \\t]*```\\s*$/, '$1')";

/** Text that nunjucks renders back as itself. */
export function escapeNunjucks(text: string): string {
  return text.replace(/\{[{%#]/g, (opener) => `{{ '${opener}' }}`);
}

// Nunjucks reads these as literals or operators, not as variables.
const NUNJUCKS_WORDS = new Set(['true', 'false', 'True', 'False', 'none', 'None', 'null', 'and', 'or', 'not', 'in', 'is', 'if', 'else']);

/** Our variable name → one nunjucks can read (letters, digits, _; not a keyword), unique. */
export function nunjucksNames(variables: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const readable = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !NUNJUCKS_WORDS.has(name);
  const taken = new Set(variables.filter(readable));
  for (const name of variables) {
    if (readable(name)) {
      names.set(name, name);
      continue;
    }
    const base = NUNJUCKS_WORDS.has(name) ? `${name}_` : name.replace(/-/g, '_');
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    names.set(name, candidate);
  }
  return names;
}

function toNunjucks(template: string, names: ReadonlyMap<string, string>): string {
  return scanTemplate(template)
    .tokens.map((token) => (token.kind === 'text' ? escapeNunjucks(token.text) : `{{ ${names.get(token.name) ?? token.name} }}`))
    .join('');
}

type PromptfooAssert = Record<string, unknown>;

/**
 * The promptfoo assertion that checks exactly what ours does, or why there is none. `names` are the variables as
 * nunjucks reads them: a rubric's, like the prompt's, are filled from the test's vars.
 */
function mapAssertion(a: Assertion, expected: string | undefined, names: ReadonlyMap<string, string>): { assert: PromptfooAssert } | { left: string } {
  const left = (why: string) => ({ left: `${describeAssertion(a)}: ${why}` });
  switch (a.type) {
    case 'contains':
    case 'not-contains':
      // Both are case-sensitive substring checks, as ours are.
      return a.value ? { assert: { type: a.type, value: escapeNunjucks(a.value) } } : left('no text given');
    case 'regex':
      if (!a.value) return left('no pattern given');
      // promptfoo builds `new RegExp(value)` without flags; d, g and y change nothing in our check either.
      if (/[^dgy]/.test(a.flags ?? '')) return left(`promptfoo's regex takes no flags (${a.flags})`);
      return { assert: { type: 'regex', value: escapeNunjucks(a.value) } };
    case 'equals-expected':
      if (expected === undefined) return left('the case has no expected answer');
      // Line breaks as one, as the app compares (assertions.ts): a spreadsheet's CRLF against the model's LF.
      return { assert: { type: 'equals', value: escapeNunjucks(oneLineBreak(expected.trim())), transform: String.raw`output.trim().replace(/\r\n?/g, "\n")` } };
    case 'is-json':
      return { assert: { type: 'is-json', transform: STRIP_ONE_FENCE } };
    case 'rubric':
      if (!a.value || !a.judgeModel) return left('no rubric or judge model');
      // promptfoo grades with its own prompt (said at the top), through the same judge model, and fills the rubric's
      // variables from the test's vars as the app fills them from the case's values.
      return { assert: { type: 'llm-rubric', value: toNunjucks(a.value, names), provider: `google:${modelId(a.judgeModel)}` } };
    case 'matches-schema':
      return left("promptfoo validates with ajv against a schema it is given, not the pane's, and the validators differ");
    case 'length':
      return left('promptfoo has no length assertion in characters');
  }
}

/** A rubric naming a variable the case has no value for: the app asks no judge (nunjucks would fill it blank). */
function unfilledRubric(a: Assertion, values: Readonly<Record<string, string>>): { left: string } | undefined {
  if (a.type !== 'rubric') return undefined;
  const { missing } = fill(a.value ?? '', values);
  return missing.length > 0 ? { left: `${describeAssertion(a)}: this case has no value for ${missing.map((m) => `{{${m}}}`).join(', ')}, and the app asks no judge without it` } : undefined;
}

function modelId(model: string): string {
  return model.replace(/^models\//, '');
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== false && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function providerOf(pane: PromptfooPane, names: ReadonlyMap<string, string>): { provider: Record<string, unknown>; unmapped: string[] } {
  const config: Record<string, unknown> = {};
  const settings = pane.config as Record<string, unknown>;
  for (const key of MAPPED_SETTINGS) {
    const value = settings[key];
    if (!isSet(value)) continue;
    config[key] = key === 'systemInstruction' ? toNunjucks(value as string, names) : value;
  }
  const unmapped = PANE_SETTINGS.filter(
    (row) => row.key !== 'model' && !(MAPPED_SETTINGS as readonly string[]).includes(row.key) && isSet(settings[row.key]),
  ).map((row) => row.label);
  const provider: Record<string, unknown> = { id: `google:${modelId(pane.config.model)}` };
  if (pane.label) provider.label = pane.label;
  if (Object.keys(config).length > 0) provider.config = config;
  return { provider, unmapped };
}

/** promptfooconfig.yaml for the set's prompt and cases, one provider per pane and one test per case. */
export function promptfooConfig(set: Pick<TestSet, 'prompt' | 'variables' | 'cases' | 'assertions' | 'serviceTier'>, panes: readonly PromptfooPane[]): string {
  const variables = [
    ...new Set([
      ...variablesOf(set.prompt, [
        ...panes.map((p) => p.config.systemInstruction),
        // A rubric's variables are read by nunjucks too: one it cannot read is renamed there as well.
        ...rubricTemplates(set.assertions, set.cases),
      ]),
      ...set.variables,
      ...set.cases.flatMap((c) => Object.keys(c.values)),
    ]),
  ];
  const names = nunjucksNames(variables);
  const providers = panes.map((pane) => providerOf(pane, names));

  const setLeft = set.assertions.flatMap((a) => {
    const mapped = a.type === 'equals-expected' ? undefined : mapAssertion(a, undefined, names);
    return mapped && 'left' in mapped ? [mapped.left] : [];
  });
  const tests = set.cases.map((c, i) => {
    const vars: Record<string, string> = {};
    for (const [name, value] of Object.entries(c.values)) vars[names.get(name) ?? name] = value;
    const assert: PromptfooAssert[] = [];
    const left: string[] = [];
    for (const a of assertionsFor(set.assertions, c)) {
      const mapped = unfilledRubric(a, c.values) ?? mapAssertion(a, c.expected, names);
      if ('assert' in mapped) assert.push(mapped.assert);
      // Left-out set assertions are listed once at the top, except where only this case lacks what they need.
      else if (!setLeft.includes(mapped.left)) left.push(mapped.left);
    }
    const fileVars = Object.entries(vars).filter(([, value]) => value.startsWith('file://'));
    const test: Record<string, unknown> = { description: describeCase(i, c.notes), vars };
    if (assert.length > 0) test.assert = assert;
    const comment = [
      ...left.map((why) => ` Not carried over: ${why}`),
      ...fileVars.map(([name]) => ` promptfoo reads "${name}" from a file because its value starts with file://`),
    ];
    return { test, comment };
  });

  const doc = new Document({
    description: 'Exported from Gemini Prompt Playground',
    prompts: [toNunjucks(set.prompt, names)],
    providers: providers.map((p) => p.provider),
    tests: tests.map((t) => t.test),
  });
  const renamed = [...names].filter(([from, to]) => from !== to).map(([from, to]) => `${from} → ${to}`);
  const rubrics = tests.some(({ test }) => (test.assert as PromptfooAssert[] | undefined)?.some((a) => a.type === 'llm-rubric'));
  doc.commentBefore = [
    ' promptfoo configuration written by Gemini Prompt Playground: run it with `npx promptfoo eval`.',
    ' Uses the google: provider (Gemini API, GEMINI_API_KEY or GOOGLE_API_KEY); the app sends through the Interactions API.',
    ...(renamed.length > 0 ? [` Variables renamed so nunjucks can read them: ${renamed.join(', ')}.`] : []),
    ...(rubrics ? [" llm-rubric grades with promptfoo's own judge prompt (the rubric and the answer); the app's judge also sees the prompt as sent and the expected answer."] : []),
    ...(set.serviceTier ? [` Not carried over: the service tier (${set.serviceTier}).`] : []),
    ...setLeft.map((why) => ` Not carried over, for every test: ${why}`),
  ].join('\n');
  providers.forEach(({ unmapped }, i) => {
    if (unmapped.length === 0) return;
    const node = doc.getIn(['providers', i], true) as YAMLMap;
    node.commentBefore = ` Not carried over (no exact equivalent in the google: provider's config): ${unmapped.join(', ')}`;
  });
  tests.forEach(({ comment }, i) => {
    if (comment.length === 0) return;
    const node = doc.getIn(['tests', i], true) as YAMLMap;
    node.commentBefore = comment.join('\n');
  });
  return withoutRawBidiControls(doc);
}

/**
 * The YAML with no raw bidirectional control (bidi-controls.ts): a value holding one is double-quoted, where YAML
 * escapes it as \u202E and reads back the same text; a comment names it.
 */
function withoutRawBidiControls(doc: Document): string {
  const name = <T extends string | null | undefined>(comment: T): T => (comment ? (spellBidiControls(comment, namedControl) as T) : comment);
  doc.commentBefore = name(doc.commentBefore);
  visit(doc, {
    Node(_, node) {
      node.commentBefore = name(node.commentBefore);
      node.comment = name(node.comment);
      if (node instanceof Scalar && typeof node.value === 'string' && hasBidiControl(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // Every control left is inside a double-quoted scalar, where the escape is read as the character.
  return spellBidiControls(doc.toString({ lineWidth: 0 }), (code) => `\\u${codePointHex(code)}`);
}

function describeCase(index: number, notes: string | undefined): string {
  const first = notes?.split('\n')[0]?.trim();
  return first ? `Case ${index + 1}: ${first.length > 80 ? `${first.slice(0, 79)}…` : first}` : `Case ${index + 1}`;
}
