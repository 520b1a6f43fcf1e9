// The safety settings control's value: the form's JSON text ⇄ one threshold per harm category.
import { HARM_CATEGORIES, STRUCTURED, THRESHOLDS, type HarmCategory, type SafetySettings, type Threshold } from '../../../src-shared/settings/structured';

export { HARM_CATEGORIES, THRESHOLDS, type HarmCategory, type Threshold };

export function readSafety(text: string): SafetySettings {
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: SafetySettings = {};
  for (const category of HARM_CATEGORIES) {
    const threshold = (raw as Record<string, unknown>)[category];
    if ((THRESHOLDS as readonly unknown[]).includes(threshold)) out[category] = threshold as Threshold;
  }
  return out;
}

/** The settings with one category changed; '' is the API's default for it. */
export function withThreshold(settings: SafetySettings, category: HarmCategory, threshold: Threshold | ''): string {
  const next: SafetySettings = { ...settings };
  if (threshold === '') delete next[category];
  else next[category] = threshold;
  // In the typings' order, so the text does not depend on the order they were picked in.
  const ordered = Object.fromEntries(HARM_CATEGORIES.filter((c) => next[c]).map((c) => [c, next[c]])) as SafetySettings;
  return STRUCTURED.safetySettings.format(ordered);
}

/** "hate_speech" → "Hate speech", "image_hate" → "Image: hate". */
export function categoryLabel(category: HarmCategory): string {
  const image = category.startsWith('image_');
  const words = (image ? category.slice('image_'.length) : category).replace(/_/g, ' ');
  return image ? `Image: ${words}` : words.charAt(0).toUpperCase() + words.slice(1);
}

/** "block_medium_and_above" → "Block medium and above". */
export function thresholdLabel(threshold: Threshold): string {
  const words = threshold.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
