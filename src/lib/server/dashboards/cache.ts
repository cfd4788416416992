/**
 * Dashboards' aggregates and charts, kept in memory until their data changes (issue #13: these
 * pages must serve ≥ 1,000 req/s). An entry is found by its key and is valid for one data
 * version: a cheap query's answer (data-version.ts) that changes whenever anything the entry
 * was computed from changes. Per process and synchronous, so no request ever sees a half-built
 * entry; a process restart starts empty. Bounded: the least recently used entry goes first.
 */
export class VersionedCache<T> {
  readonly #entries = new Map<string, { version: string; value: T }>();

  constructor(readonly maxEntries = 200) {}

  /** The value for `key` at `version`, computed (and kept) when missing or stale. */
  get(key: string, version: string, compute: () => T): T {
    const hit = this.#entries.get(key);
    this.#entries.delete(key);
    if (hit && hit.version === version) {
      this.#entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.#entries.set(key, { version, value });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
