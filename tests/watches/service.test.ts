import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { ManualClock } from '../../src/digest/clock.js';
import { SlackDigestPoster } from '../../src/digest/slack-poster.js';
import { watchCommand } from '../../src/slack/listeners/commands/watch.js';
import type { Store } from '../../src/store/store.js';
import { storyRow } from '../../src/watches/ledger.js';
import { RETRY_DELAYS_MS, THREAD_REPLIES_MAX, WatchService } from '../../src/watches/service.js';
import { addWatch } from '../../src/watches/watches.js';
import { openedStore, postingClient, silent } from '../digest/helpers.js';
import { FakeSlack } from '../e2e/fake-slack.js';
import { ENGINES, noticeSkippedPostgres, POSTGRES_URL, sharedPglite, useEngine } from '../store/engines.js';

const T0 = '2026-11-29T10:00:00Z';
let fake: FakeSlack;
let n = 0;

function story(storyId: string, fields: Partial<Article> = {}): Article {
  n++;
  return {
    id: `a${n}`,
    storyId,
    title: 'Russian drones cross into Poland overnight',
    paragraphs: ['Poland scrambled jets after drones entered its airspace.', 'Debris fell in the east.'],
    published: '2026-11-29T11:00:00Z',
    source: 'Perth Now',
    url: `https://news.example.com/${n}`,
    credit: null,
    origin: `f${n}.txt`,
    ...fields,
  };
}
const added = (article: Article, at = '2026-11-29T11:00:00Z') => [{ article, seenAt: new Date(at) }];

function service(store: Store, clock: ManualClock, owner = 'test', maxPerHour = 6): WatchService {
  return new WatchService({
    store,
    poster: new SlackDigestPoster(postingClient(fake), clock, silent),
    clock,
    logger: silent,
    settings: { maxPerHour, publicBaseUrl: null },
    owner,
  });
}
const postsTo = (channel: string) =>
  fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const textOf = (call: { blocks: unknown[] }) => JSON.stringify(call.blocks);
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

beforeEach(async () => {
  await fake?.stop();
  fake = new FakeSlack();
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
});

