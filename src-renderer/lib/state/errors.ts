// Wording of failures for people: a short title, one line of detail, and which action helps.
import { isBridgeError } from '../../../src-shared/bridge';
import type { AppError } from '../../../src-shared/domain';
import { unreadableKeyAdvice } from '../../../src-shared/unreadable-key';
import { formatWait } from '../../../src-shared/wait';

export type ErrorAction = 'key' | 'retry' | 'model' | 'settings' | 'none';

export interface ErrorMessage {
  title: string;
  detail: string;
  /** The most useful button next to the message; failed turns also always offer Retry. */
  action: ErrorAction;
}

/**
 * Main's message is shown as detail only where it is written for people (the API's own explanation). Where that
 * detail sends the person to Settings (a base URL, a timeout), the button opens Settings; key problems keep the
 * key dialog's button.
 */
export function describeError(error: Described, context: { model?: string } = {}): ErrorMessage {
  const message = describe(error, context);
  return message.action !== 'key' && /\bin Settings\b/.test(message.detail) ? { ...message, action: 'settings' } : message;
}

type Described = Pick<AppError, 'code' | 'message' | 'retryAfterMs' | 'keyUnreadable'>;

function describe(error: Described, context: { model?: string }): ErrorMessage {
  const model = context.model ? `“${context.model}”` : 'The model';
  switch (error.code) {
    case 'NO_KEY': {
      const reason = unreadableKeyReason(error);
      if (reason) return { title: 'Saved API key cannot be read here', detail: reason, action: 'key' };
      return { title: 'No API key', detail: 'Add a Gemini API key to send prompts.', action: 'key' };
    }
    case 'BAD_KEY':
      return { title: 'API key rejected', detail: 'The Gemini API did not accept this key. Check or replace it.', action: 'key' };
    case 'PERMISSION_DENIED':
      return { title: 'Permission denied', detail: withApiMessage('This key may not use this model or API.', error.message), action: 'key' };
    case 'NOT_FOUND':
      return {
        title: context.model ? `Model ${model} not found` : 'Not found',
        detail: 'Check the model id for typos, or pick a model from the list.',
        action: 'model',
      };
    case 'INTERACTION_GONE':
      return { title: 'The earlier turns are no longer on the server', detail: error.message, action: 'retry' };
    case 'INVALID_REQUEST':
      return { title: 'The API rejected the request', detail: error.message, action: 'none' };
    case 'RATE_LIMITED':
      return {
        title: 'Rate limited',
        detail: error.retryAfterMs !== undefined ? `Try again ${formatWait(error.retryAfterMs)}.` : 'Too many requests — try again in a moment.',
        action: 'retry',
      };
    case 'SERVER':
      return { title: 'The Gemini API had a problem', detail: withApiMessage('A server error; trying again usually helps.', error.message), action: 'retry' };
    case 'NETWORK':
      // Main names the host it tried and whether the base URL is the likely cause: keep its words.
      return { title: 'Network problem', detail: withApiMessage('Could not reach the Gemini API. Check your connection and try again.', error.message), action: 'retry' };
    case 'TIMEOUT':
      return { title: 'The request timed out', detail: withApiMessage('The Gemini API took too long to answer. Try again.', error.message), action: 'retry' };
    case 'PROTOCOL':
      return { title: 'Unexpected answer from the API', detail: error.message, action: 'retry' };
    case 'STREAM_ERROR':
      // Main's sentence starts with the same words as the title; show its reason once.
      return { title: 'The model stopped with an error', detail: error.message.replace(/^The model stopped with an error:\s*/, ''), action: 'retry' };
    case 'INTERRUPTED':
      return { title: 'The answer was interrupted', detail: 'The connection closed before the answer was complete.', action: 'retry' };
    case 'BAD_REQUEST':
      return { title: 'Could not send', detail: error.message, action: 'none' };
    case 'FORBIDDEN':
    case 'INTERNAL':
      return { title: 'Something went wrong in the app', detail: error.message, action: 'retry' };
    default:
      return { title: 'Something went wrong', detail: error.message, action: 'retry' };
  }
}

/**
 * A saved key the keyring cannot open is not "no key": asking a person who saved one to add a key would seem
 * pointless. Main's NO_KEY then says why this run cannot read it (`keyUnreadable`): the reason and the ways out
 * (never any of the key), as a sentence of its own, since the title or note says "cannot be read" in its own words.
 */
export function unreadableKeyReason(error: Pick<AppError, 'code' | 'keyUnreadable'>): string | undefined {
  if (error.code !== 'NO_KEY' || !error.keyUnreadable) return undefined;
  const advice = unreadableKeyAdvice(error.keyUnreadable);
  return advice.charAt(0).toUpperCase() + advice.slice(1);
}

function withApiMessage(fallback: string, message: string): string {
  return message.trim() ? message : fallback;
}

/** "Rate limited — retrying in 4 s" for a `retrying` event (before the first byte, main retries itself). */
export function describeRetry(info: { attempt: number; delayMs: number; reason: string }): string {
  const reason = info.reason;
  let label: string;
  if (/429|rate|quota|exhausted/i.test(reason)) label = 'Rate limited';
  else if (/50[0-9]|unavailable|overload|busy|server/i.test(reason)) label = 'Server busy';
  else label = reason.trim() ? reason.trim().replace(/[.\s]+$/, '') : 'Temporary failure';
  return `${label} — retrying ${formatWait(info.delayMs)}`;
}


/** A rejected bridge call (BridgeError with main's code) or anything else, as an AppError. */
export function toAppError(e: unknown): AppError {
  if (isBridgeError(e)) return { code: e.code, message: e.message, retryable: false, ...(e.keyUnreadable ? { keyUnreadable: e.keyUnreadable } : {}) };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: message || 'Unknown error', retryable: false };
}
