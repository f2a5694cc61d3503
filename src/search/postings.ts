import SearchableMap from 'minisearch/SearchableMap';
import type { Sections } from '../storage/binary-sections.js';
import { viewAs } from '../storage/binary-sections.js';
import { type DocTable, grow } from './doc-table.js';

/**
 * The inverted index, in typed arrays: per term, one Uint32Array of (document number, packed
 * per-field frequencies) pairs, documents ascending (they are numbered in arrival order).
 * About 8 bytes per (term, document) against ~50 for minisearch's Map<term, Map<field, Map<doc,
 * freq>>>, no per-posting objects for the garbage collector to trace, and a snapshot that is the
 * arrays' bytes.
 *
 * The vocabulary is minisearch's SearchableMap (a radix tree of term → term number), which keeps
 * minisearch's fuzzy lookup for typo tolerance and "did you mean".
 *
 * Removal is a tombstone (the document table's `alive`); postings of removed documents are dropped
 * in one pass once they are a sizeable share. Until then they still count in document frequencies,
 * as in minisearch before a vacuum.
 */
export class PostingsStore {
  readonly #docTable: DocTable;
  readonly #fieldBits: readonly number[];
  readonly #shifts: number[];
  readonly #masks: number[];
  /** For typo-tolerant lookup; exact lookups use `#termIds`, a hash map, which is much faster. */
  #vocabulary = new SearchableMap<number>();
  #termIds = new Map<string, number>();
  /** Term number → term; '' for a number freed by compaction. */
  #terms: string[] = [];
  #freeTermIds: number[] = [];
  #counts = new Uint32Array(1024);
  /** Per term: [doc, packed, doc, packed, ...], `#counts[term]` pairs of it in use. */
  #pairs: Uint32Array[] = [];
  /** `#fieldDf[term * fields + field]`: postings of the term with a non-zero frequency in that field. */
  #fieldDf = new Uint32Array(1024 * 3);
  #live = 0;
  #fieldTotals: Float64Array;
  #postings = 0;
  #deadPostings = 0;
  #generation = 0;
  /**
   * Scratch for the document being added: at 2 × term number a stamp, next to it the term's packed
   * frequencies, valid while the stamp is current (side by side: one cache line per lookup).
   */
  #scratch = new Uint32Array(2 * 1024);
  #stamp = 0;
  readonly #scratchTerms: number[] = [];

