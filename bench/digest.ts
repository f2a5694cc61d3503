/**
 * Digest load: S subscriptions due in the same minute, posted by the real digest service through
 * the real Bolt app's posting client to a fake Slack that enforces Slack's limits on
 * chat.postMessage (about 1 message per second per channel, and a per-second budget for the app;
 * past them: 429 with Retry-After). Meanwhile signed `/news` commands keep arriving over HTTP at a
 * steady rate; their ack and answer latencies are compared with the same load when idle, measured
 * first in the same run.
 *
 *   npm run bench:digest -- --subs 1000 --news-rate 5 --per-second 100
 *
 * Everything runs in this process (app, store, fake Slack, client), so latencies include the
 * client's own work; the ratio to idle is the figure to read. Prints JSON.
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { systemClock } from '../src/digest/clock.js';
import { DigestService } from '../src/digest/service.js';
import { SlackDigestPoster } from '../src/digest/slack-poster.js';
import { digestSettings } from '../src/digest/start.js';
import { createLogger } from '../src/logger.js';
import { InProcessDesk } from '../src/newsroom/desk.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import { createSlackApp } from '../src/slack/app.js';
import { fingerprints, syncArticles } from '../src/store/articles.js';
import type { DatabaseTarget } from '../src/store/open.js';
import { Store } from '../src/store/store.js';
import { FakeSlack } from '../tests/e2e/fake-slack.js';
import { BENCH_APP_OPTIONS, benchConfig, sendNewsTimed } from './bench-app.js';
import { latencySummary, percentile } from './latency.js';
import { syntheticArticles, toParsedArticle } from './synthetic-corpus.js';

const { values: args } = parseArgs({
  options: {
    subs: { type: 'string', default: '1000' },
    articles: { type: 'string', default: '2000' },
    'news-rate': { type: 'string', default: '5' },
    'idle-seconds': { type: 'string', default: '10' },
    'per-second': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
    'database-url': { type: 'string' },
  },
});
const SUBS = Number(args.subs);
const ARTICLES = Number(args.articles);
const NEWS_RATE = Number(args['news-rate']);
const IDLE_SECONDS = Number(args['idle-seconds']);
const QUERIES = ['election', 'bushfire', 'interest rates', 'ukraine', 'drought since:30d', 'health'];

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
const fake = new FakeSlack({ rateLimit: { perChannelMs: 1000, perSecond: Number(args['per-second']) } });
await fake.start();

// A corpus whose stories are dated today, so every digest has something to post.
const now = Date.now();
const newsroom = Newsroom.fromArticles(
  [...syntheticArticles(ARTICLES, { seed: 7 })].map((a, i) => ({
    ...toParsedArticle(a, i),
    published: new Date(now - (i % 20) * 3600_000).toISOString(),
  })),
);

const target: DatabaseTarget = args['database-url']
  ? { engine: 'postgres', url: args['database-url'], poolSize: 10 }
  : { engine: 'pglite-instance', pglite: await PGlite.create() };
const store = new Store(target, { logger: silent }).start();
await store.ready();
const desk = new InProcessDesk(newsroom);
await store.use((db) => syncArticles(db, fingerprints(newsroom.articles()), new Date()));

const config = benchConfig(fake.apiUrl);
let service: DigestService | undefined;
const slack = createSlackApp({
  config,
  desk,
  logger: silent,
  ...BENCH_APP_OPTIONS,
  digest: (client) => {
    service = new DigestService({
      store,
      desk,
      poster: new SlackDigestPoster(client, systemClock, silent),
      clock: systemClock,
      settings: { ...digestSettings(config), concurrency: Number(args.concurrency) },
      logger: silent,
    });
    return { store, service, now: () => new Date() };
  },
});
const { port } = await slack.start();
const appUrl = `http://127.0.0.1:${port}/slack/events`;

// S subscriptions, all due this minute (UTC), with a few different topics between them.
const minute = new Date();
const time = `${String(minute.getUTCHours()).padStart(2, '0')}:${String(minute.getUTCMinutes()).padStart(2, '0')}`;
const hourAgo = new Date(now - 3600_000);
for (let i = 0; i < SUBS; i += 500) {
  const rows = Array.from({ length: Math.min(500, SUBS - i) }, (_, k) => ({
    conversation_id: `C${String(i + k).padStart(8, '0')}`,
    kind: 'channel' as const,
    time,
    time_zone: 'UTC',
    topics: (i + k) % 4 === 0 ? (QUERIES[(i + k) % QUERIES.length] ?? '') : '',
    enabled: true,
    created_by: 'bench',
    created_at: hourAgo,
    updated_at: hourAgo,
  }));
  await store.use((db) => db.insertInto('digest_subscriptions').values(rows).execute());
}

/** Signed /news commands at NEWS_RATE per second until `until` resolves; their ack and answer latencies. */
const newsLoad = (until: Promise<unknown>, label: string) =>
  sendNewsTimed(fake, { appUrl, rate: NEWS_RATE, queries: QUERIES }, until, label);

// Warm up, then the idle reference, then the digest run with the same /news load.
await newsLoad(new Promise((r) => setTimeout(r, 1000)), 'warm');
const idle = await newsLoad(new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000)), 'idle');
if (!service) throw new Error('digest service not built');
const started = performance.now();
const run = service.tick();
const busy = await newsLoad(run, 'busy');
const report = await run;
const postSeconds = (performance.now() - started) / 1000;

const okPosts = fake.callsTo('chat.postMessage').length - fake.rateLimited;
process.stdout.write(
  `${JSON.stringify(
    {
      subscriptions: SUBS,
      articles: newsroom.size,
      engine: target.engine,
      digests: report,
      slackPostsAccepted: okPosts,
      slackRateLimited429: fake.rateLimited,
      secondsToPostAll: Math.round(postSeconds * 10) / 10,
      postsPerSecond: Math.round((okPosts / postSeconds) * 10) / 10,
      news: {
        rate: NEWS_RATE,
        idle: { ackMs: latencySummary(idle.ack), answerMs: latencySummary(idle.answer), errors: idle.errors },
        duringDigest: {
          ackMs: latencySummary(busy.ack),
          answerMs: latencySummary(busy.answer),
          errors: busy.errors,
        },
        ratioToIdle: {
          ackP50: ratio(percentile(busy.ack, 50), percentile(idle.ack, 50)),
          ackP95: ratio(percentile(busy.ack, 95), percentile(idle.ack, 95)),
          answerP50: ratio(percentile(busy.answer, 50), percentile(idle.answer, 50)),
          answerP95: ratio(percentile(busy.answer, 95), percentile(idle.answer, 95)),
        },
      },
      note: 'one process (app, store, fake Slack, client); the fake enforces 1 post/s/channel and --per-second per app',
    },
    null,
    2,
  )}\n`,
);
await slack.stop();
await store.close();
await fake.stop();
process.exit(0);
