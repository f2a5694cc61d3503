import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type LiveSources, liveSourcesFromConfig } from '../../src/feeds/live-sources.js';
import { createLogger } from '../../src/logger.js';
import type { WorkerDesk } from '../../src/newsroom/worker-desk.js';
import { type FeedServer, serve, startFeedServer } from '../feeds/feed-server.js';
import { ENGINES, useEngine } from '../store/engines.js';
import { type Harness, sendNews, startHarness } from './app-harness.js';

/**
 * `serve`'s feed wiring around the real Bolt app: the newsroom in a worker thread, feeds polled into
 * it and kept in the store (PGlite), `/news` over signed HTTP requests.
 */
const e = useEngine(ENGINES[0] as (typeof ENGINES)[number]);
let h: Harness;
let server: FeedServer;
let live: LiveSources;
let doc = '';
let seq = 0;
const PATH = '/live.xml';

function rss(items: { guid: string; title: string; body: string; date: Date }[]): string {
  const entries = items.map(
    (i) =>
      `<item><title>${i.title}</title><guid>${i.guid}</guid><link>https://harbour.example/${i.guid}</link><pubDate>${i.date.toUTCString()}</pubDate><description>${i.body}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>${entries.join('')}</channel></rss>`;
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const LIGHTHOUSE = {
  guid: 'lh-1',
  title: 'Lighthouse keepers strike over rosters',
  body: 'The lighthouse keepers of the northern cape walked out over new rosters.',
};
const FERRY = {
  guid: 'ferry-2',
  title: 'Ferry timetable doubles the night crossings',
  body: 'The harbour ferry company doubles its night crossings from Monday.',
};

const news = (text: string) => sendNews(h, text, `feeds-${++seq}`);

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = await startFeedServer({ [PATH]: (req, res) => serve(doc, 'application/rss+xml')(req, res) });
  doc = rss([{ ...LIGHTHOUSE, date: minutesAgo(30) }]);
  h = await startHarness({}, { desk: 'worker' });
  const config = loadConfig({
    FEEDS: server.url(PATH),
    FEEDS_ALLOW_PRIVATE: 'true',
    FEEDS_POLL_SECONDS: '600',
  });
  const logger = createLogger(
    'warn',
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    }),
  );
  live = await liveSourcesFromConfig({
    config,
    logger,
    sink: h.desk,
    database: { use: (fn) => fn(e.db()) },
    desk: h.desk,
  });
  // As serve does: a restarted worker gets the feed articles back from the store.
  (h.desk as WorkerDesk).onRestarted(() => void live.sync?.restore().catch(() => undefined));
}, 60_000);
afterAll(async () => {
  await live?.close();
  await h?.close();
  await server?.close();
});

describe('live feeds through /news', { timeout: 90_000 }, () => {
  it('answers a new item without a restart, creates nothing for a re-dated one, and keeps both across a worker restart', async () => {
    await live.start();
    await until(async () => JSON.stringify(await news('lighthouse keepers')).includes(LIGHTHOUSE.title));

    // A new item: answerable after the next poll, no restart.
    doc = rss([
      { ...FERRY, date: minutesAgo(5) },
      { ...LIGHTHOUSE, date: minutesAgo(30) },
    ]);
    const [source] = await live.poller.sources();
    if (!source) throw new Error('no source');
    expect(await live.poller.pollFeed(source)).toMatchObject({ status: 'ok', added: 1, fresh: 1 });
    expect(JSON.stringify(await news('ferry night crossings'))).toContain(FERRY.title);

    // Re-dated and re-ordered: nothing new, still one story.
    doc = rss([
      { ...LIGHTHOUSE, date: minutesAgo(1) },
      { ...FERRY, date: minutesAgo(2) },
    ]);
    expect(await live.poller.pollFeed(source)).toMatchObject({ status: 'ok', added: 0, updated: 0 });
    const answer = await h.desk.answer('lighthouse keepers');
    expect(answer.stories.map((s) => s.article.title)).toEqual([LIGHTHOUSE.title]);

    // The worker dies and comes back from its snapshot (the data folder only): the feed articles
    // come back from the store, without a request to the feed.
    const requests = server.requests.length;
    (h.desk as WorkerDesk).crashWorkerForTest();
    await until(async () => (await h.desk.stats()).state === 'restarting');
    await until(async () => {
      const reply = JSON.stringify(await news('ferry night crossings'));
      return reply.includes(FERRY.title);
    });
    expect(JSON.stringify(await news('lighthouse keepers'))).toContain(LIGHTHOUSE.title);
    expect(server.requests.length).toBe(requests);
  });
});
