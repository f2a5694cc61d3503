/**
 * Load test of the Slack surface, as `serve` runs it: the real Bolt app in HTTP mode on loopback
 * with the newsroom in its worker thread, answering bursts of signed `/news` slash commands, the
 * replies going to a fake Slack.
 *
 *   npm run bench:slack -- --articles 100000 --requests 200 --concurrency 200 --adding 10000 --rounds 3
 *
 * Four processes: this one runs the app; the client, the fake Slack (which receives the
 * response_url posts, i.e. the replies) and the floor each run in a child process of their own.
 * The floor is a bare node:http server that only verifies the signature and answers 200: what an
 * ack costs with nothing else to do. The same client sends the same burst to the floor and then to
 * the app, and the app's ack p99 is reported as a ratio to the floor's (goal: at most 2). With
 * `--adding N`, N more articles are then added to the newsroom (the path live feeds use) while a
 * second pair of bursts runs. With `--rounds R`, each scenario runs R floor/app pairs (adding N/R
 * articles in each) and reports the round with the median ratio, every round's ratio beside it.
 * `--sources DIR` picks the source articles of the synthetic corpus (default: the BBC articles
 * under ../shared/eval when present, else the three bundled seeds; the JSON says which). Prints JSON.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ParsedArticle } from '../src/corpus/article.js';
import { createLogger } from '../src/logger.js';
import { WorkerDesk } from '../src/newsroom/worker-desk.js';
import { createSlackApp } from '../src/slack/app.js';
import { FakeSlack } from '../tests/e2e/fake-slack.js';
import { FORM, slackSignature, slashCommand } from '../tests/e2e/signed-request.js';
import { BENCH_APP_OPTIONS, BENCH_SECRET, benchConfig } from './bench-app.js';
import { percentile } from './latency.js';
import {
  type SyntheticArticle,
  sourceArticlesFound,
  syntheticArticles,
  toParsedArticle,
  writeCorpusJsonl,
} from './synthetic-corpus.js';

const SECRET = BENCH_SECRET;
const ROLE_FLAG = '--bench-role';
/** Below this many articles the bundled corpus is used as it is. */
const BUNDLED_UP_TO = 50;
const GOAL = { ackP99RatioToFloor: 2 };
/** Articles per `add` call while adding: about what a busy feed poll brings. */
const ADD_BATCH = 200;
const REPLY_WAIT_MS = 120_000;

type Role = 'client' | 'fake-slack' | 'floor';

interface BurstJob {
  url: string;
  /** Names the requests (and their response URLs): `${label}-${n}`. */
  label: string;
  queries: string[];
  requests: number;
  concurrency: number;
  responseUrlBase: string;
}

interface BurstResult {
  /** Per request: from the request being handed to the socket to the end of its response (the ack). */
  ackMs: number[];
  /** When each request was sent, ms since the epoch (shared with the fake Slack's clock). */
  sentAt: Record<string, number>;
  /** From the first request sent to the last ack. */
  burstMs: number;
  errors: string[];
}

/** Milliseconds since the epoch, sub-millisecond, comparable between processes. */
function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

function spread(values: number[]) {
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}

// ---- client (child process) ----

// One socket per request in flight, as when Slack's many senders reach the app.
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

interface SignedRequest {
  body: string;
  headers: Record<string, string | number>;
}

function signedRequest(body: string): SignedRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'Content-Type': FORM,
      'Content-Length': Buffer.byteLength(body),
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': slackSignature(SECRET, timestamp, body),
    },
  };
}

