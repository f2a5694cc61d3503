import type { Article } from '../corpus/article.js';
import { forEachWord, termsOfRaw } from './analyzer.js';
import { articleFields, FIELDS, type FieldSizes } from './index-fields.js';
import type { PostingsStore } from './postings.js';

/** Distinct words memoised with their term numbers before the memo starts again. */
const WORD_MEMO_LIMIT = 200_000;

/**
 * Turns an article into what the postings store takes: per field, the term numbers of its words in
 * order. Analysis is most of the cost of adding an article, so each word as written is memoised
 * with its term numbers (cleared when a compaction renumbers terms).
 */
export class ArticleIndexer {
  readonly #postings: PostingsStore;
  readonly #sizes: FieldSizes;
  /** Word as written → its term numbers: one number (no array to follow) for most, -1 for a stopword. */
  readonly #wordIds = new Map<string, number | readonly number[]>();
  #wordIdsGeneration = 0;
  /** Term numbers of the article being added, per field (reused). */
  readonly #fieldTermIds: number[][] = FIELDS.map(() => []);

  constructor(postings: PostingsStore, sizes: FieldSizes) {
    this.#postings = postings;
    this.#sizes = sizes;
  }

  /** The article's term numbers per field; valid until the next call. */
  fieldTermIds(article: Article): readonly (readonly number[])[] {
    const fields = articleFields(article, this.#sizes);
    if (this.#wordIdsGeneration !== this.#postings.generation || this.#wordIds.size > WORD_MEMO_LIMIT) {
      this.#wordIds.clear();
      this.#wordIdsGeneration = this.#postings.generation;
    }
    FIELDS.forEach((field, f) => {
      this.#termIdsOf(fields[field], this.#fieldTermIds[f] ?? []);
    });
    return this.#fieldTermIds;
  }

  /** The index terms of a text (as analyze() gives them) as term numbers, into `ids`. */
  #termIdsOf(text: string, ids: number[]): void {
    ids.length = 0;
    forEachWord(text, (raw) => {
      let known = this.#wordIds.get(raw);
      if (known === undefined) {
        const terms = termsOfRaw(raw).map((term) => this.#postings.idOf(term));
        known = terms.length === 1 ? (terms[0] ?? -1) : terms.length === 0 ? -1 : terms;
        this.#wordIds.set(raw, known);
      }
      if (typeof known === 'number') {
        if (known >= 0) ids.push(known);
      } else {
        for (const id of known) ids.push(id);
      }
    });
  }
}
