import type { Article } from '../corpus/article.js';
import { forEachWord, termsOfRaw } from '../search/analyzer.js';
import { parseQuery, sourceKey } from '../search/query.js';
import { bm25Idf } from '../search/rerank.js';

/** What a watch looks for: the `/news` query as the index reads it. */
export interface WatchQuery {
  /** Index terms; an article must hold more than half of them, and enough of their weight. */
  terms: string[];
  /**
   * Each term's weight: how rare it is among the live articles (the index's IDF), so that a
   * missing *Diem* counts for more than a missing *policy*. All 1 until weighed ({@link weighWatch}).
   */
  weights: number[];
  /** Phrases (as index terms, in order) that must appear word by word. */
  phrases: string[][];
  excludedTerms: string[];
  /** Outlet filters (folded); empty = any outlet. */
  sources: string[];
}

/** An article's terms by where they stand: the same analyzer as the index, run once per article. */
export interface ArticleTerms {
  title: ReadonlySet<string>;
  lead: ReadonlySet<string>;
  /** Occurrences in the rest of the body. */
  body: ReadonlyMap<string, number>;
  /** Every term anywhere: what the watch index looks candidates up by. */
  all: ReadonlySet<string>;
  /** Primary terms of each paragraph (title first), for phrases. */
  sequences: readonly string[][];
  source: string | null;
}

/** How a watch's words are weighed in an article, and when the article fires it. */
export interface MatchOptions {
  /**
   * How much a word's place says the article is *about* it: title and lead are where a story's
   * subject is named; one mention deep in the body is a passing one.
   */
  place: { title: number; lead: number; bodyRepeated: number; bodyOnce: number };
  /**
   * Share of the watch's word weight an article must hold. Besides, it must hold more than half of
   * the words, whatever their weight: a watch of two words needs both, and a long watch (a pasted
   * sentence) fires without its every word.
   */
  minShare: number;
  /** The weighted mean place weight over the watch's words (a missing word 0) an article must reach. */
  threshold: number;
}

/**
 * `minShare` and `threshold` are measured: tuned for F1 on the odd-numbered queries of the TIME test
 * collection (each query a watch with its words weighed by rarity, each article a new one; a
 * judged-relevant article should fire, a passing mention should not), reported on the even ones:
 * `npm run eval:watch`, figures in bench/RESULTS.md and the README's "Watches". The place weights
 * stay as set by hand, so that one passing mention weighs less than a repeated one.
 */
export const DEFAULT_MATCH: MatchOptions = {
  place: { title: 3, lead: 2, bodyRepeated: 1, bodyOnce: 0.5 },
  minShare: 0.55,
  threshold: 0.6,
};

/**
 * The lead is the first paragraph, up to this many words: an article whose feed sends the whole text
 * as one paragraph still has a lead the size of a news lead (about the index's 400 characters).
 */
export const LEAD_WORDS = 60;

/** Reads a watch's text with the /news query language. Null when it has no word to look for. */
export function watchQuery(text: string, now: Date): WatchQuery | null {
  const parsed = parseQuery(text, now);
  if (parsed.terms.length === 0) return null;
  return {
    terms: parsed.terms,
    weights: parsed.terms.map(() => 1),
    phrases: parsed.phrases,
    excludedTerms: parsed.excludedTerms,
    sources: parsed.sources,
  };
}

/** The watch with its words weighed by their rarity among `articles` live articles. */
export function weighWatch(
  query: WatchQuery,
  counts: { articles: number; frequencies: number[] },
): WatchQuery {
  return {
    ...query,
    weights: query.terms.map((_, i) => bm25Idf(counts.articles, counts.frequencies[i] ?? 0)),
  };
}

/** How many of a watch's words an article must hold: more than half. */
export function requiredTerms(query: WatchQuery): number {
  return Math.floor(query.terms.length / 2) + 1;
}

/** One pass over the article's words: every term by place, and each paragraph's primary terms for phrases. */
export function articleTerms(article: Pick<Article, 'title' | 'paragraphs' | 'source'>): ArticleTerms {
  const title = new Set<string>();
  const lead = new Set<string>();
  const body = new Map<string, number>();
  const all = new Set<string>();
  const sequences: string[][] = [];
  const read = (text: string, place: 'title' | 'lead' | 'body') => {
    const sequence: string[] = [];
    let words = 0;
    forEachWord(text, (raw) => {
      const terms = termsOfRaw(raw);
      if (terms.length === 0) return;
      sequence.push(terms[0] as string);
      const here = place === 'lead' && words++ >= LEAD_WORDS ? 'body' : place;
      for (const t of terms) {
        all.add(t);
        if (here === 'title') title.add(t);
        else if (here === 'lead') lead.add(t);
        else body.set(t, (body.get(t) ?? 0) + 1);
      }
    });
    sequences.push(sequence);
  };
  read(article.title, 'title');
  article.paragraphs.forEach((p, i) => {
    read(p, i === 0 ? 'lead' : 'body');
  });
  return { title, lead, body, all, sequences, source: article.source ? sourceKey(article.source) : null };
}

function placeWeight(term: string, a: ArticleTerms, place: MatchOptions['place']): number {
  if (a.title.has(term)) return place.title;
  if (a.lead.has(term)) return place.lead;
  const n = a.body.get(term) ?? 0;
  if (n >= 2) return place.bodyRepeated;
  return n === 1 ? place.bodyOnce : 0;
}

function hasSequence(sequences: readonly string[][], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return true;
  return sequences.some((seq) => {
    for (let i = 0; i + phrase.length <= seq.length; i++) {
      if (phrase.every((t, j) => seq[i + j] === t)) return true;
    }
    return false;
  });
}

/**
 * Does this article fire the watch? More than half of its words present and enough of their weight
 * ({@link MatchOptions.minShare}), every phrase word by word, no excluded word, the outlet if one is
 * named, and a weighted mean place weight of at least {@link MatchOptions.threshold}. Returns the
 * score (that mean) when it fires, else null.
 */
export function watchScore(
  query: WatchQuery,
  a: ArticleTerms,
  options: MatchOptions = DEFAULT_MATCH,
): number | null {
  if (query.sources.length > 0 && (a.source === null || !query.sources.includes(a.source))) return null;
  if (query.excludedTerms.some((t) => a.all.has(t))) return null;
  // Past this many missing words the watch cannot fire: stop counting.
  let missingAllowed = query.terms.length - requiredTerms(query);
  let total = 0;
  let held = 0;
  let sum = 0;
  for (let i = 0; i < query.terms.length; i++) {
    const weight = query.weights[i] ?? 1;
    const place = placeWeight(query.terms[i] as string, a, options.place);
    if (place === 0 && missingAllowed-- === 0) return null;
    total += weight;
    if (place > 0) held += weight;
    sum += weight * place;
  }
  if (held < options.minShare * total) return null;
  const score = sum / total;
  if (score < options.threshold) return null;
  return query.phrases.every((p) => hasSequence(a.sequences, p)) ? score : null;
}
