import { describe, expect, it } from 'vitest';
import { STRUCTURED } from '../../../src-shared/settings/structured';
import { categoryLabel, readSafety, thresholdLabel, withThreshold } from './safety-form';

describe('the safety settings control', () => {
  it('sets and clears one category at a time, in the typings’ order', () => {
    let text = withThreshold({}, 'jailbreak', 'off');
    text = withThreshold(readSafety(text), 'harassment', 'block_only_high');
    expect(text).toBe('{"harassment":"block_only_high","jailbreak":"off"}');
    expect(STRUCTURED.safetySettings.parse(text).value).toEqual({ harassment: 'block_only_high', jailbreak: 'off' });
    text = withThreshold(readSafety(text), 'harassment', '');
    text = withThreshold(readSafety(text), 'jailbreak', '');
    expect(text).toBe('');
  });

  it('reads only known categories and thresholds', () => {
    expect(readSafety('{"hate_speech": "block_none", "nope": "off", "jailbreak": "maybe"}')).toEqual({ hate_speech: 'block_none' });
    expect(readSafety('[')).toEqual({});
  });

  it('names categories and thresholds for people', () => {
    expect(categoryLabel('hate_speech')).toBe('Hate speech');
    expect(categoryLabel('image_sexually_explicit')).toBe('Image: sexually explicit');
    expect(thresholdLabel('block_medium_and_above')).toBe('Block medium and above');
  });
});
