import { grow } from './doc-table.js';
import type { Documents } from './documents.js';
import type { FeedbackOptions } from './feedback.js';
import { FIELDS, type FieldTexts } from './index-fields.js';
import { lowerBound, type PostingsStore } from './postings.js';
import { coordinationFactor, type RecencyOptions, recencyFactor } from './ranking.js';
import { bm25Idf, type ProximityOptions, proximityBonuses } from './rerank.js';
import { topK } from './top-k.js';

/** How the index scores a query: the scoring part of the index options (news-index.ts composes it). */
export interface ScoringOptions {
  /**
   * Field weights: a word in the title counts more than one in the lead, which beats the body.
   * Default `{ title: 1.5, lead: 1.2, body: 1 }`.
   */
  boosts: { title: number; lead: number; body: number };
  /**
   * BM25 parameters, as minisearch's: `k` saturates term frequency, `b` normalises for field length,
   * `d` is a floor per matching field. Default `{ k: 2, b: 0.8, d: 0 }`.
   */
  bm25: { k: number; b: number; d: number };
  /**
   * How a word's matches in title, lead and body combine: 'bm25f' adds the fields' boosted,
   * length-normalised frequencies and saturates once, so a word in both title and lead counts as
   * one strong match rather than two; 'sum' scores each field alone and adds (minisearch's way).
   * Default 'sum'.
   */
  fieldScoring: FieldScoring;
  /**
   * Preference for fresh articles; null for none (archives, evaluation). Applied at query time.
   * Default `{ weight: 0.2, halfLifeDays: 3 }` (see ranking.ts).
   */
  recency: RecencyOptions | null;
  /**
   * 0 ranks partial matches by BM25 alone; higher values favour articles that match every term
   * (the score is multiplied by the share of terms matched to this power). Default 0.5.
   */
  coordination: number;
  /**
   * What "share of terms matched" counts for the all-terms bonus: 'count' counts every term alike;
   * 'idf' weighs each by its IDF, so that in a long query an article missing a rare name loses more
   * than one missing a common word. Default 'count'.
   */
  coordinationBy: 'count' | 'idf';
  /**
   * Weight of a word's exact form beside its stem, in title and lead: with it `housing` ranks
   * "Housing approvals rise" above "White House says…", while the stem still finds every form.
   * 0 ranks all forms of a stem alike. Default 0.25 (tuned on the odd TIME queries, bench/RESULTS.md).
   */
  formWeight: number;
  /**
   * Pseudo-relevance feedback (RM3) for longer queries: the words the best first-pass articles share
   * re-score the best candidates, with a small weight (feedback.ts). Default
   * `{ documents: 0, terms: 10, weight: 0.4, minQueryTerms: 3, candidates: 100 }`: off (`documents: 3`
   * turns it on), as it lowered held-out MAP on TIME (see feedback.ts).
   */
  feedback: FeedbackOptions;
  /**
   * Re-ranking of the best candidates by how close together the query's words occur (rerank.ts).
   * Default `{ weight: 2, candidates: 20 }`.
   */
  proximity: ProximityOptions;
}

/** In queries of three or more words, words found in more than this share of articles only re-score. */
const COMMON_SHARE = 0.05;
/** ...and in more than this many: small collections are fast anyway and keep every partial match. */
const COMMON_MIN_ARTICLES = 2000;

/**
 * How a term's fields make its score. 'bm25f': the fields' length-normalised frequencies, weighted
 * by their boosts, are added into one frequency that is saturated once, with one IDF (Robertson,
 * Zaragoza & Taylor, "Simple BM25 extension to multiple weighted fields", CIKM 2004): a word in both
 * title and lead is one piece of evidence, not two. 'sum': each field is scored by BM25 on its own
 * and the scores added (minisearch's way).
 */
export type FieldScoring = 'bm25f' | 'sum';

