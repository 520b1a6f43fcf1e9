// The key check: a saved key is asked about at once (valid / rejected / not checked when the API cannot be
// reached), a rejected key stays saved, and later answers — the models list, a turn done or refused — update it.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KeyStatus, TurnEvent } from '../../src-shared/domain';
import { startFakeApi, type FakeApi } from '../../e2e/fake-api/server';
import { testEncryptor } from '../../e2e/support/test-encryptor';
import { createAppCore, type AppCore } from './app-core';
import { AppFailure } from './failure';
import { checkFromFailure, createKeyService } from './key-service';
import { silentLogger, type Dialogs, type Encryptor, type KeyValueStore, type StoreFactory } from './ports';
import { SecretsService, STORED_KEY_FIELD } from './secrets';
import { tempDir } from '../../test-support/main/sessions';

let fake: FakeApi;
const cores: AppCore[] = [];
const temps: ReturnType<typeof tempDir>[] = [];

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  for (const t of temps.splice(0)) t.remove();
});

function memoryStores(): StoreFactory {
  const files = new Map<string, Map<string, unknown>>();
  return (name): KeyValueStore => {
    const map = files.get(name) ?? new Map<string, unknown>();
    files.set(name, map);
    return { get: (k) => map.get(k), set: (k, v) => void map.set(k, v), delete: (k) => void map.delete(k) };
  };
}

const noDialogs: Dialogs = { showSaveDialog: async () => undefined, showOpenDialog: async () => undefined, confirm: async () => false };

function core(env: Record<string, string | undefined>, events: TurnEvent[] = []): AppCore {
  const temp = tempDir('pg-key-');
  temps.push(temp);
  const created = createAppCore({
    openStore: memoryStores(),
    encryptor: testEncryptor(),
    env,
    logger: silentLogger,
    emit: (event, payload) => void (event === 'turn' && events.push(payload as TurnEvent)),
    dataDir: temp.dir,
    dialogs: noDialogs,
  });
  cores.push(created);
  return created;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((ok) => server.close(ok));
  return port;
}

