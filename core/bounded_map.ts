/**
 * A Map that holds at most `capacity` entries: adding one more drops the
 * oldest added. For per-process memos (verified tokens, board answers) whose
 * entries are each checked for freshness on use, so age order is enough.
 *
 * @module
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly capacity: number;

  constructor(capacity: number) {
    super();
    if (!(capacity >= 0)) throw new RangeError("capacity must be 0 or more");
    this.capacity = capacity;
  }

  /** Adds or replaces `key`, first dropping the oldest entries beyond the capacity. */
  override set(key: K, value: V): this {
    if (this.capacity === 0) return this;
    if (!this.has(key)) {
      while (this.size >= this.capacity) this.delete(this.keys().next().value as K);
    }
    return super.set(key, value);
  }
}
