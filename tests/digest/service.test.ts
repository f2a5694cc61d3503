import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/digest/clock.js';
import { ledgerRow } from '../../src/digest/ledger.js';
import { findSubscription, subscribe } from '../../src/digest/subscriptions.js';
import type { Newsroom } from '../../src/newsroom/newsroom.js';
import { syncArticles } from '../../src/store/articles.js';
import { blockKitViolations } from '../e2e/block-kit-limits.js';
import { ENGINES, useEngine } from '../store/engines.js';
import { article, newsroomOf, posts, serviceFor, useStoreAndFakeSlack } from './helpers.js';

const pglite = ENGINES[0] as (typeof ENGINES)[number];
const e = useEngine(pglite);
const world = useStoreAndFakeSlack();

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function sub(conversationId: string, time: string, timeZone: string, createdAt: string) {
  await subscribe(e.db(), {
    conversationId,
    kind: 'channel',
    time,
    timeZone,
    by: 'U1',
    now: new Date(createdAt),
  });
}

/** A newsroom with one fresh story at `at` (published an hour before) and one old one. */
function roomAround(at: string): Newsroom {
  const t = new Date(at).getTime();
  return newsroomOf([
    article(0, { published: new Date(t - HOUR).toISOString() }),
    article(1, { published: new Date(t - 10 * DAY).toISOString() }),
  ]);
}

