// Composition of the renderer's state: key, models, the session and its comparison, wired to one Api.
import type { Api } from '../api';
import { ScrollSync } from '../scroll-sync';
import { CompareState } from './compare.svelte';
import type { FrameScheduler } from './frame';
import { KeyState } from './key.svelte';
import { ModelsState } from './models.svelte';
import { SessionState } from './session.svelte';

export class AppState {
  readonly api: Api;
  readonly key: KeyState;
  readonly models: ModelsState;
  readonly session: SessionState;
  readonly compare: CompareState;
  readonly scrollSync: ScrollSync;
  helpOpen = $state(false);


  constructor(api: Api, options: { scheduler?: FrameScheduler } = {}) {
    this.api = api;
    this.models = new ModelsState(api);
    this.key = new KeyState(api, () => this.#keyChanged());
    this.session = new SessionState(api, {
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      onNeedKey: () => this.key.open(),
    });
    this.compare = new CompareState(this.session);
    this.scrollSync = new ScrollSync(() => this.session.syncScroll);
  }

  /** A modal is up: window shortcuts (Esc = stop all, Ctrl+Enter = send…) stand down. */
  get modalOpen(): boolean {
    return this.key.dialogOpen || this.compare.open || this.helpOpen;
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
