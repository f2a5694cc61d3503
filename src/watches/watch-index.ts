import { type ArticleTerms, type WatchQuery, watchScore } from './match.js';

export interface IndexedWatch {
  id: number;
  query: WatchQuery;
}

/**
 * The watches by one required term each (the longest: long terms are the rarer ones), so a new
 * article is checked only against the watches whose key term it contains, never each watch
 * against the index. An article costs one lookup per distinct term it holds.
 */
export class WatchIndex {
  readonly #byTerm = new Map<string, IndexedWatch[]>();
  readonly #size: number;

  constructor(watches: readonly IndexedWatch[]) {
    for (const watch of watches) {
      const key = keyTerm(watch.query);
      const list = this.#byTerm.get(key);
      if (list) list.push(watch);
      else this.#byTerm.set(key, [watch]);
    }
    this.#size = watches.length;
  }

  get size(): number {
    return this.#size;
  }

  /** The watches this article fires, with their scores. */
  matches(article: ArticleTerms): Array<{ watch: IndexedWatch; score: number }> {
    const fired: Array<{ watch: IndexedWatch; score: number }> = [];
    if (this.#size === 0) return fired;
    for (const term of article.all) {
      const candidates = this.#byTerm.get(term);
      if (candidates === undefined) continue;
      for (const watch of candidates) {
        const score = watchScore(watch.query, article);
        if (score !== null) fired.push({ watch, score });
      }
    }
    return fired;
  }
}

function keyTerm(query: WatchQuery): string {
  return query.terms.reduce((best, t) => (t.length > best.length ? t : best));
}