/** Per field of one query term, what scoring a posting needs (see #fieldWeights). */
interface FieldWeight {
  /** 'sum': boost × IDF × weight; 'bm25f': the field's boost alone (IDF × weight is the term's, see #termWeight). */
  w: number;
  shift: number;
  mask: number;
  lengths: Float32Array;
  average: number;
}

/**
 * BM25 over the weighted fields, summed per document straight from the postings into flat arrays
 * (no object per match), then the all-terms bonus, the recency preference and the proximity re-rank.
 * One search at a time: `begin()` starts one, and a stamp tells which slots belong to it.
 */
export class Scorer {
  options: ScoringOptions;
  /**
   * Per document, for the current search: score; bit i set when query term i matched (`mask`), and
   * when it matched as typed rather than through a close word (`exactMask`).
   */
  score = new Float64Array(0);
  mask = new Uint32Array(0);
  exactMask = new Uint32Array(0);
  readonly #documents: Documents;
  readonly #postings: PostingsStore;
  #fieldBoost: number[];
  #epoch = 0;
  #stamp = new Uint32Array(0);

  constructor(documents: Documents, postings: PostingsStore, options: ScoringOptions) {
    this.#documents = documents;
    this.#postings = postings;
    this.options = options;
    this.#fieldBoost = FIELDS.map((field) => options.boosts[field]);
  }

  /** Starts a search: makes room for every document and invalidates the previous search's slots. */
  begin(): void {
    const capacity = this.#documents.table.capacity;
    if (this.#stamp.length < capacity) {
      this.#stamp = grow(this.#stamp, capacity);
      this.score = grow(this.score, capacity);
      this.mask = grow(this.mask, capacity);
      this.exactMask = grow(this.exactMask, capacity);
    }
    this.#epoch++;
  }

  /**
   * Which terms of a longer query are so common (in more than COMMON_SHARE of a large corpus) that they only
   * adjust the scores of articles the rarer terms found, instead of bringing in every article that
   * mentions them: their low IDF barely ranks, but their long postings cost the most time.
   */
  commonTerms(termIds: readonly (number | undefined)[]): boolean[] {
    const store = this.#postings;
    const threshold = Math.max(COMMON_MIN_ARTICLES, COMMON_SHARE * store.documentCount);
    const common = termIds.map((termId) => {
      let df = 0;
      for (let f = 0; termId !== undefined && f < FIELDS.length; f++)
        df = Math.max(df, store.fieldDf(termId, f));
      return df > threshold;
    });
    const rare = common.filter((c, i) => !c && termIds[i] !== undefined).length;
    return termIds.length >= 3 && rare > 0 ? common : common.map(() => false);
  }

  /**
   * Adds one term's BM25 contribution (times `weight`) to every live article holding it, marking
   * query term `bit` matched (and matched exactly if `exact`); new articles go to `touched`.
   */
  accumulate(termId: number, weight: number, bit: number, touched: number[], exact: boolean): void {
    const weights = this.#fieldWeights(termId, weight);
    const end = 2 * this.#postings.count(termId);
    const pairs = this.#postings.pairsOf(termId);
    const alive = this.#documents.table.alive;
    const epoch = this.#epoch;
    const stamp = this.#stamp;
    const score = this.score;
    const mask = this.mask;
    const exactMask = this.exactMask;
    const exactBit = exact ? bit : 0;
    for (let i = 0; i < end; i += 2) {
      const doc = pairs[i] ?? 0;
      if (alive[doc] !== 1) continue;
      const s = this.#postingScore(weights, doc, pairs[i + 1] ?? 0);
      if (stamp[doc] !== epoch) {
        stamp[doc] = epoch;
        score[doc] = s;
        mask[doc] = bit;
        exactMask[doc] = exactBit;
        touched.push(doc);
      } else {
        score[doc] = (score[doc] ?? 0) + s;
        mask[doc] = (mask[doc] ?? 0) | bit;
        exactMask[doc] = (exactMask[doc] ?? 0) | exactBit;
      }
    }
  }

