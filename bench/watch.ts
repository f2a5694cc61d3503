/**
 * Topic watches at scale: W watches and A new articles.
 *
 * 1. Matching alone, time per new article, three ways in the same run on the same articles (each
 *    run once before it is timed, so that none pays the JIT for another):
 *    - incremental (the product): the article analysed once (`articleTerms`), then looked up in the
 *      WatchIndex, which counts the article's words per watch and scores only the watches with
 *      enough of them;
 *    - naive, as the issue puts it: every watch re-run against the whole index — each watch's query
 *      answered by the newsroom holding every article (first page), on a sample of articles;
 *    - the linear scan: the same analysis, then every watch scored against the article. Not what a
 *      naive bot does, but the stronger reference for the lookup alone.
 * 2. The whole path in `serve`'s thread: the articles go through the WatchService (store, ledger,
 *    posts to a fake Slack) while signed `/news` commands arrive over HTTP at a steady rate; their
 *    ack latency is compared with the same load idle, measured first in the same run.
 *
 *   npm run bench:watch -- --watches 1000 --articles 10000 [--sources DIR] [--news-rate 5]
 *
 * Articles come from bench/synthetic-corpus.ts (seed 11; recombined from the BBC News Summary
 * articles, or from `--sources`), dated just after the watches were set. Each watch is a topic
 * someone might follow: two or three words of four letters or more (no numbers, no headline words
 * such as "update" or "live") from the title and first paragraph of one article of another seed
 * (seed 99), so some watches fire and most seldom do; their words are weighed by rarity in the
 * newsroom, as the watch service does. Prints JSON.
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Article } from '../src/corpus/article.js';
import { systemClock } from '../src/digest/clock.js';
import { SlackDigestPoster } from '../src/digest/slack-poster.js';
import { createLogger } from '../src/logger.js';
import { InProcessDesk } from '../src/newsroom/desk.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import { analyze } from '../src/search/analyzer.js';
import { createSlackApp } from '../src/slack/app.js';
import { Store } from '../src/store/store.js';
import { articleTerms, type WatchQuery, watchQuery, watchScore, weighWatch } from '../src/watches/match.js';
import { WatchService } from '../src/watches/service.js';
import { WatchIndex } from '../src/watches/watch-index.js';
import { FakeSlack } from '../tests/e2e/fake-slack.js';
import { BENCH_APP_OPTIONS, benchConfig, sendNewsUntil } from './bench-app.js';
import { latencySummary, percentile } from './latency.js';
import { mulberry32, sourceArticlesFound, syntheticArticles, toParsedArticle } from './synthetic-corpus.js';

const { values: args } = parseArgs({
  options: {
    watches: { type: 'string', default: '1000' },
    articles: { type: 'string', default: '10000' },
    'naive-sample': { type: 'string', default: '3' },
    'scan-sample': { type: 'string', default: '2000' },
    sources: { type: 'string' },
    'news-rate': { type: 'string', default: '5' },
    'idle-seconds': { type: 'string', default: '10' },
  },
});
const WATCHES = Number(args.watches);
const ARTICLES = Number(args.articles);
const NEWS_RATE = Number(args['news-rate']);
const QUERIES = ['election', 'bushfire', 'interest rates', 'ukraine', 'health'];

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
const now = Date.now();

// The new articles, dated just now, grouped into stories by the newsroom as in `serve`.
const sourceDir = args.sources ?? sourceArticlesFound();
const newsroom = new Newsroom({ recency: null });
const articles: Article[] = [];
for (const [i, a] of [...syntheticArticles(ARTICLES, { seed: 11, sourceDir })].entries()) {
  const added = newsroom.add({ ...toParsedArticle(a, i), published: new Date(now + 60_000).toISOString() });
  if (added) articles.push(added);
}

// Watch queries: topics of another seed's articles.
const random = mulberry32(5);
const queries: string[] = [];
const HEADLINE_WORDS = new Set(['update', 'analysis', 'live', 'report', 'says', 'what', 'know']);
const topicWords = (text: string) =>
  [...new Set(text.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')))].filter(
    (w) => /^\p{L}{4,}$/u.test(w) && !HEADLINE_WORDS.has(w.toLowerCase()) && analyze(w).length > 0,
  );
const sources = [...syntheticArticles(Math.max(200, WATCHES), { seed: 99, sourceDir })].map((a) =>
  topicWords(`${a.title} ${a.body.split(/\n\s*\n/)[0] ?? ''}`),
);
const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
while (queries.length < WATCHES) {
  const words = pick(sources) ?? [];
  const size = random() < 0.3 ? 3 : 2;
  const chosen = new Set<string>();
  for (let tries = 0; chosen.size < size && tries < 20; tries++)
    chosen.add((pick(words) ?? '').toLowerCase());
  if (chosen.size === size) queries.push([...chosen].join(' '));
}
// Weighed by word rarity in the newsroom, as the watch service does.
const parsed = queries
  .map((q, id) => ({ id, query: watchQuery(q, new Date()) }))
  .filter((w): w is { id: number; query: WatchQuery } => w.query !== null)
  .map(({ id, query }) => ({ id, query: weighWatch(query, newsroom.documentFrequencies(query.terms)) }));

// 1. Matching alone. Each way runs once over its articles before it is timed (JIT warm-up).
const index = new WatchIndex(parsed);
const timePerArticle = <T>(list: readonly T[], work: (item: T) => void): number => {
  for (const item of list) work(item);
  const t0 = performance.now();
  for (const item of list) work(item);
  return (performance.now() - t0) / list.length;
};
const analysed = articles.map((a) => articleTerms(a));
const analysisMs = timePerArticle(articles, (a) => articleTerms(a));
let fired = 0;
const lookupMs = timePerArticle(analysed, (terms) => {
  fired += index.matches(terms).length;
});
fired /= 2;
const scanSample = analysed.slice(0, Number(args['scan-sample']));
let scanFired = 0;
const scanMs = timePerArticle(scanSample, (terms) => {
  for (const w of parsed) if (watchScore(w.query, terms) !== null) scanFired++;
});
scanFired /= 2;
const scanIndexFired = scanSample.reduce((n, terms) => n + index.matches(terms).length, 0);
// The naive way re-runs every watch per new article: timed on a few articles (one warm-up round).
const rerun = () => {
  for (const w of queries) newsroom.answer(w, { limit: 5 });
};
rerun();
const naiveSample = Number(args['naive-sample']);
let t = performance.now();
for (let i = 0; i < naiveSample; i++) rerun();
const naiveMs = (performance.now() - t) / naiveSample;
const incrementalMs = analysisMs + lookupMs;

process.stderr.write(
  `matching measured (${round(incrementalMs, 4)} ms vs naive ${round(naiveMs, 1)} ms per article); now the whole path\n`,
);
// 2. The whole path while /news is answered over HTTP.
const fake = new FakeSlack();
await fake.start();
const store = new Store(
  { engine: 'pglite-instance', pglite: await PGlite.create() },
  { logger: silent },
).start();
await store.ready();
const created = new Date(now - 3600_000);
for (let i = 0; i < parsed.length; i += 500) {
  const rows = parsed.slice(i, i + 500).map((w) => ({
    conversation_id: `C${String(w.id).padStart(8, '0')}`,
    query: queries[w.id] ?? '',
    created_by: 'bench',
    created_at: created,
  }));
  await store.use((db) => db.insertInto('watches').values(rows).execute());
}
const config = benchConfig(fake.apiUrl);
let service: WatchService | undefined;
const desk = new InProcessDesk(newsroom);
const slack = createSlackApp({
  config,
  desk,
  logger: silent,
  ...BENCH_APP_OPTIONS,
  watch: (client) => {
    service = new WatchService({
      store,
      poster: new SlackDigestPoster(client, systemClock, silent),
      clock: systemClock,
      logger: silent,
      settings: { maxPerHour: config.WATCH_MAX_PER_HOUR, publicBaseUrl: null },
      owner: 'bench',
      desk,
    });
    return { store, service, now: () => new Date() };
  },
});
const { port } = await slack.start();
const appUrl = `http://127.0.0.1:${port}/slack/events`;

/** Signed /news commands at NEWS_RATE per second until `until` settles; their ack latencies. */
const acks = (until: Promise<unknown>, label: string) =>
  sendNewsUntil(
    { appUrl, rate: NEWS_RATE, queries: QUERIES, responseUrl: (id) => fake.responseUrl(id) },
    until,
    label,
  );

