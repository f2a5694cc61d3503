import type { Article } from '../corpus/article.js';
import { Documents } from './documents.js';
import { FIELD_BITS } from './index-fields.js';
import { decodeIndex, encodeIndex, type NewsIndexSnapshot } from './index-snapshot.js';
import { ArticleIndexer } from './indexer.js';
import { PostingsStore } from './postings.js';
import { QueryFilter } from './query-filter.js';
import { DEFAULT_RECENCY, type RecencyOptions } from './ranking.js';
import { DEFAULT_PROXIMITY, type ProximityOptions } from './rerank.js';
import { type IndexQuery, Retriever, type SearchPage } from './retrieval.js';
import { Scorer } from './scorer.js';
import { type CloseTerm, Suggester, typoDistance } from './suggester.js';

export type { NewsIndexSnapshot } from './index-snapshot.js';
export type { IndexQuery, SearchPage } from './retrieval.js';

export interface NewsIndexOptions {
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
   * Preference for fresh articles; null for none (archives, evaluation). Applied at query time.
   * Default `{ weight: 0.2, halfLifeDays: 3 }` (see ranking.ts).
   */
  recency: RecencyOptions | null;
  /**
   * 0 ranks partial matches by BM25 alone; higher values favour articles that match every term
   * (the score is multiplied by the share of terms matched to this power). Default 0.5.
   */
  coordination: number;
  /** The lead is the first paragraphs up to about this many characters. Default 400. */
  leadChars: number;
  /** Body text indexed per article: enough to find an article by its content, bounded for memory. Default 6000. */
  maxBodyChars: number;
  /**
   * Re-ranking of the best candidates by how close together the query's words occur (rerank.ts).
   * Default `{ weight: 2, candidates: 20 }`.
   */
  proximity: ProximityOptions;
}

/** The defaults, chosen on the TIME collection within what suits news (bench/RESULTS.md has the runs). */
export const DEFAULT_INDEX_OPTIONS: NewsIndexOptions = {
  boosts: { title: 1.5, lead: 1.2, body: 1 },
  bm25: { k: 2, b: 0.8, d: 0 },
  recency: DEFAULT_RECENCY,
  coordination: 0.5,
  leadChars: 400,
  maxBodyChars: 6000,
  proximity: DEFAULT_PROXIMITY,
};

/** Below this many matching articles a search is retried with typo tolerance. */
const FEW_HITS = 3;

/**
 * The full-text index of the live articles, in the manner of minisearch: `add`, `remove`, `search`,
 * `toSnapshot` / `fromSnapshot`. BM25 over title, lead and body with field boosts, a gentle recency
 * preference, an all-terms bonus, phrases, exclusions and filters, and one result per story.
 * Articles are added, replaced and removed one at a time, without a rebuild.
 *
 * Its parts, each in its own module:
 * - documents.ts: the document registry (ids, stories, outlets, newest-first order) over doc-table.ts;
 * - indexer.ts and postings.ts: articles → term numbers → postings in typed arrays, with minisearch's
 *   SearchableMap as the vocabulary;
 * - retrieval.ts: one search pass, using scorer.ts (BM25, all-terms bonus, recency, proximity),
 *   query-filter.ts (exclusions, `since:`, `source:`), phrases.ts and story-collapse.ts;
 * - suggester.ts: typo tolerance and "did you mean";
 * - index-snapshot.ts: the snapshot codec.
 */
export class NewsIndex {
  /** Indexing settings are fixed once articles are in; `setRecency` may change the query-time one. */
  options: NewsIndexOptions;
  readonly #documents: Documents;
  readonly #postings: PostingsStore;
  readonly #indexer: ArticleIndexer;
  readonly #scorer: Scorer;
  readonly #filter: QueryFilter;
  readonly #suggester: Suggester;
  readonly #retriever: Retriever;

