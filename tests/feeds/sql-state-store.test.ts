import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SqlFeedStateStore } from '../../src/feeds/sql-state-store.js';
import type { FeedArticlePage } from '../../src/feeds/state-store.js';
import { articleCounts, firstSeenSince, syncArticles } from '../../src/store/articles.js';
import { ENGINES, noticeSkippedPostgres, useEngine } from '../store/engines.js';
import { feedStateStoreContract } from './state-store-contract.js';

noticeSkippedPostgres();

const T0 = new Date('2026-11-24T12:00:00.000Z');
const HOUR = 3600_000;

describe.each(ENGINES)('SqlFeedStateStore on $name', (engine) => {
  const e = useEngine(engine);
  const it_ = engine.skip ? it.skip : it;
  const over = (owner: string) => new SqlFeedStateStore({ use: (fn) => fn(e.db()) }, owner);

  feedStateStoreContract(engine.name, async () => over, { skip: engine.skip });

  it_(
    'writes each item’s first_seen for digests, keeps it on change, and the folder sync leaves it alone',
    async () => {
      const store = over('one');
      const feed = 'https://a.example/rss';
      const base = {
        feedUrl: feed,
        contentHash: 'h',
        rawDigest: 'r',
        published: null,
        firstSeenAt: T0,
      };
      await store.putItems([
        { ...base, key: 'guid:new', articleId: 'feed-new', newAt: T0 },
        { ...base, key: 'guid:old', articleId: 'feed-old', newAt: null, published: '2026-01-05' },
      ]);
      const seen = await firstSeenSince(e.db(), new Date(T0.getTime() - HOUR));
      expect([...seen]).toEqual([['feed-new', T0.getTime()]]);
      // Changed later: first_seen stays.
      await store.putItems([
        { ...base, key: 'guid:new', articleId: 'feed-new', newAt: T0, contentHash: 'h2' },
      ]);
      expect((await firstSeenSince(e.db(), T0)).get('feed-new')).toBe(T0.getTime());
      // The data folder's sync at start knows only files: feed rows are not retired by it.
      await syncArticles(e.db(), [{ id: 'file-1', hash: 'x' }], new Date(T0.getTime() + HOUR));
      expect(await articleCounts(e.db())).toEqual({ live: 3, retired: 0 });
      await store.deleteItems(feed, ['guid:new']);
      expect(await articleCounts(e.db())).toEqual({ live: 2, retired: 0 });
    },
  );

  it_('leaves out a stored article that does not read back, and names it', async () => {
    const store = over('one');
    const feed = 'https://a.example/rss';
    const article = (id: string) => ({
      id,
      title: `Title ${id}`,
      paragraphs: ['Body.'],
      published: null,
      source: 'A',
      url: null,
      credit: null,
      origin: feed,
    });
    const record = (key: string, articleId: string) => ({
      feedUrl: feed,
      key,
      articleId,
      contentHash: 'h',
      rawDigest: 'r',
      published: null,
      firstSeenAt: T0,
      newAt: null,
    });
    await store.putItems(
      [record('guid:ok', 'feed-ok'), record('guid:bad', 'feed-bad')],
      [article('feed-ok'), article('feed-bad')],
    );
    await sql`update feed_items set article = '{"title": 5}'::jsonb where key = 'guid:bad'`.execute(e.db());
    const pages: FeedArticlePage[] = [];
    await store.readArticleChanges(null, async (page) => {
      pages.push(page);
    });
    expect(pages.flatMap((p) => p.articles.map((a) => a.article.id))).toEqual(['feed-ok']);
    expect(pages.flatMap((p) => p.unreadable)).toEqual(['feed-bad']);
  });
});
