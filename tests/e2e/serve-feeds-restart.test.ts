import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FeedServer,
  rssItems,
  serve as serveBody,
  startFeedServer,
  status,
} from '../feeds/feed-server.js';
import { POSTGRES_URL, scratchPostgres, seededStateDir } from '../store/engines.js';
import { BOT_TOKEN, SIGNING_SECRET } from './app-harness.js';
import { FakeSlack } from './fake-slack.js';
import { type ServeProcess, startServe, untilReady } from './serve-process.js';
import { FORM, signedPost, slashCommand } from './signed-request.js';

/** A real `newsbot serve` polling a feed, stopped, and started again on the same STATE_DIR. */
let fake: FakeSlack;
let feeds: FeedServer;
let stateDir: string;
const running: ServeProcess[] = [];
const PATH = '/harbour.xml';
const FIXTURE_ARTICLES = 10;

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  feeds = await startFeedServer();
  stateDir = await seededStateDir(await mkdtemp(join(tmpdir(), 'newsbot-serve-feeds-')));
});
afterAll(async () => {
  for (const p of running) await p.cleanup();
  await fake.stop();
  await feeds.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<{ process: ServeProcess; base: string }> {
  const process = await startServe({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    STATE_DIR: stateDir,
    FEEDS: feeds.url(PATH),
    FEEDS_ALLOW_PRIVATE: 'true',
    ...env,
  });
  running.push(process);
  const line = await process.waitForLog(/^listening for Slack on port/, 60_000);
  const base = `http://127.0.0.1:${String(line.port)}`;
  await untilReady(base, 60_000);
  return { process, base };
}

async function articles(base: string): Promise<number> {
  const body = (await (await fetch(`${base}/healthz`)).json()) as { articles?: number };
  return body.articles ?? 0;
}

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('newsbot serve with a live feed', () => {
  it('keeps the feed articles across a restart, answering them before the feed is reachable again', async () => {
    const date = new Date(Date.now() - 3600_000).toUTCString();
    feeds.routes.set(PATH, serveBody(rssItems(2, { prefix: 'quay', date }), 'application/rss+xml'));
    const first = await start();
    await until(async () => (await articles(first.base)) === FIXTURE_ARTICLES + 2);
    first.process.child.kill('SIGTERM');
    expect(await first.process.exited).toBe(0);

    // The feed is down now: whatever the second run has of it comes from the store.
    feeds.routes.set(PATH, status(500));
    const second = await start();
    await second.process.waitForLog(/^restored 2 feed articles from the store/, 60_000);
    expect(await articles(second.base)).toBe(FIXTURE_ARTICLES + 2);
    const res = await signedPost(
      `${second.base}/slack/events`,
      SIGNING_SECRET,
      slashCommand('harbour cranes quay', fake.responseUrl('after-restart')),
      FORM,
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(await fake.responseTo('after-restart'))).toContain('Story quay number');
    second.process.child.kill('SIGTERM');
    expect(await second.process.exited).toBe(0);
  }, 240_000);
});

describe.skipIf(POSTGRES_URL === undefined)('two newsbot serve processes on one PostgreSQL', () => {
  it('poll a feed once per interval between them, and both answer its articles', async () => {
    const scratch = await scratchPostgres(POSTGRES_URL as string);
    try {
      const path = '/shared.xml';
      const date = new Date(Date.now() - 3600_000).toUTCString();
      const polledAt: number[] = [];
      const body = serveBody(rssItems(3, { prefix: 'pier', date }), 'application/rss+xml');
      feeds.routes.set(path, (req, res) => {
        polledAt.push(Date.now());
        body(req, res);
      });
      const env = (name: string) => ({
        DATABASE_URL: scratch.url,
        FEEDS: feeds.url(path),
        FEEDS_POLL_SECONDS: '10',
        STATE_DIR: join(stateDir, name),
      });
      const [a, b] = await Promise.all([start(env('a')), start(env('b'))]);
      await until(async () => (await articles(a.base)) === FIXTURE_ARTICLES + 3);
      await until(async () => (await articles(b.base)) === FIXTURE_ARTICLES + 3);
      for (const [i, { base }] of [a, b].entries()) {
        await signedPost(
          `${base}/slack/events`,
          SIGNING_SECRET,
          slashCommand('harbour cranes pier', fake.responseUrl(`shared-${i}`)),
          FORM,
        );
        expect(JSON.stringify(await fake.responseTo(`shared-${i}`))).toContain('Story pier number');
      }
      // Polled by one instance at a time, once per interval between the two (10 s, ±10 % jitter):
      // two instances each polling on their own would poll in pairs.
      await until(async () => polledAt.length >= 3, 90_000);
      const gaps = polledAt.slice(1).map((t, i) => t - (polledAt[i] as number));
      for (const gap of gaps) expect(gap).toBeGreaterThan(8000);
      a.process.child.kill('SIGTERM');
      b.process.child.kill('SIGTERM');
      expect(await a.process.exited).toBe(0);
      expect(await b.process.exited).toBe(0);
    } finally {
      await scratch.drop();
    }
  }, 240_000);
});