  /** `fieldBits`: bits of the frequency word per field (summing to ≤ 32); frequencies saturate there. */
  constructor(docTable: DocTable, fieldBits: readonly number[]) {
    this.#docTable = docTable;
    this.#fieldBits = fieldBits;
    this.#shifts = fieldBits.map((_, f) => fieldBits.slice(0, f).reduce((a, b) => a + b, 0));
    if ((this.#shifts.at(-1) ?? 0) + (fieldBits.at(-1) ?? 0) > 32) throw new RangeError('over 32 bits');
    this.#masks = fieldBits.map((bits) => 2 ** bits - 1);
    this.#fieldDf = new Uint32Array(1024 * fieldBits.length);
    this.#fieldTotals = new Float64Array(fieldBits.length);
  }

  get fields(): number {
    return this.#fieldBits.length;
  }

  /** Live documents. */
  get documentCount(): number {
    return this.#live;
  }

  averageFieldLength(field: number): number {
    return this.#live === 0 ? 0 : (this.#fieldTotals[field] ?? 0) / this.#live;
  }

  termId(term: string): number | undefined {
    return this.#termIds.get(term);
  }

  /** Index terms within `maxDistance` edits of `term`: term → [term number, distance]. */
  closeTerms(term: string, maxDistance: number): Map<string, [number, number]> {
    return this.#vocabulary.fuzzyGet(term, maxDistance);
  }

  /** Postings of a term: pairs [0, count) of `pairsOf` (document at 2i, packed frequencies at 2i + 1). */
  count(termId: number): number {
    return this.#counts[termId] ?? 0;
  }

  pairsOf(termId: number): Uint32Array {
    return this.#pairs[termId] ?? EMPTY;
  }

  /** The number of a term, added to the vocabulary if new. */
  idOf(term: string): number {
    return this.#termIds.get(term) ?? this.#newTermId(term);
  }

  /** Bumped by each compaction, which may give freed term numbers to other terms. */
  get generation(): number {
    return this.#generation;
  }

  fieldDf(termId: number, field: number): number {
    return this.#fieldDf[termId * this.fields + field] ?? 0;
  }

  /** Where a field's frequency sits in the packed word: `(word >>> shift) & mask`. */
  shift(field: number): number {
    return this.#shifts[field] ?? 0;
  }

  mask(field: number): number {
    return this.#masks[field] ?? 0;
  }

  /**
   * Indexes document `doc` (a number above every earlier one) with the analysed terms of each field,
   * as term numbers (see `idOf`). `extraTerms` are indexed the same way but left out of the field's
   * length (word forms beside their stems: the text is no longer for being indexed twice).
   */
  add(
    doc: number,
    fieldTerms: readonly (readonly number[])[],
    extraTerms: readonly (readonly number[])[] = [],
  ): void {
    const stamp = this.#nextStamp();
    const terms = this.#scratchTerms;
    terms.length = 0;
    const table = this.#docTable;
    table.ensure(doc);
    for (let f = 0; f < this.fields; f++) {
      const shift = this.#shifts[f] ?? 0;
      const mask = this.#masks[f] ?? 0;
      const one = 2 ** shift;
      const ids = fieldTerms[f] ?? [];
      // Term numbers were all given out before this call, so the scratch array is large enough.
      const scratch = this.#scratch;
      let unique = 0;
      for (let i = 0; i < ids.length; i++) {
        const at = 2 * (ids[i] ?? 0);
        if (scratch[at] !== stamp) {
          scratch[at] = stamp;
          scratch[at + 1] = 0;
          terms.push(at >>> 1);
        }
        const packed = scratch[at + 1] ?? 0;
        const tf = (packed >>> shift) & mask;
        if (tf === 0) unique++;
        if (tf < mask) scratch[at + 1] = packed + one;
      }
      const extras = extraTerms[f] ?? [];
      for (let i = 0; i < extras.length; i++) {
        const at = 2 * (extras[i] ?? 0);
        if (scratch[at] !== stamp) {
          scratch[at] = stamp;
          scratch[at + 1] = 0;
          terms.push(at >>> 1);
        }
        const packed = scratch[at + 1] ?? 0;
        if (((packed >>> shift) & mask) < mask) scratch[at + 1] = packed + one;
      }
      const column = table.fieldLength[f];
      if (column) column[doc] = unique;
      this.#fieldTotals[f] = (this.#fieldTotals[f] ?? 0) + unique;
    }
    for (const id of terms) this.#append(id, doc, this.#scratch[2 * id + 1] ?? 0);
    table.alive[doc] = 1;
    table.postingCount[doc] = terms.length;
    this.#postings += terms.length;
    this.#live++;
  }

  #nextStamp(): number {
    this.#stamp = (this.#stamp + 1) >>> 0;
    if (this.#stamp === 0) {
      this.#scratch.fill(0);
      this.#stamp = 1;
    }
    return this.#stamp;
  }

  /** Marks `doc` removed; drops removed postings once they are over a fifth of all. */
  remove(doc: number): void {
    const table = this.#docTable;
    if (table.alive[doc] !== 1) return;
    table.alive[doc] = 0;
    this.#live--;
    for (let f = 0; f < this.fields; f++) {
      this.#fieldTotals[f] = (this.#fieldTotals[f] ?? 0) - (table.fieldLength[f]?.[doc] ?? 0);
    }
    this.#deadPostings += table.postingCount[doc] ?? 0;
    if (this.#deadPostings > COMPACT_MIN && this.#deadPostings > COMPACT_SHARE * this.#postings)
      this.compact();
  }

  /** Drops the postings of removed documents, and terms no live document holds any more. */
  compact(): void {
    const alive = this.#docTable.alive;
    const fields = this.fields;
    for (let t = 0; t < this.#terms.length; t++) {
      const pairs = this.#pairs[t] ?? EMPTY;
      const count = this.#counts[t] ?? 0;
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const doc = pairs[2 * i] ?? 0;
        if (alive[doc] !== 1) continue;
        pairs[2 * kept] = doc;
        pairs[2 * kept + 1] = pairs[2 * i + 1] ?? 0;
        kept++;
      }
      if (kept === count) continue;
      this.#counts[t] = kept;
      if (kept === 0) {
        this.#vocabulary.delete(this.#terms[t] ?? '');
        this.#termIds.delete(this.#terms[t] ?? '');
        this.#terms[t] = '';
        this.#pairs[t] = EMPTY;
        this.#freeTermIds.push(t);
      } else if (kept * 8 < pairs.length) {
        this.#pairs[t] = pairs.slice(0, kept * 4);
      }
      for (let f = 0; f < fields; f++) this.#fieldDf[t * fields + f] = this.#countField(t, f);
    }
    this.#postings -= this.#deadPostings;
    this.#deadPostings = 0;
    this.#generation++;
  }

  #countField(termId: number, field: number): number {
    const pairs = this.pairsOf(termId);
    const shift = this.#shifts[field] ?? 0;
    const mask = this.mask(field);
    let n = 0;
    for (let i = 0; i < this.count(termId); i++) if ((((pairs[2 * i + 1] ?? 0) >>> shift) & mask) !== 0) n++;
    return n;
  }

