import {
  type ArticleTerms,
  DEFAULT_MATCH,
  type MatchOptions,
  requiredTerms,
  type WatchQuery,
  watchScore,
} from './match.js';

export interface IndexedWatch {
  id: number;
  query: WatchQuery;
}

/**
 * The watches by their key terms, so a new article is checked only against the watches whose key
 * term it contains, never each watch against the index (nor against the article). A watch that
 * needs k of its n words is keyed by n − k + 1 of them (the longest: long terms are the rarer ones):
 * an article that fires it holds at least one. An article costs one lookup per distinct term it
 * holds, or per key when the watches have fewer keys than the article has terms.
 */
export class WatchIndex {
  /** Key term → the slots (places in #watches) of the watches it keys. */
  readonly #byTerm = new Map<string, number[]>();
  readonly #watches: readonly IndexedWatch[];
  readonly #options: MatchOptions;
  /** The search that last reached each watch, so a watch reached by two keys is scored once. */
  readonly #seen: Uint32Array;
  #search = 0;

  constructor(watches: readonly IndexedWatch[], options: MatchOptions = DEFAULT_MATCH) {
    this.#watches = watches;
    this.#options = options;
    this.#seen = new Uint32Array(watches.length);
    watches.forEach((watch, slot) => {
      for (const key of keyTerms(watch.query, options)) {
        const slots = this.#byTerm.get(key);
        if (slots) slots.push(slot);
        else this.#byTerm.set(key, [slot]);
      }
    });
  }

  get size(): number {
    return this.#watches.length;
  }

  /** The watches this article fires, with their scores. */
  matches(article: ArticleTerms): Array<{ watch: IndexedWatch; score: number }> {
    const fired: Array<{ watch: IndexedWatch; score: number }> = [];
    if (this.#watches.length === 0) return fired;
    const search = ++this.#search;
    const visit = (slots: number[] | undefined) => {
      if (slots === undefined) return;
      for (const slot of slots) {
        if (this.#seen[slot] === search) continue;
        this.#seen[slot] = search;
        const watch = this.#watches[slot] as IndexedWatch;
        const score = watchScore(watch.query, article, this.#options);
        if (score !== null) fired.push({ watch, score });
      }
    };
    // Walk the smaller side: the article's terms, or the keys (checked against the article).
    if (article.all.size <= this.#byTerm.size) for (const term of article.all) visit(this.#byTerm.get(term));
    else for (const [key, slots] of this.#byTerm) if (article.all.has(key)) visit(slots);
    return fired;
  }
}

/** The n − k + 1 longest terms of a watch that needs k of its n terms. */
function keyTerms(query: WatchQuery, options: MatchOptions): string[] {
  const spare = query.terms.length - requiredTerms(query, options);
  return [...query.terms].sort((a, b) => b.length - a.length).slice(0, spare + 1);
}
