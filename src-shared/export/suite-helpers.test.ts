// Each language's helpers in a test-set script fill templates exactly as the app does (template.ts fill) and decide
// every simple check as the app does (assertions.ts runChecks), over the same tricky inputs, and find the model's last
// output where the app does (structured-answer.ts lastOutputStart): JavaScript in-process, Python with python3, jq in bash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runScript } from '../../e2e/export-runner';
import { outputText } from '../citations';
import { runChecks } from '../eval/assertions';
import type { Step } from '../interactions';
import { lastOutputStart } from '../structured-answer';
import { fill } from '../eval/template';
import type { Assertion } from '../eval/test-set';
import { pyString } from './literals';
import { JAVASCRIPT_HELPERS, JQ_HELPERS, PYTHON_HELPERS } from './suite-helpers';

/** Own properties parsed from JSON, as a script reads a case: `__proto__` is a variable like any other. */
const VALUES = JSON.parse(
  JSON.stringify({ name: 'Ann $& $1 \\1 {{name}}', 'a-b': 'dash', _x9: 'under', empty: '' }).replace(/^\{/, '{"__proto__": "proto", '),
) as Record<string, string>;

const TEMPLATES = [
  'Hi {{name}}!',
  '{{ name }} {{\tname\u00a0}} {{\u2028name\u3000}} {{\ufeffname}}',
  // Not JavaScript whitespace: the name is not one, so the text stays.
  '{{\u0085name}} {{\u001fname}}',
  '\\{{name}} \\\\{{name}} \\{{{name}}',
  '{{{name}}} {{{{name}}}} {{name}}} {{ {name}} }}',
  '{{ bad name }} {{1x}} {{}} {{a.b}} {{name',
  '{{na\nme}} {{name}}\r\n{{a-b}}{{_x9}}{{empty}}{{missing}}',
  '{{__proto__}} {{toString}} {{constructor}}',
  '{{expected}} {{ NOTES }} {{prototype}} {{expected_x}} {{xnotes}} {{Expected}}',
  `😀{{name}}é{{${'a'.repeat(64)}}}{{${'a'.repeat(65)}}}`,
  '',
  'no variables at all, {single} braces }}',
];

const ids = (n: number): string => `a${n}`;
const ASSERTIONS: Assertion[] = [
  { type: 'contains', value: 'Paris' },
  { type: 'contains' },
  { type: 'contains', value: '' },
  { type: 'not-contains', value: 'Paris' },
  { type: 'not-contains', value: '😀' },
  { type: 'regex', value: '^Par' },
  { type: 'regex', value: 'paris', flags: 'i' },
  { type: 'regex', value: '^line2', flags: 'm' },
  { type: 'regex', value: '^line2' },
  { type: 'regex', value: '1.line2', flags: 's' },
  { type: 'regex', value: 'x{3}', flags: 'gy' },
  { type: 'regex', value: 'aris', flags: 'y' },
  { type: 'regex', value: '[' },
  { type: 'regex' },
  { type: 'equals-expected' },
  { type: 'is-json' },
  { type: 'length', min: 3, max: 5 },
  { type: 'length', max: 2 },
  { type: 'length', min: 0 },
  { type: 'length' },
].map((a, i) => ({ id: ids(i), ...a }) as Assertion);

const ANSWERS = [
  'Paris',
  ' Paris \u00a0\ufeff\u2028',
  'paris, France',
  '',
  '😀😀😀',
  'line1\nline2',
  'xxx',
  '{"a": 1}',
  ' [1, 2.5e3, -0, "x\\"y", {"b": null, "c": true}] ',
  '```json\n{"a": [1, 2]}\n```',
  '  ```\r\n[1]\r\n  ```  ',
  '```json\n{"a": 1}\n``` trailing',
  'NaN',
  'Infinity',
  '01',
  '1.',
  '.5',
  '{"a": 1,}',
  "{'a': 1}",
  '[1] [2]',
  'null',
  '"\\u00e9"',
  '\u00a0{}',
  '\u2028[]',
];

const EXPECTED: (string | undefined)[] = ['Paris', ' paris, France\n', 'line1\r\nline2', 'line1\rline2 ', undefined];

const text = (t: string) => ({ type: 'text', text: t });
const said = (...parts: object[]) => ({ type: 'model_output', content: parts });
/** Interactions' steps: none, thoughts, a search after a line of its own, a call still waiting, an image between texts. */
const STEPS = [
  [],
  [{ type: 'thought', signature: 's' }, said(text('A')), { type: 'thought', signature: 't' }, said(text('B'))],
  [
    said(text('Searching.')),
    { type: 'google_search_call', id: 'g', arguments: { queries: ['q'] } },
    { type: 'google_search_result', call_id: 'g', result: [] },
    { type: 'thought', signature: 's' },
    said(text('{"a": 1}')),
  ],
  [said(text('Let me check.')), { type: 'function_call', id: 'f', name: 'get', arguments: {} }],
  [said(text('a'), { type: 'image', mime_type: 'image/png', data: 'AA==' }, text('b'))],
] as Step[][];

interface Outcomes {
  fills: string[];
  /** [answer][expected][assertion] */
  passes: boolean[][][];
  /** What is-json reads of each of STEPS (the answer's text after its last tool step). */
  lasts: string[];
}

const DATA = {
  templates: TEMPLATES,
  values: VALUES,
  answers: ANSWERS,
  expected: EXPECTED.map((e) => e ?? null),
  checks: ASSERTIONS,
  interactions: STEPS.map((steps) => ({ steps })),
};

function theApp(): Outcomes {
  return {
    fills: TEMPLATES.map((t) => fill(t, VALUES).text),
    passes: ANSWERS.map((answer) => EXPECTED.map((expected) => runChecks(answer, ASSERTIONS, expected === undefined ? {} : { expected }).map((c) => c.pass))),
    lasts: STEPS.map((steps) => {
      const answer = outputText(steps);
      return answer.slice(lastOutputStart(answer, steps));
    }),
  };
}

function javascript(): Outcomes {
  const helpers = new Function(`${JAVASCRIPT_HELPERS.join('\n')}\nreturn { fill, passes, lastOutput };`)() as {
    fill: (t: string, v: Record<string, string>) => string;
    passes: (answer: string, check: Assertion, expected: string | undefined, last: string) => boolean;
    lastOutput: (interaction: { steps: Step[] }) => string;
  };
  return {
    fills: TEMPLATES.map((t) => helpers.fill(t, VALUES)),
    passes: ANSWERS.map((answer) => EXPECTED.map((expected) => ASSERTIONS.map((a) => helpers.passes(answer, a, expected, answer)))),
    lasts: DATA.interactions.map((interaction) => helpers.lastOutput(interaction)),
  };
}

const PYTHON_DRIVER = [
  'import json',
  'import re',
  'from types import SimpleNamespace',
  '',
  ...PYTHON_HELPERS,
  '',
  `data = json.loads(${pyString(JSON.stringify(DATA))})`,
  'print(json.dumps({',
  '    "fills": [fill(t, data["values"]) for t in data["templates"]],',
  '    "passes": [[[passes(a, c, e, a) for c in data["checks"]] for e in data["expected"]] for a in data["answers"]],',
  // Attributes, as the SDK's models give them.
  `    "lasts": [last_output(i) for i in json.loads(${pyString(JSON.stringify(DATA.interactions))}, object_hook=lambda o: SimpleNamespace(**o))],`,
  '}))',
].join('\n');

const JQ_DRIVER = [
  "JQ_LIB=$(cat <<'JQ'",
  ...JQ_HELPERS,
  'JQ',
  ')',
  "DATA=$(cat <<'DATA'",
  JSON.stringify(DATA),
  'DATA',
  ')',
  `printf '%s' "$DATA" | jq -c "$JQ_LIB"'
    . as $d | {
      fills: [$d.templates[] | fill($d.values)],
      passes: [$d.answers[] as $a | [$d.expected[] as $e | [$d.checks[] as $c | $a | passes($c; $e; $a)]]],
      lasts: [$d.interactions[] | last_output]
    }'`,
].join('\n');

const dirs: string[] = [];
let python: Outcomes;
let jq: Outcomes;

beforeAll(async () => {
  const run = async (language: 'python' | 'rest', code: string): Promise<Outcomes> => {
    const result = await runScript(language, code, { fakeUrl: 'http://127.0.0.1:9' });
    dirs.push(result.dir);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Outcomes;
  };
  [python, jq] = await Promise.all([run('python', PYTHON_DRIVER), run('rest', JQ_DRIVER)]);
}, 60_000);

afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

describe.each([
  ['javascript', () => javascript()],
  ['python', () => python],
  ['jq', () => jq],
] as const)('%s helpers', (_language, outcomes) => {
  it('fill as the app fills: escapes, stray braces, names trimmed of JavaScript whitespace, missing values empty', () => {
    const app = theApp().fills;
    // The inputs reach every rule: something is replaced, something escaped, something left as written.
    expect(app[0]).toBe('Hi Ann $& $1 \\1 {{name}}!');
    expect(app[3]).toBe('{{name}} \\{{name}} {{{name}}');
    expect(outcomes().fills).toEqual(app);
  });

  it('read what is-json reads where the app does: the text after the last tool step, thoughts aside', () => {
    const app = theApp().lasts;
    expect(app).toEqual(['', 'AB', '{"a": 1}', '', 'ab']);
    expect(outcomes().lasts).toEqual(app);
  });

  it('decide every simple check as the app does, for every answer and expected answer', () => {
    const app = theApp().passes;
    expect(app.flat(2)).toContain(true);
    expect(app.flat(2)).toContain(false);
    const mine = outcomes().passes;
    ANSWERS.forEach((answer, i) => {
      EXPECTED.forEach((expected, j) => {
        const differing = ASSERTIONS.filter((_, k) => mine[i]![j]![k] !== app[i]![j]![k]).map((a) => `${a.type} ${a.value ?? ''} ${a.flags ?? ''}`);
        expect(differing, `answer ${JSON.stringify(answer)}, expected ${JSON.stringify(expected)}`).toEqual([]);
      });
    });
  });
});
