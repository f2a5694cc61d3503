import { forEachWord, termOf, termsOfRaw, wordAt } from './analyzer.js';
import { DEMONYMS } from './demonyms.js';
import { STOPWORDS } from './stopwords.js';

/**
 * Term proximity re-ranking: of the best few candidates, those where the query's words occur close
 * together gain over those that mention the same words far apart (Büttcher, Clarke & Lushman, "Term
 * proximity scoring for ad-hoc retrieval on very large text collections", SIGIR 2006). BM25 sees
 * each word on its own; "Fed raises rates" in one sentence is a better match than "Fed" in the first
 * paragraph and "rates" in the last.
 */
export interface ProximityOptions {
  /** Weight of the proximity score, added to the BM25 score (0 turns the re-rank off). */
  weight: number;
  /** How many of the best-scoring articles are re-scored from their text: each costs a scan of it. */
  candidates: number;
}

/** Chosen on the TIME collection with bench/eval-relevance.ts (the runs are in bench/RESULTS.md). */
export const DEFAULT_PROXIMITY: ProximityOptions = { weight: 2, candidates: 20 };

/**
 * Where a query's terms occur in a text, in text order. Distances count words as phrases are
 * matched (see phraseTerms): a word stands for its primary index term (a compound for itself, not
 * its parts) and stopwords take no place, so "Bank of England" has "bank" and "england" adjacent.
 */
export interface Occurrences {
  /** Query term number of each occurrence. */
  terms: number[];
  /**
   * Words from the previous occurrence to this one (1 for neighbours); Infinity for the first, and
   * for occurrences more than NEAR_CHARS characters apart, whose closeness would count for nothing.
   */
  distances: number[];
  /** The text's length in characters, for length normalisation. */
  length: number;
}

/** Occurrences with more text than this between them are not near each other (some 12 words). */
export const NEAR_CHARS = 100;

/**
 * Finds the terms of one query in texts without analysing every word: one pass of a pattern finds
 * where words begin as a term's spellings do (a stem's first letters, demonyms, U.S.-style
 * abbreviations, 1,000-style numbers; in any case), only the words found there are analysed, and the
 * words between two occurrences are counted only when they are near. The text is not folded first
 * (that would cost more than the scan), so a word the index would reach another way (an accent in
 * its first letters, a stem that starts differently) is missed: a little proximity evidence lost.
 */
export class QueryTermScanner {
  readonly #index = new Map<string, number>();
  readonly #starts: RegExp;