/** A signed POST; `ms` runs from the request handed to the socket to the end of the response. */
function postSigned(url: string, { body, headers }: SignedRequest): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    let sent = Number.NaN;
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: epochMs() - sent }));
    });
    req.on('finish', () => {
      sent = epochMs();
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function runBurst(job: BurstJob): Promise<BurstResult> {
  const url = `${job.url}/slack/events`;
  const responseUrl = (id: string) => `${job.responseUrlBase}${id}`;
  // Warm the HTTP stack on both sides; these are not counted.
  for (let i = 0; i < 3; i++) {
    await postSigned(url, signedRequest(slashCommand('news', responseUrl(`${job.label}-warm${i}`))));
  }
  // Bodies and signatures are made before the burst, so the client's CPU work does not delay it.
  const signed = Array.from({ length: job.requests }, (_, n) =>
    signedRequest(
      slashCommand(job.queries[n % job.queries.length] ?? 'news', responseUrl(`${job.label}-${n}`)),
    ),
  );
  const ackMs: number[] = [];
  const sentAt: Record<string, number> = {};
  const errors: string[] = [];
  let next = 0;
  const started = performance.now();
  const one = async (n: number) => {
    sentAt[`${job.label}-${n}`] = epochMs();
    try {
      const { status, ms } = await postSigned(url, signed[n] as SignedRequest);
      ackMs.push(ms);
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
  return { ackMs, sentAt, burstMs: performance.now() - started, errors };
}

// ---- floor (child process) ----

/** The least an ack can cost: read the body, check the signature and timestamp, answer 200. */
async function startFloor(): Promise<number> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const given = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
      const expected = Buffer.from(
        `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`,
      );
      const fresh = Math.abs(Date.now() / 1000 - timestamp) <= 300;
      const valid = fresh && given.length === expected.length && timingSafeEqual(given, expected);
      res.writeHead(valid ? 200 : 401);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

// ---- fake Slack (child process) ----

async function startFakeSlack(): Promise<{ responseUrlBase: string; replies: () => Record<string, number> }> {
  const fake = new FakeSlack();
  const arrived: Record<string, number> = {};
  fake.onResponse = (post) => {
    arrived[post.id] = epochMs();
  };
  await fake.start();
  return { responseUrlBase: fake.responseUrl(''), replies: () => arrived };
}

// ---- children, driven over IPC ----

interface Child {
  process: ChildProcess;
  ask<T>(message: unknown): Promise<T>;
}

function startChild(role: Role): Child {
  // The child is this same TypeScript file, so it needs tsx's loader too.
  const child = fork(fileURLToPath(import.meta.url), [ROLE_FLAG, role], { execArgv: ['--import', 'tsx'] });
  let queue = Promise.resolve<unknown>(undefined);
  return {
    process: child,
    ask: <T>(message: unknown) => {
      const answer = queue.then(
        () =>
          new Promise<T>((resolve, reject) => {
            child.once('message', (reply) => resolve(reply as T));
            child.send(message as object, (err) => {
              if (err) reject(err);
            });
          }),
      );
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}

async function serveRole(role: Role): Promise<void> {
  if (role === 'floor') {
    const port = await startFloor();
    process.once('message', () => process.send?.({ port }));
    return;
  }
  if (role === 'fake-slack') {
    const fake = await startFakeSlack();
    process.on('message', (message: { type: string }) => {
      if (message.type === 'hello') process.send?.({ responseUrlBase: fake.responseUrlBase });
      else process.send?.(fake.replies());
    });
    return;
  }
  process.on('message', async (job: BurstJob) => {
    process.send?.(await runBurst(job));
  });
}

// ---- the run ----

interface Scenario {
  floor: ReturnType<typeof spread>;
  app: ReturnType<typeof spread>;
  ackP99RatioToFloor: number;
  appBurstAckedWithinMs: number;
  ackInsideAppMs: ReturnType<typeof spread>;
  replies: { received: number; perSecond: number; latencyMs: ReturnType<typeof spread> };
  errors: number;
  errorSamples: string[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '100000' },
      requests: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '200' },
      adding: { type: 'string', default: '0' },
      /** Floor/app burst pairs per scenario; the round with the median ratio is reported, every ratio beside it. */
      rounds: { type: 'string', default: '1' },
      /** Folder of source articles for the synthetic corpus (default: as bench/synthetic-corpus.ts finds). */
      sources: { type: 'string' },
    },
  });
  const n = Number(values.articles);
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const adding = Number(values.adding);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
  const sources = values.sources ?? sourceArticlesFound();
  const quiet = createLogger('warn', new Writable({ write: (_c, _e, done) => done() }));

  const workDir = await mkdtemp(join(tmpdir(), 'newsbot-bench-'));
  let dataDir = 'data/articles';
  let toAdd: ParsedArticle[] = [];
  let corpus = 'bundled';
  if (n > BUNDLED_UP_TO || adding > 0) {
    corpus = 'synthetic';
    const generated = syntheticArticles(n + adding, { seed: 1, sourceDir: sources });
    const first: SyntheticArticle[] = [];
    // next() rather than for…of: breaking out of for…of would close the generator.
    for (let step = generated.next(); !step.done; step = generated.next()) {
      first.push(step.value);
      if (first.length === n) break;
    }
    dataDir = join(workDir, 'articles');
    await mkdir(dataDir);
    await writeCorpusJsonl(join(dataDir, 'corpus.jsonl'), first);
    first.length = 0;
    // The rest are added while the bench runs; only they stay in this process's memory.
    toAdd = [...generated].map((a, i) => toParsedArticle(a, n + i));
  }

  const loadStarted = performance.now();
  const desk = new WorkerDesk(
    { dataDir, stateDir: join(workDir, 'state'), recency: null, logLevel: 'warn' },
    quiet,
  );
  await desk.ready;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const { articles } = await desk.stats();

  const [client, fakeSlack, floor] = [startChild('client'), startChild('fake-slack'), startChild('floor')];
  const { responseUrlBase } = await fakeSlack.ask<{ responseUrlBase: string }>({ type: 'hello' });
  const { port: floorPort } = await floor.ask<{ port: number }>({});

  const config = benchConfig('http://127.0.0.1:9/api/');
  const slack = createSlackApp({
    config,
    desk,
    logger: quiet,
    ...BENCH_APP_OPTIONS,
  });
  const { port } = await slack.start();
  const queries = await queriesFrom(desk, 200);
  // Inside the app: from the request's headers parsed to its response written. The rest of an ack
  // is time before the app got to read the request (its loop busy, or no CPU free).
  let inApp: number[] = [];
  const arrivedAt = new WeakMap<ServerResponse, number>();
  subscribe('http.server.request.start', (message) => {
    const { request: req, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (req.url === '/slack/events') arrivedAt.set(response, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const at = arrivedAt.get((message as { response: ServerResponse }).response);
    if (at !== undefined) inApp.push(performance.now() - at);
  });

  const scenario = async (label: string): Promise<Scenario> => {
    const job = { queries, requests, concurrency, responseUrlBase };
    inApp = [];
    const floorRun = await client.ask<BurstResult>({
      ...job,
      url: `http://127.0.0.1:${floorPort}`,
      label: `${label}-floor`,
    });
    const appRun = await client.ask<BurstResult>({
      ...job,
      url: `http://127.0.0.1:${port}`,
      label: `${label}-app`,
    });
    const ids = Object.keys(appRun.sentAt);
    const deadline = Date.now() + REPLY_WAIT_MS;
    let arrived: Record<string, number> = {};
    while (Date.now() < deadline) {
      arrived = await fakeSlack.ask<Record<string, number>>({ type: 'replies' });
      if (ids.every((id) => arrived[id] !== undefined)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latency = ids.flatMap((id) => {
      const at = arrived[id];
      return at === undefined ? [] : [at - (appRun.sentAt[id] as number)];
    });
    const firstSent = Math.min(...Object.values(appRun.sentAt));
    const lastReply = Math.max(...ids.map((id) => arrived[id] ?? Number.NEGATIVE_INFINITY));
    const errors = [...floorRun.errors, ...appRun.errors];
    if (latency.length < ids.length) errors.push(`${ids.length - latency.length} replies missing`);
    const floorAck = spread(floorRun.ackMs);
    const appAck = spread(appRun.ackMs);
    return {
      floor: floorAck,
      app: appAck,
      ackP99RatioToFloor: Math.round((appAck.p99 / floorAck.p99) * 100) / 100,
      appBurstAckedWithinMs: Math.round(appRun.burstMs),
      ackInsideAppMs: spread(inApp),
      replies: {
        received: latency.length,
        perSecond: Math.round((latency.length / ((lastReply - firstSent) / 1000)) * 10) / 10,
        latencyMs: spread(latency),
      },
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
    };
  };

  // A first burst warms the app's and the client's code paths (JIT, sockets); it is not reported.
  await scenario('warm-up');
  const idleRounds: Scenario[] = [];
  for (let r = 0; r < rounds; r++) idleRounds.push(await scenario(`idle${r}`));
  const idle = medianRound(idleRounds, requests);
  let whileAdding: (ReturnType<typeof medianRound> & { added: number; addSeconds: number }) | null = null;
  if (toAdd.length > 0) {
    // Each round adds its share of the articles while its bursts run.
    const share = Math.ceil(toAdd.length / rounds);
    const addingRounds: Scenario[] = [];
    let addSeconds = 0;
    for (let r = 0; r < rounds; r++) {
      const part = toAdd.slice(r * share, (r + 1) * share);
      const addStarted = performance.now();
      const addAll = (async () => {
        for (let i = 0; i < part.length; i += ADD_BATCH) await desk.add(part.slice(i, i + ADD_BATCH));
        return (performance.now() - addStarted) / 1000;
      })();
      addingRounds.push(await scenario(`adding${r}`));
      addSeconds += await addAll;
    }
    whileAdding = {
      ...medianRound(addingRounds, requests),
      added: (await desk.stats()).articles - articles,
      addSeconds: Math.round(addSeconds * 10) / 10,
    };
  }

  await slack.stop();
  await desk.close();
  for (const child of [client, fakeSlack, floor]) child.process.kill();
  await rm(workDir, { recursive: true, force: true });

  // Every round delivered every reply without an error, and the median round's ratio is within the goal.
  const met = (s: ReturnType<typeof medianRound> | null) =>
    s === null || (s.allRoundsClean && s.ackP99RatioToFloor <= GOAL.ackP99RatioToFloor);
  const report = {
    corpus,
    ...(corpus === 'synthetic' ? { sources } : {}),
    articles,
    loadSeconds: Math.round(loadSeconds * 10) / 10,
    requests,
    concurrency,
    rounds,
    ackMs: idle,
    whileAdding,
    goal: { ...GOAL, met: met(idle) && met(whileAdding) },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

/**
 * The round whose ack ratio is the median (the lower middle one for an even count), with every
 * round's ratio: on a shared machine one burst's p99 is mostly scheduling luck, the floor's too.
 */
function medianRound(
  results: Scenario[],
  requests: number,
): Scenario & { ratioPerRound: number[]; allRoundsClean: boolean } {
  const byRatio = [...results].sort((a, b) => a.ackP99RatioToFloor - b.ackP99RatioToFloor);
  const median = byRatio[Math.floor((byRatio.length - 1) / 2)] as Scenario;
  return {
    ...median,
    ratioPerRound: results.map((r) => r.ackP99RatioToFloor),
    allRoundsClean: results.every((r) => r.errors === 0 && r.replies.received === requests),
  };
}

/** Query words: the longer words of headlines, spread over the corpus, deterministic. */
async function queriesFrom(desk: WorkerDesk, count: number): Promise<string[]> {
  const words: string[] = [];
  for (const story of await desk.latest(count * 5)) {
    const long = story.article.title.split(/\W+/).filter((w) => w.length > 5);
    if (long[0]) words.push(long.slice(0, 2).join(' '));
    if (words.length >= count) break;
  }
  return words.length > 0 ? words : ['news'];
}

const roleAt = process.argv.indexOf(ROLE_FLAG);
if (roleAt !== -1) await serveRole(process.argv[roleAt + 1] as Role);
else await main();
