// REST export in the style of the official guide: curl with the Api-Revision header, jq to chain ids and histories.
// Its sweeps and repeats are the shared loops over the bash dialect; its conversations are its own, because bash
// holds each answer as JSON text that jq takes apart, and a comparison is one curl per pane, bash having no maps.
import { BASH, declareAxis, loopVars } from './bash';
import { CodeWriter } from './code-writer';
import { type JsonContext, type Quoting, curl, jsonIn, suffixOf, uploadFile } from './curl';
import type { Member } from './dialect';
import { shellWord } from './literals';
import type { Call, ComparisonPlan, ConversationPlan, ExportPlan, ImageSlot, Part, PlannedTurn, SweepLoop } from './plan';
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

class Uploads {
  private readonly done = new Set<string>();
  private count = 0;
  constructor(private readonly w: CodeWriter) {}
  before(parts: readonly Part[]): void {
    for (const image of newUploads(parts, this.done)) uploadFile(this.w, image, this.count++ === 0);
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
      body: (ctx) => body(turn.call, inputNode(turn.parts, partsIn(ctx)), ctx),
    });
    if (!last) w.line(`INTERACTION_ID=$(echo "$RESPONSE${turn.number}" | jq -r '.id')`);
    w.blank();
  });
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const ordinal = (n: number): string => ORDINALS[n - 1] ?? `${n}th`;

/** The jq variable holding a turn's user_input step. */
const inputVar = (n: number): string => (n <= 10 ? `${ordinal(n)}_input` : `turn${n}_input`);

function history(w: CodeWriter, turn: PlannedTurn, firstParts: readonly Part[], heavy: boolean): void {
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
      curl(w, { ...assign, stream: turn.call.stream, quoting, body: (ctx) => body(turn.call, list([userInputStep(turn.parts, partsIn(ctx))]), ctx) });
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

function comparison(w: CodeWriter, plan: ComparisonPlan, quoting: Quoting): void {
  new Uploads(w).before(plan.parts);
  if (plan.sweep) return sweep(w, plan, plan.sweep, quoting);
  declareRuns(w, plan.runs, BASH);
  w.blank();
  for (const pane of plan.panes) {
    w.line(`echo ${shellWord(`== ${pane.label} ==`)}`);
    w.nest(runLoops(plan.runs, BASH), () => ask(w, plan, quoting, (ctx) => body(pane.call, inputNode(plan.parts, partsIn(ctx)), ctx)));
    w.blank();
  }
}

function sweep(w: CodeWriter, plan: ComparisonPlan, loop: SweepLoop, quoting: Quoting): void {
  writeSweep(w, loop.axes, plan.runs, BASH, {
    declareAxis: (axis) => declareAxis(w, axis),
    ask: () => ask(w, plan, quoting, (ctx) => body(loop.call, inputNode(plan.parts, partsIn(ctx)), ctx, loopVars(loop.axes, ctx))),
  });
}

export function restCode(plan: ExportPlan): string {
  const w = new CodeWriter(BASH.indent);
  const heavy = plan.images.some((image) => image.data !== undefined);
  const quoting: Quoting = heavy ? 'heredoc' : 'single';
  if (plan.kind === 'comparison') comparison(w, plan, quoting);
  else if (plan.history === 'stateless' && plan.turns.length > 1) statelessConversation(w, plan, heavy);
  else serverConversation(w, plan, quoting);
  return w.toString();
}
