// REST export in the style of the official guide: curl with the Api-Revision header, jq to chain ids and histories.
// Its sweeps and repeats are the shared loops over the bash dialect; its conversations are its own, because bash
// holds each answer as JSON text that jq takes apart, and a comparison is each pane's conversation in turn, bash having no maps.
import { BASH, declareAxis, loopVars } from './bash';
import { CodeWriter } from './code-writer';
import { type JsonContext, type Quoting, curl, jsonIn, suffixOf, uploadFile } from './curl';
import type { Member } from './dialect';
import { shellWord } from './literals';
import type { HistoryMode } from '../session';
import type { Call, ComparisonPlan, ExportPlan, ImageSlot, Part, SweepLoop } from './plan';
import { type PartStyle, type SweepVars, inputNode, requestMembers, userInputStep } from './request-literal';
import { declareRuns, runLoops, writeSweep } from './sweep-loops';
import { type Node, dict, list, raw, render, str } from './syntax';
import { newUploads } from './uploads';

const TEXT_OF_ANSWER = "jq -r '.steps[-1].content[0].text'";

/** The guide's key order, as in Python. */
const MEMBER_ORDER: readonly Member[] = ['model', 'system_instruction', 'store', 'input', 'generation_config', 'previous_interaction_id', 'stream'];

const partsIn = (ctx: JsonContext, inline = false): PartStyle => ({
  uploaded: (image: ImageSlot) => ({ uri: raw(ctx.stringVar(`FILE_URI${suffixOf(image)}`)), mimeType: str(image.mimeType) }),
  inline,
});

function body(call: Call, input: Node, ctx: JsonContext, vars?: SweepVars): Node {
  return dict(requestMembers(call, { input, previous: raw(ctx.stringVar('INTERACTION_ID')), vars }, MEMBER_ORDER));
}

/** A turn as REST sends it: the call's settings, and a sweep's loop variables spliced into its body. */
interface RestTurn {
  number: number;
  parts: readonly Part[];
  call: Call;
  vars?: (ctx: JsonContext) => SweepVars;
}

/**
 * Where a conversation is written: on its own, as the guide's samples (the last answer printed as the API
 * sends it), or in a comparison (the last answer's text, or its stream and a line break, `runs` times).
 */
interface Replay {
  compared: boolean;
  runs: number;
}

const STANDALONE: Replay = { compared: false, runs: 1 };

class Uploads {
  private readonly done = new Set<string>();
  private count = 0;
  constructor(private readonly w: CodeWriter) {}
  before(parts: readonly Part[]): void {
    for (const image of newUploads(parts, this.done)) uploadFile(this.w, image, this.count++ === 0);
  }
}

const requestOf = (turn: RestTurn, input: (ctx: JsonContext) => Node) => (ctx: JsonContext): Node => body(turn.call, input(ctx), ctx, turn.vars?.(ctx));

/** The last turn: printed as the guide prints it, or in a comparison as text, in the repeat run's loop. */
function lastTurn(w: CodeWriter, turn: RestTurn, replay: Replay, quoting: Quoting, request: (ctx: JsonContext) => Node): void {
  if (!replay.compared) {
    curl(w, { stream: turn.call.stream, quoting, body: request });
    return;
  }
  w.nest(runLoops(replay.runs, BASH), () => ask(w, turn.call.stream, quoting, request));
}

