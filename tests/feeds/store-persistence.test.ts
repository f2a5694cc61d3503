import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FeedArticleSync } from '../../src/feeds/article-sync.js';
import { feedArticleId } from '../../src/feeds/item-identity.js';
import { FeedPoller } from '../../src/feeds/poller.js';
import type { FeedSource } from '../../src/feeds/sources.js';
import { SqlFeedStateStore } from '../../src/feeds/sql-state-store.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { firstSeenSince } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/open.js';
import type { Database } from '../../src/store/schema.js';
import { ENGINES, noticeSkippedPostgres, useEngine } from '../store/engines.js';
import { rssItems, serve, useFeedServer } from './feed-server.js';

noticeSkippedPostgres();

const NOW = new Date('2026-11-24T12:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const { server, agent } = useFeedServer();

/** One newsbot instance: its own newsroom, poller and sync, over the shared database. */
interface Instance {
  name: string;
  newsroom: Newsroom;
  poller: FeedPoller;
  sync: FeedArticleSync;
  store: SqlFeedStateStore;
}

const ids = (newsroom: Newsroom) => [...newsroom.articles()].map((a) => a.id).sort();
const titles = (newsroom: Newsroom, query: string) =>
  newsroom.answer(query, { limit: 20 }).stories.map((s) => s.article.title);

describe.each(ENGINES)('feeds kept in the store ($name)', (engine) => {
  const e = useEngine(engine);
  const it_ = engine.skip ? it.skip : it;
  const clock = { now: NOW };

  function instance(name: string, sources: FeedSource[], db: () => Kysely<Database> = e.db): Instance {
    const store = new SqlFeedStateStore({ use: (fn) => fn(db()) }, name);
    const newsroom = new Newsroom({ now: () => clock.now });
    const desk = new InProcessDesk(newsroom);
    const logger = createLogger('silent');
    const poller = new FeedPoller(sources, {
      store,
      sink: desk,
      logger,
      agent,
      owner: name,
      timeoutMs: 2000,
      maxBytes: 256 * 1024,
      maxItems: 50,
      retentionDays: 90,
      fetchArticleText: false,
      now: () => clock.now,
      random: () => 0.5,
    });
    const sync = new FeedArticleSync({ store, desk, logger, intervalMs: 60_000 });
    return { name, newsroom, poller, sync, store };
  }

  const feed = (path: string): FeedSource => ({
    url: server.url(path),
    name: 'Harbour Gazette',
    intervalSeconds: 60,
    from: 'file',
  });

  it_(
    'a restart brings the feed articles back from the store without refetching, and they stay known',
    async () => {
      clock.now = NOW;
      const path = `/restart-${engine.name}.xml`;
      const date = new Date(NOW.getTime() - HOUR).toUTCString();
      server.routes.set(path, serve(rssItems(3, { prefix: 'crane', date }), 'application/rss+xml'));
      const before = instance('first-run', [feed(path)]);
      expect((await before.poller.pollDue())[0]).toMatchObject({ status: 'ok', added: 3, fresh: 3 });
      const polled = ids(before.newsroom);

      // The process stops; a new one starts with the data folder only.
      const after = instance('second-run', [feed(path)]);
      const requests = server.requests.filter((r) => r.path === path).length;
      expect(after.newsroom.size).toBe(0);
      expect(await after.sync.restore()).toBe(3);
      expect(ids(after.newsroom)).toEqual(polled);
      expect(titles(after.newsroom, 'harbour cranes')).toHaveLength(3);
      expect(server.requests.filter((r) => r.path === path).length).toBe(requests);
      // "New since" stays right: they were new when first seen, not again now.
      const seen = await firstSeenSince(e.db(), new Date(NOW.getTime() - HOUR));
      expect(polled.every((id) => seen.get(id) === NOW.getTime())).toBe(true);
      // The next poll (once due) finds the same items known: nothing new, nothing re-added.
      clock.now = new Date(NOW.getTime() + 2 * 60_000);
      expect((await after.poller.pollDue())[0]).toMatchObject({ status: 'ok', added: 0, updated: 0 });
      expect((await after.poller.report())[0]).toMatchObject({ itemsTotal: 3, itemsLast24h: 3 });
    },
  );

  it_(
    'two instances: one polls each feed, the other sees its articles, changes and retirements',
    async () => {
      clock.now = NOW;
      const path = `/shared-${engine.name}.xml`;
      const date = new Date(NOW.getTime() - HOUR).toUTCString();
      let doc = rssItems(2, { prefix: 'tide', date });
      server.routes.set(path, (req, res) => serve(doc, 'application/rss+xml')(req, res));
      // On PostgreSQL the second instance has its own connection pool, as a second process would.
      const url = e.url();
      const own = url === null ? null : await openDatabase({ engine: 'postgres', url });
      const a = instance('instance-a', [feed(path)]);
      const b = instance('instance-b', [feed(path)], own ? () => own.db : e.db);
      await a.sync.restore();
      await b.sync.restore();
      const count = () => server.requests.filter((r) => r.path === path).length;

      // Both find the feed due at once: one polls it, the other leaves it.
      const first = count();
      const outcomes = (await Promise.all([a.poller.pollDue(), b.poller.pollDue()])).flat();
      expect(outcomes.map((o) => o.status).sort()).toEqual(['leased-elsewhere', 'ok']);
      expect(count() - first).toBe(1);
      const [poller, other] = outcomes[0]?.status === 'ok' ? [a, b] : [b, a];
      expect(other.newsroom.size).toBe(0);
      expect(await other.sync.catchUp()).toEqual({ added: 2, removed: 0 });
      expect(ids(other.newsroom)).toEqual(ids(poller.newsroom));
      // Read again: nothing to apply twice.
      expect(await other.sync.catchUp()).toEqual({ added: 0, removed: 0 });

      // A new item and a re-dated one, one interval later: polled once, seen by both.
      doc = rssItems(3, { prefix: 'tide', date: new Date(NOW.getTime() - 30 * 60_000).toUTCString() });
      clock.now = new Date(NOW.getTime() + 2 * 60_000);
      const again = (await other.poller.pollDue()).concat(await poller.poller.pollDue());
      expect(again.filter((o) => o.status === 'ok')).toHaveLength(1);
      expect(again.find((o) => o.status === 'ok')).toMatchObject({ added: 1, updated: 0 });
      await a.sync.catchUp();
      await b.sync.catchUp();
      const third = feedArticleId(server.url(path), 'guid:tide-3');
      expect(a.newsroom.article(third)?.title).toBe('Story tide number 3');
      expect(b.newsroom.article(third)?.title).toBe('Story tide number 3');
      expect(ids(a.newsroom)).toEqual(ids(b.newsroom));

      // Retention on one instance retires the articles on both.
      clock.now = new Date(NOW.getTime() + 91 * DAY);
      expect(await a.poller.retire()).toBe(3);
      expect(a.newsroom.size).toBe(0);
      expect(await b.sync.catchUp()).toMatchObject({ removed: 3 });
      expect(b.newsroom.size).toBe(0);
      expect((await firstSeenSince(e.db(), new Date(0))).size).toBe(0);
      await own?.close();
    },
  );

  it_('a feed whose poller died is taken over once its lease runs out', async () => {
    clock.now = NOW;
    const path = `/takeover-${engine.name}.xml`;
    server.routes.set(path, serve(rssItems(1, { prefix: 'buoy' }), 'application/rss+xml'));
    const b = instance('survivor', [feed(path)]);
    // The dead instance took the lease for a poll it never finished.
    await b.store.tryLease(server.url(path), 'dead', new Date(NOW.getTime() + 120_000), NOW);
    expect((await b.poller.pollDue())[0]?.status).toBe('leased-elsewhere');
    clock.now = new Date(NOW.getTime() + 121_000);
    expect((await b.poller.pollDue())[0]).toMatchObject({ status: 'ok', added: 1 });
  });
});
