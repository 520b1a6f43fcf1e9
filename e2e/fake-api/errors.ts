// The two HTTP error dialects of docs/interactions-api.md §9.1 and the canned errors the fake answers with.
import type { ServerResponse } from 'node:http';
import { sendJson } from './http';

/** `google`: `{error:{code:<int>,message,status,details?}}`; `interactions`: `{error:{message,code:<string>}}`. */
export type Dialect = 'google' | 'interactions';

export interface ApiError {
  status: number;
  message: string;
  dialect: Dialect;
  details?: unknown[];
  headers?: Record<string, string>;
  /** the Interactions dialect's string code when it is not the status's usual one (`model_not_found`). */
  code?: string;
}

const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const INTERACTIONS_CODE: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'conflict',
  429: 'resource_exhausted',
  500: 'internal',
  503: 'unavailable',
  504: 'gateway_timeout',
};

export const MESSAGES = {
  missingKey:
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  invalidKey: 'API key not valid. Please pass a valid API key.',
  badRequest: 'Request contains an invalid argument.',
  forbidden: 'The caller does not have permission',
  notFound: 'Requested entity was not found.',
  quota:
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  internal: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  overloaded: 'The model is overloaded. Please try again later.',
  methodNotFound: 'Method not found.',
} as const;

export function rpcStatus(status: number): string {
  return RPC_STATUS[status] ?? 'UNKNOWN';
}

export function errorBody(error: ApiError): unknown {
  if (error.dialect === 'interactions') {
    return { error: { message: error.message, code: error.code ?? INTERACTIONS_CODE[error.status] ?? 'unknown' } };
  }
  const body: Record<string, unknown> = { code: error.status, message: error.message, status: rpcStatus(error.status) };
  if (error.details && error.details.length > 0) body.details = error.details;
  return { error: body };
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, errorBody(error), error.headers ?? {});
}

export function google(status: number, message: string, details?: unknown[]): ApiError {
  return details ? { status, message, dialect: 'google', details } : { status, message, dialect: 'google' };
}

/** Errors produced by the Interactions service itself (string code, no status). */
export function invalidRequest(message: string): ApiError {
  return { status: 400, message, dialect: 'interactions' };
}

/** Proto-JSON decoding rejects unknown names before the service sees the request. */
export function unknownName(name: string, at?: string): ApiError {
  const where = at ? ` at '${at}'` : '';
  return google(400, `Invalid JSON payload received. Unknown name "${name}"${where}: Cannot find field.`, [
    {
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: at ? `${at}.${name}` : name, description: `Invalid JSON payload received. Unknown name "${name}"${where}: Cannot find field.` }],
    },
  ]);
}

export function missingKey(): ApiError {
  return google(403, MESSAGES.missingKey);
}

export function invalidKey(): ApiError {
  return google(400, MESSAGES.invalidKey, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: MESSAGES.invalidKey },
  ]);
}

export function routeNotFound(): ApiError {
  return google(404, MESSAGES.methodNotFound);
}

/** The 429 body of §9.1: QuotaFailure, Help and RetryInfo details plus a Retry-After header. */
export function quotaExceeded(model: string, retryAfterSeconds: number, dialect: Dialect): ApiError {
  const headers = { 'retry-after': String(retryAfterSeconds) };
  if (dialect === 'interactions') return { status: 429, message: MESSAGES.quota, dialect, headers };
  return {
    status: 429,
    message: MESSAGES.quota,
    dialect,
    headers,
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
            quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
            quotaDimensions: { location: 'global', model },
            quotaValue: '10',
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` },
    ],
  };
}

export const SERVICE_UNAVAILABLE_HTML =
  '<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n<title>Error 503 (Service Unavailable)!!1</title>\n' +
  '<p><b>503.</b> <ins>That’s an error.</ins>\n<p>The service is temporarily unavailable. <ins>That’s all we know.</ins>\n';

/** What a captive portal or a wrong base URL answers with 200: a page, not this API. */
export const PORTAL_HTML = '<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><form>Accept the terms</form></body></html>\n';
/** A JSON answer from something that is not this API (a proxy, another service at the base URL). */
export const FOREIGN_JSON = '{"status":"ok","service":"some other service"}';