describe('watches on the embedded store', () => {
  useEngine(ENGINES[0] as (typeof ENGINES)[number]);
  let store: Store;
  beforeAll(async () => {
    store = await openedStore({ engine: 'pglite-instance', pglite: await sharedPglite() });
  });
  afterAll(async () => {
    await store?.close();
  });
  const watch = (channel: string, query: string, at = T0) =>
    store.use((db) => addWatch(db, { conversationId: channel, query, createdBy: 'U1' }, new Date(at)));

  it('posts a matching new story once, with title, passage and the watch line; ignores a non-match', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    const w = await watch('C_MATCH', 'drones poland');
    const s = service(store, clock);
    expect(await s.check(added(story('s1')))).toEqual(['posted']);
    expect(
      await s.check(added(story('s2', { title: 'Bike lanes approved', paragraphs: ['Council vote.'] }))),
    ).toEqual([]);
    const posts = postsTo('C_MATCH');
    expect(posts).toHaveLength(1);
    expect(textOf(posts[0] as never)).toContain('Russian drones cross into Poland overnight');
    expect(textOf(posts[0] as never)).toContain(`watch: drones poland · \`/news watch off ${w.id}\``);
    expect(textOf(posts[0] as never)).toContain('*Poland*');
  });

  it('puts a later outlet of the story in the post’s thread, once; an updated article adds nothing', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    await watch('C_THREAD', 'drones poland');
    const s = service(store, clock);
    const first = story('s10');
    await s.check(added(first));
    const second = story('s10', { source: 'Canberra Times' });
    expect(await s.check(added(second))).toEqual(['reply']);
    expect(await s.check(added(second))).toEqual(['skipped']); // the same article again (an update)
    expect(await s.check(added({ ...first, paragraphs: [...first.paragraphs, 'Updated.'] }))).toEqual([
      'skipped',
    ]);
    const posts = postsTo('C_THREAD');
    expect(posts).toHaveLength(2);
    expect(posts[1]?.args.thread_ts).toBeTruthy();
    expect(posts[0]?.args.thread_ts).toBeUndefined();
    expect(textOf(posts[1] as never)).toContain('also reported by *Canberra Times*');
  });

  it('stops replying in a story’s thread after a few outlets, so a widely carried story never floods it', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    await watch('C_WIDE', 'drones poland');
    const s = service(store, clock);
    await s.check(added(story('s20')));
    const outcomes = [];
    for (let i = 0; i < THREAD_REPLIES_MAX + 3; i++)
      outcomes.push(...(await s.check(added(story('s20', { source: `Outlet ${i}` })))));
    expect(outcomes.filter((o) => o === 'reply')).toHaveLength(THREAD_REPLIES_MAX);
    expect(outcomes.filter((o) => o === 'capped')).toHaveLength(3);
    const replies = postsTo('C_WIDE').filter((p) => p.args.thread_ts !== undefined);
    expect(replies).toHaveLength(THREAD_REPLIES_MAX);
  });

  it('never fires on articles older than the watch (a back catalogue)', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    await watch('C_OLD', 'drones poland');
    const s = service(store, clock);
    expect(await s.check(added(story('s20', { published: '2025-09-10T08:00:00Z' })))).toEqual(['older']);
    expect(await s.check(added(story('s21', { published: null }), '2026-11-29T09:00:00Z'))).toEqual([
      'older',
    ]);
    expect(postsTo('C_OLD')).toHaveLength(0);
  });

  it('caps posts per hour, then sends one summary for the rest once the hour is over', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    await watch('C_CAP', 'drones');
    const s = service(store, clock, 'test', 2);
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(...(await s.check(added(story(`cap${i}`)))));
    expect(outcomes).toEqual(['posted', 'posted', 'capped', 'capped', 'capped']);
    expect(await s.flushSummaries()).toBe(0); // the hour is not over
    clock.advance(3600_000);
    expect(await s.flushSummaries()).toBe(1);
    expect(await s.flushSummaries()).toBe(0);
    const posts = postsTo('C_CAP');
    expect(posts).toHaveLength(3);
    expect(posts[2]?.args.text).toBe('3 more stories on drones in the last hour — `/news drones since:1h`');
  });

  it('escapes hostile article text: no pings, no forged links', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    await watch('C_HOSTILE', 'drones');
    const s = service(store, clock);
    const evil = story('s30', {
      title: 'Drones <!channel> & <@U0BOSS> <https://evil.example|click> *bold* _it_ ~gone~ `code`',
      paragraphs: ['Drones <!here> seen & reported by <@U0BOSS> at <https://evil.example|this link> *now*.'],
      source: 'Evil <!everyone> & Co',
    });
    expect(await s.check(added(evil))).toEqual(['posted']);
    await s.check(
      added(story('s30', { title: 'Drones again *loud* <!channel>', source: '<!channel> _Times_' })),
    );
    const all = postsTo('C_HOSTILE')
      .map((p) => `${textOf(p)} ${p.args.text}`)
      .join(' ');
    expect(all).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U0BOSS>|<https:\/\/evil/);
    expect(all).not.toMatch(/\*bold\*|_it_|~gone~|`code`|\*now\*|\*loud\*|_Times_/);
    expect(all).toContain('&amp;');
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('records Slack’s refusal on the watch and explains not_in_channel in `watch list`; others go on', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    await watch('C_PRIVATE', 'drones');
    await watch('C_OPEN', 'drones');
    const s = service(store, clock);
    fake.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const outcomes = await s.check(added(story('s40')));
    expect(outcomes.sort()).toEqual(['failed', 'posted']);
    const deps = { store, service: s, now: () => clock.now() };
    const lists = await Promise.all(
      ['C_PRIVATE', 'C_OPEN'].map((channelId) =>
        watchCommand('watch list', { channelId, userId: 'U1' }, deps),
      ),
    );
    const refused = lists.filter((l) => l.text.includes('/invite @newsbot'));
    expect(refused).toHaveLength(1);
    expect(refused[0]?.text).toContain('/invite @newsbot');
    expect(lists.filter((l) => l.text.includes('1 hit ')).length).toBe(1);
  });
  it('waits out a 429 for its Retry-After, holding the claim, then posts', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    const w = await watch('C_429', 'drones');
    const s = service(store, clock);
    fake.script('chat.postMessage', {
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { ok: false, error: 'ratelimited' },
    });
    const run = s.check(added(story('rl1')));
    await until(() => clock.sleeping === 1);
    const held = await store.use((db) => storyRow(db, { watchId: w.id, storyId: 'rl1' }));
    expect(new Date(held?.lease_until ?? 0).getTime()).toBeGreaterThan(clock.now().getTime() + 30_000);
    clock.advance(30_000);
    expect(await run).toEqual(['posted']);
    expect(postsTo('C_429')).toHaveLength(2); // the refused call, then the post
  });

  it('tries a post (and a thread reply) again after a 5xx instead of dropping it; gives up after the last delay', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    const w = await watch('C_5XX', 'drones');
    const s = service(store, clock);
    fake.script('chat.postMessage', { status: 503, body: { ok: false } });
    expect(await s.check(added(story('x1')))).toEqual(['retry']);
    expect((await store.use((db) => storyRow(db, { watchId: w.id, storyId: 'x1' })))?.status).toBe('claimed');
    expect(await s.retryDue()).toEqual([]); // not yet
    clock.advance((RETRY_DELAYS_MS[0] ?? 0) + 1000);
    expect(await s.retryDue()).toEqual(['posted']);
    const row = await store.use((db) => storyRow(db, { watchId: w.id, storyId: 'x1' }));
    expect(row?.status).toBe('posted');

    fake.script('chat.postMessage', { status: 500, body: { ok: false } });
    expect(await s.check(added(story('x1', { source: 'Canberra Times' })))).toEqual(['retry']);
    clock.advance((RETRY_DELAYS_MS[0] ?? 0) + 1000);
    expect(await s.retryDue()).toEqual(['reply']);
    const posts = postsTo('C_5XX');
    expect(posts).toHaveLength(4); // refused, posted, refused reply, reply
    expect(posts[3]?.args.thread_ts).toBe(row?.ts);

    // Slack down for good: one try and each delay's retry, then recorded on the watch.
    for (let i = 0; i <= RETRY_DELAYS_MS.length; i++)
      fake.script('chat.postMessage', { status: 502, body: { ok: false } });
    const outcomes = await s.check(added(story('x2')));
    for (const delay of RETRY_DELAYS_MS) {
      clock.advance(delay + 1000);
      outcomes.push(...(await s.retryDue()));
    }
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'failed']);
    expect((await store.use((db) => storyRow(db, { watchId: w.id, storyId: 'x2' })))?.status).toBe('failed');
    const list = await watchCommand(
      'watch list',
      { channelId: 'C_5XX', userId: 'U1' },
      {
        store,
        service: s,
        now: () => clock.now(),
      },
    );
    expect(list.text).toContain('HTTP 502');
  });
});

