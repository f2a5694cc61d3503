import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedArticleSync } from '../../src/feeds/article-sync.js';
import { feedArticleId } from '../../src/feeds/item-identity.js';
import { FeedPoller } from '../../src/feeds/poller.js';
import type { FeedSource } from '../../src/feeds/sources.js';
import { InMemoryFeedStateStore } from '../../src/feeds/state-store.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { fixture, rssItems, serve, stall, status, useFeedServer } from './feed-server.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DATES = {
  DATE_1: new Date(NOW.getTime() - 2 * HOUR).toISOString(),
  DATE_2: new Date(NOW.getTime() - 3 * HOUR).toUTCString(),
};

const { server, agent } = useFeedServer();

interface Harness {
  poller: FeedPoller;
  newsroom: Newsroom;
  store: InMemoryFeedStateStore;
  logs: { level: number; msg: string; feed?: string }[];
  clock: { now: Date };
}

function source(path: string, extra: Partial<FeedSource> = {}): FeedSource {
  return { url: server.url(path), name: null, intervalSeconds: 60, from: 'file', ...extra };
}

function harness(
  sources: FeedSource[],
  options: { newsroom?: Newsroom; timeoutMs?: number; fetchArticleText?: boolean } = {},
): Harness {
  const logs: Harness['logs'] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const clock = { now: NOW };
  const newsroom = options.newsroom ?? new Newsroom({ now: () => clock.now });
  const store = new InMemoryFeedStateStore();
  const poller = new FeedPoller(sources, {
    store,
    sink: new InProcessDesk(newsroom),
    logger: createLogger('debug', destination),
    agent,
    owner: 'test-instance',
    timeoutMs: options.timeoutMs ?? 2000,
    maxBytes: 256 * 1024,
    maxItems: 50,
    retentionDays: 90,
    fetchArticleText: options.fetchArticleText ?? false,
    now: () => clock.now,
    random: () => 0.5,
  });
  return { poller, newsroom, store, logs, clock };
}

const titles = (answer: { stories: { article: { title: string } }[] }) =>
  answer.stories.map((s) => s.article.title);

describe('FeedPoller: formats', () => {
  it.each([
    [
      '/rss2.xml',
      'rss2.xml',
      'application/rss+xml',
      'lighthouse strike',
      'Lighthouse keepers vote to strike over rosters',
    ],
    [
      '/rdf.xml',
      'rdf.xml',
      'application/rdf+xml',
      'orchard frost',
      'Orchard growers count the cost of a late frost',
    ],
    [
      '/atom.xml',
      'atom.xml',
      'application/atom+xml',
      'mountain rescue',
      'Mountain rescue team & volunteers honoured',
    ],
    [
      '/feed.json',
      'feed.json',
      'application/feed+json',
      'stone bridge',
      'Old stone bridge reopens after repairs',
    ],
  ])('ingests %s into the newsroom, answerable at once', async (path, file, type, query, title) => {
    server.routes.set(path, serve(fixture(file, DATES), type));
    const h = harness([source(path)]);
    const [outcome] = await h.poller.pollDue();
    expect(outcome).toMatchObject({ status: 'ok', error: null });
    expect(outcome?.added).toBeGreaterThan(0);
    expect(titles(h.newsroom.answer(query, { now: NOW }))).toContain(title);
  });

  it('shows the cleaned link and the feed title as the outlet', async () => {
    server.routes.set('/clean.json', serve(fixture('feed.json', DATES), 'application/feed+json'));
    const h = harness([source('/clean.json')]);
    await h.poller.pollDue();
    const [story] = h.newsroom.answer('stone bridge', { now: NOW }).stories;
    expect(story?.article).toMatchObject({
      url: 'https://riverside.example/bridge-reopens',
      source: 'Riverside Daily',
    });
  });

  it('reads windows-1252 feeds right', async () => {
    server.routes.set(
      '/cp1252.xml',
      serve(fixture('windows-1252.xml'), 'application/rss+xml; charset=windows-1252'),
    );
    const h = harness([source('/cp1252.xml', { name: 'Cathedral' })]);
    await h.poller.pollDue();
    expect(titles(h.newsroom.answer('gloria choir', { now: NOW }))).toEqual([
      'Tickets cost €10 — and the choir sings “Gloria”',
    ]);
  });
});

