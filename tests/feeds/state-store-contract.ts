import { beforeEach, describe, expect, it } from 'vitest';
import type { ParsedArticle } from '../../src/corpus/article.js';
import {
  emptyFeedState,
  type FeedArticlePage,
  type FeedCursor,
  type FeedItemRecord,
  type FeedStateStore,
} from '../../src/feeds/state-store.js';

const T0 = new Date('2026-11-24T12:00:00.000Z');
const DAY = 24 * 3600_000;

function record(feedUrl: string, key: string, over: Partial<FeedItemRecord> = {}): FeedItemRecord {
  return {
    feedUrl,
    key,
    articleId: `feed-${key}`,
    contentHash: `hash-${key}`,
    rawDigest: `raw-${key}`,
    published: null,
    firstSeenAt: T0,
    newAt: null,
    ...over,
  };
}

function article(id: string, title = `Title of ${id}`): ParsedArticle {
  return {
    id,
    title,
    paragraphs: [`Body of ${id}.`],
    published: '2026-11-24T10:00:00.000Z',
    source: 'Gazette',
    url: `https://a.example/${id}`,
    credit: null,
    origin: 'https://a.example/rss',
  };
}

/** Reads every change after `after` as one page, for assertions. */
async function changes(
  store: FeedStateStore,
  after: FeedCursor | null,
  skipOwn = false,
): Promise<FeedArticlePage & { cursor: FeedCursor | null }> {
  const all: FeedArticlePage = { articles: [], retired: [], unreadable: [] };
  const cursor = await store.readArticleChanges(
    after,
    async (page) => {
      all.articles.push(...page.articles);
      all.retired.push(...page.retired);
      all.unreadable.push(...page.unreadable);
    },
    { skipOwn, pageSize: 2 },
  );
  return { ...all, cursor };
}

/**
 * What every FeedStateStore must do, run against each implementation: the in-memory one, and the
 * SQL one over each engine. `makeStores` empties the backing and returns a view of it per
 * instance name (two names = two instances sharing one database).
 */