describe('setKey checks the key with a models list call', () => {
  it('a key the API accepts is valid', async () => {
    const app = core({ GEMINI_BASE_URL: fake.url });
    const status = await app.api.setKey({ key: 'good-key-1234' });
    expect(status).toMatchObject({ configured: true, source: 'stored', check: { state: 'valid' } });
    expect(Date.parse(status.check!.at)).not.toBeNaN();
    expect(await app.api.getKeyStatus()).toEqual(status);
  });

  it('a key the API refuses is rejected, with the reason, and stays saved (as AI Studio keeps it)', async () => {
    const app = core({ GEMINI_BASE_URL: fake.url });
    const status = await app.api.setKey({ key: 'invalid-key-5678' });
    expect(status).toMatchObject({ configured: true, persisted: true, hint: '…5678', check: { state: 'rejected' } });
    expect(status.check!.message).toMatch(/^API key not valid/);
    expect(status.check!.message).not.toMatch(/Settings/);
    expect(await app.api.getKeyStatus()).toMatchObject({ configured: true, check: { state: 'rejected' } });
  });

  it('when the API cannot be reached the key is saved but not checked, and says why', async () => {
    const app = core({ GEMINI_BASE_URL: `http://127.0.0.1:${await closedPort()}` });
    const status = await app.api.setKey({ key: 'good-key-1234' });
    expect(status).toMatchObject({ configured: true, persisted: true, check: { state: 'unchecked' } });
    expect(status.check!.message).toMatch(/connection refused/);
  });

  it('a key that cannot be saved is not checked at all', async () => {
    const app = core({ GEMINI_BASE_URL: fake.url });
    const before = fake.requests.length;
    await expect(app.api.setKey({ key: 'has space' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(fake.requests.length).toBe(before);
  });
});

describe('later answers update the check', () => {
  it('a turn refused with BAD_KEY turns an environment key rejected; the models list says so too', async () => {
    const events: TurnEvent[] = [];
    const app = core({ GEMINI_BASE_URL: fake.url, GEMINI_API_KEY: 'invalid-env-key-0000' }, events);
    expect((await app.api.getKeyStatus()).check).toBeUndefined();
    await app.api.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r1', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] });
    await expect.poll(() => events.find((e) => e.type === 'error')?.type, { timeout: 5_000 }).toBe('error');
    expect(await app.api.getKeyStatus()).toMatchObject({ source: 'env', check: { state: 'rejected' } });
  });

  it('a finished turn and a models list make an unchecked key valid', async () => {
    const events: TurnEvent[] = [];
    const app = core({ GEMINI_BASE_URL: fake.url, GEMINI_API_KEY: 'env-key-0000' }, events);
    await app.api.start({ input: { text: 'Hi' }, panes: [{ requestId: 'r1', paneId: 'p1', config: { model: 'gemini-3-flash-preview' } }] });
    await expect.poll(() => events.some((e) => e.type === 'done'), { timeout: 5_000 }).toBe(true);
    expect((await app.api.getKeyStatus()).check?.state).toBe('valid');
    const other = core({ GEMINI_BASE_URL: fake.url, GEMINI_API_KEY: 'env-key-0000' });
    expect((await other.api.listModels()).source).toBe('api');
    expect((await other.api.getKeyStatus()).check?.state).toBe('valid');
  });
});

describe('createKeyService', () => {
  function service(listModels: () => Promise<never[]>) {
    const secrets = new SecretsService({ encryptor: testEncryptor(), store: memoryStores()('secrets'), env: {}, logger: silentLogger });
    let baseUrl = 'https://a.example';
    const keys = createKeyService({ secrets, listModels, baseUrl: () => baseUrl, logger: silentLogger, now: () => new Date('2026-01-02T03:04:05Z') });
    return { keys, secrets, setBaseUrl: (url: string) => (baseUrl = url) };
  }

  it('a check belongs to the key and base URL it was made with: another key or base URL is not checked yet', async () => {
    const { keys, setBaseUrl } = service(async () => []);
    expect((await keys.setKey('first-key-1111')).check).toEqual({ state: 'valid', at: '2026-01-02T03:04:05.000Z' });
    setBaseUrl('https://b.example');
    expect(keys.status().check).toBeUndefined();
    setBaseUrl('https://a.example');
    expect(keys.status().check?.state).toBe('valid');
    keys.clearKey();
    expect(keys.status()).toEqual<KeyStatus>({ configured: false, source: 'none', persisted: false });
  });

  it('a turn sent with the old key says nothing of a key saved while it ran', async () => {
    const { keys } = service(async () => {
      throw new AppFailure('NETWORK', 'Could not reach a.example (connection refused). Check the base URL in Settings.');
    });
    const seen: string[] = [];
    const emit = keys.watch((event) => void seen.push(event));
    await keys.setKey('old-key-2222');
    emit('turn', { type: 'started', requestId: 'r1', paneId: 'p', request: { method: 'POST', url: 'u', headers: {}, body: {} } });
    expect((await keys.setKey('new-key-3333')).check?.state).toBe('unchecked');
    emit('turn', { type: 'error', requestId: 'r1', paneId: 'p', error: { code: 'BAD_KEY', message: 'rejected', retryable: false }, partial: false, steps: [], metrics: { totalMs: 1 } });
    expect(keys.status().check?.state).toBe('unchecked');
    // A turn's 403 may be its model's or tool's: it says nothing of the key; a BAD_KEY sent with this key does.
    const fail = (requestId: string, code: 'PERMISSION_DENIED' | 'BAD_KEY') => {
      emit('turn', { type: 'started', requestId, paneId: 'p', request: { method: 'POST', url: 'u', headers: {}, body: {} } });
      emit('turn', { type: 'error', requestId, paneId: 'p', error: { code, message: 'no', retryable: false }, partial: false, steps: [], metrics: { totalMs: 1 } });
    };
    fail('r2', 'PERMISSION_DENIED');
    expect(keys.status().check?.state).toBe('unchecked');
    fail('r3', 'BAD_KEY');
    expect(keys.status().check?.state).toBe('rejected');
    expect(seen).toEqual(['turn', 'turn', 'turn', 'turn', 'turn', 'turn']);
  });

  it('a check that takes too long leaves the key unchecked', async () => {
    const secrets = new SecretsService({ encryptor: testEncryptor(), store: memoryStores()('secrets'), env: {}, logger: silentLogger });
    const never = (signal: AbortSignal) => new Promise<never>((_, fail) => signal.addEventListener('abort', () => fail(signal.reason)));
    const keys = createKeyService({ secrets, listModels: never, baseUrl: () => 'https://a.example', logger: silentLogger, timeoutMs: 20 });
    expect((await keys.setKey('slow-key-4444')).check).toMatchObject({ state: 'unchecked', message: 'The API did not answer within 0 s.' });
  });
});

describe('a saved key the keyring cannot open this run', () => {
  const SAVED = 'saved-key-Qm7Lr2Vx9w';
  const runs = [
    ['a locked keyring (no encryption this run)', () => testEncryptor({ available: false }), 'keyring-locked'],
    ["Linux's basic_text fallback (no keyring found)", () => testEncryptor({ backend: 'basic_text' }), 'keyring-absent'],
    ['another keyring', () => testEncryptor({ keyring: 'other' }), 'other-keyring'],
  ] as const;

  function keysOver(store: KeyValueStore, encryptor: Encryptor, env: Record<string, string> = {}) {
    const secrets = new SecretsService({ encryptor, store, env, logger: silentLogger });
    return createKeyService({ secrets, listModels: async () => [], baseUrl: () => 'https://a.example', logger: silentLogger });
  }
  function savedStore(): KeyValueStore {
    const store = memoryStores()('secrets');
    new SecretsService({ encryptor: testEncryptor(), store, env: {}, logger: silentLogger }).setKey(SAVED);
    return store;
  }
  const leaks = (status: KeyStatus) => [SAVED, SAVED.slice(-4)].filter((part) => JSON.stringify(status).includes(part));

  it.each(runs)('%s: the status says a key is saved but unreadable (why, never the key), not that there is none', (_, encryptor, why) => {
    const keys = keysOver(savedStore(), encryptor());
    const status = keys.status();
    expect(status).toEqual<KeyStatus>({ configured: false, source: 'none', persisted: false, unreadable: why });
    expect(leaks(status)).toEqual([]);
  });

  it.each(runs)('%s: an environment key stands in, and the status still says the saved one is unreadable', (_, encryptor, why) => {
    const status = keysOver(savedStore(), encryptor(), { GEMINI_API_KEY: 'env-key-0000' }).status();
    expect(status).toMatchObject({ configured: true, source: 'env', hint: '…0000', unreadable: why });
    expect(leaks(status)).toEqual([]);
  });

  it.each(runs)('%s: a key entered again or a removal leaves nothing unreadable', async (_, encryptor) => {
    const entered = keysOver(savedStore(), encryptor());
    expect(entered.status().unreadable).toBeDefined();
    expect((await entered.setKey('new-key-5555')).unreadable).toBeUndefined();
    const removed = keysOver(savedStore(), encryptor());
    expect(removed.status().unreadable).toBeDefined();
    expect(removed.clearKey()).toEqual<KeyStatus>({ configured: false, source: 'none', persisted: false });
  });

  it.each(runs)('%s: a removal deletes the sealed key, so the keyring back brings no key; an environment key stays', (_, encryptor) => {
    const store = savedStore();
    expect(keysOver(store, encryptor(), { GEMINI_API_KEY: 'env-key-0000' }).clearKey()).toEqual<KeyStatus>({
      configured: true,
      source: 'env',
      persisted: false,
      hint: '…0000',
    });
    expect(store.get(STORED_KEY_FIELD)).toBeUndefined();
    expect(keysOver(store, testEncryptor()).status()).toEqual<KeyStatus>({ configured: false, source: 'none', persisted: false });
  });

  it('the keyring back, the saved key is in use again and nothing is unreadable', () => {
    const store = savedStore();
    expect(keysOver(store, testEncryptor({ available: false })).status().unreadable).toBe('keyring-locked');
    expect(keysOver(store, testEncryptor()).status()).toEqual<KeyStatus>({ configured: true, source: 'stored', persisted: true, hint: '…Vx9w' });
  });
});

describe('checkFromFailure', () => {
  it.each([
    ['BAD_KEY', 'The API key was rejected: API key not valid. Check the key in Settings.', 'rejected', 'API key not valid.'],
    ['PERMISSION_DENIED', 'Permission denied: no. Check that the API key is set in Settings and may use this API and model.', 'rejected', 'Permission denied: no.'],
    ['NETWORK', 'Could not reach h (connection refused). Check the base URL in Settings.', 'unchecked', 'Could not reach h (connection refused).'],
    ['NETWORK', 'Could not reach h (the name could not be resolved). Check the base URL in Settings and your internet connection.', 'unchecked', 'Could not reach h (the name could not be resolved).'],
    ['SERVER', 'The server had a problem (HTTP 500): boom. Try again in a moment.', 'unchecked', 'The server had a problem (HTTP 500): boom. Try again in a moment.'],
    ['RATE_LIMITED', 'Quota or rate limit reached: slow down. Try again later.', 'unchecked', 'Quota or rate limit reached: slow down. Try again later.'],
  ] as const)('%s → %s', (code, message, state, shown) => {
    expect(checkFromFailure({ code, message })).toEqual({ state, message: shown });
  });
});
