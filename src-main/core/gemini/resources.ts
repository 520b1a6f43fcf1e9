// Files and models resources of the REST API (camelCase, §7.1 and §8) → the app's own shapes.
import type { ModelInfo } from '../../../src-shared/domain';
import type { WireModel } from '../../../src-shared/interactions';
import { protocolFailure } from './errors';

export interface UploadedFile {
  name: string;
  uri: string;
  mimeType: string;
  expirationTime?: string;
  sizeBytes?: number;
  /** PROCESSING until the service can use it (large and video files), then ACTIVE, or FAILED. */
  state?: string;
  /** Why processing failed, when `state` is FAILED. */
  error?: string;
}

/** Chunks that do not finalize must be whole multiples of the granularity the start answer announces. */
export function chunkSize(wanted: number, granularity: number): number {
  const size = Math.max(1, Math.floor(wanted));
  if (!Number.isInteger(granularity) || granularity <= 0) return size;
  return Math.max(granularity, size - (size % granularity));
}

export function toModelInfo(model: WireModel): ModelInfo {
  const id = model.name.replace(/^models\//, '');
  const info: ModelInfo = { id, displayName: model.displayName || id };
  if (model.description !== undefined) info.description = model.description;
  if (model.inputTokenLimit !== undefined) info.inputTokenLimit = model.inputTokenLimit;
  if (model.outputTokenLimit !== undefined) info.outputTokenLimit = model.outputTokenLimit;
  if (model.thinking !== undefined) info.thinking = model.thinking;
  return info;
}

/** Files API resources are camelCase with sizeBytes as a string (§7.1). */
export function toUploadedFile(file: Record<string, unknown> | undefined, fallbackMime: string): UploadedFile {
  if (!file || typeof file.name !== 'string' || typeof file.uri !== 'string') {
    throw protocolFailure('The upload finished but the server did not describe the file (name and uri).');
  }
  const out: UploadedFile = { name: file.name, uri: file.uri, mimeType: typeof file.mimeType === 'string' ? file.mimeType : fallbackMime };
  if (typeof file.expirationTime === 'string') out.expirationTime = file.expirationTime;
  const size = Number(file.sizeBytes);
  if (file.sizeBytes !== undefined && Number.isFinite(size)) out.sizeBytes = size;
  if (typeof file.state === 'string') out.state = file.state;
  const error = file.error as { message?: unknown } | undefined;
  if (typeof error?.message === 'string') out.error = error.message;
  return out;
}
