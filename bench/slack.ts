/**
 * Load test of the Slack surface: the real Bolt app in HTTP mode on loopback, answering signed
 * `/news` slash commands against a Newsroom of N articles, with replies going to a fake Slack.
 *
 *   npm run bench:slack -- --articles 100000 --requests 200 --concurrency 200
 *
 * The app runs alone in this process; the client and the fake Slack (which receives the
 * response_url posts, i.e. the replies) run in a child process, so client work does not queue
 * behind the app's searches and ack times are what Slack would see. Prints JSON.
 */
import { fork } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { InProcessDesk } from '../src/newsroom/desk.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import { createSlackApp } from '../src/slack/app.js';
import { FakeSlack } from '../tests/e2e/fake-slack.js';
import { FORM, slackSignature, slashCommand } from '../tests/e2e/signed-request.js';
import { syntheticArticles, toParsedArticle } from './synthetic-corpus.js';

const SECRET = 'bench-signing-secret';
const CLIENT_FLAG = '--bench-client';
/** Below this many articles the bundled corpus is used as it is. */
const BUNDLED_UP_TO = 50;
const GOAL = { ackP99Ms: 50, allAckedWithinMs: 3000 };

interface ClientJob {
  appUrl: string;
  queries: string[];
  requests: number;
  concurrency: number;
}

interface ClientResult {
  /** Per request: from the request being handed to the socket to its response (the ack). */
  ackMs: number[];
  /** Per request, on the clock both processes share (ms since the epoch): sent, and response ended. */
  wire: Record<string, { sent: number; ended: number }>;
  /** From the start of the burst to the last ack, client-side queueing included. */
  burstMs: number;
  replyMs: number[];
  errors: string[];
  wallSeconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] ?? Number.NaN) * 10) / 10;
}

/** Worker side: a fake Slack for the replies, and R signed /news requests at concurrency C. */
async function runClient(job: ClientJob): Promise<ClientResult> {
  const fake = new FakeSlack();
  await fake.start();
  const sentAt = new Map<string, number>();
  const replyMs: number[] = [];
  let allReplied: () => void = () => {};
  const replied = new Promise<void>((resolve) => {
    allReplied = resolve;
  });
  fake.onResponse = (post) => {
    const start = sentAt.get(post.id);
    if (start !== undefined) replyMs.push(performance.now() - start);
    if (replyMs.length === job.requests) allReplied();
  };
  const ackMs: number[] = [];
  const wire: ClientResult['wire'] = {};
  const errors: string[] = [];
  // Warm up the client's HTTP stack and the app's first-request paths, so the burst measures acks
  // rather than module loading; these replies are not counted.
  for (let i = 0; i < 3; i++)
    await postSigned(
      `${job.appUrl}/slack/events`,
      signedRequest(slashCommand('news', fake.responseUrl(`warm${i}`)), `warm${i}`),
    );
  // Bodies and signatures are made before the burst: the client's own CPU work must not delay
  // the sending, nor the reading of responses it is timing.
  const signed = Array.from({ length: job.requests }, (_, n) =>
    signedRequest(
      slashCommand(job.queries[n % job.queries.length] ?? 'news', fake.responseUrl(`r${n}`)),
      `r${n}`,
    ),
  );
  let next = 0;
  const started = performance.now();
  const one = async (n: number) => {
    sentAt.set(`r${n}`, performance.now());
    try {
      const { status, ms, sent, ended } = await postSigned(
        `${job.appUrl}/slack/events`,
        signed[n] as SignedRequest,
      );
      ackMs.push(ms);
      wire[`r${n}`] = { sent, ended };
      if (status !== 200) errors.push(`HTTP ${status}`);
    } catch (err) {
      errors.push(String(err));
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(job.concurrency, job.requests) }, async () => {
      while (next < job.requests) await one(next++);
    }),
  );
  const burstMs = performance.now() - started;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 60_000);
  });
  await Promise.race([replied, timeout]);
  // A pending timer would keep this process, and so the bench, alive for the full minute.
  clearTimeout(timer);
  const wallSeconds = (performance.now() - started) / 1000;
  if (replyMs.length < job.requests)
    errors.push(`${job.requests - replyMs.length} replies missing after 60 s`);
  await fake.stop();
  return { ackMs, wire, burstMs, replyMs, errors, wallSeconds };
}

// One socket per request in flight, as when Slack's many senders reach the app.
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

interface SignedRequest {
  body: string;
  headers: Record<string, string | number>;
}

/** Names a request so the app's side of its ack can be matched with the client's. */
const BENCH_ID_HEADER = 'x-bench-request';

/** Milliseconds since the epoch, sub-millisecond, comparable between the client and the app. */
function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

function signedRequest(body: string, id: string): SignedRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'Content-Type': FORM,
      'Content-Length': Buffer.byteLength(body),
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': slackSignature(SECRET, timestamp, body),
      [BENCH_ID_HEADER]: id,
    },
  };
}

/**
 * A signed POST over node:http. `ms` runs from the request being handed to the socket ('finish') to
 * the end of the response: the ack as seen on the wire. One client process needs ~150 ms just to
 * open 200 connections, and that is the client's cost, not the app's; `burstMs` reports it in full.
 */
