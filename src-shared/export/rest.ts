// REST export in the style of the official guide: curl with the Api-Revision header, jq to chain ids and histories.
import { API_REVISION } from '../interactions';
import { jsonString, numberLiteral, shellDoubleQuoted, shellHeredoc, shellSingleQuoted, shellWord } from './literals';
import type { Call, ComparisonPlan, ConversationPlan, ExportPlan, ImageSlot, Part, PlannedTurn, SweepAxis, SweepLoop, SweptSetting } from './plan';
import {
  SNAKE_CASE_NAMES,
  SYSTEM_NAME,
  type Loop,
  type RepeatStyle,
  type SweepVars,
  declareRuns,
  generationConfigNode,
  missingBytesNote,
  nest,
  newUploads,
  ordinal,
  runLoops,
  sweepVars,
  writeSweep,
} from './shared';
import { CodeWriter, type Entry, type Node, type Syntax, bare, dict, list, raw, render, str } from './syntax';

const HOST = 'https://generativelanguage.googleapis.com';
const REVISION_COMMENT = '# Specifies the API revision to avoid breaking changes when they become default';
const TEXT_OF_ANSWER = "jq -r '.steps[-1].content[0].text'";

/**
 * Where a JSON body sits in the script: the guide's -d '…', its -d "…" for a body around $HISTORY, or a
 * here-document, used when images are embedded: one exec argument is capped at 128 KiB on Linux.
 */
type Quoting = 'single' | 'double' | 'heredoc';

interface JsonContext {
  syntax: Syntax;
  /** A JSON string whose value is a shell variable. */
  stringVar(name: string): string;
  /** JSON text held by a shell variable. */
  jsonVar(name: string): string;
}

function context(quoting: Quoting): JsonContext {
  const encode = quoting === 'single' ? shellSingleQuoted : quoting === 'double' ? shellDoubleQuoted : shellHeredoc;
  // Pasted into an interactive bash, a `!` inside "…" is a history expansion that no backslash stops;
  // JSON's \u0021 is the same character without the `!`. ('…' and here-documents are not expanded.)
  const json = (text: string): string => (quoting === 'double' ? jsonString(text).replace(/!/g, '\\u0021') : jsonString(text));
  const string = (text: string): string => encode(json(text));
  return {
    syntax: { indent: '  ', string, number: numberLiteral, key: string, bool: (value) => String(value) },
    // The guide's "'$INTERACTION_ID'": close the quote, let the shell put the value in, reopen.
    stringVar: (name) => (quoting === 'single' ? `"'$${name}'"` : quoting === 'double' ? `\\"$${name}\\"` : `"$${name}"`),
    jsonVar: (name) => (quoting === 'single' ? `'"$${name}"'` : `$${name}`),
  };
}

const suffixOf = (image: ImageSlot): string => (image.suffix ? `_${image.suffix}` : '');

function partNode(part: Part, ctx: JsonContext, inline: boolean): Node {
  if (part.type === 'text') return dict([['type', str('text')], ['text', str(part.text)]], { inline: true });
  const { image } = part;
  const source: Entry =
    image.data !== undefined ? ['data', str(image.data)] : ['uri', raw(ctx.stringVar(`FILE_URI${suffixOf(image)}`))];
  return dict([['type', str('image')], source, ['mime_type', str(image.mimeType)]], { inline });
}

function inputNode(parts: readonly Part[], ctx: JsonContext): Node {
  const [first] = parts;
  if (parts.length === 1 && first?.type === 'text') return str(first.text);
  return list(parts.map((p) => partNode(p, ctx, false)));
}

function userInputStep(parts: readonly Part[], ctx: JsonContext, inline: boolean): Node {
  const textOnly = parts.every((p) => p.type === 'text');
  const content = list(parts.map((p) => partNode(p, ctx, inline)), inline || textOnly);
  return dict([['type', str('user_input')], ['content', content]], { inline });
}

/** The guide's key order: model, system_instruction, store, input, generation_config, previous_interaction_id, stream. */
function body(call: Call, input: Node, ctx: JsonContext, vars: SweepVars = {}): Node {
  const entries: Entry[] = [['model', vars.model ?? str(call.model)]];
  if (vars.systemInstruction) entries.push(vars.systemInstruction);
  else if (call.systemInstruction !== undefined) entries.push(['system_instruction', str(call.systemInstruction)]);
  if (call.stateless) entries.push(['store', raw('false')]);
  entries.push(['input', input]);
  if (call.generationConfig) entries.push(['generation_config', generationConfigNode(call.generationConfig, vars)]);
  if (call.chained) entries.push(['previous_interaction_id', raw(ctx.stringVar('INTERACTION_ID'))]);
  if (call.stream) entries.push(['stream', raw('true')]);
  return dict(entries);
}

