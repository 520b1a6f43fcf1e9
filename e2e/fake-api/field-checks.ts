// Throw-early helpers for validating nested request fields: the first bad field ends the check with its path.
import { type ApiError, invalidRequest, unknownName } from './errors';

export class Invalid extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function fail(message: string): never {
  throw new Invalid(invalidRequest(message));
}

/** Proto-JSON decoding refuses a field the message does not have. */
export function onlyFields(value: Record<string, unknown>, allowed: readonly string[], at: string): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) throw new Invalid(unknownName(name, at));
  }
}

export function oneOf(value: unknown, allowed: readonly string[], at: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) fail(`${at} must be one of ${allowed.join(', ')}.`);
}

/** Runs checks that throw Invalid and returns the error they stopped at. */
export function firstError(check: () => void): ApiError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof Invalid) return error.error;
    throw error;
  }
}