describe('FeedPoller: identity', () => {
  it('a new item is answerable after the next poll, without a restart', async () => {
    server.routes.set(
      '/live.xml',
      serve(rssItems(2, { prefix: 'live', date: DATES.DATE_2 }), 'application/rss+xml'),
    );
    const h = harness([source('/live.xml')]);
    await h.poller.pollDue();
    expect(h.newsroom.answer('zeppelin', { now: NOW }).total).toBe(0);
    const feed = rssItems(2, { prefix: 'live', date: DATES.DATE_2 }).replace(
      '<item>',
      `<item><title>Zeppelin lands at the harbour</title><guid>live-new</guid><pubDate>${DATES.DATE_2}</pubDate><description>A zeppelin landed.</description></item><item>`,
    );
    server.routes.set('/live.xml', serve(feed, 'application/rss+xml'));
    h.clock.now = new Date(NOW.getTime() + 61_000);
    const [outcome] = await h.poller.pollDue();
    expect(outcome).toMatchObject({ added: 1, unchanged: 2, fresh: 1 });
    expect(titles(h.newsroom.answer('zeppelin', { now: h.clock.now }))).toEqual([
      'Zeppelin lands at the harbour',
    ]);
  });

  it('a re-dated and re-ordered feed creates nothing new and keeps the first date', async () => {
    server.routes.set(
      '/redate.xml',
      serve(rssItems(3, { prefix: 'rd', date: DATES.DATE_2 }), 'application/rss+xml'),
    );
    const h = harness([source('/redate.xml')]);
    await h.poller.pollDue();
    const size = h.newsroom.size;
    const redated = rssItems(3, { prefix: 'rd', date: new Date(NOW.getTime() - 10 * 60_000).toUTCString() });
    const reordered = redated.replace(/(<item>.*?<\/item>)(<item>.*?<\/item>)/, '$2$1');
    server.routes.set('/redate.xml', serve(reordered, 'application/rss+xml'));
    h.clock.now = new Date(NOW.getTime() + 61_000);
    const [outcome] = await h.poller.pollDue();
    expect(outcome).toMatchObject({ status: 'ok', added: 0, updated: 0, unchanged: 3, fresh: 0 });
    expect(h.newsroom.size).toBe(size);
    const id = feedArticleId(server.url('/redate.xml'), 'guid:rd-1');
    expect(h.newsroom.article(id)?.published).toBe(new Date(DATES.DATE_2).toISOString());
  });

  it('a changed item updates its article in place (same id, one story)', async () => {
    const before = rssItems(1, { prefix: 'chg', date: DATES.DATE_2, title: 'Bridge closed' });
    server.routes.set('/change.xml', serve(before, 'application/rss+xml'));
    const h = harness([source('/change.xml')]);
    await h.poller.pollDue();
    const id = feedArticleId(server.url('/change.xml'), 'guid:chg-1');
    expect(h.newsroom.article(id)?.title).toBe('Bridge closed chg number 1');
    server.routes.set(
      '/change.xml',
      serve(before.replace('Bridge closed', 'Bridge reopened'), 'application/rss+xml'),
    );
    h.clock.now = new Date(NOW.getTime() + 61_000);
    const [outcome] = await h.poller.pollDue();
    expect(outcome).toMatchObject({ added: 0, updated: 1 });
    expect(h.newsroom.size).toBe(1);
    expect(h.newsroom.article(id)?.title).toBe('Bridge reopened chg number 1');
    expect(titles(h.newsroom.answer('bridge', { now: h.clock.now }))).toEqual([
      'Bridge reopened chg number 1',
    ]);
  });
});

describe('FeedPoller: stories across feeds', () => {
  it('the same story from another feed joins its story ("also reported by")', async () => {
    const body = [
      'The harbour authority closed the northern breakwater on Monday after storm damage was found in three places along its length.',
      'Engineers will inspect the structure this week, and ferries will use the southern channel until repairs are finished.',
      'Fishing boats have been told to moor inside the inner harbour while the work goes on, the authority said in a statement.',
    ];
    const doc = (outlet: string, guid: string) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>${outlet}</title><item><title>Storm damage closes the northern breakwater</title><guid>${guid}</guid><link>https://${guid}.example/breakwater</link><pubDate>${DATES.DATE_2}</pubDate><description>${body.map((p) => `&lt;p&gt;${p}&lt;/p&gt;`).join('')} ${outlet}.</description></item></channel></rss>`;
    server.routes.set('/outlet-a.xml', serve(doc('Harbour Gazette', 'gazette'), 'application/rss+xml'));
    server.routes.set('/outlet-b.xml', serve(doc('Coast Courier', 'courier'), 'application/rss+xml'));
    const h = harness([source('/outlet-a.xml'), source('/outlet-b.xml')]);
    await h.poller.pollDue();
    const answer = h.newsroom.answer('breakwater storm', { now: NOW });
    expect(answer.total).toBe(1);
    expect(answer.stories[0]?.alsoReportedBy).toHaveLength(1);
  });
});

