// The image output control's value: the form's JSON text ⇄ { aspectRatio, imageSize, mimeType, delivery }.
import type { ImageOutput } from '../../../src-shared/image-output';
import { STRUCTURED } from '../../../src-shared/settings/structured';

/** What the text says, as far as it can be read (the setting's parse reports the rest); undefined is off. */
export function readImageOutput(text: string): ImageOutput | undefined {
  if (text.trim() === '') return undefined;
  return STRUCTURED.imageOutput.parse(text).value ?? {};
}

/** The text for a choice: a field set to '' goes back to the API's default; off is ''. */
export function writeImageOutput(value: ImageOutput | undefined, field?: keyof ImageOutput, choice?: string): string {
  if (!value) return '';
  const next: Record<string, string | undefined> = { ...value };
  if (field) next[field] = choice === '' ? undefined : choice;
  return STRUCTURED.imageOutput.format(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as ImageOutput);
}
