/**
 * Hash buckets of small integer slots, in several independent lanes (one per LSH band, plus one
 * for titles). Each bucket is a linked list threaded through one Int32Array, newest slot first; the
 * bucket heads of all lanes share one open-addressing table in typed arrays. 100,000 articles ×
 * 43 lanes then cost ~17 bytes per membership outside the JS heap (a Map per lane cost ~30 inside
 * it, traced by every collection), and saving or restoring the buckets is copying the arrays.
 */
export class SlotBuckets {
  readonly #lanes: number;
  /** `next[slot * lanes + lane]`: the next older slot in the same bucket, or -1. */
  #next: Int32Array<ArrayBufferLike> = new Int32Array(0);
  // The head table: per entry a folded key, its lane and the newest slot (EMPTY, or DELETED once emptied).
  #keys: Uint32Array<ArrayBufferLike> = new Uint32Array(1024);
  #laneOf: Uint8Array<ArrayBufferLike> = new Uint8Array(1024);
  #heads: Int32Array<ArrayBufferLike> = new Int32Array(1024).fill(EMPTY);
  /** Entries in use (live heads and DELETED markers): what bounds probe lengths. */
  #used = 0;
  #live = 0;

  constructor(lanes: number) {
    if (lanes > 255) throw new RangeError('at most 255 lanes');
    this.#lanes = lanes;
  }

  /** Puts `slot` into bucket `key` of `lane`. */
  add(slot: number, lane: number, key: number): void {
    this.#ensureSlot(slot);
    const entry = this.#find(lane, key);
    if (entry >= 0) {
      this.#next[slot * this.#lanes + lane] = this.#heads[entry] ?? -1;
      this.#heads[entry] = slot;
      return;
    }
    this.#next[slot * this.#lanes + lane] = -1;
    this.#insert(lane, key >>> 2, slot);
  }

  /** Takes `slot` out of bucket `key` of `lane` (the key it was added with). */
  remove(slot: number, lane: number, key: number): void {
    const entry = this.#find(lane, key);
    if (entry < 0) return;
    const after = this.#next[slot * this.#lanes + lane] ?? -1;
    let current = this.#heads[entry] ?? -1;
    if (current === slot) {
      this.#heads[entry] = after === -1 ? DELETED : after;
      if (after === -1) this.#live--;
      return;
    }
    while (current !== -1) {
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
    let current = this.first(lane, key);
    for (let seen = 0; current !== -1 && seen < limit; seen++) {
      visit(current);
      current = this.next(current, lane);
    }
  }

  /** Slots that have room in the linked lists without growing them. */
  get slotCapacity(): number {
    return this.#next.length / this.#lanes;
  }

  /** The newest slot in bucket `key` of `lane`, or -1 (with `next`, a walk that needs no callback). */
  first(lane: number, key: number): number {
    const entry = this.#find(lane, key);
    return entry < 0 ? -1 : (this.#heads[entry] ?? -1);
  }

  /** The next older slot after `slot` in its bucket of `lane`, or -1. */
  next(slot: number, lane: number): number {
    return this.#next[slot * this.#lanes + lane] ?? -1;
  }

  /** The buckets as typed arrays, for a snapshot. */
  toArrays(): BucketArrays {
    return {
      counts: Int32Array.of(this.#used, this.#live),
      next: this.#next,
      keys: this.#keys,
      laneOf: this.#laneOf,
      heads: this.#heads,
    };
  }

  /** Buckets in the state `toArrays` saved (the arrays are kept, not copied); throws if they do not fit together. */
  static fromArrays(lanes: number, { counts, next, keys, laneOf, heads }: BucketArrays): SlotBuckets {
    const capacity = heads.length;
    const fits = counts.length === 2 && keys.length === capacity && laneOf.length === capacity;
    if (!fits || capacity === 0 || (capacity & (capacity - 1)) !== 0 || next.length % lanes !== 0) {
      throw new Error('damaged buckets');
    }
    const buckets = new SlotBuckets(lanes);
    buckets.#next = next;
    buckets.#keys = keys;
    buckets.#laneOf = laneOf;
    buckets.#heads = heads;
    buckets.#used = counts[0] ?? 0;
    buckets.#live = counts[1] ?? 0;
    return buckets;
  }

  /** The table entry holding bucket `key` of `lane`, or -1. */
  #find(lane: number, key: number): number {
    const folded = key >>> 2;
    const mask = this.#heads.length - 1;
    for (let entry = entryHash(lane, folded) & mask; ; entry = (entry + 1) & mask) {
      const head = this.#heads[entry] ?? EMPTY;
      if (head === EMPTY) return -1;
      if (head !== DELETED && this.#keys[entry] === folded && this.#laneOf[entry] === lane) return entry;
    }
  }

  #insert(lane: number, folded: number, slot: number): void {
    if (4 * (this.#used + 1) > 3 * this.#heads.length) this.#rehash();
    const mask = this.#heads.length - 1;
    let entry = entryHash(lane, folded) & mask;
    while (this.#heads[entry] !== EMPTY) entry = (entry + 1) & mask;
    this.#keys[entry] = folded;
    this.#laneOf[entry] = lane;
    this.#heads[entry] = slot;
    this.#used++;
    this.#live++;
  }

  /** Rebuilds the table without DELETED markers, twice as large when live buckets need it. */
  #rehash(): void {
    const keys = this.#keys;
    const laneOf = this.#laneOf;
    const heads = this.#heads;
    let capacity = heads.length;
    while (2 * (this.#live + 1) > capacity) capacity *= 2;
    this.#keys = new Uint32Array(capacity);
    this.#laneOf = new Uint8Array(capacity);
    this.#heads = new Int32Array(capacity).fill(EMPTY);
    this.#used = 0;
    this.#live = 0;
    for (let entry = 0; entry < heads.length; entry++) {
      const head = heads[entry] ?? EMPTY;
      if (head >= 0) this.#insert(laneOf[entry] ?? 0, keys[entry] ?? 0, head);
    }
  }

  #ensureSlot(slot: number): void {
    const needed = (slot + 1) * this.#lanes;
    if (needed <= this.#next.length) return;
    const grown = new Int32Array(Math.max(needed, this.#next.length * 2, 1024 * this.#lanes));
    grown.set(this.#next);
    this.#next = grown;
  }
}

export interface BucketArrays {
  /** Table entries in use, and live buckets among them. */
  counts: Int32Array;
  next: Int32Array;
  keys: Uint32Array;
  laneOf: Uint8Array;
  heads: Int32Array;
}

const EMPTY = -1;
const DELETED = -2;

function entryHash(lane: number, folded: number): number {
  let h = Math.imul(folded ^ Math.imul(lane + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}
