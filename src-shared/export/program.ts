// The one program writer for the SDK languages: what a Python or JavaScript export does, written once over a Dialect.
import { type Ask, type Replay, STANDALONE, printAnswer } from './ask';
import { CodeWriter } from './code-writer';
import type { CallSite, Dialect, Member, Needs } from './dialect';
import type { HistoryMode } from '../session';
import { type Call, type ComparisonPlan, type ConversationsPlan, type ExportPlan, HAND_WRITTEN, type ImageSlot, type Part, type PlannedTurn, type SweepAxis, type SweepLoop, callsOf } from './plan';
import { FunctionRounds, writeFunctionHelper } from './function-rounds';
import { EXTRA_BODY, type PartStyle, type RequestParts, type SweepVars, givenTurnSteps, inOrder, inputNode, requestMembers, userInputStep } from './request-literal';
import { AXIS_NAMES, declareRuns, repeatedAlike, runLoops, sweepValues, sweepVars, writeSweep } from './sweep-loops';
import { type Entry, type Node, bool, dict, list, raw, render, str } from './syntax';
import { NAME_IN_BODY_NOTE, PROCESSING_NOTE, missingBytesNote, nameNeedsBody, newUploads, renamedNote } from './uploads';
import { mediaKindOf } from '../media';

export function writeProgram(plan: ExportPlan, d: Dialect): string {
  // A first pass finds what the script uses, so that the imports are exactly those it needs.
  const probe = new Program(new CodeWriter(d.indent), d);
  probe.write(plan);
  const w = new CodeWriter(d.indent);
  for (const line of d.prelude(probe.needs)) {
    if (line === '') w.blank();
    else w.line(line);
  }
  writeFunctionHelper(w, plan, d);
  const program = new Program(w, d);
  if (d.main) {
    w.nest([d.main.block], () => {
      program.write(plan);
      // The guide closes main's brace right after its last statement.
      w.trimBlank();
    });
    w.blank();
    w.line(d.main.call);
  } else {
    program.write(plan);
  }
  return w.toString();
}

/** One script being written: the plan's requests in order, each spelled by the dialect. */
class Program {
  /** The images uploaded so far, by sha256: each is uploaded once, right before the first request showing it. */
  private readonly uploaded = new Set<string>();
  private readonly parts: PartStyle;
  /** The generation_config fields this SDK would drop, which the script sends in extra_body instead (said once). */
  private undeclared: string[] = [];
  /** The variable declared for each distinct set of mocks, and of tools a function loop sends, by its JSON. */
  private readonly rounds: FunctionRounds;
  /** What the script written so far uses beyond the client. */
  readonly needs: Needs = { json: false, env: false };

  constructor(
    private readonly w: CodeWriter,
    private readonly d: Dialect,
  ) {
    // The upload's answer is an SDK object: JS names its fields in camelCase, the Interactions API wants snake_case.
    const uploaded = (image: ImageSlot) => ({ uri: raw(`${this.fileVar(image)}.uri`), mimeType: raw(`${this.fileVar(image)}.${d.identifier('mime_type')}`) });
    this.parts = { uploaded, padded: d.padsInlineObjects };
    this.rounds = new FunctionRounds(w, d, () => this.literals());
  }

  write(plan: ExportPlan): void {
    const declared = this.d.generationConfig?.declared;
    if (declared) this.undeclared = [...new Set(callsOf(plan).flatMap((call) => Object.keys(call.generationConfig ?? {})))].filter((key) => !declared.has(key));
    // A comparison's loop carries each pane's mocks in its entry; elsewhere they are declared once, up front (a
    // JavaScript block would keep them from the next pane).
    if (plan.kind !== 'comparison' || plan.sweep) this.rounds.declareShared(plan.kind === 'comparison' ? [plan.sweep!.call] : callsOf(plan));
    if (callsOf(plan).some((call) => call.images)) {
      // One count for the whole script: a later turn, pane or run saves image_2, image_3… rather than over image_1.
      const { prefix, suffix } = this.d.mutableDeclaration(this.d.identifier('image_count'));
      this.w.line(`${prefix}0${suffix}`);
      this.w.blank();
    }
    if (plan.kind === 'comparison') this.comparison(plan);
    else if (plan.kind === 'conversations') this.conversations(plan);
    else this.conversation(plan.history, plan.turns.map((turn) => this.ask(turn)), STANDALONE);
  }

