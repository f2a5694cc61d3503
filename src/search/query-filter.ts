import { grow } from './doc-table.js';
import type { Documents } from './documents.js';
import type { PostingsStore } from './postings.js';

/** The parts of a query that only let articles through or keep them out (see search/query.ts). */
export interface FilterQuery {
  /** Index terms whose articles are left out. */
  excludedTerms: readonly string[];
  /** Only articles published at or after this instant (epoch ms); undated ones are left out. */
  sinceMs: number | null;
  /** Outlet keys; an article passes if its outlet's key holds one of them as whole words. */
  sources: readonly string[];
}

/**
 * The one query filter, used by search and by newest-first listing alike: `-word` exclusions,
 * `since:` and `source:`. Prepare it for a query, then ask `accepts(doc)` per document.
 */
export class QueryFilter {
  readonly #documents: Documents;
  readonly #postings: PostingsStore;
  #epoch = 0;
  /** `#excluded[doc] === #epoch` when the current query excludes the document. */
  #excluded = new Uint32Array(0);
  #sinceMs: number | null = null;
  /** For each interned outlet, 1 if the `source:` filters accept it; null when there are none. */
  #allowedSources: Uint8Array | null = null;

  constructor(documents: Documents, postings: PostingsStore) {
    this.#documents = documents;
    this.#postings = postings;
  }

  /** Sets the filter to a query's exclusions, date and outlets. */
  prepare(query: FilterQuery): void {
    const epoch = ++this.#epoch;
    const capacity = this.#documents.table.capacity;
    if (this.#excluded.length < capacity) this.#excluded = grow(this.#excluded, capacity);
    for (const term of query.excludedTerms) this.#markExcluded(term, epoch);
    this.#sinceMs = query.sinceMs;
    this.#allowedSources = this.#allowSources(query.sources);
  }

  /** Whether the prepared query lets document `doc` through. */
  accepts(doc: number): boolean {
    if (this.#excluded[doc] === this.#epoch) return false;
    const table = this.#documents.table;
    if (this.#sinceMs !== null && !((table.published[doc] ?? Number.NaN) >= this.#sinceMs)) return false;
    const allowed = this.#allowedSources;
    return allowed === null || allowed[table.source[doc] ?? -1] === 1;
  }

  #markExcluded(term: string, epoch: number): void {
    const termId = this.#postings.termId(term);
    if (termId === undefined) return;
    const pairs = this.#postings.pairsOf(termId);
    const end = 2 * this.#postings.count(termId);
    for (let i = 0; i < end; i += 2) this.#excluded[pairs[i] ?? 0] = epoch;
  }

  #allowSources(filters: readonly string[]): Uint8Array | null {
    if (filters.length === 0) return null;
    const sources = this.#documents.sources;
    const allowed = new Uint8Array(sources.size);
    sources.values.forEach((key, id) => {
      if (filters.some((f) => ` ${key} `.includes(` ${f} `))) allowed[id] = 1;
    });
    return allowed;
  }
}
