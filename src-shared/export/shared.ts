// Small pieces the three generators share: which images to upload when, MIME guesses, wording, sweep loops.
import type { GenerationConfig } from '../interactions';
import type { ImageSlot, Part, SweepAxis, SweptSetting } from './plan';
import { type CodeWriter, type DictStyle, type Entry, type Node, dict, fromValue, raw, str } from './syntax';

/** What the SDKs' and Python's own guess from a file name gives for the common image types. */
const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

export function guessedMimeType(name: string): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
}

/** The images of `parts` still to upload, each once: an upload sits right before the first turn showing it. */
export function newUploads(parts: readonly Part[], done: Set<string>): ImageSlot[] {
  const out: ImageSlot[] = [];
  for (const part of parts) {
    if (part.type !== 'image' || part.image.data !== undefined || done.has(part.image.sha256)) continue;
    done.add(part.image.sha256);
    out.push(part.image);
  }
  return out;
}

/** Comment text for an image the person wanted embedded but whose bytes were not available. */
export function missingBytesNote(image: ImageSlot): string {
  return `The bytes of this image were not available to embed, so it is uploaded from disk (${flat(image.name)})`;
}

/** A name shown inside a one-line comment: no line breaks. */
export function flat(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

export function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

/** A loop of the script: its opening line, lines that start its body, and its closing line (none in Python). */
export interface Loop {
  open: string;
  first?: readonly string[];
  close?: string;
}

/** `loops` nested, outermost first, around `body`. */
export function nest(w: CodeWriter, loops: readonly Loop[], body: () => void): void {
  const [loop, ...inner] = loops;
  if (!loop) return body();
  w.line(loop.open);
  w.indented(() => {
    for (const line of loop.first ?? []) w.line(line);
    nest(w, inner, body);
  });
  if (loop.close !== undefined) w.line(loop.close);
}

/** How a language writes a repeat run: the count's variable and the loop around each request. */
export interface RepeatStyle {
  /** Line comment marker. */
  comment: string;
  runsVariable(runs: number): string;
  /** Counts `run` from 1 and prints "-- run N --" first. */
  runLoop: Loop;
}

/** The repeat count, declared once before the requests (nothing when there is no repeat). */
export function declareRuns(w: CodeWriter, runs: number, style: RepeatStyle): void {
  if (runs <= 1) return;
  w.line(`${style.comment} How many times each configuration answers`);
  w.line(style.runsVariable(runs));
}

export function runLoops(runs: number, style: RepeatStyle): Loop[] {
  return runs > 1 ? [style.runLoop] : [];
}

export type SweepNames = Record<SweptSetting, { values: string; item: string }>;

/** Python's and bash's lists (arrays) of values and loop variables. */
export const SNAKE_CASE_NAMES: SweepNames = {
  model: { values: 'models', item: 'model' },
  systemInstruction: { values: 'system_instructions', item: 'system_instruction' },
  temperature: { values: 'temperatures', item: 'temperature' },
  thinkingLevel: { values: 'thinking_levels', item: 'thinking_level' },
};

/** The loop variable holding the system instruction variant's name, which the labels print. */
export const SYSTEM_NAME = 'system';

/** How a language writes a sweep; writeSweep puts the parts together the same way for all three. */
export interface SweepStyle extends RepeatStyle {
  names: SweepNames;
  declareAxis(w: CodeWriter, axis: SweepAxis): void;
  axisLoop(axis: SweepAxis): Loop;
  /** A variable's value inside the printed label's template: {x}, ${x}, $x. */
  reference(variable: string): string;
  printLabel(label: string): string;
  /** The request of the current combination, and its answer printed. */
  ask(): void;
}

/** The axes' values, then one loop per axis, nested in the sweep's order, each combination labelled, then its runs. */
export function writeSweep(w: CodeWriter, axes: readonly SweepAxis[], runs: number, style: SweepStyle): void {
  w.line(`${style.comment} Every combination of these values answers the prompt`);
  for (const axis of axes) style.declareAxis(w, axis);
  declareRuns(w, runs, style);
  w.blank();
  const label = sweepLabel(axes, (setting) => style.reference(setting === 'systemInstruction' ? SYSTEM_NAME : style.names[setting].item));
  nest(w, axes.map(style.axisLoop), () => {
    w.line(style.printLabel(label));
    nest(w, runLoops(runs, style), style.ask);
  });
}

/** Labels name the settings in the order the app's pane labels do (pane-label.ts): model, T=…, thinking level, system. */
const LABEL_ORDER: readonly SweptSetting[] = ['model', 'temperature', 'thinkingLevel', 'systemInstruction'];

/**
 * The line printed before a combination's answers, as a template: `hole` gives the language's reference to a
 * setting's current value (for the system instruction, its variant's name). The literal text needs no escaping.
 */
function sweepLabel(axes: readonly SweepAxis[], hole: (setting: SweptSetting) => string): string {
  const swept = LABEL_ORDER.filter((setting) => axes.some((axis) => axis.setting === setting));
  return `== ${swept.map((setting) => (setting === 'temperature' ? 'T=' : '') + hole(setting)).join(' · ')} ==`;
}

/** An axis's values as a literal: a list, or for system instructions a mapping from name to text (`none` for no instruction). */
export function sweepValues(axis: SweepAxis, none: string, style: DictStyle = {}): Node {
  if (axis.setting !== 'systemInstruction') return fromValue(axis.values);
  return dict(
    axis.values.map((variant): Entry => [variant.name, variant.text === undefined ? raw(none) : str(variant.text)]),
    style,
  );
}

/** The loop variables standing in for swept settings in a call. */
export interface SweepVars {
  model?: Node;
  /** The whole system_instruction member: a keyword, or a bare member when a variant sends none. */
  systemInstruction?: Entry;
  temperature?: Node;
  thinkingLevel?: Node;
}

type SystemAxis = Extract<SweepAxis, { setting: 'systemInstruction' }>;

/**
 * The loop variables of `axes` as they go into a call: `value` names a setting's variable; `system` gives the
 * system_instruction member, told whether a variant sends none (then it must leave the member out, not send null).
 */
export function sweepVars(
  axes: readonly SweepAxis[],
  value: (setting: Exclude<SweptSetting, 'systemInstruction'>) => Node,
  system: (sendsNone: boolean) => Entry,
): SweepVars {
  const vars: SweepVars = {};
  for (const axis of axes) {
    if (axis.setting === 'systemInstruction') vars.systemInstruction = system(sendsNone(axis));
    else vars[axis.setting] = value(axis.setting);
  }
  return vars;
}

const sendsNone = (axis: SystemAxis): boolean => axis.values.some((variant) => variant.text === undefined);

/** generation_config as a literal, each swept setting's value replaced by its loop variable. */
export function generationConfigNode(config: GenerationConfig, vars: SweepVars = {}, style: DictStyle = {}): Node {
  const node = fromValue(config, style);
  if (node.kind !== 'dict') return node;
  const swept: Record<string, Node | undefined> = { temperature: vars.temperature, thinking_level: vars.thinkingLevel };
  return { ...node, entries: node.entries.map(([key, value]): Entry => [key, swept[key] ?? value]) };
}
