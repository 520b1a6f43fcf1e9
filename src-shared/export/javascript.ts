// JavaScript as a dialect, in the style of the official guide: @google/genai's ai.interactions.create inside async main(), 2-space indentation.
import type { Dialect } from './dialect';
import { commentText, jsString, numberLiteral } from './literals';
import type { ExportPlan } from './plan';
import { writeProgram } from './program';
import { nameNeedsBody } from './uploads';
import { type Syntax, dict, raw, render, spread, str } from './syntax';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const SYNTAX: Syntax = {
  indent: '  ',
  string: jsString,
  number: numberLiteral,
  // A `__proto__` member of an object literal sets its prototype, quoted or not; only a computed key is a property.
  key: (name) => (name === '__proto__' ? `[${jsString(name)}]` : IDENTIFIER.test(name) ? name : jsString(name)),
  bool: (value) => String(value),
  null: 'null',
};

/** A call's argument object, opened on the call's own line: `f({` … `})`. */
function callWithObject(callee: string, object: string[]): string[] {
  return [`${callee}(${object[0]}`, ...object.slice(1, -1), `${object.at(-1)})`];
}

export const JAVASCRIPT: Dialect = {
  indent: SYNTAX.indent,
  syntax: SYNTAX,
  // JSON and process.env need no import.
  prelude: (needs) => [
    '// This will only work for SDK newer than 2.0.0',
    // Built from parts: the layer check (boundaries.test.ts) reads this file's text, and this is code written
    // for the person, not an import of src-shared's, which runs in the renderer and never imports node:*.
    ...(needs.images || needs.files ? [`import fs from ${JSON.stringify('node:fs')};`] : []),
    'import { GoogleGenAI } from "@google/genai";',
    '',
    'const ai = new GoogleGenAI({});',
    '',
  ],
  main: { block: { open: 'async function main() {', close: '}' }, call: 'await main();' },
  // The guide's property order; a pane's settings are spread first, so that what follows them is what the loop sets.
  memberOrder: [
    'config',
    'model',
    'store',
    'input',
    'system_instruction',
    'tools',
    'response_format',
    'safety_settings',
    'generation_config',
    'previous_interaction_id',
    'stream',
  ],
  // Multi-line literals end with a comma after the last item too, so adding one is a one-line diff.
  objectStyle: { trailingComma: true },
  padsInlineObjects: true,
  numbersChainedAnswers: true,
  scope: { open: '{', close: '}' },
  // The guide's stateless sample ends with `input: history` and no trailing comma; its other samples end with one.
  endsWithComma: (site) => !site.history,
  wording: {
    storeFalse: 'store: false',
    appendSteps: 'Append model response steps to history',
    appendTurn: 'Append the next user turn',
  },

  comment: (text) => `// ${commentText(text)}`,
  identifier: (snake) => snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
  declaration: (name) => ({ prefix: `const ${name} = `, suffix: ';' }),
  mutableDeclaration: (name) => ({ prefix: `let ${name} = `, suffix: ';' }),
  assignment: (name) => ({ prefix: `${name} = `, suffix: ';' }),
  env: (name) => (IDENTIFIER.test(name) ? `process.env.${name}` : `process.env[${jsString(name)}]`),
  prettyJson: (json) => `JSON.stringify(JSON.parse(${json}), null, 2)`,
  concat: (a, b) => `[...${a}, ...${b}]`,
  extend: (list, items) => `${list}.push(...${items});`,
  functionCalls: {
    helper: [
      "// The function_result steps answering the interaction's function calls, each with its function's mock.",
      'function functionResults(interaction, mocks) {',
      '  return interaction.steps',
      '    .filter((step) => step.type === "function_call")',
      '    .map((step) => ({',
      '      type: "function_result",',
      '      call_id: step.id,',
      '      name: step.name,',
      '      result: Object.hasOwn(mocks, step.name) ? mocks[step.name] : {},',
      '    }));',
      '}',
    ],
    results: (interaction, mocks) => `functionResults(${interaction}, ${mocks})`,
    whileRequired: (interaction) => ({ open: `while (${interaction}.status === "requires_action") {`, close: '}' }),
    addSteps: (list, interaction) => `${list}.push(...${interaction}.steps);`,
  },
  forEach: (item, values) => ({ open: `for (const ${item} of ${values}) {`, close: '}' }),
  forEachEntry: (key, value, mapping) => ({ open: `for (const [${key}, ${value}] of Object.entries(${mapping})) {`, close: '}' }),
  countTo: (counter, limit) => ({ open: `for (let ${counter} = 1; ${counter} <= ${limit}; ${counter}++) {`, close: '}' }),
  forEachEvent: (event, stream) => ({ open: `for await (const ${event} of ${stream}) {`, close: '}' }),
  ifEquals: (expression, text) => ({ open: `if (${expression} === ${jsString(text)}) {`, close: '}' }),
  printTemplate: (template) => `console.log(\`${template.map((part) => (typeof part === 'string' ? part : `\${${part.code}}`)).join('')}\`);`,
  print: (...values) => `console.log(${values.join(', ')});`,
  write: (value) => `process.stdout.write(${value});`,
  lastStepText: (interaction) => `${interaction}.steps.at(-1).content[0].text`,
  saveImages: (w, interaction, extension) => {
    for (const line of [
      `for (const step of ${interaction}.steps) {`,
      '  if (step.type !== "model_output") continue;',
      '  for (const part of step.content ?? []) {',
      '    if (part.type === "text") {',
      '      console.log(part.text);',
      '    } else if (part.type === "image") {',
      '      imageCount += 1;',
      `      const fileName = \`image_\${imageCount}.${extension}\`;`,
      '      fs.writeFileSync(fileName, Buffer.from(part.data, "base64"));',
      '      console.log(`Saved ${fileName}`);',
      '    }',
      '  }',
      '}',
    ])
      w.line(line);
  },
  field: (object, key) => `${object}.${key}`,
  spread: (mapping) => spread(`...${mapping}`),
  conditional: (test, then, otherwise) => `(${test} ? ${then} : ${otherwise})`,
  append: (list) => ({ prefix: `${list}.push(`, suffix: ');' }),
  appendSteps: (w, history, interaction) => {
    w.line(`${history}.push(...${interaction}.steps);`);
  },
  create: (members, trailingComma) => callWithObject('await ai.interactions.create', render(dict([...members], { trailingComma }), SYNTAX)),
  uploadFile: (image) => {
    if (!nameNeedsBody(image.name)) {
      const config = dict([['mimeType', str(image.mimeType)]], { inline: true, padded: true });
      return callWithObject('await ai.files.upload', render(dict([['file', str(image.name)], ['config', config]]), SYNTAX));
    }
    const config = dict([['mimeType', str(image.mimeType)], ['displayName', str(image.name)]]);
    const file = raw(`new Blob([fs.readFileSync(${jsString(image.name)})])`);
    return callWithObject('await ai.files.upload', render(dict([['file', file], ['config', config]]), SYNTAX));
  },
  waitUntilActive: (w, file) => {
    w.line(`while ((await ai.files.get({ name: ${file}.name })).state === "PROCESSING") {`);
    w.indented(() => w.line('await new Promise((resolve) => setTimeout(resolve, 1000));'));
    w.line('}');
  },
};

export function javascriptCode(plan: ExportPlan): string {
  return writeProgram(plan, JAVASCRIPT);
}