  #newTermId(term: string): number {
    const id = this.#freeTermIds.pop() ?? this.#terms.length;
    if (id === this.#terms.length) {
      this.#terms.push(term);
      this.#pairs.push(EMPTY);
      if (id >= this.#counts.length) {
        this.#counts = grow(this.#counts, this.#counts.length * 2);
        this.#fieldDf = grow(this.#fieldDf, this.#counts.length * this.fields);
      }
      if (2 * id >= this.#scratch.length) {
        this.#scratch = grow(this.#scratch, 2 * this.#counts.length);
      }
    } else {
      this.#terms[id] = term;
    }
    this.#vocabulary.set(term, id);
    this.#termIds.set(term, id);
    return id;
  }

  #append(termId: number, doc: number, packed: number): void {
    const count = this.#counts[termId] ?? 0;
    let pairs = this.#pairs[termId] ?? EMPTY;
    if (2 * count === pairs.length) {
      const grown = new Uint32Array(Math.max(4, 4 * count));
      grown.set(pairs);
      pairs = grown;
      this.#pairs[termId] = pairs;
    }
    pairs[2 * count] = doc;
    pairs[2 * count + 1] = packed;
    this.#counts[termId] = count + 1;
    const fields = this.#masks.length;
    const base = termId * fields;
    for (let f = 0; f < fields; f++) {
      if (((packed >>> (this.#shifts[f] ?? 0)) & (this.#masks[f] ?? 0)) !== 0) {
        this.#fieldDf[base + f] = (this.#fieldDf[base + f] ?? 0) + 1;
      }
    }
  }

  /** The store and its document-table columns as binary sections (see storage/binary-sections.ts). */
  toSections(): Sections {
    const terms = this.#terms.length;
    let total = 0;
    for (let t = 0; t < terms; t++) total += this.#counts[t] ?? 0;
    const pairs = new Uint32Array(2 * total);
    let at = 0;
    for (let t = 0; t < terms; t++) {
      const count = this.#counts[t] ?? 0;
      pairs.set(this.pairsOf(t).subarray(0, 2 * count), 2 * at);
      at += count;
    }
    const table = this.#docTable;
    return {
      header: {
        fieldBits: this.#fieldBits,
        terms,
        live: this.#live,
        fieldTotals: [...this.#fieldTotals],
        postings: this.#postings,
        deadPostings: this.#deadPostings,
        capacity: table.capacity,
      },
      sections: [
        Buffer.from(this.#terms.join('\n'), 'utf8'),
        this.#counts.subarray(0, terms),
        this.#fieldDf.subarray(0, terms * this.fields),
        pairs,
        table.alive,
        table.postingCount,
        ...table.fieldLength,
      ],
    };
  }

  /**
   * Restores a store saved by `toSections` into an empty document table; the postings stay views
   * into the loaded bytes until they grow. Throws if the sections do not fit together.
   */
  static fromSections(docTable: DocTable, { header, sections }: Sections): PostingsStore {
    const h = header as PostingsHeader;
    const store = new PostingsStore(docTable, h.fieldBits);
    const [vocabulary, counts, fieldDf, pairs, alive, postingCount, ...lengths] = sections;
    const text = new TextDecoder().decode(viewAs(vocabulary, Uint8Array));
    const terms = h.terms === 0 ? [] : text.split('\n');
    const countArray = viewAs(counts, Uint32Array);
    if (terms.length !== h.terms || countArray.length !== h.terms) throw new Error('damaged postings');
    store.#terms = terms;
    store.#counts = grow(countArray, Math.max(1024, h.terms * 2));
    store.#fieldDf = grow(viewAs(fieldDf, Uint32Array), store.#counts.length * store.fields);
    store.#scratch = new Uint32Array(2 * store.#counts.length);
    const allPairs = viewAs(pairs, Uint32Array);
    let at = 0;
    for (let t = 0; t < h.terms; t++) {
      const count = countArray[t] ?? 0;
      store.#pairs.push(allPairs.subarray(2 * at, 2 * (at + count)));
      at += count;
      const term = terms[t] ?? '';
      if (term === '') store.#freeTermIds.push(t);
      else {
        store.#vocabulary.set(term, t);
        store.#termIds.set(term, t);
      }
    }
    if (2 * at !== allPairs.length) throw new Error('damaged postings');
    if (h.capacity > 0) docTable.ensure(h.capacity - 1);
    if (docTable.capacity !== h.capacity || lengths.length !== store.fields)
      throw new Error('damaged postings');
    docTable.alive.set(viewAs(alive, Uint8Array));
    docTable.postingCount.set(viewAs(postingCount, Uint32Array));
    lengths.forEach((section, f) => {
      docTable.fieldLength[f]?.set(viewAs(section, Float32Array));
    });
    store.#live = h.live;
    store.#fieldTotals = Float64Array.from(h.fieldTotals);
    store.#postings = h.postings;
    store.#deadPostings = h.deadPostings;
    return store;
  }
}

interface PostingsHeader {
  fieldBits: number[];
  terms: number;
  live: number;
  fieldTotals: number[];
  postings: number;
  deadPostings: number;
  capacity: number;
}

const EMPTY = new Uint32Array(0);
/** Compaction waits for this many removed postings (a pass over all terms is not free)... */
const COMPACT_MIN = 100_000;
/** ...and for them to be this share of all postings. */
const COMPACT_SHARE = 0.2;

/** First pair of the (document, frequencies) pairs [0, count), sorted by document, whose document is ≥ `doc`. */
export function lowerBound(pairs: Uint32Array, count: number, doc: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pairs[2 * mid] ?? 0) < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
