// Sweeps and repeats as loops, written once over a ScriptDialect: the values, the nested loops, the labels, the runs.
import type { Block, CodeWriter } from './code-writer';
import type { ScriptDialect, Template } from './dialect';
import type { SweepAxis, SweptSetting } from './sweep-plan';
import type { SweepVars } from './request-literal';
import { SETTING } from '../settings/table';
import { shown } from '../settings/values';
import { type DictStyle, type Entry, type Node, NULL, dict, fromValue, str } from './syntax';

/** Each setting's list of values and its loop variable, in snake_case (ScriptDialect.identifier spells them). */
export const AXIS_NAMES: Record<SweptSetting, { values: string; item: string }> = {
  model: { values: 'models', item: 'model' },
  systemInstruction: { values: 'system_instructions', item: 'system_instruction' },
  temperature: { values: 'temperatures', item: 'temperature' },
  thinkingLevel: { values: 'thinking_levels', item: 'thinking_level' },
};

/** The loop variable holding the system instruction variant's name, which the labels print. */
export const SYSTEM_NAME = 'system';

/** The repeat count, declared once before the requests (nothing when there is no repeat); `turns`: how many prompts each configuration is sent. */
export function declareRuns(w: CodeWriter, runs: number, d: ScriptDialect, turns = 1): void {
  if (runs <= 1) return;
  w.line(d.comment(turns > 1 ? 'How many times each configuration answers the last prompt' : 'How many times each configuration answers'));
  const { prefix, suffix } = d.declaration('runs');
  w.line(`${prefix}${runs}${suffix}`);
}

/**
 * The repeat count panes written out one after another share, declared once before them; undefined when the app
 * repeated them differently (some not at all), and each pane declares its own.
 */
export function repeatedAlike(panes: readonly { runs: number }[]): number | undefined {
  const runs = panes[0]?.runs ?? 1;
  return panes.every((pane) => pane.runs === runs) ? runs : undefined;
}

/** The loop around each request of a repeat run: it counts `run` from 1 and prints "-- run N --" first. */
export function runLoops(runs: number, d: ScriptDialect): Block[] {
  if (runs <= 1) return [];
  const loop = d.countTo('run', 'runs');
  return [{ ...loop, first: [d.printTemplate(['-- run ', { code: 'run' }, ' --'])] }];
}

/** What a sweep's languages do differently from each other beyond their loops: how they hold the values, and the request. */
export interface SweepSteps {
  declareAxis(axis: SweepAxis): void;
  /** The requests of the current combination (its last one inside `runLoops`), and the answers printed. */
  ask(): void;
}

/** The axes' values, then one loop per axis, nested in the sweep's order, each combination labelled, then its requests. */
export function writeSweep(w: CodeWriter, axes: readonly SweepAxis[], runs: number, turns: number, d: ScriptDialect, steps: SweepSteps): void {
  w.line(d.comment(`Every combination of these values answers the ${turns > 1 ? 'prompts' : 'prompt'}`));
  for (const axis of axes) steps.declareAxis(axis);
  declareRuns(w, runs, d, turns);
  w.blank();
  const label = sweepLabel(axes, (setting) => (setting === 'systemInstruction' ? SYSTEM_NAME : d.identifier(AXIS_NAMES[setting].item)));
  w.nest(
    axes.map((axis) => axisLoop(axis, d)),
    () => {
      w.line(d.printTemplate(label));
      steps.ask();
    },
  );
}

function axisLoop(axis: SweepAxis, d: ScriptDialect): Block {
  const values = d.identifier(AXIS_NAMES[axis.setting].values);
  const item = d.identifier(AXIS_NAMES[axis.setting].item);
  return axis.setting === 'systemInstruction' ? d.forEachEntry(SYSTEM_NAME, item, values) : d.forEach(item, values);
}

/** Labels name the settings in the order the app's pane labels do (pane-label.ts): model, T=…, thinking level, system. */
const LABEL_ORDER: readonly SweptSetting[] = ['model', 'temperature', 'thinkingLevel', 'systemInstruction'];

/** What the app's pane label puts before a swept value ("T=", "thinking="; nothing for the model or a system variant's name). */
function labelPrefix(setting: SweptSetting): string {
  return setting === 'systemInstruction' ? '' : shown(SETTING[setting]).pane.split('{}')[0]!;
}

/** The line printed before a combination's answers: `variable` names the loop variable showing a setting's value. */
function sweepLabel(axes: readonly SweepAxis[], variable: (setting: SweptSetting) => string): Template {
  const swept = LABEL_ORDER.filter((setting) => axes.some((axis) => axis.setting === setting));
  const template: (string | { code: string })[] = ['== '];
  swept.forEach((setting, i) => {
    template.push(`${i > 0 ? ' · ' : ''}${labelPrefix(setting)}`, { code: variable(setting) });
  });
  template.push(' ==');
  return template;
}

/** An axis's values as a literal: a list, or for system instructions a mapping from name to text (null for no instruction). */
export function sweepValues(axis: SweepAxis, style: DictStyle = {}): Node {
  if (axis.setting !== 'systemInstruction') return fromValue(axis.values);
  return dict(
    axis.values.map((variant): Entry => [variant.name, variant.text === undefined ? NULL : str(variant.text)]),
    style,
  );
}

type SystemAxis = Extract<SweepAxis, { setting: 'systemInstruction' }>;

/**
 * The loop variables of `axes` as they go into a request: `value` names a setting's variable; `system` gives the
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