describe('digest schedule', () => {
  it('posts at the local time in the subscription’s zone, once, and again the next day', async () => {
    await sub('C_TOKYO', '09:00', 'Asia/Tokyo', '2026-11-22T12:00:00Z');
    const clock = new ManualClock('2026-11-23T23:59:00Z'); // 08:59 in Tokyo
    const service = serviceFor({
      ...world,
      newsroom: roomAround('2026-11-24T00:00:00Z'),
      clock,
      settings: { empty: 'post' },
    });
    expect((await service.tick()).due).toBe(0);
    clock.set('2026-11-24T00:00:00Z'); // 09:00 in Tokyo
    expect(await service.tick()).toMatchObject({ due: 1, posted: 1 });
    clock.advance(60_000);
    expect((await service.tick()).due).toBe(0);
    const [first] = posts(world.fake);
    expect(first).toMatchObject({ channel: 'C_TOKYO', header: 'News digest — Tuesday 24 November' });
    expect(world.fake.callsTo('chat.postMessage')[0]?.args).toMatchObject({
      unfurl_links: 'false',
      unfurl_media: 'false',
    });
    expect(blockKitViolations({ text: 'x', blocks: first?.blocks })).toEqual([]);
    clock.set('2026-11-25T00:00:30Z');
    expect(await service.tick()).toMatchObject({ posted: 1 });
    expect(posts(world.fake).map((p) => p.header)).toEqual([
      'News digest — Tuesday 24 November',
      'News digest — Wednesday 25 November',
    ]);
    expect(await findSubscription(e.db(), 'C_TOKYO')).toMatchObject({ last_ts: expect.any(String) });
  });

  it('posts a 02:30 subscription at 03:00 on the spring-forward day', async () => {
    await sub('C_NY', '02:30', 'America/New_York', '2026-03-07T12:00:00Z');
    const clock = new ManualClock('2026-03-08T06:59:00Z'); // 01:59 EST; 02:30 never comes
    const service = serviceFor({ ...world, newsroom: roomAround('2026-03-08T07:00:00Z'), clock });
    expect((await service.tick()).due).toBe(0);
    clock.set('2026-03-08T07:00:00Z'); // 03:00 EDT
    expect(await service.tick()).toMatchObject({ posted: 1 });
    expect(posts(world.fake).map((p) => p.header)).toEqual(['News digest — Sunday 8 March']);
  });

  it('posts a 01:30 subscription once on the fall-back day, when 01:30 happens twice', async () => {
    await sub('C_NY2', '01:30', 'America/New_York', '2026-10-31T12:00:00Z');
    const clock = new ManualClock('2026-11-01T05:30:00Z'); // 01:30 EDT
    const service = serviceFor({ ...world, newsroom: roomAround('2026-11-01T05:30:00Z'), clock });
    expect(await service.tick()).toMatchObject({ posted: 1 });
    clock.set('2026-11-01T06:30:00Z'); // 01:30 EST, the second time
    expect((await service.tick()).posted).toBe(0);
    clock.set('2026-11-01T06:31:00Z');
    expect((await service.tick()).posted).toBe(0);
    expect(posts(world.fake)).toHaveLength(1);
  });

  it('catches up after a restart within DIGEST_CATCHUP_HOURS, and not later', async () => {
    await sub('C_LATE', '09:00', 'UTC', '2026-11-20T00:00:00Z');
    const clock = new ManualClock('2026-11-24T14:59:00Z'); // 5 h 59 late
    const service = serviceFor({ ...world, newsroom: roomAround('2026-11-24T09:00:00Z'), clock });
    service.start();
    await world.fake.until(() => posts(world.fake).length === 1, 5_000);
    await service.stop();
    expect(posts(world.fake)[0]?.channel).toBe('C_LATE');

    await sub('C_MISSED', '08:00', 'UTC', '2026-11-20T00:00:00Z');
    const tooLate = serviceFor({ ...world, newsroom: roomAround('2026-11-24T09:00:00Z'), clock });
    expect((await tooLate.tick()).due).toBe(0); // 08:00 + 6 h < 14:59
    expect(posts(world.fake)).toHaveLength(1);
  });

  it('does not post today for a subscription made after today’s time', async () => {
    await sub('C_NEW', '09:00', 'UTC', '2026-11-24T10:00:00Z');
    const clock = new ManualClock('2026-11-24T10:00:30Z');
    const service = serviceFor({ ...world, newsroom: roomAround('2026-11-24T09:00:00Z'), clock });
    expect((await service.tick()).due).toBe(0);
  });

  it('on an empty day posts nothing (skip) or one short line (post)', async () => {
    await sub('C_EMPTY', '09:00', 'UTC', '2026-11-20T00:00:00Z');
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const stale = newsroomOf([article(2, { published: '2026-11-01T00:00:00Z' })]);
    const skip = serviceFor({ ...world, newsroom: stale, clock });
    expect(await skip.tick()).toMatchObject({ due: 1, empty: 1, posted: 0 });
    expect(posts(world.fake)).toHaveLength(0);
    expect(await ledgerRow(e.db(), { conversationId: 'C_EMPTY', localDate: '2026-11-24' })).toMatchObject({
      status: 'posted',
      ts: null,
    });
    clock.set('2026-11-25T09:00:00Z');
    const post = serviceFor({ ...world, newsroom: stale, clock, settings: { empty: 'post' } });
    expect(await post.tick()).toMatchObject({ posted: 1 });
    expect(JSON.stringify(posts(world.fake)[0]?.blocks)).toContain('No new stories in the last day.');
  });

  it('counts an undated article by when the world.store first saw it', async () => {
    await sub('C_UNDATED', '09:00', 'UTC', '2026-11-20T00:00:00Z');
    const undated = article(3, { published: null });
    const room = newsroomOf([undated]);
    await syncArticles(e.db(), [{ id: undated.id, hash: 'h' }], new Date('2026-11-24T08:00:00Z'));
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    expect(await serviceFor({ ...world, newsroom: room, clock }).tick()).toMatchObject({ posted: 1 });
    clock.set('2026-11-26T09:00:00Z'); // two days later it is no longer new
    expect(await serviceFor({ ...world, newsroom: room, clock }).tick()).toMatchObject({ empty: 1 });
  });

  it('posts to many channels due in the same minute, each once', async () => {
    for (let i = 0; i < 25; i++) await sub(`C_MANY${i}`, '09:00', 'UTC', '2026-11-20T00:00:00Z');
    const clock = new ManualClock('2026-11-24T09:00:10Z');
    const service = serviceFor({ ...world, newsroom: roomAround('2026-11-24T09:00:00Z'), clock });
    const [a, b] = await Promise.all([service.tick(), service.tick()]);
    expect(a).toBe(b); // overlapping ticks share one pass
    expect(a.posted).toBe(25);
    expect(new Set(posts(world.fake).map((p) => p.channel)).size).toBe(25);
  });
});
