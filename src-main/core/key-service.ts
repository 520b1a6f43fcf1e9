// The key as the API sees it: a key saved in the app is checked at once with a models list call, and every later
// answer that says something about it (the models list, a finished turn, a turn refused with BAD_KEY) updates
// what KeyStatus.check reports. Like AI Studio, a rejected key is kept — removing it would lose what was pasted,
// and a rejection can be the base URL's or a key not active yet — it shows red, with the API's reason.
import { createHash } from 'node:crypto';
import type { PlaygroundEvents } from '../../src-shared/contract';
import { FALLBACK_MODELS, type KeyCheck, type KeyStatus, type ModelInfo, type ModelList, type UnreadableKey } from '../../src-shared/domain';
import { unreadableKeyAdvice } from '../../src-shared/unreadable-key';
import { formatSpan } from '../../src-shared/wait';
import { AppFailure, isAppFailure } from './failure';
import type { EmitEvent, Logger } from './ports';
import type { SecretsService } from './secrets';

/** Long enough for a slow network and main's own retries; the person waits on it in the key dialog. */
const CHECK_TIMEOUT_MS = 15_000;
/** A key and the one before it, at a base URL or two: enough for a turn that ends after the key changed. */
const REMEMBERED_CHECKS = 8;

export interface KeyServiceDeps {
  secrets: Pick<SecretsService, 'status' | 'setKey' | 'clearKey' | 'getKey'>;
  listModels(signal: AbortSignal): Promise<ModelInfo[]>;
  /** What the check was made against: a key valid at one base URL says nothing of another. */
  baseUrl(): string;
  logger: Logger;
  now?: () => Date;
  timeoutMs?: number;
}

export interface KeyService {
  status(): KeyStatus;
  /** Saves the key (SecretsService.setKey), then asks the API about it before answering. */
  setKey(key: string): Promise<KeyStatus>;
  clearKey(): KeyStatus;
  /** The models for the pickers; the answer is also what the key check records. */
  listModels(): Promise<ModelList>;
  /** Wraps the event sink so that turn outcomes update the check on their way to the renderer. */
  watch(emit: EmitEvent): EmitEvent;
}

export function createKeyService(deps: KeyServiceDeps): KeyService {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? CHECK_TIMEOUT_MS;
  /** The last answer per key and base URL (a digest of them, never the key), for the few used lately. */
  const checks = new Map<string, KeyCheck>();

  const about = (): string | undefined => {
    const key = deps.secrets.getKey();
    return key === undefined ? undefined : createHash('sha256').update(`${deps.baseUrl()}\n${key}`).digest('hex');
  };
  const record = (check: Omit<KeyCheck, 'at'>, subject = about()): KeyCheck => {
    const stamped: KeyCheck = { ...check, at: now().toISOString() };
    if (subject === undefined) return stamped;
    checks.delete(subject);
    checks.set(subject, stamped);
    for (const oldest of checks.keys()) if (checks.size > REMEMBERED_CHECKS) checks.delete(oldest);
    return stamped;
  };
  const status = (): KeyStatus => {
    const current = deps.secrets.status();
    const subject = current.configured ? about() : undefined;
    const check = subject === undefined ? undefined : checks.get(subject);
    return check ? { ...current, check } : current;
  };

  /** Asks for the models with the key in use now; records and returns what the answer says of the key. */
  const ask = async (): Promise<{ models?: ModelInfo[]; failure?: AppFailure }> => {
    const subject = about();
    try {
      const models = await deps.listModels(AbortSignal.timeout(timeoutMs));
      record({ state: 'valid' }, subject);
      return { models };
    } catch (error) {
      const failure = isAppFailure(error)
        ? error
        : new AppFailure('NETWORK', `The API did not answer within ${formatSpan(timeoutMs)}.`, { retryable: true });
      record(checkFromFailure(failure), subject);
      return { failure };
    }
  };

  return {
    status,
    async setKey(key) {
      deps.secrets.setKey(key);
      await ask();
      const answer = status();
      deps.logger.info('key check', { state: answer.check?.state ?? 'none' });
      return answer;
    },
    clearKey() {
      deps.secrets.clearKey();
      return status();
    },
    async listModels() {
      if (!deps.secrets.getKey()) {
        return { models: [...FALLBACK_MODELS], source: 'fallback', error: noKeyFailure(deps.secrets.status().unreadable).toAppError() };
      }
      const { models, failure } = await ask();
      if (models && models.length > 0) return { models, source: 'api' };
      if (models) return { models: [...FALLBACK_MODELS], source: 'fallback' };
      deps.logger.warn('model list unavailable, using the built-in list', { code: failure?.code });
      return { models: [...FALLBACK_MODELS], source: 'fallback', ...(failure ? { error: failure.toAppError() } : {}) };
    },
    watch(emit) {
      // The key a turn was sent with: a turn that ends after the key was changed says nothing of the new one.
      const sentWith = new Map<string, string | undefined>();
      return (event, payload) => {
        if (event === 'turn') {
          const turn = payload as PlaygroundEvents['turn'];
          if (turn.type === 'started') sentWith.set(turn.requestId, about());
          else if (turn.type === 'done' || turn.type === 'error' || turn.type === 'cancelled') {
            const subject = sentWith.has(turn.requestId) ? sentWith.get(turn.requestId) : about();
            sentWith.delete(turn.requestId);
            if (turn.type === 'done') record({ state: 'valid' }, subject);
            // Only BAD_KEY: a turn's 403 can be about its model or tool rather than the key.
            else if (turn.type === 'error' && turn.error.code === 'BAD_KEY') record(checkFromFailure(turn.error), subject);
          }
        }
        emit(event, payload);
      };
    },
  };
}

/**
 * No key to send with. A saved key the keyring cannot open is not "no key": adding one would seem pointless to a
 * person who saved one, so the message says why it cannot be used and the ways out, as the key dialog does. The
 * failure carries the reason too (`keyUnreadable`), which the window shows in place of its own "add a key".
 */
export function noKeyFailure(unreadable?: UnreadableKey): AppFailure {
  if (!unreadable) return new AppFailure('NO_KEY', 'Add your Gemini API key first (Settings → API key), or set GEMINI_API_KEY.');
  return new AppFailure('NO_KEY', `Your saved Gemini API key cannot be read here: ${unreadableKeyAdvice(unreadable)}`, { keyUnreadable: unreadable });
}

const isKeyProblem = (code: string): code is 'BAD_KEY' | 'PERMISSION_DENIED' => code === 'BAD_KEY' || code === 'PERMISSION_DENIED';

/**
 * BAD_KEY (and PERMISSION_DENIED, a key that may not use this API) is a rejection; anything else — offline, a
 * timeout, a server error, a rate limit — leaves the key unchecked. The message is the reason only: the check is
 * shown beside the key, whose dialog offers Settings itself, so main's "Check … in Settings" advice is left out.
 */
export function checkFromFailure(failure: Pick<AppFailure, 'code' | 'message'>): Omit<KeyCheck, 'at'> {
  const message = failure.message
    .replace(/^The API key was rejected:\s*/, '')
    .replace(/\s*Check [^.]*\bin Settings\b[^.]*\.(?=\s|$)/g, '')
    .trim();
  return { state: isKeyProblem(failure.code) ? 'rejected' : 'unchecked', message };
}
