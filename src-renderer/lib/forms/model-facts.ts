// What the models list says about a model, for the model picker, the thinking level select and max output tokens.
import type { ModelInfo, PaneConfig } from '../../../src-shared/domain';
import { derivePaneLabels } from '../../../src-shared/pane-label';
import { THINKING_LEVELS, type ThinkingLevel } from '../../../src-shared/settings/table';
import { formatCount } from '../format';
import { madeOnce } from '../made-once';

const compact = madeOnce(() => new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }));

/** "1M in · 65.5K out · thinks": the limits the list gives, and whether the model thinks. */
export function modelFacts(model: ModelInfo): string {
  const parts: string[] = [];
  if (model.inputTokenLimit) parts.push(`${compact().format(model.inputTokenLimit)} in`);
  if (model.outputTokenLimit) parts.push(`${compact().format(model.outputTokenLimit)} out`);
  parts.push(model.thinking ? 'thinks' : 'no thinking');
  return parts.join(' · ');
}

export interface ThinkingChoice {
  /** The levels to offer, besides Default. */
  options: readonly ThinkingLevel[];
  /** Why fewer levels are offered than the API lists. */
  note?: string;
}

/**
 * The thinking levels for the model typed in the form. A listed model that does not think is offered none, but a
 * level already set stays shown (and can be taken back to Default) with a note, rather than vanishing from view. A
 * model the list does not name (a custom id) may think: every level is offered.
 */
export function thinkingChoice(models: readonly ModelInfo[], modelId: string, current: string): ThinkingChoice {
  const model = models.find((m) => m.id === modelId.trim());
  if (!model || model.thinking) return { options: THINKING_LEVELS };
  const kept = THINKING_LEVELS.filter((level) => level === current);
  const note = kept.length > 0 ? `${model.id} does not think: the API may refuse this level` : `${model.id} does not think`;
  return { options: kept, note };
}

/**
 * The configs, by index, that set a thinking level on a model the list says does not think: the API may refuse the
 * request, or the level does nothing. As in thinkingChoice, a model the list does not name (a custom id) may think.
 */
export function thinkingLevelMismatches(models: readonly ModelInfo[], configs: readonly PaneConfig[]): number[] {
  const plain = new Set(models.filter((m) => !m.thinking).map((m) => m.id));
  return configs.flatMap((config, i) => (config.thinkingLevel !== undefined && plain.has(config.model.trim()) ? [i] : []));
}

/**
 * A sweep's warning when it gives thinking levels to models that do not think, naming the models and the combinations
 * by the labels their panes will have, so the person can drop them before making panes that answer alike or fail.
 */
export function sweepThinkingNote(models: readonly ModelInfo[], configs: readonly PaneConfig[]): string | undefined {
  const found = thinkingLevelMismatches(models, configs);
  if (found.length === 0) return undefined;
  const names = [...new Set(found.map((i) => configs[i]!.model.trim()))];
  const labels = derivePaneLabels(configs);
  const combinations = found.length === 1 ? 'this combination' : `these ${found.length} combinations`;
  return `${names.join(', ')} ${names.length === 1 ? 'does' : 'do'} not think: the API may refuse the thinking level of ${combinations}, or ignore it: ${found.map((i) => labels[i]).join('; ')}.`;
}

/**
 * A note when max output tokens asks more than the listed model writes. Only a note, as for thinking: the list may be
 * older than the model, and a model it does not name (a custom id) has no known limit.
 */
export function outputLimitNote(models: readonly ModelInfo[], modelId: string, maxOutputTokens: number | undefined): string | undefined {
  const limit = models.find((m) => m.id === modelId.trim())?.outputTokenLimit;
  if (!limit || maxOutputTokens === undefined || maxOutputTokens <= limit) return undefined;
  return `${modelId.trim()} writes at most ${formatCount(limit)} output tokens: the API may refuse more`;
}