function serverConversation(w: CodeWriter, turns: readonly RestTurn[], quoting: Quoting, uploads: Uploads, replay: Replay): void {
  turns.forEach((turn, i) => {
    const last = i === turns.length - 1;
    uploads.before(turn.parts);
    const request = requestOf(turn, (ctx) => inputNode(turn.parts, partsIn(ctx)));
    if (last) {
      lastTurn(w, turn, replay, quoting, request);
    } else {
      curl(w, { assign: `RESPONSE${turn.number}`, stream: turn.call.stream, quoting, body: request });
      w.line(`INTERACTION_ID=$(echo "$RESPONSE${turn.number}" | jq -r '.id')`);
    }
    w.blank();
  });
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const ordinal = (n: number): string => ORDINALS[n - 1] ?? `${n}th`;

/** The jq variable holding a turn's user_input step. */
const inputVar = (n: number): string => (n <= 10 ? `${ordinal(n)}_input` : `turn${n}_input`);

function history(w: CodeWriter, turn: RestTurn, firstParts: readonly Part[], heavy: boolean): void {
  const n = turn.number;
  const stepsJson = (parts: readonly Part[], quoting: Quoting): string => {
    const ctx = jsonIn(quoting);
    return render(list([userInputStep(parts, partsIn(ctx, true))], { inline: true }), ctx.syntax)[0]!;
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

function statelessConversation(w: CodeWriter, turns: readonly RestTurn[], heavy: boolean, uploads: Uploads, replay: Replay): void {
  const firstParts = turns[0]!.parts;
  turns.forEach((turn, i) => {
    const last = i === turns.length - 1;
    let quoting: Quoting;
    let request: (ctx: JsonContext) => Node;
    if (turn.number === 1) {
      uploads.before(turn.parts);
      w.line('# Turn 1: Send request with store: false');
      quoting = heavy ? 'heredoc' : 'single';
      request = requestOf(turn, (ctx) => list([userInputStep(turn.parts, partsIn(ctx))]));
    } else {
      w.line('# Extract the steps from response');
      w.line(`MODEL_STEPS=$(echo "$RESPONSE${turn.number - 1}" | jq '.steps')`);
      w.blank();
      uploads.before(turn.parts);
      history(w, turn, firstParts, heavy);
      w.blank();
      w.line(`# Turn ${turn.number}: Send the full history`);
      quoting = heavy ? 'heredoc' : 'double';
      request = requestOf(turn, (ctx) => raw(ctx.jsonVar('HISTORY')));
    }
    if (last) lastTurn(w, turn, replay, quoting, request);
    else curl(w, { assign: `RESPONSE${turn.number}`, stream: turn.call.stream, quoting, body: request });
    w.blank();
  });
}

function conversation(w: CodeWriter, history: HistoryMode, turns: readonly RestTurn[], heavy: boolean, uploads: Uploads, replay: Replay): void {
  if (history === 'stateless' && turns.length > 1) statelessConversation(w, turns, heavy, uploads, replay);
  else serverConversation(w, turns, heavy ? 'heredoc' : 'single', uploads, replay);
}

/** One configuration's answer, printed as text (or streamed, then a newline so the next label gets its own line). */
function ask(w: CodeWriter, stream: boolean, quoting: Quoting, request: (ctx: JsonContext) => Node): void {
  curl(w, {
    silent: !stream,
    stream,
    quoting,
    body: request,
    ...(stream ? {} : { pipe: TEXT_OF_ANSWER }),
  });
  if (stream) w.line('echo');
}

/** A comparison's turns as one pane (or one sweep combination) sends them. */
function paneTurns(plan: ComparisonPlan, call: Call, vars?: (ctx: JsonContext) => SweepVars): RestTurn[] {
  return plan.turns.map((turn) => ({ number: turn.number, parts: turn.parts, call: { ...call, chained: turn.chained, stream: turn.stream }, ...(vars ? { vars } : {}) }));
}

/** One pane after another, each under its label: bash has no map to hold a pane's settings in a loop. */
function panes(w: CodeWriter, history: HistoryMode, runs: number, list: readonly { label: string; turns: RestTurn[] }[], heavy: boolean, uploads: Uploads): void {
  // Every upload first, so each file is uploaded once whichever pane shows it first.
  for (const pane of list) for (const turn of pane.turns) uploads.before(turn.parts);
  declareRuns(w, runs, BASH, Math.max(...list.map((pane) => pane.turns.length)));
  w.blank();
  for (const pane of list) {
    w.line(`echo ${shellWord(`== ${pane.label} ==`)}`);
    conversation(w, history, pane.turns, heavy, uploads, { compared: true, runs });
    w.blank();
  }
}

function comparison(w: CodeWriter, plan: ComparisonPlan, heavy: boolean, uploads: Uploads): void {
  if (plan.sweep) return sweep(w, plan, plan.sweep, heavy, uploads);
  panes(w, plan.history, plan.runs, plan.panes.map((pane) => ({ label: pane.label, turns: paneTurns(plan, pane.call) })), heavy, uploads);
}

function sweep(w: CodeWriter, plan: ComparisonPlan, loop: SweepLoop, heavy: boolean, uploads: Uploads): void {
  for (const turn of plan.turns) uploads.before(turn.parts);
  const turns = paneTurns(plan, loop.call, (ctx) => loopVars(loop.axes, ctx));
  writeSweep(w, loop.axes, plan.runs, plan.turns.length, BASH, {
    declareAxis: (axis) => declareAxis(w, axis),
    ask: () => {
      conversation(w, plan.history, turns, heavy, uploads, { compared: true, runs: plan.runs });
      w.trimBlank();
    },
  });
}

export function restCode(plan: ExportPlan): string {
  const w = new CodeWriter(BASH.indent);
  const heavy = plan.images.some((image) => image.data !== undefined);
  const uploads = new Uploads(w);
  if (plan.kind === 'comparison') comparison(w, plan, heavy, uploads);
  else if (plan.kind === 'conversations') panes(w, plan.history, plan.runs, plan.panes, heavy, uploads);
  else conversation(w, plan.history, plan.turns, heavy, uploads, STANDALONE);
  return w.toString();
}