describe('FeedPoller: floods and retention', () => {
  it('a new feed’s back catalogue is indexed without counting as new; undated items count only after the first poll', async () => {
    const old = new Date(NOW.getTime() - 5 * DAY).toUTCString();
    const recent = new Date(NOW.getTime() - HOUR).toUTCString();
    const feed = (extra: string) =>
      rssItems(3, { prefix: 'old', date: old }).replace('<item>', `${extra}<item>`);
    const undated = (id: string) =>
      `<item><title>Undated ${id} notice</title><guid>${id}</guid><description>Notice.</description></item>`;
    const recentItem = `<item><title>Recent notice</title><guid>recent</guid><pubDate>${recent}</pubDate><description>New.</description></item>`;
    server.routes.set('/catalogue.xml', serve(feed(undated('u1') + recentItem), 'application/rss+xml'));
    const h = harness([source('/catalogue.xml')]);
    const [first] = await h.poller.pollDue();
    expect(first).toMatchObject({ added: 5, fresh: 1 });
    expect(h.newsroom.size).toBe(5);
    server.routes.set(
      '/catalogue.xml',
      serve(feed(undated('u2') + undated('u1') + recentItem), 'application/rss+xml'),
    );
    h.clock.now = new Date(NOW.getTime() + 61_000);
    const [second] = await h.poller.pollDue();
    expect(second).toMatchObject({ added: 1, fresh: 1, unchanged: 5 });
    const [row] = await h.poller.report();
    expect(row).toMatchObject({ itemsLast24h: 2, itemsTotal: 6 });
  });

  it('retires feed items past RETENTION_DAYS and never touches articles from files', async () => {
    const newsroom = Newsroom.fromArticles([
      {
        id: 'file-1',
        title: 'Harbour cranes from a file',
        paragraphs: ['Harbour cranes were repainted.'],
        published: '2020-01-01',
        source: 'Files',
        url: null,
        credit: null,
        origin: 'file.txt',
      },
    ]);
    const date = new Date(NOW.getTime() - 10 * DAY).toUTCString();
    const ancient = new Date(NOW.getTime() - 200 * DAY).toUTCString();
    const doc = rssItems(2, { prefix: 'ret', date }).replace(
      '<item>',
      `<item><title>Ancient harbour cranes</title><guid>ancient</guid><pubDate>${ancient}</pubDate></item><item>`,
    );
    server.routes.set('/retention.xml', serve(doc, 'application/rss+xml'));
    const h = harness([source('/retention.xml')], { newsroom });
    const [outcome] = await h.poller.pollDue();
    // Already past retention: not indexed at all.
    expect(outcome).toMatchObject({ added: 2 });
    expect(newsroom.size).toBe(3);
    h.clock.now = new Date(NOW.getTime() + 85 * DAY);
    expect(await h.poller.retire()).toBe(2);
    expect(newsroom.size).toBe(1);
    expect(newsroom.article('file-1')).toBeDefined();
    expect((await h.poller.report())[0]?.itemsTotal).toBe(0);
  });
});