await acks(new Promise((r) => setTimeout(r, 1000)), 'warm');
const idle = await acks(new Promise((r) => setTimeout(r, Number(args['idle-seconds']) * 1000)), 'idle');
if (!service) throw new Error('watch service not built');
const batch = articles.map((article) => ({ article, seenAt: new Date() }));
t = performance.now();
const run = service.check(batch);
const busy = await acks(run, 'busy');
const outcomes = await run;
const pathMs = (performance.now() - t) / articles.length;
const count = (o: string) => outcomes.filter((x) => x === o).length;

process.stdout.write(
  `${JSON.stringify(
    {
      watches: parsed.length,
      articles: articles.length,
      corpus: { sourceDir, seed: 11, watchSeed: 99, exampleWatches: queries.slice(0, 5) },
      matching: {
        incrementalMsPerArticle: round(incrementalMs, 4),
        ofWhichAnalysisMs: round(analysisMs, 4),
        ofWhichLookupMs: round(lookupMs, 4),
        naiveRerunMsPerArticle: round(naiveMs, 1),
        naiveRerunSample: naiveSample,
        speedupOverNaiveRerun: round(naiveMs / incrementalMs, 0),
        linearScanMsPerArticle: round(scanMs, 4),
        lookupSpeedupOverLinearScan: round(scanMs / lookupMs, 1),
        linearScanSample: scanSample.length,
        firedPerArticle: round(fired / articles.length, 2),
        sameFiringsAsLinearScan: scanFired === scanIndexFired,
      },
      wholePath: {
        msPerArticle: round(pathMs),
        posted: count('posted'),
        replies: count('reply'),
        capped: count('capped'),
        skipped: count('skipped'),
      },
      newsAck: {
        rate: NEWS_RATE,
        idleMs: latencySummary(idle.ack),
        duringWatchesMs: latencySummary(busy.ack),
        ratioToIdle: {
          p50: round(percentile(busy.ack, 50) / percentile(idle.ack, 50), 2),
          p95: round(percentile(busy.ack, 95) / percentile(idle.ack, 95), 2),
        },
        errors: idle.errors + busy.errors,
      },
    },
    null,
    2,
  )}\n`,
);
await slack.stop();
await store.close();
await fake.stop();
// Exit once the JSON is out: a pipe is written asynchronously.
process.stdout.write('', () => process.exit(0));
