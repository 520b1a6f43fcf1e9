// Rebuilds a turn's output steps from step.start / step.delta / step.stop events (docs/interactions-api.md §5.4),
// keeping at most what one answer may hold (src-shared/limits.ts): the first MAX_ANSWER_CHARS of text and of
// thought, steps within MAX_ANSWER_STEPS_BYTES and MAX_ANSWER_DEPTH. Whatever is cut makes the answer
// `truncated`; the rest of the stream is still read (so the interaction completes, with its id and usage).
import { MAX_ANSWER_CHARS, MAX_ANSWER_DEPTH, MAX_ANSWER_STEPS_BYTES } from '../../../src-shared/limits';
import type { StepDelta, StreamEvent, Step } from '../../../src-shared/interactions';
import { AppFailure } from '../failure';
import { silentLogger, type Logger } from '../ports';
import { deeperThan } from '../storage/safe-json';
import { annotate, appendText, isHighSurrogate, isObj, jsonBytes, jsonChars, keepText, pushTo, textOf, type Obj } from './step-content';

/** What one answer may keep; the defaults are the app's limits (smaller ones in tests). */
export interface AnswerLimits {
  /** Characters of text, and as many of thought summary. */
  maxChars: number;
  /** The kept steps as JSON, together. */
  maxStepsBytes: number;
  /** Nesting inside one step. */
  maxDepth: number;
}

export const ANSWER_LIMITS: Readonly<AnswerLimits> = {
  maxChars: MAX_ANSWER_CHARS,
  maxStepsBytes: MAX_ANSWER_STEPS_BYTES,
  maxDepth: MAX_ANSWER_DEPTH,
};

/** What one event changed, small enough to compute for every delta. */
export interface StepChange {
  /** model_output text added by this event. */
  text?: string;
  /** thought-summary text added by this event. */
  thought?: string;
  /** a step that just finished, as a copy the caller may keep. */
  stepDone?: { index: number; step: Step };
}

interface Slot {
  step: Obj;
  /** arguments_delta fragments, joined and parsed at step.stop (§5.3 c). */
  args?: string[];
  /** Characters received into this step other than the capped text: bounds memory while it streams. */
  received: number;
  /** Over a limit: its content is gone and it is left out of `steps`. */
  dropped?: boolean;
  /** Its size as JSON, kept once it has stopped (it no longer changes). */
  bytes?: number;
  stopped?: boolean;
}

const NOTHING: StepChange = Object.freeze({});
const MEDIA = new Set(['image', 'audio', 'document', 'video']);
/** Every delta the typings name like its step: the server tools' `…_call` / `…_result`, and `function_result`. */
const STEP_NAMED = /^[a-z][a-z_]*_(call|result)$/;

export class StepAssembler {
  readonly #slots = new Map<number, Slot>();
  readonly #logger: Logger;
  readonly #limits: AnswerLimits;
  #text = '';
  #thought = '';
  #received = 0;
  #truncated = false;

  constructor(logger: Logger = silentLogger, limits: AnswerLimits = ANSWER_LIMITS) {
    this.#logger = logger;
    this.#limits = limits;
  }

  /** True once anything of the answer was not kept (text or thought past the cap, a step over a limit). */
  get truncated(): boolean {
    return this.#truncated;
  }

  /** Feeds one event; events other than step.* change nothing here. */
  apply(event: StreamEvent): StepChange {
    switch (event.event_type) {
      case 'step.start':
        return this.#start(event.index, event.step as Obj);
      case 'step.delta':
        return this.#delta(event.index, event.delta);
      case 'step.stop':
        return this.#stop(event.index);
      default:
        return NOTHING;
    }
  }

  /** Output steps in index order (user_input steps echoed by the server are dropped, §1 item 5), within the limits. */
  get steps(): Step[] {
    return this.#kept().map((slot) => structuredClone(slot.step) as Step);
  }

