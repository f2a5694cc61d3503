import { analyze } from './analyzer.js';

/**
 * Pseudo-relevance feedback in the manner of RM3 (Lavrenko & Croft's relevance model, interpolated
 * with the query as in Abdul-Jaleel et al., TREC 2004): the best first-pass articles are taken as
 * relevant, the words they share most become extra query terms with a small weight, and the best
 * candidates are re-scored with them. Only articles a query word already found are re-scored, so
 * every answer still holds a word of the query (and shows it), and a story is never found through
 * a feedback word alone.
 */
export interface FeedbackOptions {
  /** Best first-pass articles read as relevant (0 turns feedback off). */
  documents: number;
  /** Feedback words added to the query. */
  terms: number;
  /** The feedback words' share of the query, RM3's λ: 0.4 gives them two thirds of the original words' weight. */
  weight: number;
  /** Queries with fewer terms are left as typed: a short news query names its topic already, and drifts most. */
  minQueryTerms: number;
  /** Best candidates re-scored with the feedback words: a bound on the cost, like the proximity re-rank's. */
  candidates: number;
}

/**
 * Off by default (`documents: 0`). The other values are the best found on the odd TIME queries
 * (0.6925 → 0.7297 with `documents: 3`), but the held-out half fell (0.625 → 0.588) and, at scale,
 * so did the odd half (0.651 → 0.647): bench/RESULTS.md has each run.
 */
export const DEFAULT_FEEDBACK: FeedbackOptions = {
  documents: 0,
  terms: 10,
  weight: 0.4,
  minQueryTerms: 3,
  candidates: 100,
};

/** A feedback term and its weight relative to one original query term. */
export interface FeedbackTerm {
  term: string;
  weight: number;
}

/**
 * The relevance model of the feedback articles: each term's probability in an article (its share of
 * the article's terms), averaged with the articles' scores as weights. The `terms` most probable
 * (times their IDF) that are not query terms, with weights scaled so that together they make `weight` of the
 * interpolated query (the original terms weighing 1 each).
 */
export function feedbackTerms(
  texts: readonly string[],
  scores: readonly number[],
  queryTerms: readonly string[],
  options: Pick<FeedbackOptions, 'terms' | 'weight'>,
  idf: (term: string) => number,
): FeedbackTerm[] {
  const total = scores.reduce((sum, s) => sum + Math.max(0, s), 0);
  if (total <= 0 || options.terms <= 0 || options.weight <= 0 || options.weight >= 1) return [];
  const model = new Map<string, number>();
  texts.forEach((text, i) => {
    const terms = analyze(text);
    if (terms.length === 0) return;
    const docWeight = Math.max(0, scores[i] ?? 0) / total / terms.length;
    for (const term of terms) model.set(term, (model.get(term) ?? 0) + docWeight);
  });
  const query = new Set(queryTerms);
  // Weighed by IDF: what the feedback articles share and the rest of the collection does not
  // ("week", "government" are frequent in any set of news articles).
  const best = [...model]
    .filter(([term]) => !query.has(term) && isContentTerm(term))
    .map(([term, p]): [string, number] => [term, p * idf(term)])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.terms);
  const mass = best.reduce((sum, [, p]) => sum + p, 0);
  if (mass <= 0) return [];
  // RM3: (1 - λ)·query + λ·model, the query's terms weighing 1/n each; scaled so they weigh 1.
  const scale = (queryTerms.length * options.weight) / (1 - options.weight) / mass;
  return best.map(([term, p]) => ({ term, weight: p * scale }));
}

/** Numbers and single letters say little about a topic. */
function isContentTerm(term: string): boolean {
  return term.length > 2 && !/^[\p{N}.,-]+$/u.test(term);
}
