// JavaScript export in the style of the official guide: @google/genai's ai.interactions.create inside async main(), 2-space indentation.
import { jsString, numberLiteral } from './literals';
import type { Call, ComparisonPlan, ConversationPlan, ExportPlan, ImageSlot, Part, PlannedTurn, SweepAxis, SweepLoop } from './plan';
import {
  SYSTEM_NAME,
  type Loop,
  type RepeatStyle,
  type SweepNames,
  type SweepVars,
  declareRuns,
  generationConfigNode,
  missingBytesNote,
  nest,
  newUploads,
  runLoops,
  sweepValues,
  sweepVars,
  writeSweep,
} from './shared';
import { CodeWriter, type Entry, type Node, type Syntax, bare, dict, list, raw, render, str } from './syntax';

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
function callEntries(call: Call, input: Node | undefined, previous: string | undefined, vars: SweepVars = {}): Entry[] {
  const entries: Entry[] = [['model', vars.model ?? str(call.model)]];
  if (call.stateless) entries.push(['store', raw('false')]);
  if (input) entries.push(['input', input]);
  if (vars.systemInstruction) entries.push(vars.systemInstruction);
  else if (call.systemInstruction !== undefined) entries.push(['system_instruction', str(call.systemInstruction)]);
  if (call.generationConfig) entries.push(['generation_config', generationConfigNode(call.generationConfig, vars, { trailingComma: true })]);
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

function printAnswer(w: CodeWriter, name: string, stream: boolean): void {
  if (stream) {
    printStream(w, name);
    w.line('console.log();');
  } else {
    w.line(`console.log(${name}.steps.at(-1).content[0].text);`);
  }
}

const REPEAT: RepeatStyle = {
  comment: '//',
  runsVariable: (runs) => `const runs = ${runs};`,
  runLoop: { open: 'for (let run = 1; run <= runs; run++) {', first: ['console.log(`-- run ${run} --`);'], close: '}' },
};

/** Multi-line literals end with a comma after the last item too, so adding one is a one-line diff. */
function withTrailingComma(rendered: string[]): string[] {
  if (rendered.length > 2) rendered[rendered.length - 2] += ',';
  return rendered;
}

function comparison(w: CodeWriter, plan: ComparisonPlan): void {
  uploadsFor(w, plan.parts, new Set());
  w.emit('const prompt = ', render(inputNode(plan.parts), JS), ';');
  w.blank();
  if (plan.sweep) return sweep(w, plan, plan.sweep);
  const panes = plan.panes.map(({ label, call }) =>
    dict(
      [
        ['label', str(label)],
        ['config', dict(callEntries({ ...call, stream: false }, undefined, undefined), { trailingComma: true })],
      ],
      { trailingComma: true },
    ),
  );
  w.emit('const panes = ', withTrailingComma(render(list(panes), JS)), ';');
  w.blank();
  declareRuns(w, plan.runs, REPEAT);
  w.blank();
  w.line('for (const pane of panes) {');
  w.indented(() => {
    w.line('console.log(`== ${pane.label} ==`);');
    nest(w, runLoops(plan.runs, REPEAT), () => {
      const name = plan.stream ? 'stream' : 'interaction';
      w.line(`const ${name} = await ai.interactions.create({`);
      w.indented(() => {
        w.line('...pane.config,');
        w.line('input: prompt,');
        if (plan.stream) w.line('stream: true,');
      });
      w.line('});');
      printAnswer(w, name, plan.stream);
    });
  });
  w.line('}');
}

/** Each setting's list and loop variable; the system instructions are an object keyed by the name the labels print. */
const NAMES: SweepNames = {
  model: { values: 'models', item: 'model' },
  systemInstruction: { values: 'systemInstructions', item: 'systemInstruction' },
  temperature: { values: 'temperatures', item: 'temperature' },
  thinkingLevel: { values: 'thinkingLevels', item: 'thinkingLevel' },
};

function sweepLoop(axis: SweepAxis): Loop {
  const { values, item } = NAMES[axis.setting];
  const open =
    axis.setting === 'systemInstruction'
      ? `for (const [${SYSTEM_NAME}, ${item}] of Object.entries(${values})) {`
      : `for (const ${item} of ${values}) {`;
  return { open, close: '}' };
}

function loopVars(axes: readonly SweepAxis[]): SweepVars {
  // With a "no system" variant (null) the property is spread in only when set: null would be sent as it is.
  return sweepVars(
    axes,
    (setting) => raw(NAMES[setting].item),
    (sendsNone) => (sendsNone ? bare('...(systemInstruction ? { system_instruction: systemInstruction } : {}),') : ['system_instruction', raw('systemInstruction')]),
  );
}

function sweep(w: CodeWriter, plan: ComparisonPlan, loop: SweepLoop): void {
  const name = plan.stream ? 'stream' : 'interaction';
  writeSweep(w, loop.axes, plan.runs, {
    ...REPEAT,
    declareAxis: (w, axis) =>
      w.emit(`const ${NAMES[axis.setting].values} = `, render(sweepValues(axis, 'null', { trailingComma: true }), JS), ';'),
    axisLoop: sweepLoop,
    names: NAMES,
    reference: (variable) => `\${${variable}}`,
    printLabel: (label) => `console.log(\`${label}\`);`,
    ask: () => {
      create(w, name, callEntries(loop.call, raw('prompt'), undefined, loopVars(loop.axes)), true);
      printAnswer(w, name, plan.stream);
    },
  });
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
