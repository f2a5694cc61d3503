import { type Sections, viewAs } from '../storage/binary-sections.js';
import type { Article, ParsedArticle } from './article.js';
import { SlotBuckets } from './buckets.js';
import { SIGNATURE_SIZE, signatureAgreement, writeSignature } from './minhash.js';
import { fingerprint, mix32, sortedJaccard } from './shingles.js';

/** What grouping decided for one article. */
export interface StoryAssignment {
  /** The story the article belongs to (an existing one, or a new one named after this article). */
  storyId: string;
  /** Set when the article is an exact copy of one already seen: it collapses into that one. */
  duplicateOf: string | null;
}

/** The knobs of story grouping; DEFAULT_STORY_GROUPING explains the chosen values. */
export interface StoryGroupingOptions {
  /** Estimated Jaccard of 5-word shingles at or above which two articles report the same event. */
  jaccardThreshold: number;
  /** Estimated containment of the smaller article in the larger one for the shortened-copy rule. */
  containmentThreshold: number;
  /** Jaccard of title words the shortened-copy rule also requires. */
  titleThreshold: number;
  /** Estimated shared shingles needed for any match, so tiny texts never match on a phrase or two. */
  minSharedShingles: number;
  /** LSH bands × rows per band must not exceed SIGNATURE_SIZE. */
  bands: number;
  rows: number;
  /** Most slots looked at per bucket, newest first: bounds the work for hugely popular buckets. */
  bucketScanLimit: number;
}

/**
 * Chosen with `npx tsx bench/eval-stories.ts` on the BBC near-duplicate pairs: 0.30 is the highest
 * recall with no false merge; the figures for each setting are in bench/RESULTS.md.
 */
export const DEFAULT_STORY_GROUPING: Readonly<StoryGroupingOptions> = Object.freeze({
  jaccardThreshold: 0.3,
  containmentThreshold: 0.6,
  titleThreshold: 0.5,
  minSharedShingles: 8,
  bands: 42,
  rows: 3,
  bucketScanLimit: 200,
});

/** Evidence about one pair of articles, from their signatures and sizes. */
export interface PairEvidence {
  jaccard: number;
  /** Estimated |A ∩ B| / min(|A|, |B|). */
  containment: number;
  /** Estimated |A ∩ B|, in shingles. */
  shared: number;
  /** Exact Jaccard of the title words. */
  titleJaccard: number;
}

/**
 * The verification rule, applied to LSH candidates. Either the shingle sets overlap enough
 * (light rewrites, syndicated copies with a new intro), or one article is mostly contained in the
 * other and the titles agree (a shortened copy: one paragraph of a longer report, same headline).
 */
export function isSameStory(
  e: PairEvidence,
  options: StoryGroupingOptions = DEFAULT_STORY_GROUPING,
): boolean {
  if (e.shared < options.minSharedShingles) return false;
  if (e.jaccard >= options.jaccardThreshold) return true;
  return e.containment >= options.containmentThreshold && e.titleJaccard >= options.titleThreshold;
}

/** Estimated |A ∩ B| from a Jaccard estimate and the two exact set sizes: J(|A|+|B|)/(1+J). */
function estimateShared(jaccard: number, sizeA: number, sizeB: number): number {
  return (jaccard * (sizeA + sizeB)) / (1 + jaccard);
}

const NO_SLOT = -1;

/**
 * Groups articles that report the same event into stories, one article at a time, so that
 * articles can arrive while the bot runs.
 *
 * Each article becomes a set of 5-word shingles (title + body, normalised tokens) and a
 * 128-position MinHash signature. Candidates come from LSH: the signature is cut into bands, and
 * articles that agree on a whole band share a bucket; an extra bucket per normalised title finds
 * shortened copies, whose Jaccard is too low for the bands. Candidates are checked with
 * `isSameStory`, and the article joins the story of the most similar match (earliest on ties), or
 * starts a story named after its own id. The cost per article does not grow with the corpus
 * (bucket scans are capped), so 100,000 articles group in seconds. Exact copies (same tokens in
 * title and body) are not stored at all: they report `duplicateOf`.
 *
 * Memory per article: the 512-byte signature, a few numbers and the title's token hashes; the
 * shingle sets themselves are dropped after the signature is made. `toSections` / `fromSections`
 * save and restore all of it, buckets included, so a restarted bot groups new articles at once.
 */