describe('FeedPoller: failures', () => {
  const huge = rssItems(1).replace('Body of', `Body of ${'x'.repeat(300 * 1024)}`);
  beforeEach(() => {
    server.routes.set('/ok.xml', serve(fixture('rss2.xml', DATES), 'application/rss+xml', { etag: '"e1"' }));
    server.routes.set('/500.xml', status(500));
    server.routes.set('/slow.xml', stall());
    server.routes.set('/huge.xml', serve(huge, 'application/rss+xml'));
    server.routes.set('/malformed.xml', serve(fixture('truncated.xml'), 'application/rss+xml'));
    server.routes.set('/html', serve(fixture('homepage.html'), 'text/html'));
    server.routes.set('/not-feed.xml', serve(fixture('homepage.html'), 'application/xml'));
    server.routes.set('/png', serve(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'));
    server.routes.set('/loop-1', status(302, { location: '/loop-2' }));
    server.routes.set('/loop-2', status(302, { location: '/loop-1' }));
  });
  afterEach(() => {
    for (const path of ['/500.xml', '/slow.xml']) server.routes.delete(path);
  });

  it('records each broken feed with its reason and polls the others normally', async () => {
    const paths = [
      '/ok.xml',
      '/500.xml',
      '/slow.xml',
      '/huge.xml',
      '/malformed.xml',
      '/html',
      '/not-feed.xml',
      '/png',
      '/loop-1',
    ];
    const h = harness(
      paths.map((p) => source(p)),
      { timeoutMs: 500 },
    );
    const outcomes = await h.poller.pollDue();
    const byPath = Object.fromEntries(outcomes.map((o) => [new URL(o.url).pathname, o]));
    expect(byPath['/ok.xml']).toMatchObject({ status: 'ok', added: 2 });
    expect(byPath['/500.xml']?.error).toBe('HTTP 500');
    expect(byPath['/slow.xml']?.error).toBe('timed out after 0.5 s');
    expect(byPath['/huge.xml']?.error).toBe('body larger than 256 KB (after decompression)');
    expect(byPath['/malformed.xml']?.error).toMatch(/^malformed feed/);
    expect(byPath['/html']?.error).toBe('wrong content type text/html (expected RSS, Atom or JSON Feed)');
    expect(byPath['/not-feed.xml']?.error).toBe('not a feed: no RSS, Atom, RDF or JSON Feed document found');
    expect(byPath['/png']?.error).toBe('wrong content type image/png (expected RSS, Atom or JSON Feed)');
    expect(byPath['/loop-1']?.error).toMatch(/^redirect loop at /);
    const report = await h.poller.report();
    expect(report.filter((r) => r.failing)).toHaveLength(8);
    expect(report.find((r) => r.url.endsWith('/500.xml'))).toMatchObject({
      lastError: 'HTTP 500',
      itemsTotal: 0,
    });
  });

  it('answers 304 with nothing new, using the ETag it was given', async () => {
    const h = harness([source('/ok.xml')]);
    await h.poller.pollDue();
    h.clock.now = new Date(NOW.getTime() + 61_000);
    const [second] = await h.poller.pollDue();
    expect(second?.status).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"e1"');
  });

  it('backs off exponentially, warns once per change of state, resets on success', async () => {
    const h = harness([source('/500.xml')]);
    const nextDelays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await h.poller.pollFeed(source('/500.xml'));
      const state = await h.store.state(server.url('/500.xml'));
      nextDelays.push((state?.nextPollAt?.getTime() ?? 0) - h.clock.now.getTime());
    }
    // 60 s interval, jitter fixed at 0: 2×, 4×, 8×, 16×.
    expect(nextDelays).toEqual([120_000, 240_000, 480_000, 960_000]);
    const warnings = () => h.logs.filter((l) => l.level === 40);
    expect(warnings()).toHaveLength(1);
    server.routes.set('/500.xml', status(503));
    await h.poller.pollFeed(source('/500.xml'));
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]?.msg).toContain('HTTP 503');
    server.routes.set('/500.xml', serve(fixture('rss2.xml', DATES), 'application/rss+xml'));
    await h.poller.pollFeed(source('/500.xml'));
    const state = await h.store.state(server.url('/500.xml'));
    expect(state).toMatchObject({ failures: 0, lastError: 'HTTP 503' });
    expect((state?.nextPollAt?.getTime() ?? 0) - h.clock.now.getTime()).toBe(60_000);
    expect(h.logs.some((l) => l.level === 30 && l.msg.includes('recovered after 5 failed polls'))).toBe(true);
  });
});

describe('FeedPoller: a newsroom that cannot take items yet', () => {
  it('defers the poll without blaming the feed, and adds everything once the newsroom is back', async () => {
    server.routes.set(
      '/deferred.xml',
      serve(fixture('rss2.xml', DATES), 'application/rss+xml', { etag: '"d1"' }),
    );
    const h = harness([source('/deferred.xml')]);
    const inner = new InProcessDesk(h.newsroom);
    let loading = true;
    const poller = new FeedPoller([source('/deferred.xml')], {
      store: h.store,
      sink: {
        add: (articles) =>
          loading ? Promise.reject(new Error('the newsroom is still loading (1 of 9)')) : inner.add(articles),
        remove: inner.remove,
      },
      logger: createLogger('silent'),
      agent,
      owner: 'test-instance',
      timeoutMs: 2000,
      maxBytes: 256 * 1024,
      maxItems: 50,
      retentionDays: 90,
      fetchArticleText: false,
      now: () => h.clock.now,
      random: () => 0.5,
    });
    const [first] = await poller.pollDue();
    expect(first).toMatchObject({ status: 'deferred', error: 'the newsroom is still loading (1 of 9)' });
    const state = await h.store.state(server.url('/deferred.xml'));
    expect(state).toMatchObject({ failures: 0, lastError: null, etag: null });
    expect((state?.nextPollAt?.getTime() ?? 0) - NOW.getTime()).toBe(30_000);
    loading = false;
    h.clock.now = new Date(NOW.getTime() + 31_000);
    const [second] = await poller.pollDue();
    // Not a 304: the validators were not kept while the items were not in.
    expect(second).toMatchObject({ status: 'ok', added: 2 });
    expect(h.newsroom.size).toBe(2);
  });
});