  /**
   * A common term's BM25 contribution, added only to articles already found (the first `candidates`
   * touched): each is looked up in the term's sorted postings when they are few, else the postings
   * are walked once (which also adds to other articles this search touched, unless `onlyCandidates`).
   * `bit` 0 adds score without marking a query term matched (word forms, feedback words).
   */
  accumulateOnCandidates(
    termId: number,
    weight: number,
    bit: number,
    touched: readonly number[],
    candidates: number,
    exact: boolean,
    onlyCandidates = false,
  ): void {
    const weights = this.#fieldWeights(termId, weight);
    const count = this.#postings.count(termId);
    const pairs = this.#postings.pairsOf(termId);
    const exactBit = exact ? bit : 0;
    const add = (doc: number, packed: number): void => {
      this.score[doc] = (this.score[doc] ?? 0) + this.#postingScore(weights, doc, packed);
      this.mask[doc] = (this.mask[doc] ?? 0) | bit;
      this.exactMask[doc] = (this.exactMask[doc] ?? 0) | exactBit;
    };
    if (onlyCandidates || candidates * Math.log2(count + 1) < count) {
      for (let c = 0; c < candidates; c++) {
        const doc = touched[c] ?? 0;
        const i = lowerBound(pairs, count, doc);
        if (i < count && pairs[2 * i] === doc) add(doc, pairs[2 * i + 1] ?? 0);
      }
      return;
    }
    const stamp = this.#stamp;
    const epoch = this.#epoch;
    for (let i = 0; i < 2 * count; i += 2) {
      const doc = pairs[i] ?? 0;
      if (stamp[doc] === epoch) add(doc, pairs[i + 1] ?? 0);
    }
  }

  /**
   * Weighs the query's terms for the all-terms bonus: by IDF with `coordinationBy` 'idf' (missing a
   * rare name costs more than missing a common word), else all alike. Unknown terms weigh as the rarest.
   */
  weighTerms(termIds: readonly (number | undefined)[]): void {
    const documents = this.#postings.documentCount;
    this.#termShares = termIds.map((termId) =>
      this.options.coordinationBy === 'idf'
        ? bm25Idf(documents, termId === undefined ? 0 : this.#postings.count(termId))
        : 1,
    );
    this.#termSharesTotal = this.#termShares.reduce((sum, w) => sum + w, 0);
  }

  #termShares: number[] = [];
  #termSharesTotal = 0;

  /** Turns a document's BM25 sum into its score: times the all-terms bonus and the recency preference. */
  finish(doc: number, queryTerms: number, nowMs: number): void {
    const time = this.#documents.table.published[doc] ?? Number.NaN;
    const coordination = coordinationFactor(
      this.#matchedShare(this.mask[doc] ?? 0, queryTerms),
      queryTerms,
      this.options.coordination,
    );
    const recency = recencyFactor(Number.isNaN(time) ? null : time, nowMs, this.options.recency);
    this.score[doc] = (this.score[doc] ?? 0) * coordination * recency;
  }

