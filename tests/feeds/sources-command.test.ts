import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { guardedAgent } from '../../src/feeds/address-guard.js';
import { FeedPoller, type SourceReport } from '../../src/feeds/poller.js';
import {
  answerSourcesCommand,
  isSourcesCommand,
  parseSourcesRequest,
  type SourcesCommandDeps,
} from '../../src/feeds/sources-command.js';
import { renderSourcesList, sourcesListText, untilText } from '../../src/feeds/sources-reply.js';
import { InMemoryFeedStateStore } from '../../src/feeds/state-store.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { blockKitViolations } from '../e2e/block-kit-limits.js';
import { FakeSlack } from '../e2e/fake-slack.js';
import { FORM, signedPost, slashCommand } from '../e2e/signed-request.js';
import { type FeedServer, fixture, serve, startFeedServer } from './feed-server.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const quiet = createLogger('silent');

function row(over: Partial<SourceReport> = {}): SourceReport {
  return {
    url: 'https://gazette.example/rss',
    name: 'Gazette',
    from: 'file',
    lastSuccessAt: new Date(NOW.getTime() - 2 * 3600_000),
    lastErrorAt: null,
    lastError: null,
    failing: false,
    itemsLast24h: 3,
    itemsTotal: 40,
    nextPollAt: new Date(NOW.getTime() + 4 * 60_000),
    ...over,
  };
}

describe('parseSourcesRequest', () => {
  it('reads list, add with an optional name, remove by URL or name', () => {
    expect(isSourcesCommand('sources')).toBe(true);
    expect(isSourcesCommand('Sources add x')).toBe(true);
    expect(isSourcesCommand('sourcesless news')).toBe(false);
    expect(parseSourcesRequest('sources')).toEqual({ kind: 'list' });
    expect(parseSourcesRequest('sources add https://a.example/rss Alpha News')).toEqual({
      kind: 'add',
      url: 'https://a.example/rss',
      name: 'Alpha News',
    });
    expect(parseSourcesRequest('sources add https://a.example/rss')).toMatchObject({ name: null });
    expect(parseSourcesRequest('sources remove Alpha News')).toEqual({
      kind: 'remove',
      target: 'Alpha News',
    });
    expect(parseSourcesRequest('sources add')).toEqual({ kind: 'usage' });
    expect(parseSourcesRequest('sources frobnicate')).toEqual({ kind: 'usage' });
  });
});

