/**
 * Hash buckets of small integer slots, in several independent lanes (one per LSH band, plus one
 * for titles). Each bucket is a linked list threaded through one Int32Array, newest slot first, so
 * 100,000 articles × 21 lanes cost a Map entry per distinct bucket and 4 bytes per membership,
 * not an array object per bucket.
 */
export class SlotBuckets {
  readonly #lanes: number;
  /** Per lane: bucket key → newest slot in that bucket. */
  readonly #heads: Map<number, number>[];
  /** `next[slot * lanes + lane]`: the next older slot in the same bucket, or -1. */
  #next = new Int32Array(0);

  constructor(lanes: number) {
    this.#lanes = lanes;
    this.#heads = Array.from({ length: lanes }, () => new Map<number, number>());
  }

  /** Puts `slot` into bucket `key` of `lane`. Keys are 32-bit; they are folded to fit small integers. */
  add(slot: number, lane: number, key: number): void {
    this.#ensureSlot(slot);
    const heads = this.#lane(lane);
    const k = key >>> 2;
    const head = heads.get(k);
    this.#next[slot * this.#lanes + lane] = head ?? -1;
    heads.set(k, slot);
  }

  /** Takes `slot` out of bucket `key` of `lane` (the key it was added with). */
  remove(slot: number, lane: number, key: number): void {
    const heads = this.#lane(lane);
    const k = key >>> 2;
    const after = this.#next[slot * this.#lanes + lane] ?? -1;
    let current = heads.get(k);
    if (current === slot) {
      if (after === -1) heads.delete(k);
      else heads.set(k, after);
      return;
    }
    while (current !== undefined && current !== -1) {
      const index = current * this.#lanes + lane;
      const following = this.#next[index] ?? -1;
      if (following === slot) {
        this.#next[index] = after;
        return;
      }
      current = following;
    }
  }

  /**
   * Calls `visit` for the slots in bucket `key` of `lane`, newest first, at most `limit` of them:
   * the limit keeps one hugely popular bucket (say, thousands of items titled "Market update")
   * from making grouping quadratic.
   */
  forEach(lane: number, key: number, limit: number, visit: (slot: number) => void): void {
    let current = this.#lane(lane).get(key >>> 2) ?? -1;
    for (let seen = 0; current !== -1 && seen < limit; seen++) {
      visit(current);
      current = this.#next[current * this.#lanes + lane] ?? -1;
    }
  }

  #lane(lane: number): Map<number, number> {
    const heads = this.#heads[lane];
    if (!heads) throw new RangeError(`no lane ${lane}`);
    return heads;
  }

  #ensureSlot(slot: number): void {
    const needed = (slot + 1) * this.#lanes;
    if (needed <= this.#next.length) return;
    const grown = new Int32Array(Math.max(needed, this.#next.length * 2, 1024 * this.#lanes));
    grown.set(this.#next);
    this.#next = grown;
  }
}