  constructor(
    options: Partial<NewsIndexOptions> = {},
    restored?: { documents: Documents; postings: PostingsStore },
  ) {
    this.options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    this.#documents = restored?.documents ?? new Documents();
    this.#postings = restored?.postings ?? new PostingsStore(this.#documents.table, FIELD_BITS);
    this.#indexer = new ArticleIndexer(this.#postings, this.options);
    this.#scorer = new Scorer(this.#documents, this.#postings, this.options);
    this.#filter = new QueryFilter(this.#documents, this.#postings);
    this.#suggester = new Suggester(this.#documents, this.#postings);
    this.#retriever = new Retriever({
      documents: this.#documents,
      postings: this.#postings,
      scorer: this.#scorer,
      suggester: this.#suggester,
      filter: this.#filter,
      sizes: this.options,
    });
  }

  /** The recency preference is applied at query time, so it can follow the settings of each start. */
  setRecency(recency: RecencyOptions | null): void {
    this.options = { ...this.options, recency };
    this.#scorer.options = this.options;
  }

  get size(): number {
    return this.#documents.size;
  }

  has(id: string): boolean {
    return this.#documents.has(id);
  }

  article(id: string): Article | undefined {
    return this.#documents.article(id);
  }

  articles(): IterableIterator<Article> {
    return this.#documents.articles();
  }

  /** Ids of the live articles of a story, in the order they were added. */
  storyArticles(storyId: string): string[] {
    return this.#documents.storyArticles(storyId);
  }

  /** Adds an article, or replaces the one with the same id. */
  add(article: Article): void {
    if (this.#documents.has(article.id)) this.remove(article.id);
    const doc = this.#documents.nextDoc++;
    this.#postings.add(doc, this.#indexer.fieldTermIds(article));
    this.#documents.register(article, doc);
  }

  remove(id: string): boolean {
    const doc = this.#documents.unregister(id);
    if (doc === undefined) return false;
    this.#postings.remove(doc);
    return true;
  }

  /**
   * Matching stories, best first: the page [offset, offset + limit) and the totals. When the exact
   * words find fewer than FEW_HITS articles, a typo-tolerant pass is tried too, and kept if it finds more.
   */
  search(query: IndexQuery, nowMs: number, page: { offset: number; limit: number }): SearchPage {
    if (query.terms.length === 0) return { total: 0, articles: 0, stories: [], fuzzy: false };
    const exact = this.#retriever.run(query, nowMs, page, false);
    if (exact.articles >= FEW_HITS || !query.terms.some((t) => typoDistance(t) > 0)) return exact;
    const fuzzy = this.#retriever.run(query, nowMs, page, true);
    return fuzzy.articles > exact.articles ? { ...fuzzy, fuzzy: true } : exact;
  }

  /** Article ids newest first (undated last); with a query, only those its filters and exclusions let through. */
  newestFirst(query?: IndexQuery): readonly string[] {
    const newest = this.#documents.newestFirst();
    if (query === undefined) return newest;
    const filter = this.#filter;
    filter.prepare(query);
    return newest.filter((id) => filter.accepts(this.#documents.docOf(id) ?? -1));
  }

  /** Number of live articles containing the term (0 when it is not in the vocabulary). */
  articleCount(term: string): number {
    return this.#suggester.articleCount(term);
  }

  /** Index terms within typo distance of `term`, most likely first, each with an article holding it. */
  closeTerms(term: string, limit = 3): CloseTerm[] {
    return this.#suggester.closeTerms(term, limit);
  }

  /** A readable word of `exampleId`'s text whose index term is `term` (index terms are stems). */
  surfaceWord(term: string, exampleId: string): string {
    return this.#suggester.surfaceWord(term, exampleId);
  }

  /** The index as binary sections: the postings, and the document number of each article in order. */
  toSnapshot(): NewsIndexSnapshot {
    return encodeIndex({ options: this.options, documents: this.#documents, postings: this.#postings });
  }

  /**
   * Rebuilds an index from a snapshot and the same articles (in the same order), without analysing
   * any text. Returns null if the snapshot was made by another version or does not match the articles.
   */
  static fromSnapshot(snapshot: NewsIndexSnapshot, articles: Iterable<Article>): NewsIndex | null {
    const parts = decodeIndex<NewsIndexOptions>(snapshot, articles);
    return parts === null ? null : new NewsIndex(parts.options, parts);
  }
}
