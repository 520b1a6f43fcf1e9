// Which MCP header names main holds values for, per server URL. The values themselves go straight from a
// password field to main (setMcpHeaders) and are never kept here, in the form or in the session.
import type { McpHeaderStatus } from '../../../src-shared/domain';
import type { Api } from '../api';
import { toAppError } from './errors';

export type McpHeadersApi = Pick<Api, 'setMcpHeaders' | 'listMcpHeaders'>;

export class McpHeadersState {
  /** Server URL → the header names main holds. */
  stored = $state<Record<string, string[]>>({});
  /** Why the last list or store failed; '' when it did not. */
  error = $state('');
  readonly #api: McpHeadersApi;
  #loaded: Promise<void> | undefined;

  constructor(api: McpHeadersApi) {
    this.#api = api;
  }

  /** Lists what main holds, once; every editor on screen shares the answer. */
  load(): Promise<void> {
    this.#loaded ??= this.#list();
    return this.#loaded;
  }

  storedFor(url: string): readonly string[] {
    return this.stored[url.trim()] ?? [];
  }

  /**
   * Hands the typed values to main, which keeps them for requests to `url` in place of what it held. True when
   * main took them (the caller then empties its fields); false leaves the fields as typed, to retry.
   */
  async store(url: string, headers: Record<string, string>): Promise<boolean> {
    try {
      this.#record(await this.#api.setMcpHeaders(url.trim(), headers));
      this.error = '';
      return true;
    } catch (e) {
      this.error = `The header values were not stored: ${toAppError(e).message}`;
      return false;
    }
  }

  forget(url: string): Promise<boolean> {
    return this.store(url, {});
  }

  async #list(): Promise<void> {
    try {
      const all = await this.#api.listMcpHeaders();
      this.stored = {};
      for (const status of all) this.#record(status);
    } catch (e) {
      this.#loaded = undefined;
      this.error = `Stored header values could not be listed: ${toAppError(e).message}`;
    }
  }

  #record(status: McpHeaderStatus): void {
    this.stored = { ...this.stored, [status.url]: [...status.headerNames] };
  }
}
