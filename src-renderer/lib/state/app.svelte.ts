// Composition of the renderer's state: key, models and the session, wired to one Api.
import type { Api } from '../api';
import type { FrameScheduler } from './frame';
import { KeyState } from './key.svelte';
import { ModelsState } from './models.svelte';
import { SessionState } from './session.svelte';

export class AppState {
  readonly api: Api;
  readonly key: KeyState;
  readonly models: ModelsState;
  readonly session: SessionState;

  constructor(api: Api, options: { scheduler?: FrameScheduler } = {}) {
    this.api = api;
    this.models = new ModelsState(api);
    this.key = new KeyState(api, () => this.#keyChanged());
    this.session = new SessionState(api, {
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      onNeedKey: () => this.key.open(),
    });
  }

  /** Subscribes to events and loads what the first screen needs; returns the cleanup. */
  start(): () => void {
    const unsubscribe = this.session.connect();
    void this.key.load();
    void this.models.load();
    return unsubscribe;
  }

  #keyChanged(): void {
    // A "no key" / "key rejected" message under the prompt is stale once the key changed.
    this.session.composer.error = '';
    void this.models.load();
  }

  openLink(url: string): void {
    this.api.openExternal(url).catch(() => {});
  }
}