  private fileVar(image: ImageSlot): string {
    return `${this.d.identifier('uploaded_file')}${image.suffix}`;
  }

  private declare(name: string, value: readonly string[]): void {
    const { prefix, suffix } = this.d.declaration(name);
    this.w.emit(prefix, value, suffix);
  }

  /** Whether it wrote any. */
  private uploadsFor(parts: readonly Part[]): boolean {
    const images = newUploads(parts, this.uploaded);
    for (const image of images) {
      if (image.missingBytes) this.w.line(this.d.comment(missingBytesNote(image)));
      if (image.renamedFrom !== undefined) this.w.line(this.d.comment(renamedNote(image)));
      if (nameNeedsBody(image.name)) {
        this.w.line(this.d.comment(NAME_IN_BODY_NOTE));
        this.needs.files = true;
      }
      this.declare(this.fileVar(image), this.d.uploadFile(image));
      if (mediaKindOf(image.mimeType) !== 'video') continue;
      this.w.line(this.d.comment(PROCESSING_NOTE));
      this.d.waitUntilActive(this.w, this.fileVar(image));
      this.needs.sleep = true;
    }
    return images.length > 0;
  }

  /** Before the first statement sending extra_body, the one comment saying why. */
  private explainExtraBody(): void {
    const why = this.d.generationConfig?.why;
    if (this.undeclared.length === 0 || !why) return;
    this.w.line(this.d.comment(why(this.undeclared)));
    this.undeclared = [];
  }

  /** `mutable`: the variable is assigned again (the function loop's answers). */
  private create(name: string, members: readonly Entry[], site: CallSite, mutable = false): void {
    if (members.some(([key]) => key === EXTRA_BODY)) this.explainExtraBody();
    const { prefix, suffix } = mutable ? this.d.mutableDeclaration(name) : this.d.declaration(name);
    this.w.emit(prefix, this.d.create(members, this.d.endsWithComma(site)), suffix);
  }

  private request(call: Call, input: Node, extra: { previous?: string | undefined; vars?: SweepVars; continuing?: boolean } = {}): Entry[] {
    const previous = extra.previous === undefined ? undefined : raw(`${extra.previous}.id`);
    // An answer to function calls is chained to the interaction that asked (server history) and never streamed.
    const sent = extra.continuing ? { ...call, chained: previous !== undefined, stream: false } : call;
    const tools = this.rounds.toolsVar(call);
    const parts: RequestParts = { ...this.literals(), input, previous, vars: extra.vars, ...(tools ? { tools: raw(tools) } : {}) };
    return requestMembers(sent, parts, this.d.memberOrder);
  }

  /** How this language writes the settings' literals; an MCP header value is read from the environment. */
  private literals(): RequestParts {
    const d = this.d;
    const env = (variable: string): Node => {
      this.needs.env = true;
      return raw(d.env(variable));
    };
    return { style: d.objectStyle, declared: d.generationConfig?.declared, padded: d.padsInlineObjects, env };
  }

  /** A turn of a pane's own conversation: everything it sends is written out. */
  private ask(turn: PlannedTurn): Ask {
    const { call } = turn;
    return {
      number: turn.number,
      parts: turn.parts,
      stream: call.stream,
      members: (input, previous, continuing) => this.request(call, input, { previous, continuing }),
      ...(call.mocks ? { mocks: this.rounds.mocksVar(call.mocks) } : {}),
      json: call.json,
      images: call.images,
      ...(turn.given !== undefined ? { given: turn.given, givenSteps: turn.givenSteps ?? [] } : {}),
    };
  }

  /**
   * A conversation: chained by id (or a single turn), or a stateless history the script keeps itself. In a
   * comparison the last prompt sits in the repeat run's loop, as the app repeats a pane's last turn.
   */
  private conversation(history: HistoryMode, asks: readonly Ask[], replay: Replay): void {
    // A stateless answer to function calls sends the whole history again, so even one turn keeps it; an answer
    // written by hand exists only in the history.
    if (asks.some((ask) => ask.given !== undefined) || (history === 'stateless' && (asks.length > 1 || asks.some((ask) => ask.mocks)))) {
      this.statelessConversation(asks, replay);
    } else {
      this.chainedConversation(asks, replay);
    }
  }

