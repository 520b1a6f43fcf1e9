// A map that keeps only its few most recent entries: caches of what was served, compared or saved lately, where an
// old entry costs memory and is cheap to build again.

/** Keeps at most `most` entries, by the order they were set (or touched); setting one more drops the oldest. */
export class RecentMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #most: number;

  constructor(most: number) {
    this.#most = most;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** The entry, left where it is in the order. */
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** The entry, made the most recent: something in use stays among the few kept. */
  touch(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Sets `key` as the most recent entry, dropping the oldest beyond `most`. */
  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#most) this.#entries.delete(this.#entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }
}
