// REST export in the style of the official guide: curl with the Api-Revision header, jq to chain ids and histories.
// Its sweeps and repeats are the shared loops over the bash dialect; its conversations are its own, because bash
// holds each answer as JSON text that jq takes apart, and a comparison is each pane's conversation in turn, bash having no maps.
import { BASH, declareAxis, loopVars } from './bash';
import { CodeWriter } from './code-writer';
import { type JsonContext, type Quoting, bodiesInHereDocuments, curl, jsonIn, suffixOf, uploadFile } from './curl';
import type { Member } from './dialect';
import { shellWord } from './literals';
import type { HistoryMode } from '../session';
import { type Call, type ComparisonPlan, type ExportPlan, HAND_WRITTEN, type ImageSlot, type Part, type SweepLoop, callsOf } from './plan';
import { type PartStyle, type SweepVars, givenTurnSteps, inputNode, requestMembers, userInputStep } from './request-literal';
import { RestFunctionRounds, headerReads } from './rest-function-rounds';
import { declareRuns, repeatedAlike, runLoops, writeSweep } from './sweep-loops';
import { type Node, dict, list, raw, render, str } from './syntax';
import { newUploads } from './uploads';

const TEXT_OF_ANSWER = "jq -r '.steps[-1].content[0].text'";
/** An image model's answer: the text of every model_output step (the last one holds an image). */
const TEXT_OF_IMAGE_ANSWER = `jq -r '[.steps[] | select(.type == "model_output") | .content[]? | select(.type == "text") | .text] | join("")'`;
/** A JSON answer (response_format) parsed, which jq prints indented. */
const JSON_OF_ANSWER = "jq '.steps[-1].content[0].text | fromjson'";

/** The guide's key order, as in Python. */
const MEMBER_ORDER: readonly Member[] = [
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
];

const partsIn = (ctx: JsonContext, inline = false): PartStyle => ({
  uploaded: (image: ImageSlot) => ({ uri: raw(ctx.stringVar(`FILE_URI${suffixOf(image)}`)), mimeType: str(image.mimeType) }),
  inline,
});

/** `rounds` knows the variable holding the tools of a call that answers function calls (several requests send them). */
function body(call: Call, input: Node, ctx: JsonContext, vars: SweepVars | undefined, rounds: RestFunctionRounds): Node {
  const tools = rounds.toolsVar(call);
  const parts = { input, previous: raw(ctx.stringVar('INTERACTION_ID')), vars, env: headerReads(ctx), ...(tools ? { tools: raw(ctx.jsonVar(tools)) } : {}) };
  return dict(requestMembers(call, parts, MEMBER_ORDER));
}

/** A turn as REST sends it: the call's settings, and a sweep's loop variables spliced into its body. */
interface RestTurn {
  number: number;
  parts: readonly Part[];
  call: Call;
  vars?: (ctx: JsonContext) => SweepVars;
  /** An answer written by hand: not asked, it goes into HISTORY as the model's, after its steps (PlannedTurn.given). */
  given?: string;
  givenSteps?: readonly unknown[];
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

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const ordinal = (n: number): string => ORDINALS[n - 1] ?? `${n}th`;

/** The jq variable holding a turn's user_input step. */
const inputVar = (n: number): string => (n <= 10 ? `${ordinal(n)}_input` : `turn${n}_input`);

type Request = (ctx: JsonContext) => Node;

/** One script: its writer, the files uploaded so far, whether images are embedded, and the mocks' variables. */
class RestScript {
  readonly w = new CodeWriter(BASH.indent);
  private readonly uploaded = new Set<string>();
  private uploadCount = 0;
  private readonly rounds: RestFunctionRounds;

  /** Embedded images: bodies go through here-documents (one exec argument is capped at 128 KiB). */
  constructor(private readonly heavy: boolean) {
    this.rounds = new RestFunctionRounds(this.w, heavy);
  }

  write(plan: ExportPlan): string {
    const calls = callsOf(plan);
    this.rounds.declareHeaders(calls);
    this.rounds.declareShared(calls, plan.unstreamed);
    // One image count for the whole script, as program.ts keeps: no pane, turn or run saves over another's images.
    // Not `i`: a sweep over system instructions keeps its index there (bash.ts forEachEntry).
    if (calls.some((call) => call.images)) this.w.line('image_count=0').blank();
    if (plan.kind === 'comparison') this.comparison(plan);
    else if (plan.kind === 'conversations') this.panes(plan.history, plan.panes);
    else this.conversation(plan.history, plan.turns, STANDALONE);
    return this.w.toString();
  }

