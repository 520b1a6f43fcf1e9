// Rebuilds a turn's output steps from step.start / step.delta / step.stop events (docs/interactions-api.md §5.4).
import type { Content, StepDelta, StreamEvent, Step } from '../../../src-shared/interactions';
import { AppFailure } from '../failure';
import { silentLogger, type Logger } from '../ports';

/** What one event changed, small enough to compute for every delta. */
export interface StepChange {
  /** model_output text added by this event. */
  text?: string;
  /** thought-summary text added by this event. */
  thought?: string;
  /** a step that just finished, as a copy the caller may keep. */
  stepDone?: { index: number; step: Step };
}

type Obj = Record<string, unknown>;

interface Slot {
  step: Obj;
  /** arguments_delta fragments, joined and parsed at step.stop (§5.3 c). */
  args?: string[];
}

const NOTHING: StepChange = Object.freeze({});
const MEDIA = new Set(['image', 'audio', 'document', 'video']);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class StepAssembler {
  readonly #slots = new Map<number, Slot>();
  readonly #logger: Logger;
  #text = '';
  #thought = '';

  constructor(logger: Logger = silentLogger) {
    this.#logger = logger;
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

  /** Output steps in index order (user_input steps echoed by the server are dropped, §1 item 5). */
  get steps(): Step[] {
    return [...this.#slots.entries()]
      .sort(([a], [b]) => a - b)
      .filter(([, slot]) => slot.step.type !== 'user_input')
      .map(([, slot]) => structuredClone(slot.step) as Step);
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
    const added = continues ? text : `\n\n${text}`;
    this.#thought += added;
    return added;
  }

  #start(index: number, step: Obj): StepChange {
    // step.start already holds the step's initial value: text, a signature or arguments (§1 item 10).
    const copy = structuredClone(step);
    this.#slots.set(index, { step: copy });
    const change: StepChange = {};
    if (copy.type === 'model_output') {
      const text = textOf(copy.content);
      if (text !== '') {
        this.#text += text;
        change.text = text;
      }
    } else if (copy.type === 'thought') {
      const thought = textOf(copy.summary);
      if (thought !== '') change.thought = this.#addThought(thought);
    }
    return change;
  }

  #delta(index: number, delta: StepDelta): StepChange {
    const slot = this.#slots.get(index) ?? this.#orphan(index, delta.type);
    if (!slot) return NOTHING;
    const step = slot.step;
    const d = delta as Obj;
    switch (delta.type) {
      case 'text': {
        const text = typeof d.text === 'string' ? d.text : '';
        appendText(step, text);
        if (step.type !== 'model_output' || text === '') return NOTHING;
        this.#text += text;
        return { text };
      }
      case 'thought_summary': {
        if (!isObj(d.content)) return this.#skip(index, 'thought_summary without content');
        pushTo(step, 'summary', structuredClone(d.content));
        const text = d.content.type === 'text' && typeof d.content.text === 'string' ? d.content.text : '';
        return text === '' ? NOTHING : { thought: this.#addThought(text) };
      }
      case 'thought_signature':
        if (typeof d.signature === 'string') step.signature = d.signature;
        return NOTHING;
      case 'arguments_delta': {
        // 3.3.0 names the fragment `arguments`, 2.0.0 named it `partial_arguments` (§1 item 11).
        const part = typeof d.arguments === 'string' ? d.arguments : d.partial_arguments;
        if (typeof part === 'string') (slot.args ??= []).push(part);
        return NOTHING;
      }
      case 'text_annotation_delta':
        annotate(step, Array.isArray(d.annotations) ? d.annotations : []);
        return NOTHING;
      default:
        if (MEDIA.has(delta.type)) {
          pushTo(step, 'content', structuredClone(d));
          return NOTHING;
        }
        if (delta.type === step.type) {
          // Server-tool deltas carry the fields of the step they belong to [INF]: keep them for history.
          const { type: _type, ...fields } = structuredClone(d);
          Object.assign(step, fields);
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
    if (slot.step.type === 'user_input') return NOTHING;
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
            : undefined;
    this.#logger.debug('step.delta before step.start', { index, deltaType, inferred: type });
    if (type === undefined) return undefined;
    const slot: Slot = { step: { type } };
    this.#slots.set(index, slot);
    return slot;
  }

  #skip(index: number, reason: string): StepChange {
    this.#logger.debug(`Skipped a stream delta: ${reason}`, { index });
    return NOTHING;
  }
}

function textOf(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  let text = '';
  for (const part of parts) if (isObj(part) && part.type === 'text' && typeof part.text === 'string') text += part.text;
  return text;
}

function contentOf(step: Obj, field: 'content' | 'summary'): Obj[] {
  if (!Array.isArray(step[field])) step[field] = [];
  return step[field] as Obj[];
}

function pushTo(step: Obj, field: 'content' | 'summary', value: Obj): void {
  contentOf(step, field).push(value);
}

/** Text joins the last block when it is text, so a step holds one text block per run of text. */
function appendText(step: Obj, text: string): void {
  const content = contentOf(step, 'content');
  const last = content[content.length - 1];
  if (last && last.type === 'text' && typeof last.text === 'string') last.text += text;
  else content.push({ type: 'text', text } satisfies Content);
}

/** Annotations belong to the current text block (§5.4); start an empty one if there is none yet. */
function annotate(step: Obj, annotations: unknown[]): void {
  const content = contentOf(step, 'content');
  let last = content[content.length - 1];
  if (!last || last.type !== 'text') {
    last = { type: 'text', text: '' };
    content.push(last);
  }
  const existing = Array.isArray(last.annotations) ? (last.annotations as unknown[]) : [];
  last.annotations = [...existing, ...structuredClone(annotations)];
}
