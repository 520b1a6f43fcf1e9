// Python export in the style of the official guide: google-genai's client.interactions.create, 4-space indentation.
import { numberLiteral, pyString } from './literals';
import type { Call, ComparisonPlan, ConversationPlan, ExportPlan, ImageSlot, Part, PlannedTurn, SweepAxis, SweepLoop } from './plan';
import { CodeWriter, type Entry, type Node, type Syntax, bare, dict, list, raw, render, renderMembers, str } from './syntax';
import {
  SNAKE_CASE_NAMES,
  SYSTEM_NAME,
  type Loop,
  type RepeatStyle,
  type SweepVars,
  declareRuns,
  generationConfigNode,
  guessedMimeType,
  missingBytesNote,
  nest,
  newUploads,
  runLoops,
  sweepValues,
  sweepVars,
  writeSweep,
} from './shared';

const PY: Syntax = {
  indent: '    ',
  string: pyString,
  number: numberLiteral,
  key: pyString,
  bool: (value) => (value ? 'True' : 'False'),
};

const fileVar = (image: ImageSlot): string => `uploaded_file${image.suffix}`;

function partNode(part: Part): Node {
  if (part.type === 'text') return dict([['type', str('text')], ['text', str(part.text)]], { inline: true });
  const { image } = part;
  if (image.data !== undefined) {
    return dict([['type', str('image')], ['data', str(image.data)], ['mime_type', str(image.mimeType)]]);
  }
  return dict([['type', str('image')], ['uri', raw(`${fileVar(image)}.uri`)], ['mime_type', raw(`${fileVar(image)}.mime_type`)]]);
}

/** A lone text part is sent as a plain string, as in the guide's first samples. */
function inputNode(parts: readonly Part[]): Node {
  const [first] = parts;
  if (parts.length === 1 && first?.type === 'text') return str(first.text);
  return list(parts.map(partNode));
}

function userInputStep(parts: readonly Part[]): Node {
  const content = list(parts.map(partNode), parts.every((p) => p.type === 'text'));
  return dict([['type', str('user_input')], ['content', content]]);
}

/** The guide's keyword order: model, system_instruction, store, input, generation_config, previous_interaction_id, stream. */
function callEntries(call: Call, input: Node | undefined, previous: string | undefined, vars: SweepVars = {}): Entry[] {
  const entries: Entry[] = [['model', vars.model ?? str(call.model)]];
  if (vars.systemInstruction) entries.push(vars.systemInstruction);
  else if (call.systemInstruction !== undefined) entries.push(['system_instruction', str(call.systemInstruction)]);
  if (call.stateless) entries.push(['store', raw('False')]);
  if (input) entries.push(['input', input]);
  if (call.generationConfig) entries.push(['generation_config', generationConfigNode(call.generationConfig, vars)]);
  if (call.chained && previous) entries.push(['previous_interaction_id', raw(`${previous}.id`)]);
  if (call.stream) entries.push(['stream', raw('True')]);
  return entries;
}

function create(w: CodeWriter, target: string, entries: Entry[], trailingComma: boolean): void {
  w.line(`${target} = client.interactions.create(`);
  w.indented(() => w.emit('', renderMembers(entries, PY, { separator: '=', key: (k) => k, trailingComma })));
  w.line(')');
}

function printStream(w: CodeWriter, source: string): void {
  w.line(`for event in ${source}:`);
  w.indented(() => {
    w.line('if event.event_type == "step.delta":');
    w.indented(() => {
      w.line('if event.delta.type == "text":');
      w.indented(() => w.line('print(event.delta.text, end="")'));
    });
  });
}

function upload(w: CodeWriter, image: ImageSlot): void {
  if (image.missingBytes) w.line(`# ${missingBytesNote(image)}`);
  // The SDK guesses the type from the file name; say it only when that guess would be wrong.
  const config = guessedMimeType(image.name) === image.mimeType ? '' : `, config={"mime_type": ${pyString(image.mimeType)}}`;
  w.line(`${fileVar(image)} = client.files.upload(file=${pyString(image.name)}${config})`);
}

function uploadsFor(w: CodeWriter, parts: readonly Part[], done: Set<string>): void {
  for (const image of newUploads(parts, done)) upload(w, image);
}

function serverConversation(w: CodeWriter, plan: ConversationPlan): void {
  const single = plan.turns.length === 1;
  const done = new Set<string>();
  let previous: string | undefined;
  for (const turn of plan.turns) {
    uploadsFor(w, turn.parts, done);
    const name = turn.call.stream ? 'stream' : single ? 'interaction' : `interaction${turn.number}`;
    // The guide's chained sample ends every keyword with a comma, except a final stream=True.
    create(w, name, callEntries(turn.call, inputNode(turn.parts), previous), !single && !turn.call.stream);
    if (turn.call.stream) printStream(w, name);
    else w.line(`print(${name}.steps[-1].content[0].text)`);
    w.blank();
    previous = name;
  }
}

