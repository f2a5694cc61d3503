import type { Article } from '../corpus/article.js';
import { bareWord, foldWord, forEachWord, formTermOfRaw, termsOfRaw } from './analyzer.js';
import { articleFields, FIELDS, type FieldSizes } from './index-fields.js';
import type { Lexicon } from './lexicon.js';
import type { PostingsStore } from './postings.js';

/** Distinct words memoised with their term numbers before the memo starts again. */
const WORD_MEMO_LIMIT = 200_000;

/**
 * Fields whose word forms are indexed beside their stems (see analyzer.ts `formTermOfRaw`): title and
 * lead, where what a story is about is named; the body would double the postings for little gain.
 */
const FORM_FIELDS: ReadonlySet<number> = new Set([FIELDS.indexOf('title'), FIELDS.indexOf('lead')]);

/**
 * Turns an article into what the postings store takes: per field, the term numbers of its words in
 * order. Analysis is most of the cost of adding an article, so each word as written is memoised
 * with its term numbers (cleared when a compaction renumbers terms).
 */
export class ArticleIndexer {
  readonly #postings: PostingsStore;
  readonly #lexicon: Lexicon;
  readonly #sizes: FieldSizes;
  /** Word as written → its term numbers: one number (no array to follow) for most, -1 for a stopword. */
  readonly #wordIds = new Map<string, number | readonly number[]>();
  #wordIdsGeneration = 0;
  /** Word as written → the term number of its form, -1 for none. */
  readonly #formIds = new Map<string, number>();
  /** Term numbers of the article being added, per field (reused). */
  readonly #fieldTermIds: number[][] = FIELDS.map(() => []);
  /** Term numbers of its word forms, per field (reused). */
  readonly #fieldFormIds: number[][] = FIELDS.map(() => []);

  constructor(postings: PostingsStore, lexicon: Lexicon, sizes: FieldSizes) {
    this.#postings = postings;
    this.#lexicon = lexicon;
    this.#sizes = sizes;
  }

  /** The article's term numbers per field, and its word forms' per field; valid until the next call. */
  fieldTermIds(article: Article): {
    terms: readonly (readonly number[])[];
    forms: readonly (readonly number[])[];
  } {
    const fields = articleFields(article, this.#sizes);
    if (this.#wordIdsGeneration !== this.#postings.generation || this.#wordIds.size > WORD_MEMO_LIMIT) {
      this.#wordIds.clear();
      this.#formIds.clear();
      this.#wordIdsGeneration = this.#postings.generation;
    }
    FIELDS.forEach((field, f) => {
      this.#termIdsOf(fields[field], this.#fieldTermIds[f] ?? []);
      const forms = this.#fieldFormIds[f] ?? [];
      forms.length = 0;
      if (FORM_FIELDS.has(f)) this.#formIdsOf(fields[field], forms);
    });
    return { terms: this.#fieldTermIds, forms: this.#fieldFormIds };
  }

  /** The form terms of a text's words, as term numbers, into `ids`. */
  #formIdsOf(text: string, ids: number[]): void {
    forEachWord(text, (raw) => {
      let id = this.#formIds.get(raw);
      if (id === undefined) {
        const form = formTermOfRaw(raw);
        id = form === null ? -1 : this.#postings.idOf(form);
        this.#formIds.set(raw, id);
      }
      if (id >= 0) ids.push(id);
    });
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
        if (terms.length > 0) this.#lexicon.add(bareWord(foldWord(raw)));
      }
      if (typeof known === 'number') {
        if (known >= 0) ids.push(known);
      } else {
        for (const id of known) ids.push(id);
      }
    });
  }
}