  /** The slots whose steps are kept: in index order, each within the depth, all within the size together. */
  #kept(): Slot[] {
    const kept: Slot[] = [];
    let bytes = 0;
    for (const [, slot] of [...this.#slots.entries()].sort(([a], [b]) => a - b)) {
      if (slot.dropped || slot.step.type === 'user_input') continue;
      const size = slot.bytes ?? (deeperThan(slot.step, this.#limits.maxDepth) === undefined ? jsonBytes(slot.step) : Infinity);
      if (slot.stopped) slot.bytes = size;
      if (bytes + size > this.#limits.maxStepsBytes) {
        this.#drop(slot);
        continue;
      }
      bytes += size;
      kept.push(slot);
    }
    return kept;
  }

  /** The part of `text` that fits after `kept` characters; anything cut makes the answer truncated. */
  #fit(kept: number, text: string): string {
    const room = Math.max(0, this.#limits.maxChars - kept);
    if (text.length <= room) return text;
    this.#truncated = true;
    // Never keep half of a surrogate pair.
    const end = room > 0 && isHighSurrogate(text.charCodeAt(room - 1)) ? room - 1 : room;
    return text.slice(0, end);
  }

  /** Counts characters received into a step beyond the capped text; false (and the step dropped) once over. */
  #receive(slot: Slot, chars: number): boolean {
    if (slot.dropped) return false;
    slot.received += chars;
    this.#received += chars;
    if (this.#received <= this.#limits.maxStepsBytes) return true;
    this.#drop(slot);
    return false;
  }

  #drop(slot: Slot): void {
    if (slot.dropped) return;
    this.#logger.warn('An answer step is over the limits of what one answer keeps; it is not kept', { type: slot.step.type });
    this.#received -= slot.received;
    slot.dropped = true;
    slot.step = { type: slot.step.type };
    slot.args = undefined;
    this.#truncated = true;
  }

  /** All model_output text so far, in arrival order. */
  get text(): string {
    return this.#text;
  }

  /** Thought-summary text of the whole turn, parts separated by blank lines. */
  get thought(): string {
    return this.#thought;
  }

  /**
   * Each thought_summary delta is a summary part of its own, usually a whole "**Heading** …" paragraph:
   * keep parts apart as paragraphs, unless a part plainly continues the last one (starts with a space).
   */
  #addThought(text: string): string {
    const continues = this.#thought === '' || /^\s/.test(text);
    const added = this.#fit(this.#thought.length, continues ? text : `\n\n${text}`);
    this.#thought += added;
    return added;
  }

