import { beforeEach, describe, expect, it } from 'vitest';
import { emptyFeedState, type FeedItemRecord, type FeedStateStore } from '../../src/feeds/state-store.js';

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

/**
 * What every FeedStateStore must do, run against each implementation: the in-memory one here, and
 * the SQL one over the store (call this from its test with a factory that gives an empty store).
 */
export function feedStateStoreContract(name: string, makeStore: () => Promise<FeedStateStore>): void {
  describe(`FeedStateStore contract: ${name}`, () => {
    let store: FeedStateStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('keeps run-time sources', async () => {
      await store.addSource({ url: 'https://a.example/rss', name: 'A', intervalSeconds: 60, from: 'added' });
      expect(await store.addedSources()).toEqual([
        { url: 'https://a.example/rss', name: 'A', intervalSeconds: 60, from: 'added' },
      ]);
      expect(await store.removeSource('https://a.example/rss')).toBe(true);
      expect(await store.removeSource('https://a.example/rss')).toBe(false);
      expect(await store.addedSources()).toEqual([]);
    });

    it('saves and returns feed state, dates as dates', async () => {
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

    it('keeps items by feed and key, replaces them, deletes them, counts them', async () => {
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

    it('finds items older than a cutoff by published date, else first seen', async () => {
      const feed = 'https://a.example/rss';
      await store.putItems([
        record(feed, 'old-published', { published: '2026-01-01T00:00:00.000Z', firstSeenAt: T0 }),
        record(feed, 'old-undated', { firstSeenAt: new Date(T0.getTime() - 100 * DAY) }),
        record(feed, 'recent', { published: '2026-11-20' }),
      ]);
      const old = await store.itemsOlderThan(new Date(T0.getTime() - 90 * DAY));
      expect(old.map((r) => r.key).sort()).toEqual(['old-published', 'old-undated']);
    });

    it('forgets a feed with its state and items', async () => {
      const feed = 'https://a.example/rss';
      await store.saveState(emptyFeedState(feed));
      await store.putItems([record(feed, 'guid:1')]);
      await store.forgetFeed(feed);
      expect(await store.state(feed)).toBeNull();
      expect((await store.items(feed)).size).toBe(0);
    });

    it('grants a lease to one owner at a time until it expires or is released', async () => {
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
  });
}
