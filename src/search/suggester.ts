import { foldWord, termOf, tokenize } from './analyzer.js';
import type { Documents } from './documents.js';
import type { PostingsStore } from './postings.js';
import { editDistance } from './ranking.js';

/** Typos are looked for only in words this long: short words have too many neighbours. */
const MIN_FUZZY_LENGTH = 5;

/** How many edits a query term may be from the index terms a typo-tolerant search also matches (0: none). */
export function typoDistance(term: string): number {
  if (term.length < MIN_FUZZY_LENGTH || /\p{N}/u.test(term)) return 0;
  return term.length >= 8 ? 2 : 1;
}

/** How many edits away "did you mean" looks for a term's neighbours (0: none). */
function suggestionDistance(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

/** A close index term: how many live articles hold it, and one of them. */
export interface CloseTerm {
  term: string;
  articles: number;
  exampleId: string;
}

/**
 * Typo tolerance: the index terms near a query term, for the typo-tolerant pass of a search and for
 * "did you mean …", with the readable word to show for a suggested term.
 */
export class Suggester {
  readonly #documents: Documents;
  readonly #postings: PostingsStore;

  constructor(documents: Documents, postings: PostingsStore) {
    this.#documents = documents;
    this.#postings = postings;
  }

  /** Term numbers of the other index terms within `distance` edits of `term`. */
  *expansions(term: string, distance: number): Generator<number> {
    for (const [close, [termId]] of this.#postings.closeTerms(term, distance)) {
      if (close !== term) yield termId;
    }
  }

  /** Number of live articles containing the term (0 when it is not in the vocabulary). */
  articleCount(term: string): number {
    const termId = this.#postings.termId(term);
    return termId === undefined ? 0 : this.#liveDocs(termId).count;
  }

  /** Index terms within typo distance of `term`, most likely first, each with an article holding it. */
  closeTerms(term: string, limit = 3): CloseTerm[] {
    const maxDistance = suggestionDistance(term);
    if (maxDistance === 0) return [];
    const found: (CloseTerm & { distance: number })[] = [];
    for (const [close, [termId]] of this.#postings.closeTerms(term, maxDistance)) {
      if (close === term) continue;
      const { count, first } = this.#liveDocs(termId);
      const exampleId = this.#documents.table.ids[first];
      if (exampleId === undefined) continue;
      found.push({ term: close, articles: count, exampleId, distance: editDistance(term, close) });
    }
    return found
      .sort((a, b) => a.distance - b.distance || b.articles - a.articles || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map(({ term: t, articles, exampleId }) => ({ term: t, articles, exampleId }));
  }

  /** A readable word of `exampleId`'s text whose index term is `term` (index terms are stems). */
  surfaceWord(term: string, exampleId: string): string {
    const article = this.#documents.article(exampleId);
    if (article === undefined) return term;
    for (const text of [article.title, ...article.paragraphs]) {
      for (const token of tokenize(text)) {
        if (termOf(token.word) === term) return foldWord(token.word).replace(/'s$/, '');
      }
    }
    return term;
  }

  /** How many live articles hold a term, and the first of them (-1 for none). */
  #liveDocs(termId: number): { count: number; first: number } {
    const pairs = this.#postings.pairsOf(termId);
    const alive = this.#documents.table.alive;
    let count = 0;
    let first = -1;
    for (let i = 0; i < 2 * this.#postings.count(termId); i += 2) {
      const doc = pairs[i] ?? 0;
      if (alive[doc] !== 1) continue;
      if (count === 0) first = doc;
      count++;
    }
    return { count, first };
  }
}