function statelessTurn(w: CodeWriter, turn: PlannedTurn, done: Set<string>): void {
  const name = turn.call.stream ? 'stream' : `interaction${turn.number}`;
  if (turn.number === 1) {
    uploadsFor(w, turn.parts, done);
    w.line('# Initialize history with the first user turn');
    w.emit('history = ', render(list([userInputStep(turn.parts)]), PY));
    w.blank();
    w.line('# Turn 1: Send request with store=False');
  } else {
    const prior = `interaction${turn.number - 1}`;
    w.line("# Append the model's response steps to history");
    w.line(`for step in ${prior}.steps:`);
    w.indented(() => {
      w.line('# Convert the SDK Step object to a dictionary');
      w.line('history.append(step.model_dump())');
    });
    w.blank();
    uploadsFor(w, turn.parts, done);
    w.line('# Append the next user turn as a user_input step');
    w.emit('history.append(', render(userInputStep(turn.parts), PY), ')');
    w.blank();
    w.line(`# Turn ${turn.number}: Send full history with store=False`);
  }
  create(w, name, callEntries(turn.call, raw('history'), undefined), false);
  if (turn.call.stream) printStream(w, name);
  else w.line(`print("Response ${turn.number}:", ${name}.steps[-1].content[0].text)`);
  w.blank();
}

function printAnswer(w: CodeWriter, name: string, stream: boolean): void {
  if (stream) {
    printStream(w, name);
    w.line('print()');
  } else {
    w.line(`print(${name}.steps[-1].content[0].text)`);
  }
}

const REPEAT: RepeatStyle = {
  comment: '#',
  runsVariable: (runs) => `runs = ${runs}`,
  runLoop: { open: 'for run in range(1, runs + 1):', first: ['print(f"-- run {run} --")'] },
};

function comparison(w: CodeWriter, plan: ComparisonPlan): void {
  const done = new Set<string>();
  uploadsFor(w, plan.parts, done);
  w.emit('prompt = ', render(inputNode(plan.parts), PY));
  w.blank();
  if (plan.sweep) return sweep(w, plan, plan.sweep);
  const panes = plan.panes.map(({ label, call }) => dict([['label', str(label)], ['config', dict(callEntries({ ...call, stream: false }, undefined, undefined))]]));
  w.emit('panes = ', render(list(panes), PY));
  w.blank();
  declareRuns(w, plan.runs, REPEAT);
  w.blank();
  w.line('for pane in panes:');
  w.indented(() => {
    w.line('print("== " + pane["label"] + " ==")');
    nest(w, runLoops(plan.runs, REPEAT), () => {
      const name = plan.stream ? 'stream' : 'interaction';
      w.line(`${name} = client.interactions.create(`);
      w.indented(() => {
        w.line('input=prompt,');
        if (plan.stream) w.line('stream=True,');
        w.line('**pane["config"]');
      });
      w.line(')');
      printAnswer(w, name, plan.stream);
    });
  });
}

const NAMES = SNAKE_CASE_NAMES;

function sweepLoop(axis: SweepAxis): Loop {
  const { values, item } = NAMES[axis.setting];
  return { open: axis.setting === 'systemInstruction' ? `for ${SYSTEM_NAME}, ${item} in ${values}.items():` : `for ${item} in ${values}:` };
}

function loopVars(axes: readonly SweepAxis[]): SweepVars {
  // With a "no system" variant (None) the keyword is spread in only when set: None would be sent as null.
  return sweepVars(
    axes,
    (setting) => raw(NAMES[setting].item),
    (sendsNone) => (sendsNone ? bare('**({"system_instruction": system_instruction} if system_instruction else {}),') : ['system_instruction', raw('system_instruction')]),
  );
}

function sweep(w: CodeWriter, plan: ComparisonPlan, loop: SweepLoop): void {
  const name = plan.stream ? 'stream' : 'interaction';
  writeSweep(w, loop.axes, plan.runs, {
    ...REPEAT,
    declareAxis: (w, axis) => w.emit(`${NAMES[axis.setting].values} = `, render(sweepValues(axis, 'None'), PY)),
    axisLoop: sweepLoop,
    names: NAMES,
    reference: (variable) => `{${variable}}`,
    printLabel: (label) => `print(f"${label}")`,
    ask: () => {
      create(w, name, callEntries(loop.call, raw('prompt'), undefined, loopVars(loop.axes)), false);
      printAnswer(w, name, plan.stream);
    },
  });
}

export function pythonCode(plan: ExportPlan): string {
  const w = new CodeWriter(PY.indent);
  w.line('# This will only work for SDK newer than 2.0.0');
  w.line('from google import genai');
  w.blank();
  w.line('client = genai.Client()');
  w.blank();
  if (plan.kind === 'comparison') comparison(w, plan);
  else if (plan.history === 'stateless' && plan.turns.length > 1) {
    const done = new Set<string>();
    for (const turn of plan.turns) statelessTurn(w, turn, done);
  } else serverConversation(w, plan);
  return w.toString();
}
