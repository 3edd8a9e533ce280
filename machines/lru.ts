/**
 * A map bounded to `limit` entries that forgets the least recently used first: the memos of pure functions on the
 * turn's path (what a text was understood as, its reading, a word's stem, whether it addresses the judge, a
 * scenario's topic model) share it instead of each hand-rolling its own eviction. A Map keeps insertion order, so
 * a hit moves its key to the end and the first key is always the oldest.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Lru: limit must be a whole number ≥ 1 (got ${limit})`);
  }

  get size(): number {
    return this.map.size;
  }

  /** The value kept for `key` (which becomes the most recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Keeps `value` for `key` as the most recently used, forgetting the least recently used one if full. */
  set(key: K, value: V): this {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/** `fn` remembered for the last `limit` distinct arguments (fn must be pure and never return undefined). */
export function memoized<A, R>(limit: number, fn: (a: A) => R): (a: A) => R {
  const kept = new Lru<A, R>(limit);
  return (a) => {
    let r = kept.get(a);
    if (r === undefined) {
      r = fn(a);
      kept.set(a, r);
    }
    return r;
  };
}