  private uploadsFor(parts: readonly Part[]): void {
    for (const image of newUploads(parts, this.uploaded)) uploadFile(this.w, image, this.uploadCount++ === 0);
  }

  private requestOf(turn: RestTurn, input: (ctx: JsonContext) => Node): Request {
    return (ctx) => body(turn.call, input(ctx), ctx, turn.vars?.(ctx), this.rounds);
  }

  /** The text of the last answer, indented when it is JSON. */
  private static answerText(call: Call): string {
    if (call.images) return `tee response.json | ${TEXT_OF_IMAGE_ANSWER}`;
    return call.json ? JSON_OF_ANSWER : TEXT_OF_ANSWER;
  }

  /** After answerText kept the answer in response.json: each image it holds decoded into image_1.<ext>, image_2… */
  private saveImages(call: Call): void {
    if (!call.images) return;
    const file = `image_$image_count.${call.images.extension}`;
    this.w.line(`for data in $(jq -r '.steps[] | select(.type == "model_output") | .content[]? | select(.type == "image") | .data' response.json); do`);
    this.w.indented(() => {
      this.w.line('image_count=$((image_count + 1))');
      this.w.line(`echo "$data" | base64 -d > "${file}"`);
      this.w.line(`echo "Saved ${file}"`);
    });
    this.w.line('done');
  }

  /** A turn's request, then its function calls answered until the model answers (a call with mocks), then the answer printed when `print`. */
  private send(turn: RestTurn, quoting: Quoting, request: Request, options: { assign?: string; print: boolean; replay: Replay; stateless: boolean }): void {
    const w = this.w;
    const continuing = (input: (ctx: JsonContext) => Node): Request => (ctx) =>
      body({ ...turn.call, chained: !options.stateless, stream: false }, input(ctx), ctx, turn.vars?.(ctx), this.rounds);
    if (turn.call.mocks) {
      const response = options.assign ?? `RESPONSE${turn.number}`;
      curl(w, { assign: response, stream: false, quoting, body: request });
      if (options.stateless) this.rounds.answerStateless(turn.call, response, continuing);
      else this.rounds.answer(turn.call, response, continuing);
      if (options.print) w.line(`echo "$${response}" | ${RestScript.answerText(turn.call)}`);
      if (options.print) this.saveImages(turn.call);
      return;
    }
    if (options.assign) {
      curl(w, { assign: options.assign, stream: turn.call.stream, quoting, body: request });
      return;
    }
    const { stream } = turn.call;
    if (!options.replay.compared && !turn.call.json && !turn.call.images) {
      // As the guide prints it: the answer as the API sends it.
      curl(w, { stream, quoting, body: request });
      return;
    }
    curl(w, { silent: !stream, stream, quoting, body: request, ...(stream ? {} : { pipe: RestScript.answerText(turn.call) }) });
    this.saveImages(turn.call);
    if (stream && options.replay.compared) w.line('echo');
  }

  /** The last turn, in a comparison inside the repeat run's loop. */
  private lastTurn(turn: RestTurn, replay: Replay, quoting: Quoting, request: Request, stateless: boolean): void {
    this.w.nest(replay.compared ? runLoops(replay.runs, BASH) : [], () => this.send(turn, quoting, request, { print: true, replay, stateless }));
  }

  private serverConversation(turns: readonly RestTurn[], quoting: Quoting, replay: Replay): void {
    const w = this.w;
    turns.forEach((turn, i) => {
      const last = i === turns.length - 1;
      this.uploadsFor(turn.parts);
      const request = this.requestOf(turn, (ctx) => inputNode(turn.parts, partsIn(ctx)));
      if (last) {
        this.lastTurn(turn, replay, quoting, request, false);
      } else {
        this.send(turn, quoting, request, { assign: `RESPONSE${turn.number}`, print: false, replay, stateless: false });
        w.line(`INTERACTION_ID=$(echo "$RESPONSE${turn.number}" | jq -r '.id')`);
      }
      w.blank();
    });
  }