  /** #addThought, and how much of `text` itself was kept (without the separator put before it). */
  #keepThought(text: string): { added: string; kept: string } {
    const separated = this.#thought !== '' && !/^\s/.test(text);
    const added = this.#addThought(text);
    return { added, kept: text.slice(0, Math.max(0, added.length - (separated ? 2 : 0))) };
  }

  #start(index: number, step: Obj): StepChange {
    // step.start already holds the step's initial value: text, a signature or arguments (§1 item 10).
    const copy = structuredClone(step);
    const slot: Slot = { step: copy, received: 0 };
    this.#slots.set(index, slot);
    const change: StepChange = {};
    if (copy.type === 'model_output') {
      const text = textOf(copy.content);
      const kept = this.#fit(this.#text.length, text);
      if (kept.length < text.length) keepText(copy, 'content', kept.length);
      if (kept !== '') {
        this.#text += kept;
        change.text = kept;
      }
    } else if (copy.type === 'thought') {
      const thought = textOf(copy.summary);
      if (thought !== '') {
        const { added, kept } = this.#keepThought(thought);
        if (kept.length < thought.length) keepText(copy, 'summary', kept.length);
        if (added !== '') change.thought = added;
      }
    }
    // What is not the capped text (arguments, tool results, media) counts towards the steps' size.
    this.#receive(slot, jsonChars(copy) - textOf(copy.content).length - textOf(copy.summary).length);
    return change;
  }

  #delta(index: number, delta: StepDelta): StepChange {
    const slot = this.#slots.get(index) ?? this.#orphan(index, delta.type);
    if (!slot || slot.dropped) return NOTHING;
    const step = slot.step;
    const d = delta as Obj;
    switch (delta.type) {
      case 'text': {
        const text = typeof d.text === 'string' ? d.text : '';
        if (step.type !== 'model_output') {
          if (this.#receive(slot, text.length)) appendText(step, text);
          return NOTHING;
        }
        const kept = this.#fit(this.#text.length, text);
        if (kept === '') return NOTHING;
        appendText(step, kept);
        this.#text += kept;
        return { text: kept };
      }
      case 'thought_summary': {
        if (!isObj(d.content)) return this.#skip(index, 'thought_summary without content');
        const text = d.content.type === 'text' && typeof d.content.text === 'string' ? d.content.text : '';
        if (text === '') {
          if (this.#receive(slot, jsonChars(d.content))) pushTo(step, 'summary', structuredClone(d.content));
          return NOTHING;
        }
        const { added, kept } = this.#keepThought(text);
        if (kept !== '') pushTo(step, 'summary', { ...structuredClone(d.content), text: kept });
        return added === '' ? NOTHING : { thought: added };
      }
      case 'thought_signature':
        if (typeof d.signature === 'string' && this.#receive(slot, d.signature.length)) step.signature = d.signature;
        return NOTHING;
      case 'arguments_delta': {
        // 3.3.0 names the fragment `arguments`, 2.0.0 named it `partial_arguments` (§1 item 11).
        const part = typeof d.arguments === 'string' ? d.arguments : d.partial_arguments;
        if (typeof part === 'string' && this.#receive(slot, part.length)) (slot.args ??= []).push(part);
        return NOTHING;
      }
      case 'text_annotation_delta': {
        const annotations = Array.isArray(d.annotations) ? d.annotations : [];
        if (this.#receive(slot, jsonChars(annotations))) annotate(step, annotations);
        return NOTHING;
      }
      default:
        if (MEDIA.has(delta.type)) {
          if (this.#receive(slot, jsonChars(d))) pushTo(step, 'content', structuredClone(d));
          return NOTHING;
        }
        if (delta.type === step.type) {
          // A delta named like its step (google_search_call … mcp_server_tool_result, function_result) carries
          // that step's fields WHOLE, so a field given again replaces the earlier value rather than adding to it.
          // The typings say so: each such delta has the step's own field types (`arguments` an object, `result`
          // a list, or `result: string` required beside `is_error` and `signature`), while the two things the API
          // does stream in pieces have fragment deltas of their own (`text`, and `arguments_delta` for
          // function_call). Kept for history (sent back verbatim in stateless mode) and shown by the renderer.
          const { type: _type, ...fields } = structuredClone(d);
          if (this.#receive(slot, jsonChars(fields))) Object.assign(step, fields);
          return NOTHING;
        }
        return this.#skip(index, `unknown delta type "${delta.type}"`);
    }
  }

  #stop(index: number): StepChange {
    const slot = this.#slots.get(index);
    if (!slot) {
      this.#logger.debug('step.stop for a step that never started', { index });
      return NOTHING;
    }
    if (slot.dropped) return NOTHING;
    if (slot.args) {
      const raw = slot.args.join('');
      slot.args = undefined;
      if (raw.trim() !== '') {
        try {
          slot.step.arguments = JSON.parse(raw);
        } catch (cause) {
          throw new AppFailure('PROTOCOL', `The model's function call "${String(slot.step.name)}" has arguments that are not valid JSON.`, { cause });
        }
      }
    }
    slot.stopped = true;
    if (slot.step.type === 'user_input' || !this.#kept().includes(slot)) return NOTHING;
    return { stepDone: { index, step: structuredClone(slot.step) as Step } };
  }

  /** A delta for an index that never had a step.start: start the step its type implies. */
  #orphan(index: number, deltaType: string): Slot | undefined {
    const type =
      deltaType === 'text' || MEDIA.has(deltaType) || deltaType === 'text_annotation_delta'
        ? 'model_output'
        : deltaType.startsWith('thought_')
          ? 'thought'
          : deltaType === 'arguments_delta'
            ? 'function_call'
            : STEP_NAMED.test(deltaType)
              ? deltaType
              : undefined;
    this.#logger.debug('step.delta before step.start', { index, deltaType, inferred: type });
    if (type === undefined) return undefined;
    const slot: Slot = { step: { type }, received: 0 };
    this.#slots.set(index, slot);
    return slot;
  }

  #skip(index: number, reason: string): StepChange {
    this.#logger.debug(`Skipped a stream delta: ${reason}`, { index });
    return NOTHING;
  }
}
