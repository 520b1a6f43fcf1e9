// The model catalog (§8): GET models with pageSize/pageToken, GET models/{model}, and which names create accepts.
import type { WireModel } from '../../src-shared/interactions';
import { type ApiError, google } from './errors';
import { sendJson } from './http';
import type { Exchange } from './types';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const GENERATE = ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'];

type CatalogModel = WireModel & Record<string, unknown>;

function gemini(id: string, displayName: string, version: string, thinking: boolean, outputTokenLimit = 65_536): CatalogModel {
  return {
    name: `models/${id}`,
    version,
    displayName,
    description: `${displayName} (served by the fake Interactions API).`,
    inputTokenLimit: 1_048_576,
    outputTokenLimit,
    supportedGenerationMethods: GENERATE,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    ...(thinking ? { thinking: true } : {}),
  };
}

/** Includes models without generateContent so clients can test their filter. */
export const CATALOG: readonly CatalogModel[] = [
  gemini('gemini-3-flash-preview', 'Gemini 3 Flash Preview', '3.0', true),
  gemini('gemini-3.1-pro-preview', 'Gemini 3.1 Pro Preview', '3.1', true),
  gemini('gemini-3.1-flash-lite', 'Gemini 3.1 Flash-Lite', '3.1', true),
  gemini('gemini-2.5-pro', 'Gemini 2.5 Pro', '2.5', true),
  gemini('gemini-2.5-flash', 'Gemini 2.5 Flash', '001', true),
  gemini('gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', '001', true),
  gemini('gemini-2.0-flash', 'Gemini 2.0 Flash', '2.0', false, 8192),
  // Image models (response_format `image`), named as Google names them.
  gemini('gemini-3-pro-image-preview', 'Nano Banana Pro', '3.0', true, 32_768),
  gemini('gemini-2.5-flash-image', 'Nano Banana', '2.0', false, 32_768),
  {
    name: 'models/gemini-embedding-001',
    version: '001',
    displayName: 'Gemini Embedding 001',
    description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens', 'asyncBatchEmbedContent'],
  },
  {
    name: 'models/text-embedding-004',
    version: '004',
    displayName: 'Text Embedding 004',
    description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent'],
  },
  {
    name: 'models/imagen-4.0-generate-001',
    version: '001',
    displayName: 'Imagen 4',
    description: 'Vertex served Imagen 4.0 model',
    inputTokenLimit: 480,
    outputTokenLimit: 8192,
    supportedGenerationMethods: ['predict'],
  },
];

function find(model: string): CatalogModel | undefined {
  const name = `models/${model.replace(/^models\//, '')}`;
  return CATALOG.find((m) => m.name === name);
}

/** Known = a catalog model that generates content, or any `gemini-…` name; returns the 404 otherwise. */
export function checkModelForCreate(model: string, version: string): ApiError | undefined {
  const id = model.replace(/^models\//, '');
  const entry = find(id);
  const generates = entry ? (entry.supportedGenerationMethods ?? []).includes('generateContent') : id.startsWith('gemini-');
  if (generates) return undefined;
  // The Interactions service gives an unknown model its own code, beside not_found (ai.google.dev/gemini-api/docs/api-errors).
  return {
    status: 404,
    dialect: 'interactions',
    code: 'model_not_found',
    message: `models/${id} is not found for API version ${version}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  };
}

function pageToken(offset: number): string {
  return Buffer.from(`models-offset:${offset}`).toString('base64url');
}

function offsetOf(token: string): number | undefined {
  const match = /^models-offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

export function listModels(ex: Exchange): ApiError | undefined {
  const size = Number(ex.url.searchParams.get('pageSize') ?? DEFAULT_PAGE_SIZE);
  const pageSize = Number.isInteger(size) && size > 0 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const token = ex.url.searchParams.get('pageToken');
  const offset = token ? offsetOf(token) : 0;
  if (offset === undefined) return google(400, 'Invalid page token.');
  const models = CATALOG.slice(offset, offset + pageSize);
  const next = offset + pageSize < CATALOG.length ? { nextPageToken: pageToken(offset + pageSize) } : {};
  sendJson(ex.res, 200, { models, ...next });
  return undefined;
}

export function getModel(ex: Exchange, model: string): ApiError | undefined {
  const entry = find(decodeURIComponent(model));
  if (!entry) return google(404, `Model is not found: models/${model} for api version ${ex.version}`);
  sendJson(ex.res, 200, entry);
  return undefined;
}