export class StoryGrouper {
  readonly #options: StoryGroupingOptions;
  #buckets: SlotBuckets;
  readonly #titleLane: number;
  readonly #slotOf = new Map<string, number>();
  /** Content key → slot of the first article with that exact content. */
  readonly #slotOfContent = new Map<number, number>();
  readonly #freeSlots: number[] = [];
  #ids: (string | undefined)[] = [];
  #storyIds: string[] = [];
  #contentKeys: number[] = [];
  #titleTokens: Uint32Array[] = [];
  #titleKeys: number[] = [];
  /** Arrival order, for deterministic tie-breaking when slots are reused. */
  #arrival: number[] = [];
  #arrivals = 0;
  #shingleCounts = new Uint32Array(1024);
  #signatures = new Uint32Array(1024 * SIGNATURE_SIZE);
  /** `#visited[slot] === #visitStamp` marks a candidate already checked for the current article. */
  #visited = new Uint32Array(1024);
  #visitStamp = 0;
  readonly #bandKeyScratch: Uint32Array;

  constructor(options: Partial<StoryGroupingOptions> = {}) {
    this.#options = { ...DEFAULT_STORY_GROUPING, ...options };
    const { bands, rows } = this.#options;
    if (bands * rows > SIGNATURE_SIZE) throw new RangeError(`bands × rows must be ≤ ${SIGNATURE_SIZE}`);
    this.#titleLane = bands;
    this.#buckets = new SlotBuckets(bands + 1);
    this.#bandKeyScratch = new Uint32Array(bands);
  }

  /** Number of articles held (exact copies are not held). */
  get size(): number {
    return this.#slotOf.size;
  }

