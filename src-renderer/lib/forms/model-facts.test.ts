import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../src-shared/domain';
import { THINKING_LEVELS } from '../../../src-shared/settings/table';
import { expandSweep } from '../../../src-shared/sweep';
import { modelFacts, outputLimitNote, sweepThinkingNote, thinkingChoice, thinkingLevelMismatches } from './model-facts';

const MODELS: ModelInfo[] = [
  { id: 'thinker', displayName: 'Thinker', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, thinking: true },
  { id: 'plain', displayName: 'Plain', inputTokenLimit: 1_048_576, outputTokenLimit: 8_192 },
];

describe('model facts', () => {
  it('gives the limits the list has and whether the model thinks', () => {
    expect(modelFacts(MODELS[0]!)).toBe('1M in · 65.5K out · thinks');
    expect(modelFacts(MODELS[1]!)).toBe('1M in · 8.2K out · no thinking');
    expect(modelFacts({ id: 'x', displayName: 'X' })).toBe('no thinking');
  });
});

describe('thinking levels for a model', () => {
  it('offers every level the typings list, xhigh too, for a thinking model and for an unlisted id', () => {
    expect(thinkingChoice(MODELS, 'thinker', '')).toEqual({ options: THINKING_LEVELS });
    expect(THINKING_LEVELS).toContain('xhigh');
    expect(thinkingChoice(MODELS, 'my-tuned-model', 'low')).toEqual({ options: THINKING_LEVELS });
  });

  it('offers none for a model that does not think, and says so', () => {
    expect(thinkingChoice(MODELS, ' plain ', '')).toEqual({ options: [], note: 'plain does not think' });
  });

  it('keeps a level already set in view, with a note, rather than hiding it', () => {
    expect(thinkingChoice(MODELS, 'plain', 'high')).toEqual({ options: ['high'], note: 'plain does not think: the API may refuse this level' });
  });
});

describe('max output tokens for a model', () => {
  it('notes a value over what the listed model writes, and nothing at or under it, unset, or for an unlisted id', () => {
    expect(outputLimitNote(MODELS, ' plain ', 8_193)).toBe('plain writes at most 8,192 output tokens: the API may refuse more');
    expect(outputLimitNote(MODELS, 'plain', 8_192)).toBeUndefined();
    expect(outputLimitNote(MODELS, 'plain', undefined)).toBeUndefined();
    expect(outputLimitNote(MODELS, 'thinker', 65_537)).toBe('thinker writes at most 65,536 output tokens: the API may refuse more');
    expect(outputLimitNote(MODELS, 'my-tuned-model', 10_000_000)).toBeUndefined();
  });
});

describe('a sweep’s thinking levels on models that do not think', () => {
  it('finds the combinations that give a listed non-thinking model a level; a custom id may think', () => {
    const configs = expandSweep({ model: 'thinker' }, { models: ['thinker', 'plain', 'my-tuned-model'], thinkingLevels: ['low', 'high'] });
    expect(thinkingLevelMismatches(MODELS, configs)).toEqual([2, 3]);
    expect(sweepThinkingNote(MODELS, configs)).toBe(
      'plain does not think: the API may refuse the thinking level of these 2 combinations, or ignore it: plain · thinking=low; plain · thinking=high.',
    );
  });

  it('a level from the base pane counts too; no level, or only thinking models, gives no warning', () => {
    const fromBase = expandSweep({ model: 'thinker', thinkingLevel: 'low' }, { models: ['thinker', 'plain'] });
    expect(thinkingLevelMismatches(MODELS, fromBase)).toEqual([1]);
    expect(sweepThinkingNote(MODELS, fromBase)).toBe('plain does not think: the API may refuse the thinking level of this combination, or ignore it: plain.');
    expect(sweepThinkingNote(MODELS, expandSweep({ model: 'thinker' }, { models: ['thinker', 'plain'], temperatures: [0, 1] }))).toBeUndefined();
    expect(sweepThinkingNote(MODELS, expandSweep({ model: 'thinker' }, { thinkingLevels: ['low', 'high'] }))).toBeUndefined();
  });
});
