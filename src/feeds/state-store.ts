import type { ParsedArticle } from '../corpus/article.js';
import type { FeedSource } from './sources.js';

/** What newsbot remembers about one feed between polls. */
export interface FeedState {
  url: string;
  /** Validators from the last 200, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  /** The feed's own title, as last read. */
  feedTitle: string | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  /** The last failure's reason, kept after a recovery so that `/news sources` can show it. */
  lastError: string | null;
  /** Failures since the last success (0 when healthy): drives the backoff. */
  failures: number;
  nextPollAt: Date | null;
}

/** One item a feed has carried, remembered by its key so that a re-poll creates nothing new. */
export interface FeedItemRecord {
  feedUrl: string;
  /** guid:…, link:… or text:… (see item-identity.ts). */
  key: string;
  articleId: string;
  /** Hash of what a reader sees; a change updates the article in place. */
  contentHash: string;
  /** Hash of the item as the feed last wrote it: an identical item is not read again. */
  rawDigest: string;
  /** The first date the feed gave the item; later re-dating is ignored. */
  published: string | null;
  firstSeenAt: Date;
  /** When the item counted as new (inside the digest window), or null for the back catalogue. */
  newAt: Date | null;
}

export function emptyFeedState(url: string): FeedState {
  return {
    url,
    etag: null,
    lastModified: null,
    feedTitle: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    failures: 0,
    nextPollAt: null,
  };
}

/**
 * Everything the poller keeps, behind the narrowest interface it needs, so that the in-memory
 * version here and a SQL one over the store are interchangeable. Every method is async because
 * the real one talks to a database.
 */
export interface FeedStateStore {
  /** Sources added at run time (`/news sources add`, the CLI), beyond FEEDS and the feeds file. */
  addedSources(): Promise<FeedSource[]>;
  addSource(source: FeedSource): Promise<void>;
  /** Forgets a run-time source; false when there was none with that URL. */
  removeSource(url: string): Promise<boolean>;

  state(url: string): Promise<FeedState | null>;
  saveState(state: FeedState): Promise<void>;

  /** The items known for a feed (live ones), by key. */
  items(feedUrl: string): Promise<Map<string, FeedItemRecord>>;
  /**
   * Saves items, with the article each new or changed one became (by `articleId`; an item given
   * without one keeps its stored article), and each article's first_seen for digests and watches
   * ({@link digestFirstSeen}, kept when an item changes).
   */
  putItems(records: readonly FeedItemRecord[], articles?: readonly ParsedArticle[]): Promise<void>;
  /** Retires items: they leave `items` and the articles' first_seen; other instances see them go. */
  deleteItems(feedUrl: string, keys: readonly string[]): Promise<void>;
  /** Items whose date (published, else first seen) is before `cutoff`, across feeds. */
  itemsOlderThan(cutoff: Date): Promise<FeedItemRecord[]>;
  /** Items a feed has, and how many of them counted as new since `since`. */
  itemCounts(feedUrl: string, since: Date): Promise<{ total: number; recent: number }>;
  /** Forgets a feed: its state, and its items retired (its run-time source entry is removed separately). */
  forgetFeed(feedUrl: string): Promise<void>;

  /**
   * Reads the feed articles written after `after` (every live one when null), a page at a time,
   * in write order, and returns the cursor to pass next time. With `skipOwn`, what this instance
   * wrote itself is left out (its index has it already). A cursor never passes a write that may
   * still be committing, so a reader misses nothing another instance writes.
   */
  readArticleChanges(
    after: FeedCursor | null,
    onPage: (page: FeedArticlePage) => Promise<void>,
    options?: { skipOwn?: boolean; pageSize?: number },
  ): Promise<FeedCursor | null>;
  /** Drops retired items older than `before` for good (they were kept for other instances to read). */
  purgeRetired(before: Date): Promise<number>;

  /**
   * Takes or renews the right to poll a feed until `until`, for `owner` (one instance). True when
   * no other owner holds an unexpired lease (a lease is held while `now` < its `until`). With one shared database, each feed is polled by one
   * instance at a time.
   */
  tryLease(feedUrl: string, owner: string, until: Date, now: Date): Promise<boolean>;
  releaseLease(feedUrl: string, owner: string): Promise<void>;
}

/** Where a reader of feed article changes got to (opaque to callers). */
export type FeedCursor = number;

/** One page of feed article changes, in write order. */
export interface FeedArticlePage {
  /** Articles added or changed, with the content hash the poller gave them. */
  articles: Array<{ article: ParsedArticle; contentHash: string }>;
  /** Ids of articles retired (retention, a removed feed). */
  retired: string[];
  /** Ids whose stored article could not be read back (a damaged row): left out, and said so. */
  unreadable: string[];
}

/** Item date for retention: published, else first seen. */
export function itemTime(record: FeedItemRecord): number {
  const published = record.published === null ? Number.NaN : Date.parse(record.published);
  return Number.isNaN(published) ? record.firstSeenAt.getTime() : published;
}

/**
 * The "first seen" a digest should use for a feed item's article: when it counted as new, else
 * (the back catalogue) its published date, else the start of time, so that a new feed's old and
 * undated items never fill a digest window.
 */
export function digestFirstSeen(record: FeedItemRecord): Date {
  if (record.newAt !== null) return record.newAt;
  const published = record.published === null ? Number.NaN : Date.parse(record.published);
  return new Date(Number.isNaN(published) ? 0 : published);
}

/** One stored item: its record, the article it became, and when it was last written. */
interface StoredItem {
  record: FeedItemRecord;
  article: ParsedArticle | null;
  seq: number;
  writtenBy: string;
  retiredAt: Date | null;
}

