// The API key as the renderer knows it: status only. The key itself passes through once, on save.
import type { AppError, KeyStatus } from '../../../src-shared/domain';
import type { Api } from '../api';
import { toAppError } from './errors';

export const AI_STUDIO_KEY_URL = 'https://aistudio.google.com/apikey';

export class KeyState {
  status = $state.raw<KeyStatus | undefined>(undefined);
  dialogOpen = $state(false);
  error = $state('');
  busy = $state(false);
  /** Set after a successful save, so the dialog (when it stays open) can confirm it. */
  saved = $state(false);

  readonly configured = $derived(this.status?.configured === true);
  /**
   * Only a key entered in the app can be removed from it; an environment key stays. A saved key this run cannot read
   * counts: the person may want it forgotten rather than replaced, and it would otherwise stay until replaced.
   */
  readonly removable = $derived(this.status?.source === 'stored' || this.status?.source === 'memory' || this.status?.unreadable !== undefined);

  #api: Api;
  #onChanged: () => void;

  constructor(api: Api, onChanged: () => void = () => {}) {
    this.#api = api;
    this.#onChanged = onChanged;
  }

  async load(): Promise<void> {
    try {
      this.status = await this.#api.getKeyStatus();
      if (!this.status.configured) this.open();
    } catch (e) {
      this.error = `Could not read the key status: ${toAppError(e).message}`;
      this.dialogOpen = true;
    }
  }

  /** The status again, without opening anything: after an answer (a model list, a failed turn) may have changed its check. */
  async refresh(): Promise<void> {
    try {
      this.status = await this.#api.getKeyStatus();
    } catch {
      // The status shown stays; the next refresh or save tries again.
    }
  }

  open(): void {
    this.error = '';
    this.saved = false;
    this.dialogOpen = true;
  }

  close(): void {
    this.error = '';
    this.dialogOpen = false;
  }

  /**
   * Sends the key to main, which checks it with the API before answering; the caller clears its field when this
   * resolves true. The dialog closes unless there is something to see: the key could only be kept in memory, or
   * the API rejected it or could not be asked.
   */
  async save(key: string): Promise<boolean> {
    if (key.trim() === '') {
      this.error = 'Enter a key';
      return false;
    }
    this.busy = true;
    this.error = '';
    this.saved = false;
    try {
      this.status = await this.#api.setKey(key);
      this.saved = true;
      this.#onChanged();
      const check = this.status.check?.state;
      if (!this.status.warning && check !== 'rejected' && check !== 'unchecked') this.dialogOpen = false;
      return true;
    } catch (e) {
      const error = toAppError(e);
      this.error = error.code === 'BAD_REQUEST' ? error.message.replace(/^key:\s*/, '') : ownWords(error, 'Could not save the key');
      return false;
    } finally {
      this.busy = false;
    }
  }

  async remove(): Promise<void> {
    this.busy = true;
    this.error = '';
    this.saved = false;
    try {
      this.status = await this.#api.clearKey();
      this.#onChanged();
    } catch (e) {
      this.error = ownWords(toAppError(e), 'Could not remove the key');
    } finally {
      this.busy = false;
    }
  }
}

/** Main words a storage failure whole ("Could not save the key: the disk is full. Nothing was changed."). */
function ownWords(error: AppError, what: string): string {
  return error.code === 'STORAGE' ? error.message : `${what}: ${error.message}`;
}
