// JavaScript export in the style of the official guide: @google/genai's ai.interactions.create inside async main(), 2-space indentation.
import { jsString, numberLiteral } from './literals';
import type { Call, ComparisonPlan, ConversationPlan, ExportPlan, ImageSlot, Part, PlannedTurn } from './plan';
import { missingBytesNote, newUploads } from './shared';
import { CodeWriter, type Entry, type Node, type Syntax, dict, fromValue, list, raw, render, str } from './syntax';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const JS: Syntax = {
  indent: '  ',
  string: jsString,
  number: numberLiteral,
  key: (name) => (IDENTIFIER.test(name) ? name : jsString(name)),
  bool: (value) => String(value),
};

const fileVar = (image: ImageSlot): string => `uploadedFile${image.suffix}`;

/** The guide writes parts as {type: …} in an input array and { type: … } inside a history step. */
function partNode(part: Part, padded: boolean): Node {
  if (part.type === 'text') return dict([['type', str('text')], ['text', str(part.text)]], { inline: true, padded });
  const { image } = part;
  if (image.data !== undefined) {
    return dict([['type', str('image')], ['data', str(image.data)], ['mime_type', str(image.mimeType)]]);
  }
  // files.upload answers in camelCase, the Interactions API wants snake_case.
  return dict([['type', str('image')], ['uri', raw(`${fileVar(image)}.uri`)], ['mime_type', raw(`${fileVar(image)}.mimeType`)]]);
}

function inputNode(parts: readonly Part[]): Node {
  const [first] = parts;
  if (parts.length === 1 && first?.type === 'text') return str(first.text);
  return list(parts.map((p) => partNode(p, false)));
}

function userInputStep(parts: readonly Part[]): Node {
  const content = list(parts.map((p) => partNode(p, true)), parts.every((p) => p.type === 'text'));
  return dict([['type', str('user_input')], ['content', content]]);
}

/** The guide's property order: model, store, input, system_instruction, generation_config, previous_interaction_id, stream. */
function callEntries(call: Call, input: Node | undefined, previous: string | undefined): Entry[] {
  const entries: Entry[] = [['model', str(call.model)]];
  if (call.stateless) entries.push(['store', raw('false')]);
  if (input) entries.push(['input', input]);
  if (call.systemInstruction !== undefined) entries.push(['system_instruction', str(call.systemInstruction)]);
  if (call.generationConfig) entries.push(['generation_config', fromValue(call.generationConfig, { trailingComma: true })]);
  if (call.chained && previous) entries.push(['previous_interaction_id', raw(`${previous}.id`)]);
  if (call.stream) entries.push(['stream', raw('true')]);
  return entries;
}

function create(w: CodeWriter, target: string, entries: Entry[], trailingComma: boolean): void {
  w.emit(`const ${target} = await ai.interactions.create(`, render(dict(entries, { trailingComma }), JS), ');');
}

function printStream(w: CodeWriter, source: string): void {
  w.line(`for await (const event of ${source}) {`);
  w.indented(() => {
    w.line('if (event.event_type === "step.delta") {');
    w.indented(() => {
      w.line('if (event.delta.type === "text") {');
      w.indented(() => w.line('process.stdout.write(event.delta.text);'));
      w.line('}');
    });
    w.line('}');
  });
  w.line('}');
}

function uploadsFor(w: CodeWriter, parts: readonly Part[], done: Set<string>): void {
  for (const image of newUploads(parts, done)) {
    if (image.missingBytes) w.line(`// ${missingBytesNote(image)}`);
    const config = dict([['mimeType', str(image.mimeType)]], { inline: true, padded: true });
    w.emit(`const ${fileVar(image)} = await ai.files.upload(`, render(dict([['file', str(image.name)], ['config', config]]), JS), ');');
  }
}