describe('renderSourcesList', () => {
  it('shows name, last success, last error, counts and next poll for each source', () => {
    const message = renderSourcesList(
      [
        row(),
        row({
          url: 'https://b.example/feed',
          name: 'B',
          failing: true,
          lastError: 'HTTP 500',
          lastErrorAt: NOW,
        }),
      ],
      NOW,
    );
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('last success 2 h ago · 3 new in 24 h · 40 items · next poll in 4 min');
    expect(text).toContain('failing: HTTP 500 (just now)');
    expect(message.text).toBe('2 live sources, 1 failing');
    expect(blockKitViolations(message)).toEqual([]);
  });

  it('escapes names and errors that come from feeds', () => {
    const message = renderSourcesList(
      [row({ name: '<!channel> & co', lastError: '<b>bad</b>', failing: true })],
      NOW,
    );
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &amp; co');
    expect(text).toContain('&lt;b&gt;bad&lt;/b&gt;');
  });

  it('stays within Block Kit limits with many sources, counting the rest', () => {
    const rows = Array.from({ length: 80 }, (_, i) =>
      row({ url: `https://s${i}.example/rss`, name: `Source ${i}` }),
    );
    const message = renderSourcesList(rows, NOW);
    expect(blockKitViolations(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('35 more not shown');
  });

  it('says how to add sources when there are none; plain text for the CLI', () => {
    expect(renderSourcesList([], NOW).text).toContain('No live sources yet');
    expect(sourcesListText([row()], NOW)).toBe(
      'Gazette  https://gazette.example/rss\n  last success 2 h ago · 3 new in 24 h · 40 items · next poll in 4 min\n',
    );
    expect(untilText(null, NOW)).toBe('at the next start');
    expect(untilText(new Date(NOW.getTime() + 3 * 3600_000), NOW)).toBe('in 3 h');
  });
});

describe('answerSourcesCommand', () => {
  function deps(admins: string[]): SourcesCommandDeps & { newsroom: Newsroom } {
    const newsroom = new Newsroom();
    const desk = new FeedPoller(
      [{ url: 'https://conf.example/rss', name: 'Conf', intervalSeconds: 900, from: 'env' }],
      {
        store: new InMemoryFeedStateStore(),
        sink: new InProcessDesk(newsroom),
        logger: quiet,
        agent: guardedAgent({ allowPrivate: false, connectTimeoutMs: 1000 }),
        owner: 'test',
        timeoutMs: 1000,
        maxBytes: 1024,
        maxItems: 10,
        retentionDays: 90,
        fetchArticleText: false,
        now: () => NOW,
      },
    );
    return { desk, admins, defaultIntervalSeconds: 900, now: () => NOW, newsroom };
  }

  it('lets an admin add and remove a source', async () => {
    const d = deps(['U0ADMIN']);
    const added = await answerSourcesCommand('sources add https://new.example/rss New Times', 'U0ADMIN', d);
    expect(added.text).toContain('Added https://new.example/rss as *New Times*');
    expect((await d.desk.report()).map((r) => r.name)).toEqual(['Conf', 'New Times']);
    expect((await answerSourcesCommand('sources add https://new.example/rss', 'U0ADMIN', d)).text).toContain(
      'Already polled',
    );
    expect((await answerSourcesCommand('sources remove new times', 'U0ADMIN', d)).text).toBe(
      'Removed https://new.example/rss and its 0 articles.',
    );
    expect((await answerSourcesCommand('sources remove Conf', 'U0ADMIN', d)).text).toContain(
      'comes from `FEEDS`: remove it there',
    );
    expect((await answerSourcesCommand('sources add ftp://x.example/f', 'U0ADMIN', d)).text).toContain(
      'Cannot add that feed: only http and https feeds are polled',
    );
  });

  it('refuses others, saying where sources are managed', async () => {
    const d = deps(['U0ADMIN']);
    const reply = await answerSourcesCommand('sources add https://new.example/rss', 'U0OTHER', d);
    expect(reply.text).toContain('managed by `FEEDS`, `data/feeds.yml` and the command line');
    expect((await d.desk.report()).length).toBe(1);
    const none = await answerSourcesCommand('sources remove Conf', 'U0OTHER', deps([]));
    expect(none.text).toContain('No admins are set (`NEWSBOT_ADMINS`)');
    // Anyone may list.
    expect((await answerSourcesCommand('sources', 'U0OTHER', d)).text).toBe('1 live source');
  });
});

describe('/news sources through the real Slack app', () => {
  const SECRET = 'test-signing-secret-0123456789abcdef';
  let fake: FakeSlack;
  let slack: SlackApp;
  let base: string;
  let feeds: FeedServer;
  let poller: FeedPoller;
  let seq = 0;

  beforeAll(async () => {
    fake = new FakeSlack();
    await fake.start();
    feeds = await startFeedServer({
      '/rss': serve(
        fixture('rss2.xml', { DATE_1: NOW.toISOString(), DATE_2: NOW.toUTCString() }),
        'application/rss+xml',
      ),
    });
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token-0123456789',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      NEWSBOT_ADMINS: 'U0ALICE',
    });
    const newsroom = new Newsroom();
    const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
    poller = new FeedPoller([{ url: feeds.url('/rss'), name: null, intervalSeconds: 60, from: 'file' }], {
      store: new InMemoryFeedStateStore(),
      sink: new InProcessDesk(newsroom),
      logger,
      agent: guardedAgent({ allowPrivate: true, connectTimeoutMs: 1000 }),
      owner: 'test',
      timeoutMs: 2000,
      maxBytes: 64 * 1024,
      maxItems: 10,
      retentionDays: 90,
      fetchArticleText: false,
    });
    await poller.pollDue();
    slack = createSlackApp({
      config,
      desk: new InProcessDesk(newsroom),
      logger,
      host: '127.0.0.1',
      botIdentity: { botId: 'B0BOT', botUserId: 'U0BOT' },
      clientOptions: { retryConfig: { retries: 0 } },
      sources: {
        desk: poller,
        admins: config.NEWSBOT_ADMINS,
        defaultIntervalSeconds: 900,
        now: () => new Date(),
      },
    });
    const { port } = await slack.start();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.stop();
    await feeds?.close();
  });

  async function news(text: string, user = 'U0ALICE'): Promise<Record<string, unknown>> {
    const id = `sources-${++seq}`;
    const res = await signedPost(
      `${base}/slack/events`,
      SECRET,
      slashCommand(text, fake.responseUrl(id), { user_id: user }),
      FORM,
    );
    expect(res.status).toBe(200);
    return fake.responseTo(id);
  }

  it('answers /news with a feed item that arrived while the app runs, without a restart', async () => {
    expect(JSON.stringify((await news('zeppelin')).blocks)).not.toContain('Zeppelin lands');
    const withNew = fixture('rss2.xml', { DATE_1: NOW.toISOString(), DATE_2: NOW.toUTCString() })
      .toString()
      .replace(
        '<item>',
        '<item><title>Zeppelin lands at the harbour</title><guid>z-1</guid><description>A zeppelin landed at the harbour today.</description></item><item>',
      );
    feeds.routes.set('/rss', serve(withNew, 'application/rss+xml'));
    const [source] = await poller.sources();
    if (source === undefined) throw new Error('no source');
    expect(await poller.pollFeed(source)).toMatchObject({ status: 'ok', added: 1 });
    expect(JSON.stringify((await news('zeppelin')).blocks)).toContain('Zeppelin lands at the harbour');
  });

  it('lists the polled feed, ephemerally, and lets the admin add one', async () => {
    const list = await news('sources');
    expect(list.response_type).toBe('ephemeral');
    expect(JSON.stringify(list.blocks)).toContain('Harbour Gazette');
    expect(JSON.stringify(list.blocks)).toContain('1 new in 24 h · 3 items');
    const added = await news(`sources add ${feeds.url('/other')} Other`);
    expect(added.text).toContain('Added');
    const refused = await news(`sources add ${feeds.url('/third')}`, 'U0BOB');
    expect(refused.text).toContain('Only the admins listed in `NEWSBOT_ADMINS`');
    expect((await poller.report()).map((r) => r.name)).toEqual(['Harbour Gazette', 'Other']);
  });
});
