import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rubricRequest } from './assertions';
import { escapeNunjucks, nunjucksNames, promptfooConfig } from './promptfoo';
import type { TestCase, TestSet } from './test-set';

type Config = {
  prompts: string[];
  providers: { id: string; label?: string; config?: Record<string, unknown> }[];
  tests: { description: string; vars: Record<string, string>; assert?: Record<string, unknown>[] }[];
};

const set: Pick<TestSet, 'prompt' | 'variables' | 'cases' | 'assertions' | 'serviceTier'> = {
  prompt: 'Answer {{ question }} in {{lang}}. Literal \\{{x}} and {% raw.',
  variables: ['question', 'lang'],
  cases: [
    { id: 'a', values: { question: 'What is 2+2?', lang: 'en' }, expected: ' 4\n', notes: 'easy one\nsecond line' },
    { id: 'b', values: { question: 'multi\nline "quoted": yes', lang: 'fr' } },
    { id: 'c', values: { question: 'x', lang: 'de' }, assertions: [{ id: 'own', type: 'contains', value: 'Ja' }] },
  ],
  assertions: [
    { id: '1', type: 'contains', value: 'four {{' },
    { id: '2', type: 'not-contains', value: 'sorry' },
    { id: '3', type: 'regex', value: '\\d+' },
    { id: '4', type: 'regex', value: 'abc', flags: 'i' },
    { id: '5', type: 'equals-expected' },
    { id: '6', type: 'is-json' },
    { id: '7', type: 'matches-schema' },
    { id: '8', type: 'length', max: 10 },
    { id: '9', type: 'rubric', value: 'Is polite', judgeModel: 'models/gemini-2.5-pro' },
  ],
  serviceTier: 'flex',
};

const panes = [
  { label: 'Flash T=0.2', config: { model: 'gemini-2.5-flash', temperature: 0.2, topP: 0.9, maxOutputTokens: 500, thinkingLevel: 'low' as const } },
  { config: { model: 'models/gemini-2.5-pro', systemInstruction: 'Reply in {{lang}}.', responseSchema: { type: 'object' } } },
];

const text = promptfooConfig(set, panes);
const config = parse(text) as Config;

