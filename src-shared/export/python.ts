// Python as a dialect, in the style of the official guide: google-genai's client.interactions.create, 4-space indentation.
import { orList } from '../word-lists';
import type { Dialect } from './dialect';
import { commentText, numberLiteral, pyString } from './literals';
import type { ExportPlan } from './plan';
import { writeProgram } from './program';
import { type Syntax, indentLines, renderMembers, spread } from './syntax';
import { guessedMimeType, nameNeedsBody } from './uploads';

const SYNTAX: Syntax = {
  indent: '    ',
  string: pyString,
  number: numberLiteral,
  key: pyString,
  bool: (value) => (value ? 'True' : 'False'),
  null: 'None',
};

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/**
 * What google-genai's interactions GenerationConfig declares (2.25: _gaos/types/interactions/generationconfig.py).
 * It is a pydantic model that leaves out any other key, temperature and top_p among them, without a word.
 */
const SDK_GENERATION_CONFIG: ReadonlySet<string> = new Set([
  'image_config',
  'max_output_tokens',
  'seed',
  'speech_config',
  'stop_sequences',
  'thinking_level',
  'thinking_summaries',
  'tool_choice',
  'transcription_config',
  'video_config',
]);

/** "a", "a or b", "a, b or c". */
export const PYTHON: Dialect = {
  indent: SYNTAX.indent,
  syntax: SYNTAX,
  prelude: (needs) => {
    const imports = [
      ...(needs.images ? ['import base64'] : []),
      ...(needs.files ? ['import io'] : []),
      ...(needs.json ? ['import json'] : []),
      ...(needs.env ? ['import os'] : []),
      ...(needs.files ? ['import pathlib'] : []),
      ...(needs.sleep ? ['import time'] : []),
    ];
    return ['# This will only work for SDK newer than 2.0.0', ...imports, ...(imports.length > 0 ? [''] : []), 'from google import genai', '', 'client = genai.Client()', ''];
  },
  // The guide's keyword order; a pane's settings are spread in after the keywords the loop sets (either order runs:
  // Python refuses a keyword given twice wherever it stands).
  memberOrder: [
    'model',
    'system_instruction',
    'store',
    'input',
    'tools',
    'response_format',
    'safety_settings',
    'generation_config',
    'previous_interaction_id',
    'stream',
    'config',
  ],
  objectStyle: {},
  padsInlineObjects: false,
  numbersChainedAnswers: false,
  // The guide's chained sample ends every keyword with a comma, except a final stream=True.
  endsWithComma: (site) => site.chained && !site.stream,
  generationConfig: {
    declared: SDK_GENERATION_CONFIG,
    why: (undeclared) =>
      `generation_config is sent through extra_body: google-genai's GenerationConfig has no ${orList(undeclared)} and would silently drop ${undeclared.length > 1 ? 'them' : 'it'}`,
  },
  wording: {
    storeFalse: 'store=False',
    appendSteps: "Append the model's response steps to history",
    appendTurn: 'Append the next user turn as a user_input step',
  },

  comment: (text) => `# ${commentText(text)}`,
  identifier: (snake) => snake,
  declaration: (name) => ({ prefix: `${name} = `, suffix: '' }),
  mutableDeclaration: (name) => PYTHON.declaration(name),
  assignment: (name) => PYTHON.declaration(name),
  env: (name) => `os.environ[${pyString(name)}]`,
  // As JSON.stringify and jq print it: characters beyond ASCII as themselves, not \u escapes.
  prettyJson: (json) => `json.dumps(json.loads(${json}), indent=2, ensure_ascii=False)`,
  concat: (a, b) => `${a} + ${b}`,
  extend: (list, items) => `${list}.extend(${items})`,
  functionCalls: {
    // Two blank lines around a top-level function, as PEP 8 asks.
    helper: [
      '',
      'def function_results(interaction, mocks):',
      `    """The function_result steps answering the interaction's function calls, each with its function's mock."""`,
      '    return [',
      '        {"type": "function_result", "call_id": step.id, "name": step.name, "result": mocks.get(step.name, {})}',
      '        for step in interaction.steps',
      '        if step.type == "function_call"',
      '    ]',
      '',
      '',
    ],
    results: (interaction, mocks) => `function_results(${interaction}, ${mocks})`,
    whileRequired: (interaction) => ({ open: `while ${interaction}.status == "requires_action":` }),
    addSteps: (list, interaction) => `${list}.extend(step.model_dump() for step in ${interaction}.steps)`,
  },
  forEach: (item, values) => ({ open: `for ${item} in ${values}:` }),
  forEachEntry: (key, value, mapping) => ({ open: `for ${key}, ${value} in ${mapping}.items():` }),
  countTo: (counter, limit) => ({ open: `for ${counter} in range(1, ${limit} + 1):` }),
  // The SDK's stream is iterated like any other iterable.
  forEachEvent: (event, stream) => PYTHON.forEach(event, stream),
  ifEquals: (expression, text) => ({ open: `if ${expression} == ${pyString(text)}:` }),
  printTemplate: (template) => {
    // Before Python 3.12 an f-string cannot hold its own quote, so a hole like pane["label"] is concatenated instead.
    if (template.every((part) => typeof part === 'string' || IDENTIFIER.test(part.code))) {
      return `print(f"${template.map((part) => (typeof part === 'string' ? part : `{${part.code}}`)).join('')}")`;
    }
    const parts = template.filter((part) => part !== '').map((part) => (typeof part === 'string' ? pyString(part) : part.code));
    return `print(${parts.join(' + ')})`;
  },
  print: (...values) => `print(${values.join(', ')})`,
  write: (value) => `print(${value}, end="")`,
  lastStepText: (interaction) => `${interaction}.steps[-1].content[0].text`,
  saveImages: (w, interaction, extension) => {
    for (const line of [
      `for step in ${interaction}.steps:`,
      '    if step.type != "model_output":',
      '        continue',
      '    for part in step.content:',
      '        if part.type == "text":',
      '            print(part.text)',
      '        elif part.type == "image":',
      '            image_count += 1',
      `            file_name = f"image_{image_count}.${extension}"`,
      '            with open(file_name, "wb") as f:',
      '                f.write(base64.b64decode(part.data))',
      '            print(f"Saved {file_name}")',
    ])
      w.line(line);
  },
  field: (object, key) => `${object}[${pyString(key)}]`,
  spread: (mapping) => spread(`**${mapping}`),
  conditional: (test, then, otherwise) => `(${then} if ${test} else ${otherwise})`,
  append: (list) => ({ prefix: `${list}.append(`, suffix: ')' }),
  appendSteps: (w, history, interaction) => {
    w.nest([PYTHON.forEach('step', `${interaction}.steps`)], () => {
      w.line(PYTHON.comment('Convert the SDK Step object to a dictionary'));
      w.line(`${history}.append(step.model_dump())`);
    });
  },
  create: (members, trailingComma) => [
    'client.interactions.create(',
    ...indentLines(renderMembers(members, SYNTAX, { separator: '=', key: (name) => name, trailingComma }), SYNTAX.indent),
    ')',
  ],
  // The SDK guesses the type from the file name; say it only when that guess would be wrong.
  uploadFile: (image) => {
    if (nameNeedsBody(image.name)) {
      const file = `io.BytesIO(pathlib.Path(${pyString(image.name)}).read_bytes())`;
      return [
        'client.files.upload(',
        `    file=${file},`,
        `    config={"mime_type": ${pyString(image.mimeType)}, "display_name": ${pyString(image.name)}},`,
        ')',
      ];
    }
    const config = guessedMimeType(image.name) === image.mimeType ? '' : `, config={"mime_type": ${pyString(image.mimeType)}}`;
    return [`client.files.upload(file=${pyString(image.name)}${config})`];
  },
  waitUntilActive: (w, file) => {
    w.line(`while client.files.get(name=${file}.name).state == "PROCESSING":`);
    w.indented(() => w.line('time.sleep(1)'));
  },
};

export function pythonCode(plan: ExportPlan): string {
  return writeProgram(plan, PYTHON);
}