  /** How many query terms a mask holds, or with IDF weights that share of `queryTerms`. */
  #matchedShare(mask: number, queryTerms: number): number {
    if (this.options.coordinationBy !== 'idf' || this.#termSharesTotal <= 0) return popcount(mask);
    let matched = 0;
    this.#termShares.forEach((w, i) => {
      if ((mask & (1 << i)) !== 0) matched += w;
    });
    return (matched / this.#termSharesTotal) * queryTerms;
  }

  /**
   * Adds to the best candidates' scores their proximity bonus, read from their indexed text. Only
   * they can gain, so no article outside them could have overtaken one inside.
   */
  addProximity(
    terms: readonly string[],
    termIds: readonly (number | undefined)[],
    kept: readonly number[],
    texts: FieldTexts,
  ): void {
    const { proximity, bm25 } = this.options;
    if (terms.length < 2 || proximity.weight <= 0) return;
    const best = topK(kept, proximity.candidates, (doc) => this.score[doc] ?? 0);
    const candidateTexts = best.map((doc) => {
      const fields = texts.of(doc);
      return fields === undefined ? '' : `${fields.title}\n${fields.lead}${fields.body}`;
    });
    const weights = termIds.map((termId) => {
      // The field where the term is most common stands for its article count: exact enough, and O(1).
      let df = 0;
      for (let f = 0; termId !== undefined && f < FIELDS.length; f++)
        df = Math.max(df, this.#postings.fieldDf(termId, f));
      return bm25Idf(this.#postings.documentCount, df);
    });
    const bonuses = proximityBonuses(terms, weights, candidateTexts, { ...proximity, ...bm25 });
    best.forEach((doc, i) => {
      this.score[doc] = (this.score[doc] ?? 0) + (bonuses[i] ?? 0);
    });
  }

  /**
   * Puts articles that hold more query words exactly (as typed, not through a close word) above
   * those that hold fewer, keeping the order within each group: each group's scores are lifted
   * above the best of the groups below.
   */
  rankExactFirst(kept: readonly number[]): void {
    const best: number[] = [];
    for (const doc of kept) {
      const tier = popcount(this.exactMask[doc] ?? 0);
      best[tier] = Math.max(best[tier] ?? 0, this.score[doc] ?? 0);
    }
    const lift: number[] = [];
    let below = 0;
    for (let tier = 0; tier < best.length; tier++) {
      lift[tier] = below;
      if (best[tier] !== undefined) below += (best[tier] ?? 0) + 1;
    }
    for (const doc of kept) {
      this.score[doc] = (this.score[doc] ?? 0) + (lift[popcount(this.exactMask[doc] ?? 0)] ?? 0);
    }
  }

  /**
   * Per field of a term: BM25 weight (boost × IDF, times `weight`), where its frequency sits in the
   * packed word, the field's lengths and average length. Fields the term never occurs in are left out.
   */
  #fieldWeights(termId: number, weight: number): FieldWeight[] {
    const store = this.#postings;
    const documents = store.documentCount;
    const bm25f = this.options.fieldScoring === 'bm25f';
    const weights: FieldWeight[] = [];
    FIELDS.forEach((_, f) => {
      const df = store.fieldDf(termId, f);
      const boost = this.#fieldBoost[f] ?? 0;
      const lengths = this.#documents.table.fieldLength[f];
      if (df === 0 || boost === 0 || lengths === undefined) return;
      weights.push({
        w: bm25f ? boost : weight * boost * bm25Idf(documents, df),
        shift: store.shift(f),
        mask: store.mask(f),
        lengths,
        average: store.averageFieldLength(f) || 1,
      });
    });
    this.#bm25f = bm25f;
    this.#termWeight = bm25f ? weight * bm25Idf(documents, store.count(termId)) : 0;
    return weights;
  }

  /** For the term whose field weights were made last: 'bm25f' scoring, and its IDF × weight. */
  #bm25f = false;
  #termWeight = 0;

  /** One posting's BM25 score: over the fields it occurs in, combined as `fieldScoring` says. */
  #postingScore(weights: readonly FieldWeight[], doc: number, packed: number): number {
    const { k, b, d } = this.options.bm25;
    let s = 0;
    if (this.#bm25f) {
      for (const field of weights) {
        const raw = (packed >>> field.shift) & field.mask;
        if (raw !== 0) s += (field.w * raw) / (1 - b + (b * (field.lengths[doc] ?? 0)) / field.average);
      }
      return s === 0 ? 0 : this.#termWeight * (d + (s * (k + 1)) / (s + k));
    }
    for (const field of weights) {
      const tf = (packed >>> field.shift) & field.mask;
      if (tf === 0) continue;
      const norm = k * (1 - b + (b * (field.lengths[doc] ?? 0)) / field.average);
      s += field.w * (d + (tf * (k + 1)) / (tf + norm));
    }
    return s;
  }
}

function popcount(mask: number): number {
  let m = mask - ((mask >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return (((m + (m >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