describe('exactly once across a restart on the same STATE_DIR', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'newsbot-watch-restart-'));
  });
  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('does not post a story again after a restart, and threads the next outlet under the first post', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    let store = await openedStore({ engine: 'pglite', stateDir });
    await store.use((db) =>
      addWatch(db, { conversationId: 'C_R', query: 'drones', createdBy: 'U1' }, new Date(T0)),
    );
    const first = story('r1');
    expect(await service(store, clock).check(added(first))).toEqual(['posted']);
    await store.close();

    store = await openedStore({ engine: 'pglite', stateDir });
    const again = service(store, clock);
    expect(await again.check(added(first))).toEqual(['skipped']);
    expect(await again.check(added(story('r1', { source: 'Canberra Times' })))).toEqual(['reply']);
    await store.close();
    expect(postsTo('C_R')).toHaveLength(2);
  });
});

describe.skipIf(POSTGRES_URL === undefined)('two instances on PostgreSQL', () => {
  const pg = useEngine(ENGINES[1] as (typeof ENGINES)[number]);
  it('posts each story once per watch when both instances see the same new articles at once', async () => {
    const clock = new ManualClock('2026-11-29T11:05:00Z');
    const a = await openedStore({ engine: 'postgres', url: pg.url() as string });
    const b = await openedStore({ engine: 'postgres', url: pg.url() as string });
    for (const channel of ['C_PG1', 'C_PG2'])
      await a.use((db) =>
        addWatch(db, { conversationId: channel, query: 'drones', createdBy: 'U1' }, new Date(T0)),
      );
    const stories = Array.from({ length: 10 }, (_, i) => `pg${i}`);
    const batch = [
      ...stories.map((id) => story(id)),
      ...stories.map((id) => story(id, { source: 'Canberra Times' })),
    ].map((article) => ({ article, seenAt: new Date('2026-11-29T11:00:00Z') }));
    const [one, two] = await Promise.all([
      service(a, clock, 'one', 100).check(batch),
      service(b, clock, 'two', 100).check(batch),
    ]);
    await a.close();
    await b.close();
    expect([...one, ...two].filter((o) => o === 'posted')).toHaveLength(20);
    for (const channel of ['C_PG1', 'C_PG2']) {
      const posts = postsTo(channel);
      const top = posts.filter((p) => p.args.thread_ts === undefined);
      // Exactly one post per story; a second outlet is at most one reply, under that post.
      expect(top.map((p) => p.args.text).sort()).toEqual(
        stories.map(() => 'New on drones: Russian drones cross into Poland overnight'),
      );
      expect(new Set(top.map((p) => JSON.stringify(p.blocks))).size).toBe(stories.length);
      const replies = posts.filter((p) => p.args.thread_ts !== undefined);
      expect(replies.length).toBeLessThanOrEqual(stories.length);
      expect(new Set(replies.map((p) => p.args.thread_ts)).size).toBe(replies.length);
    }
  });
});
noticeSkippedPostgres();