/**
 * The store for one process (tests, one-shot commands without a database): nothing survives a
 * restart. `owner` names this instance's writes, as the SQL store does.
 */
export class InMemoryFeedStateStore implements FeedStateStore {
  readonly #owner: string;
  readonly #data: {
    sources: Map<string, FeedSource>;
    states: Map<string, FeedState>;
    items: Map<string, Map<string, StoredItem>>;
    leases: Map<string, { owner: string; until: number }>;
    seq: number;
  };

  constructor(owner = 'this-process', shared?: InMemoryFeedStateStore) {
    this.#owner = owner;
    this.#data = shared
      ? shared.#data
      : {
          sources: new Map(),
          states: new Map(),
          items: new Map(),
          leases: new Map(),
          seq: 0,
        };
  }

  /** The same data as another instance would see it: for tests of several instances. */
  asOwner(owner: string): InMemoryFeedStateStore {
    return new InMemoryFeedStateStore(owner, this);
  }

  async addedSources(): Promise<FeedSource[]> {
    return [...this.#data.sources.values()].map((s) => ({ ...s }));
  }

  async addSource(source: FeedSource): Promise<void> {
    this.#data.sources.set(source.url, { ...source });
  }

  async removeSource(url: string): Promise<boolean> {
    return this.#data.sources.delete(url);
  }

  async state(url: string): Promise<FeedState | null> {
    const state = this.#data.states.get(url);
    return state ? { ...state } : null;
  }

  async saveState(state: FeedState): Promise<void> {
    this.#data.states.set(state.url, { ...state });
  }

  *#live(feedUrl?: string): Generator<StoredItem> {
    const feeds = feedUrl === undefined ? [...this.#data.items.values()] : [this.#data.items.get(feedUrl)];
    for (const items of feeds) for (const item of items?.values() ?? []) if (!item.retiredAt) yield item;
  }

  async items(feedUrl: string): Promise<Map<string, FeedItemRecord>> {
    return new Map([...this.#live(feedUrl)].map((item) => [item.record.key, { ...item.record }]));
  }

  async putItems(records: readonly FeedItemRecord[], articles: readonly ParsedArticle[] = []): Promise<void> {
    const byId = new Map(articles.map((a) => [a.id, a]));
    for (const record of records) {
      let items = this.#data.items.get(record.feedUrl);
      if (!items) {
        items = new Map();
        this.#data.items.set(record.feedUrl, items);
      }
      const before = items.get(record.key);
      const article = byId.get(record.articleId) ?? (before?.retiredAt ? null : (before?.article ?? null));
      items.set(record.key, {
        record: { ...record },
        article: article && { ...article },
        seq: ++this.#data.seq,
        writtenBy: this.#owner,
        retiredAt: null,
      });
    }
  }

  async deleteItems(feedUrl: string, keys: readonly string[]): Promise<void> {
    const items = this.#data.items.get(feedUrl);
    for (const key of keys) {
      const item = items?.get(key);
      if (item && !item.retiredAt) this.#retire(item);
    }
  }

  #retire(item: StoredItem): void {
    item.article = null;
    item.retiredAt = new Date();
    item.seq = ++this.#data.seq;
    item.writtenBy = this.#owner;
  }

  async itemsOlderThan(cutoff: Date): Promise<FeedItemRecord[]> {
    return [...this.#live()]
      .filter((item) => itemTime(item.record) < cutoff.getTime())
      .map((item) => ({ ...item.record }));
  }

  async itemCounts(feedUrl: string, since: Date): Promise<{ total: number; recent: number }> {
    const live = [...this.#live(feedUrl)];
    const recent = live.filter((i) => i.record.newAt !== null && i.record.newAt >= since).length;
    return { total: live.length, recent };
  }

  async forgetFeed(feedUrl: string): Promise<void> {
    this.#data.states.delete(feedUrl);
    this.#data.leases.delete(feedUrl);
    for (const item of this.#live(feedUrl)) this.#retire(item);
  }

  async readArticleChanges(
    after: FeedCursor | null,
    onPage: (page: FeedArticlePage) => Promise<void>,
    options: { skipOwn?: boolean; pageSize?: number } = {},
  ): Promise<FeedCursor | null> {
    const pageSize = options.pageSize ?? 1000;
    const rows = [...this.#data.items.values()]
      .flatMap((items) => [...items.values()])
      .filter((item) => item.seq > (after ?? 0) && (after !== null || !item.retiredAt))
      .sort((a, b) => a.seq - b.seq);
    let cursor = after;
    for (let i = 0; i < rows.length; i += pageSize) {
      const page: FeedArticlePage = { articles: [], retired: [], unreadable: [] };
      for (const item of rows.slice(i, i + pageSize)) {
        cursor = item.seq;
        if (options.skipOwn && item.writtenBy === this.#owner) continue;
        if (item.retiredAt) page.retired.push(item.record.articleId);
        else if (item.article)
          page.articles.push({ article: { ...item.article }, contentHash: item.record.contentHash });
      }
      await onPage(page);
    }
    return cursor;
  }

  async purgeRetired(before: Date): Promise<number> {
    let purged = 0;
    for (const items of this.#data.items.values())
      for (const [key, item] of items)
        if (item.retiredAt && item.retiredAt < before) {
          items.delete(key);
          purged++;
        }
    return purged;
  }

  async tryLease(feedUrl: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const lease = this.#data.leases.get(feedUrl);
    if (lease && lease.owner !== owner && lease.until > now.getTime()) return false;
    this.#data.leases.set(feedUrl, { owner, until: until.getTime() });
    return true;
  }

  async releaseLease(feedUrl: string, owner: string): Promise<void> {
    if (this.#data.leases.get(feedUrl)?.owner === owner) this.#data.leases.delete(feedUrl);
  }
}
