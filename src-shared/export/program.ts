// The one program writer for the SDK languages: what a Python or JavaScript export does, written once over a Dialect.
import { CodeWriter } from './code-writer';
import type { CallSite, Dialect, Member } from './dialect';
import type { Call, ComparisonPlan, ConversationPlan, ExportPlan, ImageSlot, Part, PlannedTurn, SweepAxis, SweepLoop } from './plan';
import { type PartStyle, type SweepVars, inOrder, inputNode, requestMembers, userInputStep } from './request-literal';
import { AXIS_NAMES, declareRuns, runLoops, sweepValues, sweepVars, writeSweep } from './sweep-loops';
import { type Entry, type Node, bool, dict, list, raw, render, str } from './syntax';
import { missingBytesNote, newUploads } from './uploads';

export function writeProgram(plan: ExportPlan, d: Dialect): string {
  const w = new CodeWriter(d.indent);
  for (const line of d.prelude) {
    if (line === '') w.blank();
    else w.line(line);
  }
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

  constructor(
    private readonly w: CodeWriter,
    private readonly d: Dialect,
  ) {
    // The upload's answer is an SDK object: JS names its fields in camelCase, the Interactions API wants snake_case.
    const uploaded = (image: ImageSlot) => ({ uri: raw(`${this.fileVar(image)}.uri`), mimeType: raw(`${this.fileVar(image)}.${d.identifier('mime_type')}`) });
    this.parts = { uploaded, padded: d.padsInlineObjects };
  }

  write(plan: ExportPlan): void {
    if (plan.kind === 'comparison') this.comparison(plan);
    else if (plan.history === 'stateless' && plan.turns.length > 1) for (const turn of plan.turns) this.statelessTurn(turn);
    else this.conversation(plan);
  }

  private fileVar(image: ImageSlot): string {
    return `${this.d.identifier('uploaded_file')}${image.suffix}`;
  }

  private declare(name: string, value: readonly string[]): void {
    const { prefix, suffix } = this.d.declaration(name);
    this.w.emit(prefix, value, suffix);
  }

  private uploadsFor(parts: readonly Part[]): void {
    for (const image of newUploads(parts, this.uploaded)) {
      if (image.missingBytes) this.w.line(this.d.comment(missingBytesNote(image)));
      this.declare(this.fileVar(image), this.d.uploadFile(image));
    }
  }

  private create(name: string, members: readonly Entry[], site: CallSite): void {
    this.declare(name, this.d.create(members, this.d.endsWithComma(site)));
  }

  private request(call: Call, input: Node, extra: { previous?: string; vars?: SweepVars } = {}): Entry[] {
    const previous = extra.previous === undefined ? undefined : raw(`${extra.previous}.id`);
    return requestMembers(call, { input, previous, vars: extra.vars, style: this.d.objectStyle }, this.d.memberOrder);
  }

  private streamText(stream: string): void {
    const d = this.d;
    const loops = [d.forEachEvent('event', stream), d.ifEquals('event.event_type', 'step.delta'), d.ifEquals('event.delta.type', 'text')];
    this.w.nest(loops, () => this.w.line(d.write('event.delta.text')));
  }

  /** In a comparison: the answer printed whole, or streamed and then ended with a line break before the next label. */
  private printAnswer(name: string, stream: boolean): void {
    if (stream) {
      this.streamText(name);
      this.w.line(this.d.print());
    } else {
      this.w.line(this.d.print(this.d.lastStepText(name)));
    }
  }

  private conversation(plan: ConversationPlan): void {
    const d = this.d;
    const single = plan.turns.length === 1;
    let previous: string | undefined;
    for (const turn of plan.turns) {
      this.uploadsFor(turn.parts);
      const name = turn.call.stream ? 'stream' : single ? 'interaction' : `interaction${turn.number}`;
      const site = { chained: !single, history: false, stream: turn.call.stream };
      this.create(name, this.request(turn.call, inputNode(turn.parts, this.parts), { previous }), site);
      if (turn.call.stream) this.streamText(name);
      else if (single || !d.numbersChainedAnswers) this.w.line(d.print(d.lastStepText(name)));
      else this.w.line(d.print(d.syntax.string(`Response ${turn.number}:`), d.lastStepText(name)));
      this.w.blank();
      previous = name;
    }
  }

  private statelessTurn(turn: PlannedTurn): void {
    const { w, d } = this;
    const name = turn.call.stream ? 'stream' : `interaction${turn.number}`;
    if (turn.number === 1) {
      this.uploadsFor(turn.parts);
      w.line(d.comment('Initialize history with the first user turn'));
      this.declare('history', render(list([userInputStep(turn.parts, this.parts)]), d.syntax));
      w.blank();
      w.line(d.comment(`Turn 1: Send request with ${d.wording.storeFalse}`));
    } else {
      w.line(d.comment(d.wording.appendSteps));
      d.appendSteps(w, 'history', `interaction${turn.number - 1}`);
      w.blank();
      this.uploadsFor(turn.parts);
      w.line(d.comment(d.wording.appendTurn));
      const { prefix, suffix } = d.append('history');
      w.emit(prefix, render(userInputStep(turn.parts, this.parts), d.syntax), suffix);
      w.blank();
      w.line(d.comment(`Turn ${turn.number}: Send full history with ${d.wording.storeFalse}`));
    }
    this.create(name, this.request(turn.call, raw('history')), { chained: false, history: true, stream: turn.call.stream });
    if (turn.call.stream) this.streamText(name);
    else w.line(d.print(d.syntax.string(`Response ${turn.number}:`), d.lastStepText(name)));
    w.blank();
  }

  /** Every pane's configuration answers the same prompt, in a loop over a list of panes or over a sweep's values. */
  private comparison(plan: ComparisonPlan): void {
    const { w, d } = this;
    this.uploadsFor(plan.parts);
    this.declare('prompt', render(inputNode(plan.parts, this.parts), d.syntax));
    w.blank();
    if (plan.sweep) return this.sweep(plan, plan.sweep);
    const panes = plan.panes.map(({ label, call }) => {
      const config = dict(requestMembers({ ...call, stream: false }, { style: d.objectStyle }, d.memberOrder), d.objectStyle);
      return dict([['label', str(label)], ['config', config]], d.objectStyle);
    });
    this.declare('panes', render(list(panes, { trailingComma: d.objectStyle.trailingComma }), d.syntax));
    w.blank();
    declareRuns(w, plan.runs, d);
    w.blank();
    const name = plan.stream ? 'stream' : 'interaction';
    w.nest([d.forEach('pane', 'panes')], () => {
      w.line(d.printTemplate(['== ', { code: d.field('pane', 'label') }, ' ==']));
      w.nest(runLoops(plan.runs, d), () => {
        const members: Partial<Record<Member, Entry>> = { input: ['input', raw('prompt')], config: d.spread(d.field('pane', 'config')) };
        if (plan.stream) members.stream = ['stream', bool(true)];
        this.create(name, inOrder(members, d.memberOrder), { chained: false, history: false, stream: plan.stream });
        this.printAnswer(name, plan.stream);
      });
    });
  }

  private sweep(plan: ComparisonPlan, loop: SweepLoop): void {
    const d = this.d;
    const name = plan.stream ? 'stream' : 'interaction';
    writeSweep(this.w, loop.axes, plan.runs, d, {
      declareAxis: (axis) => this.declare(d.identifier(AXIS_NAMES[axis.setting].values), render(sweepValues(axis, d.objectStyle), d.syntax)),
      ask: () => {
        this.create(name, this.request(loop.call, raw('prompt'), { vars: this.loopVars(loop.axes) }), { chained: false, history: false, stream: plan.stream });
        this.printAnswer(name, plan.stream);
      },
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
