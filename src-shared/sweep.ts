// Parameter sweeps: the cross product of chosen values, each one a pane's config, built on a base pane.
import { THINKING_LEVELS, type PaneConfig, type ThinkingLevel } from './domain';
import type { Usage } from './interactions';
import { MAX_PANES } from './limits';
import { SETTING } from './settings/table';

/** Values to try for each setting. An absent or empty axis leaves that setting as the base has it. */
export interface SweepAxes {
  models?: readonly string[];
  /** '' (or only spaces) stands for "no system instruction". */
  systemInstructions?: readonly string[];
  temperatures?: readonly number[];
  thinkingLevels?: readonly ThinkingLevel[];
}

export const MAX_SYSTEM_VARIANTS = 3;
const { min: TEMPERATURE_MIN, max: TEMPERATURE_MAX } = SETTING.temperature.kind;

export class SweepError extends Error {
  override name = 'SweepError';
}

/** How many configs the axes make (1 when no axis is set: the base itself). */
export function sweepSize(axes: SweepAxes): number {
  const lengths = [axes.models, axes.systemInstructions, axes.temperatures, axes.thinkingLevels].map((a) => a?.length ?? 0);
  return lengths.reduce((product, n) => product * Math.max(n, 1), 1);
}

/** Why these axes cannot make `limit` panes or fewer, or undefined when they can. */
export function sweepProblem(axes: SweepAxes, limit = MAX_PANES): string | undefined {
  if ((axes.systemInstructions?.length ?? 0) > MAX_SYSTEM_VARIANTS) {
    const none = axes.systemInstructions?.some((s) => s.trim() === '') ? ', “no system instruction” included' : '';
    return `At most ${MAX_SYSTEM_VARIANTS} system instructions${none}`;
  }
  for (const [name, values] of [
    ['model', axes.models],
    ['system instruction', axes.systemInstructions?.map((s) => s.trim())],
    ['temperature', axes.temperatures],
    ['thinking level', axes.thinkingLevels],
  ] as const) {
    if (values && new Set<unknown>(values).size !== values.length) return `A ${name} is listed twice`;
  }
  for (const t of axes.temperatures ?? []) {
    if (!(t >= TEMPERATURE_MIN && t <= TEMPERATURE_MAX)) return `Temperature ${t} is not between ${TEMPERATURE_MIN} and ${TEMPERATURE_MAX}`;
  }
  for (const level of axes.thinkingLevels ?? []) if (!THINKING_LEVELS.includes(level)) return `Unknown thinking level ${level}`;
  for (const model of axes.models ?? []) if (model.trim() === '') return 'A model name is empty';
  const size = sweepSize(axes);
  if (size > limit) {
    return limit <= 0
      ? `No room for more panes: at most ${MAX_PANES}`
      : `${size} combinations make ${size} panes, but only ${limit} fit (at most ${MAX_PANES} panes). Remove some values.`;
  }
  return undefined;
}

/**
 * One config per combination of the axes' values, built on `base`, in nested order: model (outermost),
 * then system instruction, temperature, and thinking level (fastest). Settings with no axis are the
 * base's, untouched. Throws a SweepError when the combinations exceed `limit` panes or a value is invalid.
 */
export function expandSweep(base: PaneConfig, axes: SweepAxes, limit = MAX_PANES): PaneConfig[] {
  const problem = sweepProblem(axes, limit);
  if (problem) throw new SweepError(problem);
  type Step = (config: PaneConfig) => PaneConfig[];
  const axis =
    <T>(values: readonly T[] | undefined, apply: (config: PaneConfig, value: T) => PaneConfig): Step =>
    (config) =>
      values && values.length > 0 ? values.map((v) => apply(config, v)) : [config];
  const steps: Step[] = [
    axis(axes.models, (c, model) => ({ ...c, model })),
    axis(axes.systemInstructions, (c, system) => {
      const { systemInstruction: _, ...rest } = c;
      return system.trim() === '' ? rest : { ...rest, systemInstruction: system };
    }),
    axis(axes.temperatures, (c, temperature) => ({ ...c, temperature })),
    axis(axes.thinkingLevels, (c, thinkingLevel) => ({ ...c, thinkingLevel })),
  ];
  let configs: PaneConfig[] = [{ ...base, ...(base.stopSequences ? { stopSequences: [...base.stopSequences] } : {}) }];
  for (const step of steps) configs = configs.flatMap(step);
  return configs;
}

/**
 * A typed list of temperatures: "0, 0.5, 1" or "0 0.5 1" (commas, semicolons or spaces between
 * values). Empty text is no axis. Each value is a number between 0 and 2, listed once.
 */
export function parseTemperatureList(text: string): { values: number[]; error?: undefined } | { values?: undefined; error: string } {
  const items = text.split(/[\s,;]+/).filter((s) => s !== '');
  const values: number[] = [];
  for (const item of items) {
    if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(item)) return { error: `“${item}” is not a number: list temperatures like 0, 0.5, 1` };
    const value = Number(item);
    if (value < TEMPERATURE_MIN || value > TEMPERATURE_MAX) {
      return { error: `Temperature ${item} is out of range: each must be between ${TEMPERATURE_MIN} and ${TEMPERATURE_MAX}` };
    }
    if (values.includes(value)) return { error: `Temperature ${item} is listed twice` };
    values.push(value);
  }
  return { values };
}

export interface SweepCost {
  requests: number;
  /** Expected tokens per request, and where the answer's share of it comes from. */
  tokensPerRequest: number;
  basis: 'last-answer' | 'input-size';
  totalTokens: number;
}

/**
 * Tokens a sweep would spend on one send. Its panes start with no conversation, so each request carries the prompt and
 * its system instruction and nothing before them (no previous_interaction_id, no earlier steps: request.ts): their
 * size in characters / 4, and the tokens of the files attached for every pane (`fileTokens`, media-tokens.ts), plus,
 * once the base pane has answered, its last answer's output and thinking tokens as the guess for each new answer.
 * That turn's input tokens are no guide: they count the base pane's whole conversation.
 */
export function estimateSweepCost(requests: number, inputChars: number, lastUsage?: Usage, fileTokens = 0): SweepCost {
  const answer = (lastUsage?.total_output_tokens ?? 0) + (lastUsage?.total_thought_tokens ?? 0);
  const perRequest = Math.max(1, Math.ceil(inputChars / 4) + fileTokens) + answer;
  return { requests, tokensPerRequest: perRequest, basis: answer > 0 ? 'last-answer' : 'input-size', totalTokens: requests * perRequest };
}
