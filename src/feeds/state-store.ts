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

  /** The items known for a feed, by key. */
  items(feedUrl: string): Promise<Map<string, FeedItemRecord>>;
  putItems(records: readonly FeedItemRecord[]): Promise<void>;
  deleteItems(feedUrl: string, keys: readonly string[]): Promise<void>;
  /** Items whose date (published, else first seen) is before `cutoff`, across feeds. */
  itemsOlderThan(cutoff: Date): Promise<FeedItemRecord[]>;
  /** Items a feed has, and how many of them counted as new since `since`. */
  itemCounts(feedUrl: string, since: Date): Promise<{ total: number; recent: number }>;
  /** Forgets a feed: its state and items (its run-time source entry is removed separately). */
  forgetFeed(feedUrl: string): Promise<void>;

  /**
   * Takes or renews the right to poll a feed until `until`, for `owner` (one instance). True when
   * no other owner holds an unexpired lease (a lease is held while `now` < its `until`). With one shared database, each feed is polled by one
   * instance at a time.
   */
  tryLease(feedUrl: string, owner: string, until: Date, now: Date): Promise<boolean>;
  releaseLease(feedUrl: string, owner: string): Promise<void>;
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

/** The store for one process (until the SQL store lands): nothing survives a restart. */
export class InMemoryFeedStateStore implements FeedStateStore {
  readonly #sources = new Map<string, FeedSource>();
  readonly #states = new Map<string, FeedState>();
  readonly #items = new Map<string, Map<string, FeedItemRecord>>();
  readonly #leases = new Map<string, { owner: string; until: number }>();

  async addedSources(): Promise<FeedSource[]> {
    return [...this.#sources.values()].map((s) => ({ ...s }));
  }

  async addSource(source: FeedSource): Promise<void> {
    this.#sources.set(source.url, { ...source });
  }

  async removeSource(url: string): Promise<boolean> {
    return this.#sources.delete(url);
  }

  async state(url: string): Promise<FeedState | null> {
    const state = this.#states.get(url);
    return state ? { ...state } : null;
  }

  async saveState(state: FeedState): Promise<void> {
    this.#states.set(state.url, { ...state });
  }

  async items(feedUrl: string): Promise<Map<string, FeedItemRecord>> {
    const items = this.#items.get(feedUrl);
    return new Map([...(items ?? [])].map(([k, v]) => [k, { ...v }]));
  }

  async putItems(records: readonly FeedItemRecord[]): Promise<void> {
    for (const record of records) {
      let items = this.#items.get(record.feedUrl);
      if (!items) {
        items = new Map();
        this.#items.set(record.feedUrl, items);
      }
      items.set(record.key, { ...record });
    }
  }

  async deleteItems(feedUrl: string, keys: readonly string[]): Promise<void> {
    const items = this.#items.get(feedUrl);
    for (const key of keys) items?.delete(key);
  }

  async itemsOlderThan(cutoff: Date): Promise<FeedItemRecord[]> {
    const old: FeedItemRecord[] = [];
    for (const items of this.#items.values())
      for (const record of items.values()) if (itemTime(record) < cutoff.getTime()) old.push({ ...record });
    return old;
  }

  async itemCounts(feedUrl: string, since: Date): Promise<{ total: number; recent: number }> {
    const items = this.#items.get(feedUrl);
    let recent = 0;
    for (const record of items?.values() ?? []) if (record.newAt !== null && record.newAt >= since) recent++;
    return { total: items?.size ?? 0, recent };
  }

  async forgetFeed(feedUrl: string): Promise<void> {
    this.#states.delete(feedUrl);
    this.#items.delete(feedUrl);
    this.#leases.delete(feedUrl);
  }

  async tryLease(feedUrl: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const lease = this.#leases.get(feedUrl);
    if (lease && lease.owner !== owner && lease.until > now.getTime()) return false;
    this.#leases.set(feedUrl, { owner, until: until.getTime() });
    return true;
  }

  async releaseLease(feedUrl: string, owner: string): Promise<void> {
    if (this.#leases.get(feedUrl)?.owner === owner) this.#leases.delete(feedUrl);
  }
}