function serverConversation(w: CodeWriter, plan: ConversationPlan): void {
  const single = plan.turns.length === 1;
  const done = new Set<string>();
  let previous: string | undefined;
  for (const turn of plan.turns) {
    uploadsFor(w, turn.parts, done);
    const name = turn.call.stream ? 'stream' : single ? 'interaction' : `interaction${turn.number}`;
    create(w, name, callEntries(turn.call, inputNode(turn.parts), previous), true);
    if (turn.call.stream) printStream(w, name);
    else if (single) w.line(`console.log(${name}.steps.at(-1).content[0].text);`);
    else w.line(`console.log("Response ${turn.number}:", ${name}.steps.at(-1).content[0].text);`);
    w.blank();
    previous = name;
  }
}

function statelessTurn(w: CodeWriter, turn: PlannedTurn, done: Set<string>): void {
  const name = turn.call.stream ? 'stream' : `interaction${turn.number}`;
  if (turn.number === 1) {
    uploadsFor(w, turn.parts, done);
    w.line('// Initialize history with the first user turn');
    w.emit('const history = ', render(list([userInputStep(turn.parts)]), JS), ';');
    w.blank();
    w.line('// Turn 1: Send request with store: false');
  } else {
    w.line('// Append model response steps to history');
    w.line(`history.push(...interaction${turn.number - 1}.steps);`);
    w.blank();
    uploadsFor(w, turn.parts, done);
    w.line('// Append the next user turn');
    w.emit('history.push(', render(userInputStep(turn.parts), JS), ');');
    w.blank();
    w.line(`// Turn ${turn.number}: Send full history with store: false`);
  }
  // The guide's stateless sample ends with `input: history` and no trailing comma.
  create(w, name, callEntries(turn.call, raw('history'), undefined), false);
  if (turn.call.stream) printStream(w, name);
  else w.line(`console.log("Response ${turn.number}:", ${name}.steps.at(-1).content[0].text);`);
  w.blank();
}

function comparison(w: CodeWriter, plan: ComparisonPlan): void {
  uploadsFor(w, plan.parts, new Set());
  w.emit('const prompt = ', render(inputNode(plan.parts), JS), ';');
  w.blank();
  const panes = plan.panes.map(({ label, call }) =>
    dict(
      [
        ['label', str(label)],
        ['config', dict(callEntries({ ...call, stream: false }, undefined, undefined), { trailingComma: true })],
      ],
      { trailingComma: true },
    ),
  );
  const rendered = render(list(panes), JS);
  // A trailing comma after the last pane too, so adding a pane is a one-line diff.
  if (rendered.length > 2) rendered[rendered.length - 2] += ',';
  w.emit('const panes = ', rendered, ';');
  w.blank();
  w.line('for (const pane of panes) {');
  w.indented(() => {
    w.line('console.log(`== ${pane.label} ==`);');
    const name = plan.stream ? 'stream' : 'interaction';
    w.line(`const ${name} = await ai.interactions.create({`);
    w.indented(() => {
      w.line('...pane.config,');
      w.line('input: prompt,');
      if (plan.stream) w.line('stream: true,');
    });
    w.line('});');
    if (plan.stream) {
      printStream(w, name);
      w.line('console.log();');
    } else {
      w.line(`console.log(${name}.steps.at(-1).content[0].text);`);
    }
  });
  w.line('}');
}

export function javascriptCode(plan: ExportPlan): string {
  const w = new CodeWriter(JS.indent);
  w.line('// This will only work for SDK newer than 2.0.0');
  w.line('import { GoogleGenAI } from "@google/genai";');
  w.blank();
  w.line('const ai = new GoogleGenAI({});');
  w.blank();
  w.line('async function main() {');
  w.indented(() => {
    if (plan.kind === 'comparison') comparison(w, plan);
    else if (plan.history === 'stateless' && plan.turns.length > 1) {
      const done = new Set<string>();
      for (const turn of plan.turns) statelessTurn(w, turn, done);
    } else serverConversation(w, plan);
  });
  w.trimBlank();
  w.line('}');
  w.blank();
  w.line('await main();');
  return w.toString();
}