  assign(article: ParsedArticle): StoryAssignment {
    if (this.#slotOf.has(article.id)) this.remove(article.id);
    const print = fingerprint(article.title, article.paragraphs);

    const original = this.#slotOfContent.get(print.contentKey);
    if (original !== undefined) {
      return { storyId: this.#storyIds[original] ?? article.id, duplicateOf: this.#ids[original] ?? null };
    }

    const slot = this.#allocateSlot();
    const offset = slot * SIGNATURE_SIZE;
    writeSignature(print.shingles, this.#signatures, offset);
    this.#shingleCounts[slot] = print.shingles.length;
    this.#titleTokens[slot] = print.titleTokens;
    const titleKey = titleBucketKey(print.titleTokens);

    const best = this.#bestMatch(slot, titleKey);
    const storyId = best === NO_SLOT ? article.id : (this.#storyIds[best] ?? article.id);

    this.#ids[slot] = article.id;
    this.#storyIds[slot] = storyId;
    this.#contentKeys[slot] = print.contentKey;
    this.#titleKeys[slot] = titleKey;
    this.#arrival[slot] = this.#arrivals++;
    this.#slotOf.set(article.id, slot);
    this.#slotOfContent.set(print.contentKey, slot);
    this.#addToBuckets(slot);
    return { storyId, duplicateOf: null };
  }

  /**
   * The one way an article joins a collection: grouped into its story, or null when it is an exact
   * copy of an article already held (the copy is not kept). Newsroom, `articles`, `check` and the
   * benchmarks all admit articles through here.
   */
  admit(parsed: ParsedArticle): Article | null {
    const { storyId, duplicateOf } = this.assign(parsed);
    return duplicateOf === null ? { ...parsed, storyId } : null;
  }

  /** Forget an article (it was removed or replaced). Its story keeps its id for the other members. */
  remove(articleId: string): void {
    const slot = this.#slotOf.get(articleId);
    if (slot === undefined) return;
    const keys = this.#bandKeys(slot);
    for (let band = 0; band < keys.length; band++) this.#buckets.remove(slot, band, keys[band] ?? 0);
    if ((this.#titleTokens[slot]?.length ?? 0) > 0) {
      this.#buckets.remove(slot, this.#titleLane, this.#titleKeys[slot] ?? 0);
    }
    const contentKey = this.#contentKeys[slot] ?? 0;
    if (this.#slotOfContent.get(contentKey) === slot) this.#slotOfContent.delete(contentKey);
    this.#slotOf.delete(articleId);
    this.#ids[slot] = undefined;
    this.#titleTokens[slot] = EMPTY;
    this.#freeSlots.push(slot);
  }

  /**
   * The held article most similar to the one in `slot` that passes `isSameStory`, or NO_SLOT.
   * Only the first candidate met in each story is checked: most candidates of a big story are
   * its other members, and one match is enough to join it.
   */
  #bestMatch(slot: number, titleKey: number): number {
    const { bucketScanLimit } = this.#options;
    const stamp = this.#nextVisitStamp();
    let storiesSeen: Set<string> | null = null;
    let best = NO_SLOT;
    let bestScore = -1;
    const visited = this.#visited;
    const scanBucket = (lane: number, key: number): void => {
      let other = this.#buckets.first(lane, key);
      for (let seen = 0; other !== -1 && seen < bucketScanLimit; seen++) {
        if (visited[other] !== stamp) {
          visited[other] = stamp;
          const story = this.#storyIds[other] ?? '';
          if (storiesSeen === null || !storiesSeen.has(story)) {
            const score = this.#matchScore(slot, other);
            if (score >= 0) {
              storiesSeen ??= new Set();
              storiesSeen.add(story);
              if (score > bestScore || (score === bestScore && this.#isEarlier(other, best))) {
                best = other;
                bestScore = score;
              }
            }
          }
        }
        other = this.#buckets.next(other, lane);
      }
    };
    if ((this.#shingleCounts[slot] ?? 0) > 0) {
      const keys = this.#bandKeys(slot);
      for (let band = 0; band < keys.length; band++) scanBucket(band, keys[band] ?? 0);
    }
    if ((this.#titleTokens[slot]?.length ?? 0) > 0) scanBucket(this.#titleLane, titleKey);
    return best;
  }

  /** Estimated Jaccard of the two articles when they pass `isSameStory`, else -1. */
  #matchScore(a: number, b: number): number {
    const sizeA = this.#shingleCounts[a] ?? 0;
    const sizeB = this.#shingleCounts[b] ?? 0;
    if (sizeA === 0 || sizeB === 0) return -1;
    const jaccard = signatureAgreement(
      this.#signatures,
      a * SIGNATURE_SIZE,
      this.#signatures,
      b * SIGNATURE_SIZE,
    );
    const shared = estimateShared(jaccard, sizeA, sizeB);
    const evidence: PairEvidence = {
      jaccard,
      shared,
      containment: Math.min(1, shared / Math.min(sizeA, sizeB)),
      titleJaccard: sortedJaccard(this.#titleTokens[a] ?? EMPTY, this.#titleTokens[b] ?? EMPTY),
    };
    return isSameStory(evidence, this.#options) ? jaccard : -1;
  }

  #isEarlier(a: number, b: number): boolean {
    return b === NO_SLOT || (this.#arrival[a] ?? 0) < (this.#arrival[b] ?? 0);
  }

  /** The LSH bucket key of each band of the signature in `slot` (a shared scratch array). */
  #bandKeys(slot: number): Uint32Array {
    const { bands, rows } = this.#options;
    const keys = this.#bandKeyScratch;
    const signatures = this.#signatures;
    const offset = slot * SIGNATURE_SIZE;
    for (let band = 0; band < bands; band++) {
      let h = Math.imul(band + 1, 0x9e3779b1);
      const start = offset + band * rows;
      for (let r = 0; r < rows; r++) h = Math.imul(h ^ (signatures[start + r] ?? 0), 0x01000193);
      keys[band] = mix32(h);
    }
    return keys;
  }

  /** The grouper's state as binary sections (see storage/binary-sections.ts). */
  toSections(): Sections {
    const slots = this.#ids.length;
    const offsets = new Uint32Array(slots + 1);
    for (let s = 0; s < slots; s++) offsets[s + 1] = (offsets[s] ?? 0) + (this.#titleTokens[s]?.length ?? 0);
    const titleTokens = new Uint32Array(offsets[slots] ?? 0);
    for (let s = 0; s < slots; s++) titleTokens.set(this.#titleTokens[s] ?? EMPTY, offsets[s] ?? 0);
    const header: GrouperHeader = {
      options: this.#options,
      arrivals: this.#arrivals,
      ids: this.#ids.map((id) => id ?? null),
      storyIds: this.#storyIds.slice(0, slots),
      freeSlots: this.#freeSlots,
    };
    return {
      header,
      sections: [
        this.#signatures.subarray(0, slots * SIGNATURE_SIZE),
        this.#shingleCounts.subarray(0, slots),
        Float64Array.from({ length: slots }, (_, s) => this.#contentKeys[s] ?? 0),
        Uint32Array.from({ length: slots }, (_, s) => this.#titleKeys[s] ?? 0),
        Float64Array.from({ length: slots }, (_, s) => this.#arrival[s] ?? 0),
        offsets,
        titleTokens,
        ...Object.values(this.#buckets.toArrays()),
      ],
    };
  }

  /** A grouper in the state `toSections` saved; throws if the sections do not fit together. */
  static fromSections({ header, sections }: Sections): StoryGrouper {
    const h = header as GrouperHeader;
    const grouper = new StoryGrouper(h.options);
    const slots = h.ids.length;
    const [signatures, counts, contentKeys, titleKeys, arrival, offsets, tokens, ...buckets] = sections;
    const offsetArray = viewAs(offsets, Uint32Array);
    const tokenArray = viewAs(tokens, Uint32Array);
    const signatureArray = viewAs(signatures, Uint32Array);
    if (signatureArray.length !== slots * SIGNATURE_SIZE || offsetArray.length !== slots + 1) {
      throw new Error('damaged story grouping');
    }
    const capacity = Math.max(1024, slots);
    grouper.#signatures = grow(signatureArray, capacity * SIGNATURE_SIZE);
    grouper.#shingleCounts = grow(viewAs(counts, Uint32Array), capacity);
    grouper.#visited = new Uint32Array(capacity);
    grouper.#ids = h.ids.map((id) => id ?? undefined);
    grouper.#storyIds = h.storyIds;
    grouper.#contentKeys = Array.from(viewAs(contentKeys, Float64Array));
    grouper.#titleKeys = Array.from(viewAs(titleKeys, Uint32Array));
    grouper.#arrival = Array.from(viewAs(arrival, Float64Array));
    grouper.#arrivals = h.arrivals;
    grouper.#freeSlots.push(...h.freeSlots);
    for (let slot = 0; slot < slots; slot++) {
      grouper.#titleTokens[slot] = tokenArray.slice(offsetArray[slot] ?? 0, offsetArray[slot + 1] ?? 0);
      const id = grouper.#ids[slot];
      if (id === undefined) continue;
      grouper.#slotOf.set(id, slot);
      grouper.#slotOfContent.set(grouper.#contentKeys[slot] ?? 0, slot);
    }
    const [bucketCounts, next, keys, laneOf, heads] = buckets;
    grouper.#buckets = SlotBuckets.fromArrays(h.options.bands + 1, {
      counts: viewAs(bucketCounts, Int32Array),
      next: viewAs(next, Int32Array),
      keys: viewAs(keys, Uint32Array),
      laneOf: viewAs(laneOf, Uint8Array),
      heads: viewAs(heads, Int32Array),
    });
    if (grouper.#buckets.slotCapacity < slots) throw new Error('damaged story grouping');
    return grouper;
  }

  #addToBuckets(slot: number): void {
    const keys = this.#bandKeys(slot);
    for (let band = 0; band < keys.length; band++) this.#buckets.add(slot, band, keys[band] ?? 0);
    const titleTokens = this.#titleTokens[slot] ?? EMPTY;
    if (titleTokens.length > 0) this.#buckets.add(slot, this.#titleLane, this.#titleKeys[slot] ?? 0);
  }

  #nextVisitStamp(): number {
    this.#visitStamp = (this.#visitStamp + 1) >>> 0;
    if (this.#visitStamp === 0) {
      this.#visited.fill(0);
      this.#visitStamp = 1;
    }
    return this.#visitStamp;
  }

  #allocateSlot(): number {
    const reused = this.#freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.#ids.length;
    this.#ids.push(undefined);
    if (slot >= this.#shingleCounts.length) {
      const capacity = this.#shingleCounts.length * 2;
      this.#shingleCounts = grow(this.#shingleCounts, capacity);
      this.#visited = grow(this.#visited, capacity);
      this.#signatures = grow(this.#signatures, capacity * SIGNATURE_SIZE);
    }
    return slot;
  }
}

const EMPTY = new Uint32Array(0);

interface GrouperHeader {
  options: StoryGroupingOptions;
  arrivals: number;
  ids: (string | null)[];
  storyIds: string[];
  freeSlots: number[];
}

function titleBucketKey(titleTokens: Uint32Array): number {
  let h = 0x6a09e667;
  for (let i = 0; i < titleTokens.length; i++) h = Math.imul(h ^ (titleTokens[i] ?? 0), 0x01000193);
  return mix32(h);
}

function grow(array: Uint32Array, length: number): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(length);
  grown.set(array);
  return grown;
}