describe('FeedPoller: restore', () => {
  it('brings every stored feed article back into a newsroom that lost them, without refetching', async () => {
    server.routes.set(
      '/resync.xml',
      serve(fixture('rss2.xml', DATES), 'application/rss+xml', { etag: '"r1"' }),
    );
    const h = harness([source('/resync.xml')]);
    await h.poller.pollDue();
    const ids = [...h.newsroom.articles()].map((a) => a.id).sort();
    for (const id of ids) h.newsroom.remove(id); // what a restarted worker looks like: files only
    const requests = server.requests.length;
    const sync = new FeedArticleSync({
      store: h.store,
      desk: new InProcessDesk(h.newsroom),
      logger: createLogger('silent'),
      intervalMs: 60_000,
    });
    expect(await sync.restore()).toBe(2);
    expect([...h.newsroom.articles()].map((a) => a.id).sort()).toEqual(ids);
    expect(server.requests.length).toBe(requests);
    const [row] = await h.poller.report();
    expect(row).toMatchObject({ itemsTotal: 2, failing: false });
  });
});

describe('FeedPoller: sources and leases', () => {
  it('does not poll a feed another instance holds the lease on', async () => {
    server.routes.set('/leased.xml', serve(fixture('rss2.xml', DATES), 'application/rss+xml'));
    const h = harness([source('/leased.xml')]);
    await h.store.tryLease(
      server.url('/leased.xml'),
      'other-instance',
      new Date(NOW.getTime() + 60_000),
      NOW,
    );
    const [outcome] = await h.poller.pollDue();
    expect(outcome?.status).toBe('leased-elsewhere');
    expect(h.newsroom.size).toBe(0);
    h.clock.now = new Date(NOW.getTime() + 61_000);
    expect((await h.poller.pollDue())[0]?.status).toBe('ok');
  });

  it('adds a source at run time and removes it with its articles; configured ones stay', async () => {
    server.routes.set('/added.xml', serve(fixture('rss2.xml', DATES), 'application/rss+xml'));
    server.routes.set('/configured.json', serve(fixture('feed.json', DATES), 'application/feed+json'));
    const h = harness([source('/configured.json')]);
    await h.poller.addSource(server.url('/added.xml'), 'Gazette', 60);
    await h.poller.pollDue();
    expect(h.newsroom.size).toBe(3);
    expect((await h.poller.report()).map((r) => r.name)).toEqual(['Riverside Daily', 'Gazette']);
    expect(await h.poller.removeSource('riverside daily')).toMatchObject({ configured: { from: 'file' } });
    expect(await h.poller.removeSource('gazette')).toMatchObject({
      removed: { url: server.url('/added.xml') },
      articles: 2,
    });
    expect(h.newsroom.size).toBe(1);
    expect(await h.poller.removeSource('nothing')).toEqual({ notFound: true });
  });

  it('fetches the page text when asked, through the same fetch rules', async () => {
    const page = `<html><head><title>Page</title></head><body><nav>Menu Home About</nav><article><h1>Lighthouse</h1>${'<p>The keepers explained at length why the new rosters leave the northern light unmanned on stormy nights, and what they want instead.</p>'.repeat(4)}<p><a href="/more">More</a></p></article></body></html>`;
    server.routes.set('/page/1', serve(page, 'text/html; charset=utf-8'));
    const doc = `<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><item><title>Keepers explain</title><guid>p1</guid><link>${server.url('/page/1')}</link><description>Short teaser.</description></item></channel></rss>`;
    server.routes.set('/paged.xml', serve(doc, 'application/rss+xml'));
    const h = harness([source('/paged.xml')], { fetchArticleText: true });
    await h.poller.pollDue();
    const article = h.newsroom.article(feedArticleId(server.url('/paged.xml'), 'guid:p1'));
    expect(article?.paragraphs.join(' ')).toContain('The keepers explained at length');
    expect(article?.paragraphs.join(' ')).not.toContain('Short teaser');
    expect(article?.paragraphs.join(' ')).not.toContain('Menu Home');
  });
});