function postSigned(
  url: string,
  { body, headers }: SignedRequest,
): Promise<{ status: number; ms: number; sent: number; ended: number }> {
  return new Promise((resolve, reject) => {
    let sent = Number.NaN;
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        const ended = epochMs();
        resolve({ status: res.statusCode ?? 0, ms: ended - sent, sent, ended });
      });
    });
    req.on('finish', () => {
      sent = epochMs();
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Query words: the longer words of titles, spread over the corpus, deterministic. */
function queriesFrom(newsroom: Newsroom, count: number): string[] {
  const words: string[] = [];
  let i = 0;
  for (const article of newsroom.articles()) {
    if (i++ % 97 !== 0) continue;
    const long = article.title.split(/\W+/).filter((w) => w.length > 5);
    if (long[0]) words.push(long.slice(0, 2).join(' '));
    if (words.length >= count) break;
  }
  return words.length > 0 ? words : ['news'];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '100000' },
      requests: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '200' },
    },
  });
  const n = Number(values.articles);
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const quiet = createLogger(
    'info',
    new Writable({
      write: (_c, _e, done) => done(),
    }),
  );

  const buildStarted = performance.now();
  const stateDir = await mkdtemp(join(tmpdir(), 'newsbot-bench-'));
  let newsroom: Newsroom;
  let corpus: string;
  if (n <= BUNDLED_UP_TO) {
    ({ newsroom } = await Newsroom.open({
      dataDir: 'data/articles',
      stateDir,
      logger: quiet,
      progress: 'off',
    }));
    corpus = 'bundled';
  } else {
    newsroom = new Newsroom();
    let i = 0;
    for (const a of syntheticArticles(n, { seed: 1 })) newsroom.add(toParsedArticle(a, i++));
    corpus = 'synthetic';
  }
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    PORT: '0',
  });
  const slack = createSlackApp({
    config,
    desk: new InProcessDesk(newsroom),
    logger: quiet,
    host: '127.0.0.1',
    botIdentity: { botId: 'B0BENCH', botUserId: 'U0BENCH' },
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const { port } = await slack.start();
  // Server-side ack time: from the request's headers being parsed to the response being written,
  // which is what Slack's 3-second clock sees minus the network (the client's own delays excluded).
  const serverAckMs: number[] = [];
  const arrivedAt = new WeakMap<ServerResponse, { id: string; at: number }>();
  const inApp = new Map<string, { arrived: number; answered: number }>();
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    arrivedAt.set(response, { id: String(request.headers[BENCH_ID_HEADER]), at: epochMs() });
  });
  subscribe('http.server.response.finish', (message) => {
    const arrived = arrivedAt.get((message as { response: ServerResponse }).response);
    if (arrived === undefined) return;
    const answered = epochMs();
    serverAckMs.push(answered - arrived.at);
    inApp.set(arrived.id, { arrived: arrived.at, answered });
  });

  const job: ClientJob = {
    appUrl: `http://127.0.0.1:${port}`,
    queries: queriesFrom(newsroom, 200),
    requests,
    concurrency,
  };
  // The client is this same TypeScript file in a child process, so it needs tsx's loader too.
  const client = fork(fileURLToPath(import.meta.url), [CLIENT_FLAG], { execArgv: ['--import', 'tsx'] });
  client.send(job);
  const result = await new Promise<ClientResult>((resolve, reject) => {
    client.once('message', (message) => resolve(message as ClientResult));
    client.once('error', reject);
  });
  client.disconnect();
  await slack.stop();
  await rm(stateDir, { recursive: true, force: true });

  const ack = [...result.ackMs].sort((a, b) => a - b);
  const serverAck = serverAckMs.sort((a, b) => a - b);
  const reply = [...result.replyMs].sort((a, b) => a - b);
  const ackMax = ack.at(-1) ?? Number.NaN;
  // Where each ack's time went: before the app read the request (its loop busy, or the client slow
  // to send), inside the app, and after the response was written (the client slow to read it).
  const untilRead: number[] = [];
  const afterWrite: number[] = [];
  for (const [id, { sent, ended }] of Object.entries(result.wire)) {
    const app = inApp.get(id);
    if (app === undefined) continue;
    untilRead.push(app.arrived - sent);
    afterWrite.push(ended - app.answered);
  }
  const spread = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  const report = {
    corpus,
    articles: newsroom.size,
    buildSeconds: Math.round(buildSeconds * 10) / 10,
    requests,
    concurrency,
    ackMs: { p50: percentile(ack, 50), p99: percentile(ack, 99), max: Math.round(ackMax * 10) / 10 },
    burstAckedWithinMs: Math.round(result.burstMs),
    serverAckMs: {
      p50: percentile(serverAck, 50),
      p99: percentile(serverAck, 99),
      max: percentile(serverAck, 100),
    },
    ackSplitMs: { untilAppReadIt: spread(untilRead), afterAppAnswered: spread(afterWrite) },
    replies: {
      received: result.replyMs.length,
      perSecond: Math.round((result.replyMs.length / result.wallSeconds) * 10) / 10,
      latencyMs: { p50: percentile(reply, 50), p99: percentile(reply, 99) },
    },
    errors: result.errors.length,
    errorSamples: result.errors.slice(0, 5),
    goal: {
      ...GOAL,
      met:
        result.errors.length === 0 &&
        ack.length === requests &&
        percentile(ack, 99) <= GOAL.ackP99Ms &&
        result.burstMs < GOAL.allAckedWithinMs,
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv.includes(CLIENT_FLAG)) {
  process.once('message', async (job) => {
    process.send?.(await runClient(job as ClientJob));
  });
} else {
  await main();
}
