// A recorded sweep written as a loop: the axes it varies and the one call the loop starts from, when the
// comparison's panes are still the ones the sweep made.
import type { PaneConfig, ThinkingLevel } from '../domain';
import type { Session, SweepRecord } from '../session';
import { expandSweep } from '../sweep';
import { type Call, type CallOptions, sends, toCall } from './call';

export interface SystemVariant {
  /** What the printed labels call it: "system 1", "system 2", … or "no system". */
  name: string;
  /** Absent: this variant sends no system_instruction. */
  text?: string;
}

/** A setting the sweep varies, with its values in the sweep's order; only settings with two values or more. */
export type SweepAxis =
  | { setting: 'model'; values: string[] }
  | { setting: 'systemInstruction'; values: SystemVariant[] }
  | { setting: 'temperature'; values: number[] }
  | { setting: 'thinkingLevel'; values: ThinkingLevel[] };

export type SweptSetting = SweepAxis['setting'];

export interface SweepLoop {
  /** The first combination's call: the settings not swept are every combination's; the loop variables replace the swept ones. */
  call: Call;
  /** Nested in this order, as expandSweep made the panes: model outermost, then system instruction, temperature, thinking level. */
  axes: SweepAxis[];
}

/**
 * The recorded sweep as a loop, when the panes are still the ones it made: the same ids in the same order,
 * each sending what expandSweep's config at its place sends. Compared by what is sent, so a setting saved
 * as '' rather than absent does not break the match; any real edit, added, removed or moved pane does.
 */
export function sweepLoop(session: Session, configs: readonly PaneConfig[], options: CallOptions): SweepLoop | undefined {
  const record = session.experiments?.sweep;
  if (!record || !sameList(record.paneIds, session.panes.map((pane) => pane.id))) return undefined;
  const expanded = replay(record);
  if (!expanded || expanded.length !== configs.length || expanded.some((config, i) => sends(config, options) !== sends(configs[i]!, options))) return undefined;
  const axes = loopAxes(record.axes);
  // Every axis with one value is part of the base: nothing left to loop over.
  if (axes.length === 0) return undefined;
  return { call: toCall(expanded[0]!, options), axes };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** A record that no longer expands (hand-edited, or limits changed since) is simply not a loop. */
function replay(record: SweepRecord): PaneConfig[] | undefined {
  try {
    return expandSweep(record.base, record.axes);
  } catch {
    return undefined;
  }
}

function loopAxes(axes: SweepRecord['axes']): SweepAxis[] {
  const many = <T>(values: readonly T[] | undefined): values is readonly T[] => (values?.length ?? 0) > 1;
  const out: SweepAxis[] = [];
  if (many(axes.models)) out.push({ setting: 'model', values: [...axes.models] });
  if (many(axes.systemInstructions)) out.push({ setting: 'systemInstruction', values: systemVariants(axes.systemInstructions) });
  if (many(axes.temperatures)) out.push({ setting: 'temperature', values: [...axes.temperatures] });
  if (many(axes.thinkingLevels)) out.push({ setting: 'thinkingLevel', values: [...axes.thinkingLevels] });
  return out;
}

/** As expandSweep reads them: a blank instruction is none; the others are numbered in order. */
function systemVariants(texts: readonly string[]): SystemVariant[] {
  let n = 0;
  return texts.map((text) => (text.trim() === '' ? { name: 'no system' } : { name: `system ${++n}`, text }));
}