interface CurlSpec {
  /** RESPONSE1=$(curl -s …) */
  assign?: string;
  silent?: boolean;
  stream: boolean;
  quoting: Quoting;
  body(ctx: JsonContext): Node;
  pipe?: string;
}

function curl(w: CodeWriter, spec: CurlSpec): void {
  const ctx = context(spec.quoting);
  const lines = render(spec.body(ctx), ctx.syntax);
  const open = spec.assign ? `${spec.assign}=$(` : '';
  const close = spec.assign ? ')' : '';
  const pipe = spec.pipe ? ` | ${spec.pipe}` : '';
  w.line(REVISION_COMMENT);
  w.line(`${open}curl ${spec.assign || spec.silent ? '-s ' : ''}-X POST "${HOST}/v1beta/interactions${spec.stream ? '?alt=sse' : ''}" \\`);
  w.indented(() => {
    w.line('-H "x-goog-api-key: $GEMINI_API_KEY" \\');
    w.line("-H 'Content-Type: application/json' \\");
    w.line(`-H "Api-Revision: ${API_REVISION}" \\`);
    if (spec.stream) w.line('--no-buffer \\');
    if (spec.quoting === 'single') w.emit("-d '", lines, `'${pipe}${close}`);
    else if (spec.quoting === 'double') w.emit('-d "', lines, `"${pipe}${close}`);
    else w.line(`--data-binary @- <<EOF${pipe}`);
  });
  if (spec.quoting === 'heredoc') {
    w.verbatim(lines);
    w.verbatim(['EOF']);
    if (close) w.verbatim([close]);
  }
}

/** Google's Files API REST recipe: a resumable start, then the bytes with "upload, finalize". */
function upload(w: CodeWriter, image: ImageSlot, first: boolean): void {
  const s = suffixOf(image);
  if (first) w.line('# First upload the file using the Files API, then use the URI:');
  if (image.missingBytes) w.line(`# ${missingBytesNote(image)}`);
  const start = shellSingleQuoted(`{"file": {"display_name": ${jsonString(image.name)}}}`);
  w.line(`IMG_PATH${s}=${shellWord(image.name)}`);
  w.line(`NUM_BYTES${s}=$(wc -c < "$IMG_PATH${s}")`);
  w.line(`UPLOAD_URL${s}=$(curl -s -D - -o /dev/null -X POST "${HOST}/upload/v1beta/files" \\`);
  w.indented(() => {
    w.line('-H "x-goog-api-key: $GEMINI_API_KEY" \\');
    w.line('-H "X-Goog-Upload-Protocol: resumable" \\');
    w.line('-H "X-Goog-Upload-Command: start" \\');
    w.line(`-H "X-Goog-Upload-Header-Content-Length: $NUM_BYTES${s}" \\`);
    w.line(`-H "X-Goog-Upload-Header-Content-Type: ${shellDoubleQuoted(image.mimeType)}" \\`);
    w.line("-H 'Content-Type: application/json' \\");
    w.line(`-d '${start}' | grep -i "x-goog-upload-url: " | cut -d" " -f2 | tr -d "\\r")`);
  });
  w.line(`FILE_URI${s}=$(curl -s "$UPLOAD_URL${s}" \\`);
  w.indented(() => {
    w.line('-H "x-goog-api-key: $GEMINI_API_KEY" \\');
    w.line(`-H "Content-Length: $NUM_BYTES${s}" \\`);
    w.line('-H "X-Goog-Upload-Offset: 0" \\');
    w.line('-H "X-Goog-Upload-Command: upload, finalize" \\');
    w.line(`--data-binary "@$IMG_PATH${s}" | jq -r '.file.uri')`);
  });
  w.blank();
}

class Uploads {
  private readonly done = new Set<string>();
  private count = 0;
  constructor(private readonly w: CodeWriter) {}
  before(parts: readonly Part[]): void {
    for (const image of newUploads(parts, this.done)) upload(this.w, image, this.count++ === 0);
  }
}

