import type { Article } from '../corpus/article.js';
import { Documents } from './documents.js';
import { DEFAULT_FEEDBACK } from './feedback.js';
import { FIELD_BITS } from './index-fields.js';
import { decodeIndex, encodeIndex, type NewsIndexSnapshot } from './index-snapshot.js';
import { ArticleIndexer } from './indexer.js';
import { Lexicon } from './lexicon.js';
import { PostingsStore } from './postings.js';
import { QueryFilter } from './query-filter.js';
import { DEFAULT_RECENCY, type RecencyOptions } from './ranking.js';
import { DEFAULT_PROXIMITY } from './rerank.js';
import { type IndexQuery, Retriever, type SearchPage } from './retrieval.js';
import { Scorer, type ScoringOptions } from './scorer.js';
import { Suggester, typoDistance } from './suggester.js';

export type { NewsIndexSnapshot } from './index-snapshot.js';
export type { IndexQuery, SearchPage } from './retrieval.js';

/** Every option of the index: how it scores ({@link ScoringOptions}, scorer.ts) and what it keeps of each article. */
export interface NewsIndexOptions extends ScoringOptions {
  /** The lead is the first paragraphs up to about this many characters. Default 400. */
  leadChars: number;
  /** Body text indexed per article: enough to find an article by its content, bounded for memory. Default 6000. */
  maxBodyChars: number;
}

/** The defaults, chosen on the TIME collection within what suits news (bench/RESULTS.md has the runs). */
export const DEFAULT_INDEX_OPTIONS: NewsIndexOptions = {
  boosts: { title: 1.5, lead: 1.2, body: 1 },
  bm25: { k: 2, b: 0.8, d: 0 },
  fieldScoring: 'sum',
  recency: DEFAULT_RECENCY,
  coordination: 0.5,
  coordinationBy: 'count',
  formWeight: 0.25,
  feedback: DEFAULT_FEEDBACK,
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
 * - lexicon.ts and suggester.ts: the words people wrote, for typo tolerance and "did you mean";
 * - index-snapshot.ts: the snapshot codec.
 */
export class NewsIndex {
  /** Indexing settings are fixed once articles are in; `setRecency` may change the query-time one. */
  options: NewsIndexOptions;
  readonly #documents: Documents;
  readonly #postings: PostingsStore;
  readonly #lexicon: Lexicon;
  readonly #indexer: ArticleIndexer;
  readonly #scorer: Scorer;
  readonly #filter: QueryFilter;
  readonly #suggester: Suggester;
  readonly #retriever: Retriever;

  constructor(
    options: Partial<NewsIndexOptions> = {},
    restored?: { documents: Documents; postings: PostingsStore; lexicon: Lexicon },
  ) {
    this.options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    this.#documents = restored?.documents ?? new Documents();
    this.#postings = restored?.postings ?? new PostingsStore(this.#documents.table, FIELD_BITS);
    this.#lexicon = restored?.lexicon ?? new Lexicon();
    this.#indexer = new ArticleIndexer(this.#postings, this.#lexicon, this.options);
    this.#scorer = new Scorer(this.#documents, this.#postings, this.options);
    this.#filter = new QueryFilter(this.#documents, this.#postings);
    this.#suggester = new Suggester(this.#documents, this.#postings, this.#lexicon);
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

  /** How many articles hold this index term (in any field): what its rarity is measured by. */
  documentFrequency(term: string): number {
    const termId = this.#postings.termId(term);
    return termId === undefined ? 0 : Math.min(this.#postings.count(termId), this.#documents.size);
  }

  /** Ids of the live articles of a story, in the order they were added. */
  storyArticles(storyId: string): string[] {
    return this.#documents.storyArticles(storyId);
  }

  /** Adds an article, or replaces the one with the same id. */
  add(article: Article): void {
    if (this.#documents.has(article.id)) this.remove(article.id);
    const doc = this.#documents.nextDoc++;
    const { terms, forms } = this.#indexer.fieldTermIds(article);
    this.#postings.add(doc, terms, forms);
    this.#documents.register(article, doc);
  }

  remove(id: string): boolean {
    const doc = this.#documents.unregister(id);
    if (doc === undefined) return false;
    this.#postings.remove(doc);
    return true;
  }

  /**
   * Matching stories, best first: the page [offset, offset + limit) and the totals. A query word no
   * article holds is matched through its close words (typos); when the words find fewer than
   * FEW_HITS articles, every word long enough is, and that pass is kept if it finds more. Articles
   * holding more of the words as typed always rank first.
   */
  search(query: IndexQuery, nowMs: number, page: { offset: number; limit: number }): SearchPage {
    if (query.terms.length === 0) return { total: 0, articles: 0, stories: [], fuzzy: false };
    const first = this.#retriever.run(query, nowMs, page, false);
    const typed = query.terms.map((term, i) => query.forms?.[i] ?? term);
    if (first.articles >= FEW_HITS || !typed.some((word) => typoDistance(word) > 0)) return first;
    const tolerant = this.#retriever.run(query, nowMs, page, true);
    return tolerant.articles > first.articles ? tolerant : first;
  }

  /** Article ids newest first (undated last); with a query, only those its filters and exclusions let through. */
  newestFirst(query?: IndexQuery): readonly string[] {
    const newest = this.#documents.newestFirst();
    if (query === undefined) return newest;
    const filter = this.#filter;
    filter.prepare(query);
    return newest.filter((id) => filter.accepts(this.#documents.docOf(id) ?? -1));
  }

  /**
   * "Did you mean": for each query word no live article holds, the closest words articles do hold
   * (up to `limit` per word), as readers write them.
   */
  suggestions(query: Pick<IndexQuery, 'terms' | 'forms'>, limit = 3): string[] {
    return this.#suggester.suggestions(query, limit);
  }

  /** The index as binary sections: the postings, and the document number of each article in order. */
  toSnapshot(): NewsIndexSnapshot {
    return encodeIndex({
      options: this.options,
      documents: this.#documents,
      postings: this.#postings,
      lexicon: this.#lexicon,
    });
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