export function feedStateStoreContract(
  name: string,
  makeStores: () => Promise<(owner: string) => FeedStateStore>,
  options: { skip?: boolean } = {},
): void {
  const it_ = options.skip ? it.skip : it;
  describe(`FeedStateStore contract: ${name}`, () => {
    let store: FeedStateStore;
    let instance: (owner: string) => FeedStateStore;
    beforeEach(async () => {
      if (options.skip) return;
      instance = await makeStores();
      store = instance('one');
    });

    it_('keeps run-time sources', async () => {
      await store.addSource({ url: 'https://a.example/rss', name: 'A', intervalSeconds: 60, from: 'added' });
      expect(await store.addedSources()).toEqual([
        { url: 'https://a.example/rss', name: 'A', intervalSeconds: 60, from: 'added' },
      ]);
      expect(await store.removeSource('https://a.example/rss')).toBe(true);
      expect(await store.removeSource('https://a.example/rss')).toBe(false);
      expect(await store.addedSources()).toEqual([]);
    });

    it_('saves and returns feed state, dates as dates', async () => {
      expect(await store.state('https://a.example/rss')).toBeNull();
      const state = {
        ...emptyFeedState('https://a.example/rss'),
        etag: '"v1"',
        lastSuccessAt: T0,
        failures: 2,
        lastError: 'HTTP 500',
        nextPollAt: new Date(T0.getTime() + 60_000),
      };
      await store.saveState(state);
      expect(await store.state('https://a.example/rss')).toEqual(state);
    });

    it_('keeps items by feed and key, replaces them, deletes them, counts them', async () => {
      const feed = 'https://a.example/rss';
      await store.putItems([
        record(feed, 'guid:1', { newAt: T0 }),
        record(feed, 'guid:2'),
        record('https://b.example/rss', 'guid:1'),
      ]);
      await store.putItems([record(feed, 'guid:2', { contentHash: 'changed' })]);
      const items = await store.items(feed);
      expect([...items.keys()].sort()).toEqual(['guid:1', 'guid:2']);
      expect(items.get('guid:2')?.contentHash).toBe('changed');
      expect(await store.itemCounts(feed, new Date(T0.getTime() - DAY))).toEqual({ total: 2, recent: 1 });
      expect(await store.itemCounts(feed, new Date(T0.getTime() + 1))).toEqual({ total: 2, recent: 0 });
      await store.deleteItems(feed, ['guid:1']);
      expect([...(await store.items(feed)).keys()]).toEqual(['guid:2']);
      expect((await store.items('https://b.example/rss')).size).toBe(1);
    });

    it_('finds items older than a cutoff by published date, else first seen', async () => {
      const feed = 'https://a.example/rss';
      await store.putItems([
        record(feed, 'old-published', { published: '2026-01-01T00:00:00.000Z', firstSeenAt: T0 }),
        record(feed, 'old-undated', { firstSeenAt: new Date(T0.getTime() - 100 * DAY) }),
        record(feed, 'recent', { published: '2026-11-20' }),
      ]);
      const old = await store.itemsOlderThan(new Date(T0.getTime() - 90 * DAY));
      expect(old.map((r) => r.key).sort()).toEqual(['old-published', 'old-undated']);
    });

    it_('forgets a feed with its state and items', async () => {
      const feed = 'https://a.example/rss';
      await store.saveState(emptyFeedState(feed));
      await store.putItems([record(feed, 'guid:1')]);
      await store.forgetFeed(feed);
      expect(await store.state(feed)).toBeNull();
      expect((await store.items(feed)).size).toBe(0);
    });

    it_('grants a lease to one owner at a time until it expires or is released', async () => {
      const feed = 'https://a.example/rss';
      const until = new Date(T0.getTime() + 60_000);
      expect(await store.tryLease(feed, 'one', until, T0)).toBe(true);
      expect(await store.tryLease(feed, 'two', until, T0)).toBe(false);
      expect(await store.tryLease(feed, 'one', until, T0)).toBe(true); // renewal
      expect(
        await store.tryLease(feed, 'two', new Date(T0.getTime() + 120_000), new Date(until.getTime() - 1)),
      ).toBe(false);
      expect(
        await store.tryLease(feed, 'two', new Date(T0.getTime() + 120_000), new Date(until.getTime() + 1)),
      ).toBe(true);
      await store.releaseLease(feed, 'one'); // not the holder: nothing happens
      expect(await store.tryLease(feed, 'one', until, new Date(until.getTime() + 2))).toBe(false);
      await store.releaseLease(feed, 'two');
      expect(await store.tryLease(feed, 'one', until, T0)).toBe(true);
    });

    it_('keeps each item’s article and gives every live one back in write order, in pages', async () => {
      const feed = 'https://a.example/rss';
      await store.putItems(
        [record(feed, 'guid:1'), record(feed, 'guid:2'), record(feed, 'guid:3')],
        [article('feed-guid:1'), article('feed-guid:2'), article('feed-guid:3')],
      );
      // Re-dated, same text: written without its article, which stays.
      await store.putItems([record(feed, 'guid:1', { rawDigest: 'respelled' })]);
      await store.deleteItems(feed, ['guid:2']);
      const all = await changes(store, null);
      expect(all.articles.map((a) => a.article.id)).toEqual(['feed-guid:3', 'feed-guid:1']);
      expect(all.articles[1]).toEqual({ article: article('feed-guid:1'), contentHash: 'hash-guid:1' });
      expect(all.retired).toEqual([]);
    });

    it_('lets another instance read what changed since its cursor: new, changed, retired', async () => {
      const feed = 'https://a.example/rss';
      const other = instance('two');
      await store.putItems(
        [record(feed, 'guid:1'), record(feed, 'guid:2')],
        [article('feed-guid:1'), article('feed-guid:2')],
      );
      const first = await changes(other, null, true);
      expect(first.articles.map((a) => a.article.id)).toEqual(['feed-guid:1', 'feed-guid:2']);
      await store.putItems(
        [record(feed, 'guid:2', { contentHash: 'v2' }), record(feed, 'guid:3')],
        [article('feed-guid:2', 'Changed'), article('feed-guid:3')],
      );
      await store.deleteItems(feed, ['guid:1']);
      const next = await changes(other, first.cursor, true);
      // Writes that may still be committing are read again: what matters is nothing is missed.
      const latest = new Map(next.articles.map((a) => [a.article.id, a]));
      expect(latest.get('feed-guid:2')).toMatchObject({ contentHash: 'v2', article: { title: 'Changed' } });
      expect(latest.has('feed-guid:3')).toBe(true);
      expect(next.retired).toContain('feed-guid:1');
      // The writer itself skips its own writes.
      expect(await changes(store, first.cursor, true)).toMatchObject({ articles: [], retired: [] });
    });

    it_('retires a forgotten feed’s articles for the other instances', async () => {
      const feed = 'https://a.example/rss';
      await store.putItems([record(feed, 'guid:1')], [article('feed-guid:1')]);
      const before = await changes(instance('two'), null, true);
      await store.forgetFeed(feed);
      expect((await changes(instance('two'), before.cursor, true)).retired).toEqual(['feed-guid:1']);
      expect((await changes(store, null)).articles).toEqual([]);
      expect(await store.purgeRetired(new Date(Date.now() + DAY))).toBe(1);
      expect((await changes(instance('two'), before.cursor, true)).retired).toEqual([]);
    });

    it_('shares leases between instances', async () => {
      const feed = 'https://a.example/rss';
      const until = new Date(T0.getTime() + 60_000);
      expect(await instance('x').tryLease(feed, 'x', until, T0)).toBe(true);
      expect(await instance('y').tryLease(feed, 'y', until, T0)).toBe(false);
    });
  });
}