function serverConversation(w: CodeWriter, plan: ConversationPlan, quoting: Quoting): void {
  const uploads = new Uploads(w);
  plan.turns.forEach((turn, i) => {
    const last = i === plan.turns.length - 1;
    uploads.before(turn.parts);
    curl(w, {
      ...(last ? {} : { assign: `RESPONSE${turn.number}` }),
      stream: turn.call.stream,
      quoting,
      body: (ctx) => body(turn.call, inputNode(turn.parts, ctx), ctx),
    });
    if (!last) w.line(`INTERACTION_ID=$(echo "$RESPONSE${turn.number}" | jq -r '.id')`);
    w.blank();
  });
}

/** The jq variable holding a turn's user_input step. */
const inputVar = (n: number): string => (n <= 10 ? `${ordinal(n)}_input` : `turn${n}_input`);

function history(w: CodeWriter, turn: PlannedTurn, firstParts: readonly Part[], heavy: boolean): void {
  const n = turn.number;
  const stepsJson = (parts: readonly Part[], quoting: Quoting): string => {
    const ctx = context(quoting);
    return render(list([userInputStep(parts, ctx, true)], true), ctx.syntax)[0]!;
  };
  const earlier = n === 2 ? inputVar(1) : 'history';
  w.line(`# Reconstruct the full history for Turn ${n} by combining:`);
  w.line(n === 2 ? '# 1. First user input' : `# 1. The history sent in Turn ${n - 1}`);
  w.line('# 2. Model response steps');
  w.line(`# 3. ${ordinal(n).replace(/^./, (c) => c.toUpperCase())} user input`);
  if (heavy) {
    // jq -s reads the three arrays from stdin, so no argument carries the embedded bytes.
    w.line("HISTORY=$(jq -s 'add' <<EOF");
    w.verbatim([n === 2 ? stepsJson(firstParts, 'heredoc') : '$HISTORY', '$MODEL_STEPS', stepsJson(turn.parts, 'heredoc'), 'EOF', ')']);
    return;
  }
  w.line('HISTORY=$(jq -n \\');
  w.indented(() => {
    w.line(n === 2 ? `--argjson ${earlier} '${stepsJson(firstParts, 'single')}' \\` : '--argjson history "$HISTORY" \\');
    w.line('--argjson model_steps "$MODEL_STEPS" \\');
    w.line(`--argjson ${inputVar(n)} '${stepsJson(turn.parts, 'single')}' \\`);
    w.line(`'$${earlier} + $model_steps + $${inputVar(n)}')`);
  });
}

function statelessConversation(w: CodeWriter, plan: ConversationPlan, heavy: boolean): void {
  const uploads = new Uploads(w);
  const firstParts = plan.turns[0]!.parts;
  plan.turns.forEach((turn, i) => {
    const last = i === plan.turns.length - 1;
    const assign = last ? {} : { assign: `RESPONSE${turn.number}` };
    if (turn.number === 1) {
      uploads.before(turn.parts);
      w.line('# Turn 1: Send request with store: false');
      const quoting: Quoting = heavy ? 'heredoc' : 'single';
      curl(w, { ...assign, stream: turn.call.stream, quoting, body: (ctx) => body(turn.call, list([userInputStep(turn.parts, ctx, false)]), ctx) });
    } else {
      w.line('# Extract the steps from response');
      w.line(`MODEL_STEPS=$(echo "$RESPONSE${turn.number - 1}" | jq '.steps')`);
      w.blank();
      uploads.before(turn.parts);
      history(w, turn, firstParts, heavy);
      w.blank();
      w.line(`# Turn ${turn.number}: Send the full history`);
      const quoting: Quoting = heavy ? 'heredoc' : 'double';
      curl(w, { ...assign, stream: turn.call.stream, quoting, body: (ctx) => body(turn.call, raw(ctx.jsonVar('HISTORY')), ctx) });
    }
    w.blank();
  });
}

/** One configuration's answer, printed as text (or streamed, then a newline so the next label gets its own line). */
function ask(w: CodeWriter, plan: ComparisonPlan, quoting: Quoting, request: (ctx: JsonContext) => Node): void {
  curl(w, {
    silent: !plan.stream,
    stream: plan.stream,
    quoting,
    body: request,
    ...(plan.stream ? {} : { pipe: TEXT_OF_ANSWER }),
  });
  if (plan.stream) w.line('echo');
}

const REPEAT: RepeatStyle = {
  comment: '#',
  runsVariable: (runs) => `runs=${runs}`,
  runLoop: { open: 'for run in $(seq 1 "$runs"); do', first: ['echo "-- run $run --"'], close: 'done' },
};