  /** `kept`: HISTORY holds the earlier turns already (a function pane keeps it from the first turn on). */
  private history(turn: RestTurn, firstParts: readonly Part[], kept: boolean): void {
    const w = this.w;
    const n = turn.number;
    const stepsJson = (parts: readonly Part[], quoting: Quoting): string => {
      const ctx = jsonIn(quoting);
      return render(list([userInputStep(parts, partsIn(ctx, true))], { inline: true }), ctx.syntax)[0]!;
    };
    const fromFirst = n === 2 && !kept;
    const earlier = fromFirst ? inputVar(1) : 'history';
    w.line(`# Reconstruct the full history for Turn ${n} by combining:`);
    w.line(fromFirst ? '# 1. First user input' : `# 1. The history sent in Turn ${n - 1}`);
    w.line('# 2. Model response steps');
    w.line(`# 3. ${ordinal(n).replace(/^./, (c) => c.toUpperCase())} user input`);
    if (this.heavy) {
      // jq -s reads the three arrays from stdin, so no argument carries the embedded bytes.
      w.line("HISTORY=$(jq -s 'add' <<EOF");
      w.verbatim([fromFirst ? stepsJson(firstParts, 'heredoc') : '$HISTORY', '$MODEL_STEPS', stepsJson(turn.parts, 'heredoc'), 'EOF', ')']);
      return;
    }
    w.line('HISTORY=$(jq -n \\');
    w.indented(() => {
      w.line(fromFirst ? `--argjson ${earlier} '${stepsJson(firstParts, 'single')}' \\` : '--argjson history "$HISTORY" \\');
      w.line('--argjson model_steps "$MODEL_STEPS" \\');
      w.line(`--argjson ${inputVar(n)} '${stepsJson(turn.parts, 'single')}' \\`);
      w.line(`'$${earlier} + $model_steps + $${inputVar(n)}')`);
    });
  }

  /** The first turn's history, declared before its request when the turn answers function calls (they send it again). */
  private firstHistory(turn: RestTurn): void {
    const w = this.w;
    if (this.heavy) {
      const ctx = jsonIn('heredoc');
      w.line("HISTORY=$(jq -s 'add' <<EOF");
      w.verbatim([...render(list([userInputStep(turn.parts, partsIn(ctx, true))], { inline: true }), ctx.syntax), 'EOF', ')']);
      return;
    }
    const ctx = jsonIn('single');
    w.emit("HISTORY='", render(list([userInputStep(turn.parts, partsIn(ctx))]), ctx.syntax), "'");
  }

  /** MODEL_STEPS for an answer written by hand: the model_output step the app sends in its place. */
  private givenSteps(text: string, before: readonly unknown[]): void {
    const w = this.w;
    w.line('# The answer written by hand (in the app), as the model’s steps');
    const nodes = givenTurnSteps(text, before, { inline: true });
    const steps = list(nodes, { inline: nodes.length === 1 });
    if (this.heavy) {
      w.line("MODEL_STEPS=$(jq -s 'add' <<EOF");
      w.verbatim([...render(steps, jsonIn('heredoc').syntax), 'EOF', ')']);
      return;
    }
    w.emit("MODEL_STEPS='", render(steps, jsonIn('single').syntax), "'");
  }

