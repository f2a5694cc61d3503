import type { Article } from '../corpus/article.js';
import { analyze, phraseTerms } from '../search/analyzer.js';
import { parseQuery, sourceKey } from '../search/query.js';

/** What a watch looks for: the `/news` query as the index reads it. */
export interface WatchQuery {
  /** Index terms that must all be in the article. */
  terms: string[];
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

/**
 * How much a term's place says the article is *about* it. Title and lead are where a story's
 * subject is named; one mention deep in the body is a passing one.
 */
export const PLACE_WEIGHT = { title: 3, lead: 2, bodyRepeated: 1, bodyOnce: 0.5 } as const;

/**
 * The mean weight an article's places must reach over the query's terms to fire. With 1, a single
 * body mention of every term (0.5) never fires; a term in the title or lead, or named twice in the
 * body, does; for several terms, one in the title carries one passing mention of another
 * ((3 + 0.5) / 2). See README "Watches" for how it was checked.
 */
export const FIRE_THRESHOLD = 1;

/** Reads a watch's text with the /news query language. Null when it has no word to look for. */
export function watchQuery(text: string, now: Date): WatchQuery | null {
  const parsed = parseQuery(text, now);
  if (parsed.terms.length === 0) return null;
  return {
    terms: parsed.terms,
    phrases: parsed.phrases,
    excludedTerms: parsed.excludedTerms,
    sources: parsed.sources,
  };
}

export function articleTerms(article: Pick<Article, 'title' | 'paragraphs' | 'source'>): ArticleTerms {
  const [leadText = '', ...rest] = article.paragraphs;
  const title = new Set(analyze(article.title));
  const lead = new Set(analyze(leadText));
  const body = new Map<string, number>();
  for (const paragraph of rest) for (const t of analyze(paragraph)) body.set(t, (body.get(t) ?? 0) + 1);
  const all = new Set([...title, ...lead, ...body.keys()]);
  const sequences = [article.title, ...article.paragraphs].map((p) => phraseTerms(p));
  return { title, lead, body, all, sequences, source: article.source ? sourceKey(article.source) : null };
}

function placeWeight(term: string, a: ArticleTerms): number {
  if (a.title.has(term)) return PLACE_WEIGHT.title;
  if (a.lead.has(term)) return PLACE_WEIGHT.lead;
  const n = a.body.get(term) ?? 0;
  if (n >= 2) return PLACE_WEIGHT.bodyRepeated;
  return n === 1 ? PLACE_WEIGHT.bodyOnce : 0;
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
 * Does this article fire the watch? Every term present, every phrase word by word, no excluded
 * term, the outlet if one is named, and a mean place weight of at least {@link FIRE_THRESHOLD}.
 * Returns the score (that mean) when it fires, else null.
 */
export function watchScore(query: WatchQuery, a: ArticleTerms): number | null {
  if (query.sources.length > 0 && (a.source === null || !query.sources.includes(a.source))) return null;
  if (query.excludedTerms.some((t) => a.all.has(t))) return null;
  let sum = 0;
  for (const term of query.terms) {
    const w = placeWeight(term, a);
    if (w === 0) return null;
    sum += w;
  }
  if (!query.phrases.every((p) => hasSequence(a.sequences, p))) return null;
  const score = sum / query.terms.length;
  return score >= FIRE_THRESHOLD ? score : null;
}
