import type { Article } from '../corpus/article.js';
import type { Logger } from '../logger.js';

/** An article new to newsbot (not an update of one it had, not a new feed's back catalogue). */
export interface AddedArticle {
  article: Article;
  /** When newsbot first saw it: the article's time when it has no date of its own. */
  seenAt: Date;
}

export type ArticlesAddedListener = (articles: AddedArticle[]) => Promise<void>;

/**
 * The one place new articles are announced, whatever brought them (a feed poll, a new file in the
 * data folder, an `ingest` output dropped there). Watches subscribe; a listener's failure is
 * logged and never reaches the source.
 */
export class ArticlesAddedHook {
  readonly #listeners: ArticlesAddedListener[] = [];
  readonly #log: Logger;

  constructor(logger: Logger) {
    this.#log = logger.child({ component: 'articles-added' });
  }

  subscribe(listener: ArticlesAddedListener): void {
    this.#listeners.push(listener);
  }

  async emit(articles: AddedArticle[]): Promise<void> {
    if (articles.length === 0) return;
    for (const listener of this.#listeners) {
      try {
        await listener(articles);
      } catch (err) {
        this.#log.error({ err, articles: articles.length }, 'a listener of new articles failed');
      }
    }
  }
}
