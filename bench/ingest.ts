/**
 * Live-feed ingestion: `npm run bench:ingest -- --items 20000 --feeds 20 [--json]`.
 *
 * Serves synthetic feeds (bench/synthetic-corpus.ts articles as RSS 2.0) from a local HTTP server,
 * and polls them with the real poller (src/feeds/poller.ts: guarded fetch, charset, feedsmith,
 * HTML to text, identity) into the newsroom, which already holds `--base-articles`: by default the
 * worker-thread desk `serve` uses (`--desk in-process` for the newsroom in this thread). Feed state
 * and articles go to the store as in `serve` (PGlite in a temporary folder; `--state memory` for none). Each
 * round every feed shows a window of `--window` items, half of them new, so polls see both new and
 * already-known items. The real Bolt app answers signed `/news` commands over HTTP meanwhile (the
 * shared load generator of bench/bench-app.ts, at `--news-rate` per second). Measures, in one run:
 *   - feed items per second sustained, over the whole ingestion;
 *   - memory added per 10,000 items: this thread's heap after a full GC (run with --expose-gc, as
 *     the npm script does), and the whole process's resident size, which includes the worker;
 *   - `/news` ack and answer latency while ingesting, as a ratio to the same load idle, measured
 *     first in the same run (answer: from the command going out to its response_url post).
 * The /news load is open-loop (a command every 1/rate s, answered or not): on a saturated machine,
 * pick a `--news-rate` the idle answers keep up with, or the answers queue without end ahead of the
 * ingestion they are meant to measure.
 * Prints one JSON object (compact with --json).
 */

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { guardedAgent } from '../src/feeds/address-guard.js';
import { FeedPoller } from '../src/feeds/poller.js';
import { SqlFeedStateStore } from '../src/feeds/sql-state-store.js';
import { type FeedStateStore, InMemoryFeedStateStore } from '../src/feeds/state-store.js';
import { createLogger } from '../src/logger.js';
import { InProcessDesk, type NewsDesk } from '../src/newsroom/desk.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import { WorkerDesk } from '../src/newsroom/worker-desk.js';
import { createSlackApp } from '../src/slack/app.js';
import { Store } from '../src/store/store.js';
import { FakeSlack } from '../tests/e2e/fake-slack.js';
import { BENCH_APP_OPTIONS, benchConfig, sendNewsTimed } from './bench-app.js';
import { percentile } from './latency.js';
import {
  type SyntheticArticle,
  syntheticArticles,
  toParsedArticle,
  writeCorpusJsonl,
} from './synthetic-corpus.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '4000' },
    feeds: { type: 'string', default: '20' },
    window: { type: 'string', default: '50' },
    'base-articles': { type: 'string', default: '2000' },
    'news-rate': { type: 'string', default: '20' },
    'idle-seconds': { type: 'string', default: '5' },
    state: { type: 'string', default: 'store' },
    seed: { type: 'string', default: '1' },
    desk: { type: 'string', default: 'worker' },
    json: { type: 'boolean', default: false },
  },
});
const int = (name: keyof typeof values, min: number): number => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, got ${values[name]}`);
  return n;
};
const items = int('items', 1);
const feeds = int('feeds', 1);
const window = int('window', 2);
const baseArticles = int('base-articles', 0);
const newsRate = int('news-rate', 1);
const idleSeconds = int('idle-seconds', 1);
const seed = int('seed', 0);

const QUERIES = [
  'government',
  'economy growth',
  'football match',
  'election',
  'music award',
  'film',
  'technology',
  'health service',
  'police',
  'market shares',
];
const NOW = Date.now();
const reference = new Date(NOW).toISOString();

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function rss(feed: number, list: readonly SyntheticArticle[]): string {
  const body = list
    .map(
      (a) =>
        `<item><title>${xml(a.title)}</title><link>${xml(a.url)}?utm_source=rss</link><guid isPermaLink="false">${a.id}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate><description>${xml(
          a.body
            .split('\n\n')
            .map((p) => `<p>${p}</p>`)
            .join(''),
        )}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>https://feed${feed}.example/</link>${body}</channel></rss>`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const summary = (values: number[]) => ({
  n: values.length,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
});
const ratio = (busy: number[], idle: number[], p: number): number =>
  round2(percentile(busy, p) / Math.max(0.001, percentile(idle, p)));
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

// The articles: the first `baseArticles` preload the newsroom, the next `items` are served by feeds.
const generated = [...syntheticArticles(baseArticles + items, { seed, referenceDate: reference })];
const base = generated.slice(0, baseArticles);
const feedItems: SyntheticArticle[][] = Array.from({ length: feeds }, () => []);
for (const [i, a] of generated.slice(baseArticles).entries()) {
  feedItems[i % feeds]?.push({ ...a, published: new Date(NOW - (i % 600) * 60_000).toISOString() });
}

// What each feed shows in each round: a sliding window, half new each round.
const step = Math.max(1, Math.floor(window / 2));
const rounds = Math.ceil(Math.max(...feedItems.map((l) => l.length)) / step);
let round = 0;
const documentFor = (feed: number): string => {
  const list = feedItems[feed] ?? [];
  const end = Math.min(list.length, (round + 1) * step);
  return rss(feed, list.slice(Math.max(0, end - window), end));
};