  private statelessConversation(turns: readonly RestTurn[], replay: Replay): void {
    const w = this.w;
    const firstParts = turns[0]!.parts;
    // A turn answering function calls keeps its whole input in HISTORY, as every later turn does.
    let kept = false;
    turns.forEach((turn, i) => {
      const last = i === turns.length - 1;
      let quoting: Quoting;
      let request: Request;
      if (turn.number === 1) {
        this.uploadsFor(turn.parts);
        if (turn.given !== undefined) {
          w.line(`# Turn 1: ${HAND_WRITTEN}`);
          w.blank();
          return;
        }
        w.line('# Turn 1: Send request with store: false');
        if (turn.call.mocks) {
          this.firstHistory(turn);
          kept = true;
          quoting = this.heavy ? 'heredoc' : 'double';
          request = this.requestOf(turn, (ctx) => raw(ctx.jsonVar('HISTORY')));
        } else {
          quoting = this.heavy ? 'heredoc' : 'single';
          request = this.requestOf(turn, (ctx) => list([userInputStep(turn.parts, partsIn(ctx))]));
        }
      } else {
        const before = turns[i - 1]!;
        if (before.given === undefined) {
          w.line('# Extract the steps from response');
          w.line(`MODEL_STEPS=$(echo "$RESPONSE${turn.number - 1}" | jq '.steps')`);
        } else {
          this.givenSteps(before.given, before.givenSteps ?? []);
        }
        w.blank();
        this.uploadsFor(turn.parts);
        this.history(turn, firstParts, kept);
        kept = true;
        w.blank();
        if (turn.given !== undefined) {
          w.line(`# Turn ${turn.number}: ${HAND_WRITTEN}`);
          w.blank();
          return;
        }
        w.line(`# Turn ${turn.number}: Send the full history`);
        quoting = this.heavy ? 'heredoc' : 'double';
        request = this.requestOf(turn, (ctx) => raw(ctx.jsonVar('HISTORY')));
      }
      if (last) {
        this.lastTurn(turn, replay, quoting, request, true);
      } else {
        this.send(turn, quoting, request, { assign: `RESPONSE${turn.number}`, print: false, replay, stateless: true });
        // The next turn's history holds this turn's function calls and results, before its answer.
        if (turn.call.mocks) w.line(`HISTORY=$(printf '%s\\n%s\\n' "$HISTORY" "$ROUNDS" | jq -s 'add')`);
      }
      w.blank();
    });
  }

  private conversation(history: HistoryMode, turns: readonly RestTurn[], replay: Replay): void {
    // A stateless answer to function calls sends the whole history again, so even one turn keeps it; an answer
    // written by hand exists only in the history.
    const stateless = history === 'stateless' && (turns.length > 1 || turns.some((turn) => turn.call.mocks));
    if (stateless || turns.some((turn) => turn.given !== undefined)) this.statelessConversation(turns, replay);
    else this.serverConversation(turns, this.heavy ? 'heredoc' : 'single', replay);
  }

  /** One pane after another, each under its label: bash has no map to hold a pane's settings in a loop. */
  /** A pane's own `history` (stateless where it was edited by hand) wins over the comparison's. */
  private panes(history: HistoryMode, panes: readonly { label: string; turns: RestTurn[]; history?: HistoryMode; runs: number }[]): void {
    const w = this.w;
    // Every upload first, so each file is uploaded once whichever pane shows it first.
    for (const pane of panes) for (const turn of pane.turns) this.uploadsFor(turn.parts);
    const alike = repeatedAlike(panes);
    if (alike) declareRuns(w, alike, BASH, Math.max(...panes.map((pane) => pane.turns.length)));
    w.blank();
    for (const pane of panes) {
      w.line(`echo ${shellWord(`== ${pane.label} ==`)}`);
      if (!alike) declareRuns(w, pane.runs, BASH, pane.turns.length);
      this.conversation(pane.history ?? history, pane.turns, { compared: true, runs: pane.runs });
      w.blank();
    }
  }

  private comparison(plan: ComparisonPlan): void {
    if (plan.sweep) return this.sweep(plan, plan.sweep);
    this.panes(
      plan.history,
      plan.panes.map((pane) => ({ label: pane.label, turns: paneTurns(plan, pane.call), runs: plan.runs })),
    );
  }

  private sweep(plan: ComparisonPlan, loop: SweepLoop): void {
    for (const turn of plan.turns) this.uploadsFor(turn.parts);
    const turns = paneTurns(plan, loop.call, (ctx) => loopVars(loop.axes, ctx));
    writeSweep(this.w, loop.axes, plan.runs, plan.turns.length, BASH, {
      declareAxis: (axis) => declareAxis(this.w, axis),
      ask: () => {
        this.conversation(plan.history, turns, { compared: true, runs: plan.runs });
        this.w.trimBlank();
      },
    });
  }
}

/** A comparison's turns as one pane (or one sweep combination) sends them. */
function paneTurns(plan: ComparisonPlan, call: Call, vars?: (ctx: JsonContext) => SweepVars): RestTurn[] {
  return plan.turns.map((turn) => ({ number: turn.number, parts: turn.parts, call: { ...call, chained: turn.chained, stream: turn.stream }, ...(vars ? { vars } : {}) }));
}

export function restCode(plan: ExportPlan): string {
  return new RestScript(bodiesInHereDocuments(plan)).write(plan);
}