  private chainedConversation(asks: readonly Ask[], replay: Replay): void {
    const single = asks.length === 1;
    let previous: string | undefined;
    asks.forEach((ask, i) => {
      const last = i === asks.length - 1;
      this.uploadsFor(ask.parts);
      const name = ask.stream ? 'stream' : single ? 'interaction' : `interaction${ask.number}`;
      const site = { chained: !single, history: false, stream: ask.stream };
      const input = replay.input ?? inputNode(ask.parts, this.parts);
      const send = (): void => {
        this.create(name, ask.members(input, previous), site, ask.mocks !== undefined);
        if (ask.mocks) this.rounds.answer(name, ask.members, ask.mocks);
        printAnswer(this.w, this.d, this.needs, name, ask, !single && this.d.numbersChainedAnswers, replay);
      };
      if (last) this.w.nest(runLoops(replay.runs, this.d), send);
      else send();
      if (!last || !replay.compared) this.w.blank();
      previous = name;
    });
  }

  private statelessConversation(asks: readonly Ask[], replay: Replay): void {
    const { w, d } = this;
    asks.forEach((ask, i) => {
      const last = i === asks.length - 1;
      const name = ask.stream ? 'stream' : `interaction${ask.number}`;
      const sending = ask.given === undefined ? undefined : `Turn ${ask.number}: ${HAND_WRITTEN}`;
      if (ask.number === 1) {
        this.uploadsFor(ask.parts);
        w.line(d.comment('Initialize history with the first user turn'));
        this.declare('history', render(list([userInputStep(ask.parts, this.parts)]), d.syntax));
        w.blank();
        w.line(d.comment(sending ?? `Turn 1: Send request with ${d.wording.storeFalse}`));
      } else {
        // An answer written by hand is in the history already.
        if (asks[i - 1]!.given === undefined) {
          w.line(d.comment(d.wording.appendSteps));
          d.appendSteps(w, 'history', `interaction${ask.number - 1}`);
          w.blank();
        }
        this.uploadsFor(ask.parts);
        w.line(d.comment(d.wording.appendTurn));
        const { prefix, suffix } = d.append('history');
        w.emit(prefix, render(userInputStep(ask.parts, this.parts), d.syntax), suffix);
        w.blank();
        w.line(d.comment(sending ?? `Turn ${ask.number}: Send full history with ${d.wording.storeFalse}`));
      }
      if (ask.given !== undefined) {
        const { prefix, suffix } = d.append('history');
        // Written like the history's other steps, as the guide writes them (no trailing comma).
        for (const step of givenTurnSteps(ask.given, ask.givenSteps ?? [], { padded: d.padsInlineObjects })) w.emit(prefix, render(step, d.syntax), suffix);
        w.blank();
        return;
      }
      const rounds = asks.length > 1 ? `rounds${ask.number}` : 'rounds';
      const send = (): void => {
        this.create(name, ask.members(raw('history'), undefined), { chained: false, history: true, stream: ask.stream }, ask.mocks !== undefined);
        if (ask.mocks) this.rounds.answerStateless(name, ask.members, ask.mocks, rounds);
        printAnswer(w, d, this.needs, name, ask, true, replay);
      };
      if (last) w.nest(runLoops(replay.runs, d), send);
      else send();
      // The next turn's history holds this turn's function calls and results, before its answer.
      if (!last && ask.mocks) w.line(d.extend('history', rounds));
      if (!last || !replay.compared) w.blank();
    });
  }

