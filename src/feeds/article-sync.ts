import type { Logger } from '../logger.js';
import type { NewsDesk } from '../newsroom/desk.js';
import type { FeedArticlePage, FeedCursor, FeedStateStore } from './state-store.js';

export interface FeedArticleSyncOptions {
  store: FeedStateStore;
  desk: Pick<NewsDesk, 'add' | 'remove'>;
  logger: Logger;
  /** How often the store is read for other instances' feed articles. */
  intervalMs: number;
}

/**
 * Keeps this instance's index in line with the feed articles in the store. `restore` puts every
 * stored feed article back (at start, and when a restarted newsroom worker came back with the data
 * folder only), so nothing is refetched; then, every `intervalMs`, what other instances polled,
 * changed or retired since the last read is applied. This instance's own polls reach its index
 * directly (the poller's sink) and are skipped here.
 */
export class FeedArticleSync {
  readonly #options: FeedArticleSyncOptions;
  readonly #log: Logger;
  /** Content hash of each feed article this reader put in the index, to skip a row read again. */
  readonly #applied = new Map<string, string>();
  #cursor: FeedCursor | null = null;
  /** Set until a restore has gone through (the desk may refuse it while restarting). */
  #needsRestore = true;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  constructor(options: FeedArticleSyncOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'feeds' });
  }

  /** Every live feed article in the store into the index; returns how many. */
  restore(): Promise<number> {
    this.#needsRestore = true;
    return this.#serial(() => this.#restore());
  }

  /** Applies what changed in the store since the last read; returns the articles added and removed. */
  catchUp(): Promise<{ added: number; removed: number }> {
    return this.#serial(async () => {
      if (this.#needsRestore) return { added: await this.#restore(), removed: 0 };
      return this.#read(this.#cursor, true);
    });
  }

  /** Reads the store every `intervalMs` from now on. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.catchUp().catch((err: unknown) =>
        this.#log.warn(
          { err: { message: (err as Error).message } },
          'could not read feed articles from the store',
        ),
      );
    }, this.#options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#queue.catch(() => undefined);
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #restore(): Promise<number> {
    this.#applied.clear();
    const started = performance.now();
    const { added } = await this.#read(null, false);
    this.#needsRestore = false;
    const seconds = Math.round(performance.now() - started) / 1000;
    if (added > 0)
      this.#log.info({ articles: added, seconds }, `restored ${added} feed articles from the store`);
    return added;
  }

  async #read(after: FeedCursor | null, skipOwn: boolean): Promise<{ added: number; removed: number }> {
    let added = 0;
    let removed = 0;
    const cursor = await this.#options.store.readArticleChanges(
      after,
      async (page) => {
        const counts = await this.#apply(page);
        added += counts.added;
        removed += counts.removed;
      },
      { skipOwn },
    );
    this.#cursor = cursor;
    if (after !== null && added + removed > 0)
      this.#log.debug({ added, removed }, 'feed articles from other instances applied');
    return { added, removed };
  }

  async #apply(page: FeedArticlePage): Promise<{ added: number; removed: number }> {
    const { desk } = this.#options;
    if (page.unreadable.length > 0)
      this.#log.warn(
        { ids: page.unreadable },
        `${page.unreadable.length} stored feed articles are unreadable and were left out`,
      );
    const fresh = page.articles.filter(
      ({ article, contentHash }) => this.#applied.get(article.id) !== contentHash,
    );
    if (fresh.length > 0) await desk.add(fresh.map((a) => a.article));
    for (const { article, contentHash } of fresh) this.#applied.set(article.id, contentHash);
    for (const id of page.retired) this.#applied.delete(id);
    const removed = page.retired.length > 0 ? await desk.remove(page.retired) : 0;
    return { added: fresh.length, removed };
  }
}
