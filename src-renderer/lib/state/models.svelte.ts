// The model list for the pickers: from the API when it answers, else the built-in fallback and why.
import { FALLBACK_MODELS, type ModelInfo, type ModelList } from '../../../src-shared/domain';
import type { Api } from '../api';
import { toAppError, unreadableKeyReason } from './errors';

/** Why the built-in list shows, and the place that can fix it: the key dialog or Settings (base URL, timeouts). */
export interface ModelsNote {
  text: string;
  action?: 'key' | 'settings';
}

export function fallbackNote(list: ModelList | undefined): ModelsNote | undefined {
  if (!list || list.source !== 'fallback') return undefined;
  const error = list.error;
  if (!error) return { text: 'Built-in list.' };
  switch (error.code) {
    case 'NO_KEY': {
      const reason = unreadableKeyReason(error);
      if (reason) return { text: `Built-in list: the saved API key cannot be read here. ${reason}`, action: 'key' };
      return { text: 'Built-in list: add an API key to load every available model.', action: 'key' };
    }
    case 'BAD_KEY':
    case 'PERMISSION_DENIED':
      return { text: 'Built-in list: the API key was not accepted for listing models.', action: 'key' };
    case 'NETWORK':
    case 'TIMEOUT':
      return { text: 'Built-in list: the models API could not be reached.', action: 'settings' };
    default:
      return { text: `Built-in list: the models API failed (${error.message}).`, action: 'settings' };
  }
}

export class ModelsState {
  list = $state.raw<ModelList | undefined>(undefined);
  loading = $state(false);

  readonly models = $derived<readonly ModelInfo[]>(this.list?.models.length ? this.list.models : FALLBACK_MODELS);
  readonly note = $derived(fallbackNote(this.list));

  #api: Api;
  #generation = 0;

  constructor(api: Api) {
    this.#api = api;
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const list = await this.#api.listModels();
      if (generation === this.#generation) this.list = list;
    } catch (e) {
      if (generation === this.#generation) this.list = { models: [...FALLBACK_MODELS], source: 'fallback', error: toAppError(e) };
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  find(id: string): ModelInfo | undefined {
    return this.models.find((m) => m.id === id);
  }
}
