// Validates `response_format` and `safety_settings` against the enums of the typings, naming the bad field's path.
import type { ApiError } from './errors';
import { fail, firstError, oneOf, onlyFields } from './field-checks';
import { type JsonSchema, isObject } from './tool-types';

const FORMAT_TYPES = ['text', 'image', 'audio', 'video'];
const TEXT_MIME_TYPES = ['application/json', 'text/plain'];
const HARM_CATEGORIES = [
  'hate_speech',
  'dangerous_content',
  'harassment',
  'sexually_explicit',
  'civic_integrity',
  'image_hate',
  'image_dangerous_content',
  'image_harassment',
  'image_sexually_explicit',
  'jailbreak',
];
const THRESHOLDS = ['block_low_and_above', 'block_medium_and_above', 'block_only_high', 'block_none', 'off'];
const METHODS = ['severity', 'probability'];
const IMAGE_ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', '1:8', '8:1', '1:4', '4:1'];

function checkFormat(format: unknown, at: string): void {
  if (!isObject(format)) fail(`${at} must be an object.`);
  oneOf(format.type, FORMAT_TYPES, `${at}.type`);
  if (format.type === 'image') return checkImageFormat(format, at);
  if (format.type !== 'text') return;
  onlyFields(format, ['type', 'mime_type', 'schema'], at);
  if (format.mime_type !== undefined) oneOf(format.mime_type, TEXT_MIME_TYPES, `${at}.mime_type`);
  if (format.schema === undefined) return;
  if (!isObject(format.schema)) fail(`${at}.schema must be a JSON Schema object.`);
  if (format.mime_type !== 'application/json') fail(`${at}.schema needs ${at}.mime_type "application/json".`);
}

/** ImageResponseFormat's enums in genai.d.ts; the typings take only image/jpeg as mime_type, the models PNG too. */
function checkImageFormat(format: Record<string, unknown>, at: string): void {
  onlyFields(format, ['type', 'aspect_ratio', 'image_size', 'mime_type', 'delivery'], at);
  if (format.aspect_ratio !== undefined) oneOf(format.aspect_ratio, IMAGE_ASPECT_RATIOS, `${at}.aspect_ratio`);
  if (format.image_size !== undefined) oneOf(format.image_size, ['512', '1K', '2K', '4K'], `${at}.image_size`);
  if (format.mime_type !== undefined) oneOf(format.mime_type, ['image/jpeg', 'image/png'], `${at}.mime_type`);
  if (format.delivery !== undefined) oneOf(format.delivery, ['inline', 'uri'], `${at}.delivery`);
}

function checkSafetySetting(setting: unknown, at: string): void {
  if (!isObject(setting)) fail(`${at} must be an object.`);
  onlyFields(setting, ['type', 'threshold', 'method'], at);
  oneOf(setting.type, HARM_CATEGORIES, `${at}.type`);
  oneOf(setting.threshold, THRESHOLDS, `${at}.threshold`);
  if (setting.method !== undefined) oneOf(setting.method, METHODS, `${at}.method`);
}

export function checkFormats(responseFormat: unknown, safetySettings: unknown): ApiError | undefined {
  return firstError(() => {
    if (Array.isArray(responseFormat)) responseFormat.forEach((format, i) => checkFormat(format, `response_format[${i}]`));
    else if (responseFormat !== undefined) checkFormat(responseFormat, 'response_format');
    if (safetySettings !== undefined) {
      if (!Array.isArray(safetySettings)) fail('safety_settings must be an array.');
      safetySettings.forEach((setting, i) => checkSafetySetting(setting, `safety_settings[${i}]`));
    }
  });
}

/** The text format a (validated) request asks for: JSON with or without a schema, or nothing special. */
export interface TextFormat {
  json: boolean;
  schema?: JsonSchema;
}

export function textFormat(responseFormat: unknown): TextFormat {
  const formats: unknown[] = Array.isArray(responseFormat) ? responseFormat : [responseFormat];
  const text = formats.find((f): f is Record<string, unknown> => isObject(f) && f.type === 'text');
  if (!text || text.mime_type !== 'application/json') return { json: false };
  return isObject(text.schema) ? { json: true, schema: text.schema } : { json: true };
}