function comparison(w: CodeWriter, plan: ComparisonPlan, quoting: Quoting): void {
  new Uploads(w).before(plan.parts);
  if (plan.sweep) return sweep(w, plan, plan.sweep, quoting);
  declareRuns(w, plan.runs, REPEAT);
  w.blank();
  for (const pane of plan.panes) {
    w.line(`echo ${shellWord(`== ${pane.label} ==`)}`);
    nest(w, runLoops(plan.runs, REPEAT), () => ask(w, plan, quoting, (ctx) => body(pane.call, inputNode(plan.parts, ctx), ctx)));
    w.blank();
  }
}

const NAMES = SNAKE_CASE_NAMES;
/** The array of the system instructions' names, beside the array of the instructions. */
const SYSTEM_NAMES = 'system_names';

/** A value that reads the same as a shell word and inside a JSON string, so it can be spliced in bare. */
const PLAIN = /^[A-Za-z0-9._:/@+-]+$/;

/** Model names are plain words, unless one is not: then every model is held as its JSON string. */
const modelsAsJson = (axis: SweepAxis): boolean => axis.setting === 'model' && !axis.values.every((model) => PLAIN.test(model));

/**
 * The arrays of values. System instructions are held as the whole JSON member each adds to the body, already
 * JSON-escaped (a shell variable cannot hold every character, NUL for one), and '' for "no system".
 */
function declareAxis(w: CodeWriter, axis: SweepAxis): void {
  const { values } = NAMES[axis.setting];
  const json = (text: string): string => `'${shellSingleQuoted(text)}'`;
  switch (axis.setting) {
    case 'model':
      w.line(`${values}=(${axis.values.map((m) => (modelsAsJson(axis) ? json(jsonString(m)) : shellWord(m))).join(' ')})`);
      return;
    case 'temperature':
      w.line(`${values}=(${axis.values.map(numberLiteral).join(' ')})`);
      return;
    case 'thinkingLevel':
      w.line(`${values}=(${axis.values.map(shellWord).join(' ')})`);
      return;
    case 'systemInstruction':
      w.line('# Each adds its "system_instruction" member to the body; the empty one ("no system") adds none');
      w.line(`${SYSTEM_NAMES}=(${axis.values.map((v) => shellWord(v.name)).join(' ')})`);
      w.line(`${values}=(`);
      w.indented(() => {
        for (const v of axis.values) w.line(v.text === undefined ? "''" : json(`"system_instruction": ${jsonString(v.text)},`));
      });
      w.line(')');
  }
}

function sweepLoop(axis: SweepAxis): Loop {
  const { values, item } = NAMES[axis.setting];
  if (axis.setting !== 'systemInstruction') return { open: `for ${item} in "\${${values}[@]}"; do`, close: 'done' };
  return { open: `for i in "\${!${values}[@]}"; do`, first: [`${SYSTEM_NAME}=\${${SYSTEM_NAMES}[i]}`, `${item}=\${${values}[i]}`], close: 'done' };
}

function loopVars(axes: readonly SweepAxis[], ctx: JsonContext): SweepVars {
  const models = axes.find((axis) => axis.setting === 'model');
  const jsonValued = (setting: SweptSetting): boolean => setting === 'temperature' || (setting === 'model' && models !== undefined && modelsAsJson(models));
  return sweepVars(
    axes,
    (setting) => raw(jsonValued(setting) ? ctx.jsonVar(NAMES[setting].item) : ctx.stringVar(NAMES[setting].item)),
    // The variable holds the whole member, or nothing for "no system".
    () => bare(ctx.jsonVar('system_instruction')),
  );
}

function sweep(w: CodeWriter, plan: ComparisonPlan, loop: SweepLoop, quoting: Quoting): void {
  writeSweep(w, loop.axes, plan.runs, {
    ...REPEAT,
    declareAxis,
    axisLoop: sweepLoop,
    names: NAMES,
    reference: (variable) => `$${variable}`,
    printLabel: (label) => `echo "${label}"`,
    ask: () => ask(w, plan, quoting, (ctx) => body(loop.call, inputNode(plan.parts, ctx), ctx, loopVars(loop.axes, ctx))),
  });
}

export function restCode(plan: ExportPlan): string {
  const w = new CodeWriter('  ');
  const heavy = plan.images.some((image) => image.data !== undefined);
  const quoting: Quoting = heavy ? 'heredoc' : 'single';
  if (plan.kind === 'comparison') comparison(w, plan, quoting);
  else if (plan.history === 'stateless' && plan.turns.length > 1) statelessConversation(w, plan, heavy);
  else serverConversation(w, plan, quoting);
  return w.toString();
}
