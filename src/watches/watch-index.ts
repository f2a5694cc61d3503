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
 * The watches by each of their terms, so that a new article is checked against the watches, never
 * each watch re-run against the index. For an article, each of its distinct terms is looked up once
 * and counts one hit for every watch holding that term; only a watch with as many hits as it needs
 * words ({@link requiredTerms}) is scored. Most watches share no word with an article and cost
 * nothing; those that share one word of two cost an increment. With fewer watch words than the
 * article has, the watch words are looked up in the article instead.
 */
export class WatchIndex {
  /** Term → the slots (places in #watches) of the watches holding it. */
  readonly #byTerm = new Map<string, number[]>();
  readonly #watches: readonly IndexedWatch[];
  readonly #options: MatchOptions;
  readonly #needed: Uint16Array;
  /** Per slot, for the current article: its hits, valid when #stamp holds this article's number. */
  readonly #hits: Uint16Array;
  readonly #stamp: Uint32Array;
  #article = 0;

  constructor(watches: readonly IndexedWatch[], options: MatchOptions = DEFAULT_MATCH) {
    this.#watches = watches;
    this.#options = options;
    this.#needed = new Uint16Array(watches.length);
    this.#hits = new Uint16Array(watches.length);
    this.#stamp = new Uint32Array(watches.length);
    watches.forEach((watch, slot) => {
      this.#needed[slot] = requiredTerms(watch.query);
      for (const term of watch.query.terms) {
        const slots = this.#byTerm.get(term);
        if (slots) slots.push(slot);
        else this.#byTerm.set(term, [slot]);
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
    const stamp = ++this.#article;
    const candidates: number[] = [];
    const hit = (slots: readonly number[]) => {
      for (const slot of slots) {
        const hits = this.#stamp[slot] === stamp ? (this.#hits[slot] ?? 0) + 1 : 1;
        this.#stamp[slot] = stamp;
        this.#hits[slot] = hits;
        if (hits === this.#needed[slot]) candidates.push(slot);
      }
    };
    // Walk the smaller side: the article's words looked up among the watches', or the other way.
    if (article.all.size <= this.#byTerm.size) {
      for (const term of article.all) {
        const slots = this.#byTerm.get(term);
        if (slots !== undefined) hit(slots);
      }
    } else {
      for (const [term, slots] of this.#byTerm) if (article.all.has(term)) hit(slots);
    }
    for (const slot of candidates) {
      const watch = this.#watches[slot] as IndexedWatch;
      const score = watchScore(watch.query, article, this.#options);
      if (score !== null) fired.push({ watch, score });
    }
    return fired;
  }
}
