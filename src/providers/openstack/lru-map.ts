/** A map of at most `capacity` entries: beyond it, the least recently read or written is dropped. */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    readonly capacity: number,
    /** Told of each entry dropped for want of room. */
    private readonly onEvict?: (value: V) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      const value = this.entries.get(oldest) as V;
      this.entries.delete(oldest);
      this.onEvict?.(value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