const server = createServer((req, res) => {
  const feed = Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
  if (feed < 0 || feed >= feeds) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(documentFor(feed));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

if (values.desk !== 'worker' && values.desk !== 'in-process')
  throw new Error(`--desk must be worker or in-process, got ${values.desk}`);
const scratch = await mkdtemp(join(tmpdir(), 'newsbot-bench-ingest-'));
let desk: NewsDesk;
let closeDesk = async () => {};
if (values.desk === 'worker') {
  await mkdir(join(scratch, 'articles'));
  await writeCorpusJsonl(join(scratch, 'articles', 'base.jsonl'), base);
  const worker = new WorkerDesk(
    { dataDir: join(scratch, 'articles'), stateDir: join(scratch, 'state'), recency: null, logLevel: 'warn' },
    createLogger('warn'),
  );
  await worker.ready;
  desk = worker;
  closeDesk = () => worker.close();
} else {
  desk = new InProcessDesk(Newsroom.fromArticles(base.map(toParsedArticle)));
}
if (values.state !== 'store' && values.state !== 'memory')
  throw new Error(`--state must be store or memory, got ${values.state}`);
const silent = createLogger('silent');
let store: Store | null = null;
let feedState: FeedStateStore = new InMemoryFeedStateStore('bench');
if (values.state === 'store') {
  // On disk as in serve: an in-memory PGlite would count the database itself as process memory.
  store = new Store({ engine: 'pglite', stateDir: join(scratch, 'store') }, { logger: silent }).start();
  await store.ready();
  feedState = new SqlFeedStateStore(store, 'bench');
}

const fake = new FakeSlack();
await fake.start();
const slack = createSlackApp({
  config: benchConfig(fake.apiUrl),
  desk,
  logger: silent,
  ...BENCH_APP_OPTIONS,
  botIdentity: { botId: 'B0BOT', botUserId: 'U0BOT' },
});
const { port: appPort } = await slack.start();
const newsLoad = (until: Promise<unknown>, label: string) =>
  sendNewsTimed(
    fake,
    { appUrl: `http://127.0.0.1:${appPort}/slack/events`, rate: newsRate, queries: QUERIES },
    until,
    label,
  );

let clock = NOW;
const agent = guardedAgent({ allowPrivate: true, connectTimeoutMs: 10_000 });
const poller = new FeedPoller(
  Array.from({ length: feeds }, (_, f) => ({
    url: `http://127.0.0.1:${port}/feed/${f}`,
    name: null,
    intervalSeconds: 60,
    from: 'file' as const,
  })),
  {
    store: feedState,
    sink: desk,
    logger: createLogger('warn'),
    agent,
    owner: 'bench',
    timeoutMs: 30_000,
    maxBytes: 20 * 1024 * 1024,
    maxItems: window,
    retentionDays: 3650,
    fetchArticleText: false,
    now: () => new Date(clock),
    random: () => 0.5,
  },
);

// Warm up, then the idle reference: the same /news load with nothing else running.
await newsLoad(new Promise((r) => setTimeout(r, 1000)), 'warm');
const idle = await newsLoad(new Promise((r) => setTimeout(r, idleSeconds * 1000)), 'idle');

const heapBefore = heap();
const rssBefore = process.memoryUsage().rss;
const sizeBefore = (await desk.stats()).articles;
const started = performance.now();
const ingesting = (async () => {
  for (round = 0; round < rounds; round++) {
    clock += 61_000;
    const outcomes = await poller.pollDue();
    const failed = outcomes.find((o) => o.status === 'failed');
    if (failed) throw new Error(`poll failed: ${failed.url}: ${failed.error}`);
  }
  return performance.now();
})();
const during = await newsLoad(ingesting, 'busy');
const ingestEnded = await ingesting;
const ingestSeconds = (ingestEnded - started) / 1000;
const added = (await desk.stats()).articles - sizeBefore;
const heapAfter = heap();
const rssAfter = process.memoryUsage().rss;
await agent.close();
server.close();
await slack.stop();
await fake.stop();
await store?.close();
await closeDesk();
await rm(scratch, { recursive: true, force: true });

const result = {
  bench: 'ingest',
  items,
  feeds,
  window,
  rounds,
  baseArticles,
  articlesAdded: added,
  exactCopiesDropped: items - added,
  itemsPerSecond: Math.round(items / ingestSeconds),
  ingestSeconds: round2(ingestSeconds),
  memoryPer10kItemsMB: {
    heapThisThread: round2((((heapAfter - heapBefore) / items) * 10_000) / 1048576),
    processRss: round2((((rssAfter - rssBefore) / items) * 10_000) / 1048576),
  },
  memoryExact: gc !== undefined,
  news: {
    rate: newsRate,
    idle: { ackMs: summary(idle.ack), answerMs: summary(idle.answer), errors: idle.errors },
    ingesting: { ackMs: summary(during.ack), answerMs: summary(during.answer), errors: during.errors },
    ratioToIdle: {
      ackP50: ratio(during.ack, idle.ack, 50),
      ackP99: ratio(during.ack, idle.ack, 99),
      answerP50: ratio(during.answer, idle.answer, 50),
      answerP99: ratio(during.answer, idle.answer, 99),
    },
  },
  state: values.state,
  desk: values.desk,
};
// Exit once the JSON is out: a pipe is written asynchronously.
process.stdout.write(`${JSON.stringify(result, null, values.json ? undefined : 2)}\n`, () => process.exit(0));
