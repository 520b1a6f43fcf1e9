// Answers one IPC call: sender check, argument validation, the call itself, and the result envelope.
import type { z } from 'zod';
import type { ApiArg, ApiMethod, IpcResult, PlaygroundApi } from '../../src-shared/contract';
import { MAX_ARGUMENT_CHARS, MAX_ARGUMENT_DEPTH, MAX_ARGUMENT_VALUES } from '../../src-shared/limits';
import { ARG_SCHEMAS, describeIssue } from '../../src-shared/schemas';
import { isAppFailure } from './failure';
import type { Logger } from './ports';
import { describeOverrun, walkValue, type ValueBudget, type Walk } from './value-budget';
import type { SenderInfo } from './window-policy';

export type { SenderInfo };

export interface IpcRouterOptions {
  isTrustedSender(sender: SenderInfo): boolean;
  logger: Logger;
}

export interface IpcRouter {
  handle(method: ApiMethod, sender: SenderInfo, arg: unknown): Promise<IpcResult<unknown>>;
}

/** Compile-time: what a schema lets through is what the implementation accepts, for every method. */
type ParsedFits = { [M in ApiMethod]: z.output<(typeof ARG_SCHEMAS)[M]> extends ApiArg<M> ? true : M };
export type SchemaMismatch = Exclude<ParsedFits[ApiMethod], true>;
const everyMethodHasAFittingSchema: [SchemaMismatch] extends [never] ? true : SchemaMismatch = true;
void everyMethodHasAFittingSchema;

export const FORBIDDEN_MESSAGE = 'This request is not allowed from here';
export const INTERNAL_MESSAGE = 'Something went wrong inside the app; the details are in its log';
const MAX_MESSAGE = 2_000;

const ARGUMENT_BUDGET: ValueBudget = { maxDepth: MAX_ARGUMENT_DEPTH, maxValues: MAX_ARGUMENT_VALUES, maxChars: MAX_ARGUMENT_CHARS };
/** The one method whose bytes are checked as bytes by its schema and never serialized. */
const BYTES_BUDGET: ValueBudget = { ...ARGUMENT_BUDGET, opaqueBytes: true };

/**
 * Methods handed the walk of their argument as a second parameter, so they need not walk it again (a large test
 * set's session was walked twice per save): sessions/sessions-service.ts. What the schema passes on has the
 * argument's shape (no schema adds to it), so it is no deeper and holds no more values than the walk found.
 */
const HANDED_THE_WALK: ReadonlySet<ApiMethod> = new Set<ApiMethod>(['saveSession']);

export function createIpcRouter(api: PlaygroundApi, options: IpcRouterOptions): IpcRouter {
  const { logger } = options;

  const trusted = (sender: SenderInfo): boolean => {
    try {
      return options.isTrustedSender(sender);
    } catch {
      return false;
    }
  };

  return {
    async handle(method, sender, arg) {
      if (!trusted(sender)) {
        logger.warn('ipc: refused a call from an untrusted sender', {
          method: String(method).slice(0, 100),
          url: String(sender?.url ?? '').slice(0, 200),
          isMainFrame: sender?.isMainFrame === true,
        });
        return { ok: false, error: { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE } };
      }
      if (typeof method !== 'string' || !Object.hasOwn(ARG_SCHEMAS, method)) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'Unknown method' } };
      }
      // Before the schema: zod and JSON.stringify (jsonSchemaObject) follow every path to a shared object.
      const walk = walkValue(arg, method === 'addMedia' ? BYTES_BUDGET : ARGUMENT_BUDGET);
      const over = walk.over;
      if (over !== undefined) {
        logger.warn('ipc: argument over its budget', { method, limit: over.limit });
        return { ok: false, error: { code: 'BAD_REQUEST', message: `The request was refused: ${describeOverrun(over, 'it')}` } };
      }
      const parsed = ARG_SCHEMAS[method].safeParse(arg);
      if (!parsed.success) {
        // Never log the argument itself: setKey carries the key.
        logger.debug('ipc: invalid argument', { method });
        return { ok: false, error: { code: 'BAD_REQUEST', message: describeIssue(parsed.error).slice(0, MAX_MESSAGE) } };
      }
      try {
        const fn = api[method] as (arg?: unknown, walked?: Walk) => Promise<unknown>;
        let value: unknown;
        if (parsed.data === undefined) value = await fn.call(api);
        else value = HANDED_THE_WALK.has(method) ? await fn.call(api, parsed.data, walk) : await fn.call(api, parsed.data);
        return { ok: true, value };
      } catch (e) {
        if (isAppFailure(e)) {
          const message = e.message.slice(0, MAX_MESSAGE);
          return { ok: false, error: e.keyUnreadable ? { code: e.code, message, keyUnreadable: e.keyUnreadable } : { code: e.code, message } };
        }
        logger.error(`ipc: ${method} failed`, describeError(e));
        return { ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } };
      }
    },
  };
}

function describeError(e: unknown): Record<string, unknown> {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { thrown: typeof e };
}
