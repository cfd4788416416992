/**
 * How long an entry is served without asking for its data version again. Under load (issue #13
 * asks these pages for ≥ 1,000 req/s) the version query then runs about once a second per entry
 * instead of on every request; a change shows at most this long after it is written.
 */
export const VERSION_RECHECK_MS = 1000;

/**
 * Dashboards' aggregates and charts, kept in memory until their data changes. An entry is valid
 * for one data version: a cheap query's answer (data-version.ts) that changes whenever anything
 * the entry was computed from changes, asked again once `VERSION_RECHECK_MS` have passed. Per
 * process and synchronous, so no request ever sees a half-built entry; a restart starts empty.
 * Bounded: the least recently used entry goes first.
 */
export class VersionedCache<T> {
  static readonly #all = new Set<VersionedCache<unknown>>();

  /** Empties every dashboard cache (tests, which open a new database each). */
  static clearAll(): void {
    for (const cache of VersionedCache.#all) cache.clear();
  }

  readonly #entries = new Map<string, { version: string; checkedAt: number; value: T }>();
  readonly #maxEntries: number;

  constructor(maxEntries = 200) {
    this.#maxEntries = maxEntries;
    VersionedCache.#all.add(this as VersionedCache<unknown>);
  }

  /**
   * The value for `key`: the kept one while it was checked less than `VERSION_RECHECK_MS` ago or
   * its version is still `versionOf()`'s, else `compute()`'s, which is kept.
   */
  get(key: string, versionOf: () => string, compute: () => T, nowMs = Date.now()): T {
    const hit = this.#entries.get(key);
    this.#entries.delete(key);
    if (hit && Math.abs(nowMs - hit.checkedAt) < VERSION_RECHECK_MS) {
      this.#entries.set(key, hit);
      return hit.value;
    }
    const version = versionOf();
    if (hit && hit.version === version) {
      this.#entries.set(key, { ...hit, checkedAt: nowMs });
      return hit.value;
    }
    const value = compute();
    this.#entries.set(key, { version, checkedAt: nowMs, value });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