  /**
   * Every pane's configuration answers the same prompts, in a loop over a list of panes or over a sweep's
   * values: each pane's conversation replayed, server-side or stateless as the history option says.
   */
  private comparison(plan: ComparisonPlan): void {
    const { w, d } = this;
    // Uploaded once, before the loop, not once per pane.
    const uploaded = plan.turns.map((turn) => this.uploadsFor(turn.parts)).includes(true);
    const single = plan.turns.length === 1;
    if (single) this.declare('prompt', render(inputNode(plan.turns[0]!.parts, this.parts), d.syntax));
    if (single || uploaded) w.blank();
    const replay: Replay = { compared: true, runs: plan.runs, ...(single ? { input: raw('prompt') } : {}) };
    if (plan.sweep) return this.sweep(plan, plan.sweep, replay);
    const env = (variable: string): Node => {
      this.needs.env = true;
      return raw(d.env(variable));
    };
    const configs = plan.panes.map(({ call }) =>
      requestMembers({ ...call, stream: false }, { style: d.objectStyle, declared: d.generationConfig?.declared, padded: d.padsInlineObjects, env }, d.memberOrder),
    );
    // With a pane answering function calls, every pane carries its mocks ({} for one without functions).
    const answers = plan.panes.some(({ call }) => call.mocks);
    const panes = plan.panes.map(({ label, call }, i) =>
      dict(
        [['label', str(label)], ['config', dict(configs[i]!, d.objectStyle)], ...(answers ? [['mocks', this.rounds.mocksNode(call.mocks ?? {})] as Entry] : [])],
        d.objectStyle,
      ),
    );
    if (configs.some((members) => members.some(([key]) => key === EXTRA_BODY))) this.explainExtraBody();
    this.declare('panes', render(list(panes, { trailingComma: d.objectStyle.trailingComma }), d.syntax));
    w.blank();
    declareRuns(w, plan.runs, d, plan.turns.length);
    w.blank();
    // A JSON answer is printed indented only when every pane's answer is JSON.
    const json = plan.panes.every(({ call }) => call.json);
    const asks = plan.turns.map(
      (turn): Ask => ({
        ...turn,
        members: (input, previous, continuing) => {
          const members: Partial<Record<Member, Entry>> = { input: ['input', input], config: d.spread(d.field('pane', 'config')) };
          if ((turn.chained || continuing) && previous) members.previous_interaction_id = ['previous_interaction_id', raw(`${previous}.id`)];
          if (turn.stream && !continuing) members.stream = ['stream', bool(true)];
          return inOrder(members, d.memberOrder);
        },
        ...(answers ? { mocks: d.field('pane', 'mocks') } : {}),
        json,
        images: plan.savesImages,
      }),
    );
    w.nest([d.forEach('pane', 'panes')], () => {
      w.line(d.printTemplate(['== ', { code: d.field('pane', 'label') }, ' ==']));
      this.conversation(plan.history, asks, replay);
    });
  }

  /** Panes whose conversations differ: each written out in full under its label (in a block of its own where the language needs one). */
  private conversations(plan: ConversationsPlan): void {
    const { w, d } = this;
    // All uploads first: a JavaScript block would keep a file uploaded for one pane from the next.
    const uploaded = plan.panes.flatMap((pane) => pane.turns.map((turn) => this.uploadsFor(turn.parts))).includes(true);
    const alike = repeatedAlike(plan.panes);
    if (alike) declareRuns(w, alike, d, Math.max(...plan.panes.map((pane) => pane.turns.length)));
    if (uploaded || (alike ?? 1) > 1) w.blank();
    for (const pane of plan.panes) {
      w.line(d.print(d.syntax.string(`== ${pane.label} ==`)));
      w.nest(d.scope ? [d.scope] : [], () => {
        if (!alike) declareRuns(w, pane.runs, d, pane.turns.length);
        this.conversation(pane.history, pane.turns.map((turn) => this.ask(turn)), { compared: true, runs: pane.runs });
      });
      w.blank();
    }
  }

  private sweep(plan: ComparisonPlan, loop: SweepLoop, replay: Replay): void {
    const d = this.d;
    const vars = this.loopVars(loop.axes);
    const { mocks } = loop.call;
    const asks = plan.turns.map(
      (turn): Ask => ({
        ...turn,
        members: (input, previous, continuing) => this.request({ ...loop.call, chained: turn.chained, stream: turn.stream }, input, { previous, vars, continuing }),
        ...(mocks ? { mocks: this.rounds.mocksVar(mocks) } : {}),
        json: loop.call.json,
        images: loop.call.images,
      }),
    );
    writeSweep(this.w, loop.axes, plan.runs, plan.turns.length, d, {
      declareAxis: (axis) => this.declare(d.identifier(AXIS_NAMES[axis.setting].values), render(sweepValues(axis, d.objectStyle), d.syntax)),
      ask: () => this.conversation(plan.history, asks, replay),
    });
  }

  private loopVars(axes: readonly SweepAxis[]): SweepVars {
    const d = this.d;
    const system = d.identifier('system_instruction');
    const member = render(dict([['system_instruction', raw(system)]], { inline: true, padded: d.padsInlineObjects }), d.syntax)[0]!;
    // With a "no system" variant (None, null) the member is spread in only when set: it would be sent as null.
    return sweepVars(
      axes,
      (setting) => raw(d.identifier(AXIS_NAMES[setting].item)),
      (sendsNone) => (sendsNone ? d.spread(d.conditional(system, member, '{}')) : ['system_instruction', raw(system)]),
    );
  }
}
