import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ParsedArticle } from '../../src/corpus/article.js';
import { ManualClock } from '../../src/digest/clock.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import type { WatchCommandDeps } from '../../src/slack/listeners/commands/watch.js';
import type { Store } from '../../src/store/store.js';
import { announcingSink } from '../../src/watches/announcing-sink.js';
import { ArticlesAddedHook } from '../../src/watches/articles-added.js';
import { type WatchRuntime, watchRuntime } from '../../src/watches/start.js';
import { openedStore } from '../digest/helpers.js';
import { sharedPglite, useEngine } from '../store/engines.js';
import { BOT_TOKEN, SIGNING_SECRET } from './app-harness.js';
import { blockKitViolations } from './block-kit-limits.js';
import { FakeSlack } from './fake-slack.js';
import { FORM, signedPost, slashCommand } from './signed-request.js';

useEngine({ name: 'pglite', skip: false });
const clock = new ManualClock('2026-11-29T11:00:00Z');
const fake = new FakeSlack();
const hook = new ArticlesAddedHook(createLogger('silent'));
const desk = new InProcessDesk(new Newsroom({ recency: null }));
let store: Store;
let runtime: WatchRuntime;
let deps: WatchCommandDeps | undefined;
let slack: SlackApp;
let base = '';
let seq = 0;

beforeAll(async () => {
  await fake.start();
  const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
  });
  store = await openedStore({ engine: 'pglite-instance', pglite: await sharedPglite() });
  runtime = watchRuntime({ config, logger, store, hook, desk, clock });
  slack = createSlackApp({
    config,
    desk,
    logger,
    host: '127.0.0.1',
    botIdentity: { botId: 'B0BOT', botUserId: 'U0BOT' },
    clientOptions: { retryConfig: { retries: 0 } },
    watch: (client) => {
      deps = runtime.commandDeps(client);
      return deps;
    },
    now: () => clock.now(),
  });
  const { port } = await slack.start();
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await slack?.stop();
  await runtime?.stop();
  await store?.close();
  await fake.stop();
});

async function news(text: string): Promise<string> {
  const id = `watch-${++seq}`;
  const res = await signedPost(
    `${base}/slack/events`,
    SIGNING_SECRET,
    slashCommand(text, fake.responseUrl(id)),
    FORM,
  );
  expect(res.status).toBe(200);
  const body = await fake.responseTo(id);
  expect(body.response_type).toBe('ephemeral');
  return String(body.text);
}

function item(id: string, source: string): ParsedArticle {
  return {
    id,
    title: 'Russian drones cross into Poland overnight',
    paragraphs: [
      `${source}: Poland scrambled jets after several drones entered its airspace overnight.`,
      'The defence ministry said debris fell near a village in the east of the country.',
    ],
    published: '2026-11-29T11:10:00Z',
    source,
    url: `https://news.example.com/${id}`,
    credit: null,
    origin: `feed:${id}`,
  };
}

describe('/news watch over the real Bolt app', () => {
  it('saves a watch, posts a new story from a feed once, threads the next outlet, lists and stops it', async () => {
    const on = await news('watch drones poland -sport');
    expect(on).toContain('Watching drones poland -sport in this channel');
    expect(on).toContain('Understood as: searched for drones, poland · without sport');
    const id = /watch (\d+)\)/.exec(on)?.[1];
    expect(id).toBeDefined();

    clock.set('2026-11-29T11:30:00Z');
    // A feed poll through the sink serve uses: new items are announced to the watches.
    const sink = announcingSink(desk, hook, () => clock.now());
    await sink.add([item('f1', 'Perth Now')], new Set(['f1']));
    await deps?.service.settled();
    await sink.add([item('f2', 'Canberra Times')], new Set(['f2']));
    // An item the poller did not mark fresh (an update, a back catalogue) is not announced.
    await sink.add([item('f3', 'The Age')], new Set());
    await deps?.service.settled();

    const posts = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0CHANNEL');
    expect(posts).toHaveLength(2);
    const [post, reply] = posts;
    expect(post?.args.thread_ts).toBeUndefined();
    expect(blockKitViolations({ text: post?.args.text, blocks: post?.blocks })).toEqual([]);
    expect(JSON.stringify(post?.blocks)).toContain(`watch: drones poland -sport · \`/news watch off ${id}\``);
    expect(reply?.args.thread_ts).toBeTruthy();
    expect(reply?.args.text).toBe('also reported by Canberra Times');

    const list = await news('watch list');
    expect(list).toContain(`${id} — drones poland -sport · by <@U0ALICE> · 1 hit · last post: 29 Nov 2026`);
    expect(await news(`watch off ${id}`)).toContain(`Stopped watch ${id}.`);
    expect(await news('watch list')).toContain('No watches in this channel');
    expect(await news('watch the of')).toContain('A watch needs at least one word');
  });
});