  constructor(terms: readonly string[]) {
    terms.forEach((term, i) => {
      if (!this.#index.has(term)) this.#index.set(term, i);
    });
    const needles = [...new Set([...this.#index.keys()].flatMap(needlesOf))];
    // Not a Unicode pattern (no /u, no \p{L} look-behind): those compile and run several times slower.
    this.#starts = new RegExp(needles.map(escapeRegExp).join('|'), 'gi');
  }

  scan(text: string): Occurrences {
    const found: Occurrences = { terms: [], distances: [], length: text.length };
    const starts = this.#starts;
    starts.lastIndex = 0;
    let previousEnd = Number.NaN;
    for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
      const at = m.index;
      const word = startsWord(text, at) ? wordAt(text, at) : null;
      if (word === null) continue;
      starts.lastIndex = at + word.length;
      const primary = termsOfRaw(word)[0];
      const term = primary === undefined ? undefined : this.#index.get(primary);
      if (term === undefined) continue;
      found.terms.push(term);
      found.distances.push(
        at - previousEnd <= NEAR_CHARS ? 1 + wordsBetween(text, previousEnd, at) : Infinity,
      );
      previousEnd = at + word.length;
    }
    return found;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** How the words of a term's spellings begin. */
function needlesOf(term: string): string[] {
  // Stems end differently from their words ("citi" for "city", "hope" for "hoping"), but begin alike.
  const alike = /[ei]$/.test(term) ? term.length - 1 : term.length;
  const needles = [term.slice(0, Math.max(2, Math.min(4, alike)))];
  if (/^\p{N}/u.test(term)) needles.push(term.slice(0, 1));
  if (/^\p{L}{2,3}$/u.test(term)) needles.push(term.split('').join('.'));
  for (const demonym of demonymsOf(term)) needles.push(demonym.slice(0, 4));
  return needles;
}

let demonymsByTerm: Map<string, string[]> | null = null;

/** Demonyms whose index term is `term` ("ukrainian" for "ukrain"). */
function demonymsOf(term: string): readonly string[] {
  if (demonymsByTerm === null) {
    demonymsByTerm = new Map();
    for (const demonym of DEMONYMS.keys()) {
      const place = termOf(demonym);
      if (place !== null) demonymsByTerm.set(place, [...(demonymsByTerm.get(place) ?? []), demonym]);
    }
  }
  return demonymsByTerm.get(term) ?? [];
}

const ASCII_WORD_CHAR = new Uint8Array(128).map((_, c) => (/[a-z0-9]/i.test(String.fromCharCode(c)) ? 1 : 0));

function isWordChar(code: number): boolean {
  if (code < 128) return ASCII_WORD_CHAR[code] === 1;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/** True if a word starts at `at`, rather than continuing one ("ban" in "urban", "war" in "anti-war"). */
function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  if (isWordChar(text.charCodeAt(at - 1))) return false;
  // A joiner between letters or digits continues the word: "anti-war", "U.S", "1,000".
  const joiner = text[at - 1] === ',' ? /\d/.test(text[at] ?? '') : "'’.-".includes(text[at - 1] ?? '');
  return !(joiner && at >= 2 && isWordChar(text.charCodeAt(at - 2)));
}

/** Words of text[from, to) that are not stopwords. */
function wordsBetween(text: string, from: number, to: number): number {
  let words = 0;
  forEachWord(text.slice(from, to), (word) => {
    // Stopwords are plain lower-case words, but for contractions ("don't" is listed as "dont").
    const stopword =
      STOPWORDS.has(word.toLowerCase()) || (/['’]/.test(word) && termsOfRaw(word).length === 0);
    if (!stopword) words++;
  });
  return words;
}

/** BM25's term-frequency saturation and length normalisation, applied to the proximity accumulators. */
export interface Saturation {
  k: number;
  b: number;
  /** Average `length` of the texts compared. */
  averageLength: number;
}

/**
 * Büttcher et al.'s proximity score: each pair of neighbouring occurrences of two different query
 * terms adds to both terms' accumulators the other's weight over their squared distance; each
 * accumulator is then saturated like a BM25 term frequency and weighted by its term (at most 1).
 * `weights` are the query terms' IDFs, by term number.
 */
export function proximityScore(
  found: Occurrences,
  weights: readonly number[],
  saturation: Saturation,
): number {
  const { terms, distances } = found;
  const accumulators = new Float64Array(weights.length);
  for (let i = 1; i < terms.length; i++) {
    const term = terms[i] ?? 0;
    const previous = terms[i - 1] ?? 0;
    const distance = distances[i] ?? Infinity;
    if (term === previous) continue;
    const closeness = 1 / (distance * distance);
    accumulators[term] = (accumulators[term] ?? 0) + (weights[previous] ?? 0) * closeness;
    accumulators[previous] = (accumulators[previous] ?? 0) + (weights[term] ?? 0) * closeness;
  }
  const { k, b, averageLength } = saturation;
  const norm = k * (1 - b + (b * found.length) / (averageLength || 1));
  let score = 0;
  accumulators.forEach((acc, term) => {
    if (acc > 0) score += (Math.min(1, weights[term] ?? 0) * acc * (k + 1)) / (acc + norm);
  });
  return score;
}

/** BM25's inverse document frequency, as the index weighs a term found in `df` of `documents` articles. */
export function bm25Idf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/**
 * Proximity bonuses for candidate texts, in their order: scanned once each, lengths normalised by the
 * candidates' own average. Queries of one term get none.
 */
export function proximityBonuses(
  terms: readonly string[],
  weights: readonly number[],
  texts: readonly string[],
  options: ProximityOptions & { k: number; b: number },
): number[] {
  if (terms.length < 2 || options.weight <= 0) return texts.map(() => 0);
  const scanner = new QueryTermScanner(terms);
  const found = texts.map((text) => scanner.scan(text));
  const averageLength = found.reduce((sum, f) => sum + f.length, 0) / Math.max(1, found.length);
  const saturation = { k: options.k, b: options.b, averageLength };
  return found.map((f) => options.weight * proximityScore(f, weights, saturation));
}