describe('promptfooConfig', () => {
  it('parses as YAML with one test per case', () => {
    expect(config.tests).toHaveLength(set.cases.length);
  });

  it('writes the prompt for nunjucks: our variables as {{ name }}, literal braces escaped', () => {
    expect(config.prompts).toEqual(["Answer {{ question }} in {{ lang }}. Literal {{ '{{' }}x}} and {{ '{%' }} raw."]);
  });

  it('writes one google: provider per pane with the settings that map, and names the rest', () => {
    expect(config.providers).toEqual([
      { id: 'google:gemini-2.5-flash', label: 'Flash T=0.2', config: { temperature: 0.2, topP: 0.9, maxOutputTokens: 500 } },
      { id: 'google:gemini-2.5-pro', config: { systemInstruction: 'Reply in {{ lang }}.' } },
    ]);
    expect(text).toContain("# Not carried over (no exact equivalent in the google: provider's config): Thinking level\n");
    expect(text).toContain("# Not carried over (no exact equivalent in the google: provider's config): Response schema\n");
  });

  it('carries every case value exactly as vars', () => {
    expect(config.tests.map((t) => t.vars)).toEqual(set.cases.map((c) => c.values));
  });

  it('maps only the assertions with an exact promptfoo equivalent', () => {
    expect(config.tests[0]!.assert).toEqual([
      { type: 'contains', value: "four {{ '{{' }}" },
      { type: 'not-contains', value: 'sorry' },
      { type: 'regex', value: '\\d+' },
      { type: 'equals', value: '4', transform: String.raw`output.trim().replace(/\r\n?/g, "\n")` },
      { type: 'is-json', transform: expect.stringContaining('output.replace(') },
      { type: 'llm-rubric', value: 'Is polite', provider: 'google:gemini-2.5-pro' },
    ]);
    expect(text).toContain('# Not carried over, for every test: matches /abc/i: promptfoo\'s regex takes no flags (i)');
    expect(text).toContain("# Not carried over, for every test: matches the pane's response schema:");
    expect(text).toContain('# Not carried over, for every test: at most 10 characters:');
    expect(text).toContain('# Not carried over: the service tier (flex).');
    // Said once at the top, not again on every test.
    expect(text.match(/matches \/abc\/i/g)).toHaveLength(1);
  });

  it("leaves equals out of a case without an expected answer, saying so there, and adds a case's own assertions", () => {
    expect(config.tests[1]!.assert!.map((a) => a.type)).toEqual(['contains', 'not-contains', 'regex', 'is-json', 'llm-rubric']);
    expect(text).toContain('# Not carried over: equals the expected answer: the case has no expected answer');
    expect(config.tests[2]!.assert!.at(-1)).toEqual({ type: 'contains', value: 'Ja' });
  });

  it('describes a case by its number and the first line of its notes', () => {
    expect(config.tests.map((t) => t.description)).toEqual(['Case 1: easy one', 'Case 2', 'Case 3']);
  });

  it('the is-json transform strips one fence exactly as json-check does', () => {
    const transform = config.tests[0]!.assert!.find((a) => a.type === 'is-json')!.transform as string;
    const run = (output: string) => new Function('output', `return ${transform}`)(output) as string;
    expect(run('```json\n{"a": 1}\n```')).toBe('{"a": 1}');
    expect(run('  ```\r\n[1]\r\n  ```  ')).toBe('[1]');
    expect(run('{"a": 1}')).toBe('{"a": 1}');
  });

  it("fills a rubric's variables from the test's vars as the app fills them from the case's values, and says whose judge prompt grades", () => {
    const rubric = 'Answers {{ question }} in {{lang}}, as {{my-tone}} asks; \\{{literal}} and {% kept';
    const cases = [
      { id: 'a', values: { question: 'What is 2+2?', lang: 'en', 'my-tone': 'a teacher' } },
      { id: 'b', values: { question: 'x {{ y }}', lang: 'fr', 'my-tone': '{% raw %}' } },
    ];
    const yaml = promptfooConfig({ prompt: 'Say {{question}}', variables: [], cases, assertions: [{ id: 'r', type: 'rubric', value: rubric, judgeModel: 'gemini-2.5-pro' }] }, [
      { config: { model: 'gemini-2.5-flash' } },
    ]);
    expect(yaml).toContain("# llm-rubric grades with promptfoo's own judge prompt (the rubric and the answer); the app's judge also sees the prompt as sent and the expected answer.\n");
    const tests = (parse(yaml) as Config).tests;
    tests.forEach((test, i) => {
      const value = test.assert![0]!.value as string;
      expect(value).toBe("Answers {{ question }} in {{ lang }}, as {{ my_tone }} asks; {{ '{{' }}literal}} and {{ '{%' }} kept");
      // What nunjucks renders of these two forms (test vars are not rendered again), against what the app's judge reads.
      const rendered = value.replace(/\{\{ (?:'([^']*)'|(\w+)) \}\}/g, (_, literal: string | undefined, name: string) => literal ?? test.vars[name]!);
      const app = rubricRequest(rubric, 'answer', 'gemini-2.5-pro', { values: cases[i]!.values, prompt: '' }).input;
      expect(app.startsWith(`<rubric>\n${rendered}\n</rubric>\n`)).toBe(true);
    });
  });

  it('leaves out a rubric where the case has no value for its variable, as the app asks no judge there, and says so on that test', () => {
    const cases: TestCase[] = [
      { id: 'a', values: { question: 'Why?', tone: 'kind' } },
      { id: 'b', values: { question: 'How?' } },
    ];
    const yaml = promptfooConfig(
      { prompt: 'Say {{question}}', variables: [], cases, assertions: [{ id: 'r', type: 'rubric', value: 'Sounds {{tone}}', judgeModel: 'gemini-2.5-pro' }] },
      [{ config: { model: 'gemini-2.5-flash' } }],
    );
    const tests = (parse(yaml) as Config).tests;
    expect(tests[0]!.assert).toEqual([{ type: 'llm-rubric', value: 'Sounds {{ tone }}', provider: 'google:gemini-2.5-pro' }]);
    expect(tests[1]!.assert).toBeUndefined();
    expect(yaml).toContain('# Not carried over: rubric: Sounds {{tone}}: this case has no value for {{tone}}, and the app asks no judge without it\n  - description: Case 2');
  });

  it('renames variables nunjucks cannot read, in the prompt and the vars alike', () => {
    const renamed = parse(
      promptfooConfig({ prompt: '{{my-var}} {{my_var}} {{in}}', variables: [], cases: [{ id: 'a', values: { 'my-var': '1', my_var: '2', in: '3' } }], assertions: [] }, [
        { config: { model: 'm' } },
      ]),
    ) as Config;
    expect(renamed.prompts).toEqual(['{{ my_var_2 }} {{ my_var }} {{ in_ }}']);
    expect(renamed.tests[0]!.vars).toEqual({ my_var_2: '1', my_var: '2', in_: '3' });
  });

  it('carries no raw bidirectional control: values keep theirs through an escape, comments name theirs', () => {
    const hostile: typeof set = {
      prompt: 'Ask {{q}} \u202etxt.exe',
      variables: ['q'],
      cases: [{ id: 'a', values: { q: 'multi\nline \u2066 value' }, notes: 'note \u202e here' }],
      // A regex with flags is left out, and its pattern is quoted in a comment.
      assertions: [
        { id: '1', type: 'contains', value: 'has \u200f' },
        { id: '2', type: 'regex', value: 'x\u202ey', flags: 'i' },
      ],
    };
    const yaml = promptfooConfig(hostile, [{ config: { model: 'gemini-2.5-flash', systemInstruction: 'sys \u2067' } }]);
    expect(yaml).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(yaml).toContain('x<U+202E>y');
    const back = parse(yaml) as Config;
    expect(back.prompts).toEqual(['Ask {{ q }} \u202etxt.exe']);
    expect(back.tests[0]!.vars).toEqual({ q: 'multi\nline \u2066 value' });
    expect(back.tests[0]!.description).toContain('note \u202e here');
    expect(back.tests[0]!.assert).toContainEqual({ type: 'contains', value: 'has \u200f' });
    expect(back.providers[0]!.config).toEqual({ systemInstruction: 'sys \u2067' });
  });

  it('flags a value promptfoo would read from a file', () => {
    expect(promptfooConfig({ prompt: '{{a}}', variables: ['a'], cases: [{ id: 'x', values: { a: 'file://x.txt' } }], assertions: [] }, [])).toContain(
      '# promptfoo reads "a" from a file',
    );
  });
});

describe('escapeNunjucks', () => {
  it('escapes every opener nunjucks reads, and nothing else', () => {
    expect(escapeNunjucks('{{{ {% {# { } }}')).toBe("{{ '{{' }}{ {{ '{%' }} {{ '{#' }} { } }}");
  });
});

describe('nunjucksNames', () => {
  it('keeps readable names and renames the others uniquely', () => {
    expect([...nunjucksNames(['a-b', 'a_b', 'true', 'ok'])]).toEqual([
      ['a-b', 'a_b_2'],
      ['a_b', 'a_b'],
      ['true', 'true_'],
      ['ok', 'ok'],
    ]);
  });
});
