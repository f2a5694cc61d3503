import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { claim, complete, fail, ledgerRow, release, renew, settledDays } from '../../src/digest/ledger.js';
import {
  activeSubscriptions,
  findSubscription,
  recordFailure,
  recordPosted,
  seedChannels,
  setTopics,
  subscribe,
  unsubscribe,
} from '../../src/digest/subscriptions.js';
import { articleCounts, firstSeenSince, syncArticles } from '../../src/store/articles.js';
import { migrate } from '../../src/store/open.js';
import { ENGINES, noticeSkippedPostgres, useEngine } from './engines.js';

noticeSkippedPostgres();

const T0 = new Date('2026-11-24T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 24 * 3600_000;
/** The data folder as `syncArticles` sees it: "a:1 b:2" is article a with hash 1, b with hash 2. */
const files = (spec: string) =>
  spec.split(' ').map((entry) => {
    const [id = '', hash = ''] = entry.split(':');
    return { id, hash };
  });

describe.each(ENGINES)('store contract on $name', (engine) => {
  const e = useEngine(engine);
  const it_ = engine.skip ? it.skip : it;

  it_('runs each migration once: a second run applies nothing', async () => {
    expect(await migrate(e.db())).toEqual([]);
  });

  it_('returns counts and bigints as numbers on both engines', async () => {
    const row = await sql<{
      n: unknown;
      b: unknown;
    }>`select count(*) as n, 9007199254740::bigint as b`.execute(e.db());
    expect(row.rows[0]).toEqual({ n: 1, b: 9007199254740 });
  });

  it_('syncs the data folder: new added, changed updated, removed retired, returned restored', async () => {
    const db = e.db();
    expect(await syncArticles(db, files('a:1 b:1 c:1'), T0)).toEqual({
      added: 3,
      updated: 0,
      retired: 0,
      restored: 0,
      unchanged: 0,
    });
    expect(await syncArticles(db, files('a:1 b:2 d:1'), later(DAY))).toEqual({
      added: 1,
      updated: 1,
      retired: 1,
      restored: 0,
      unchanged: 1,
    });
    // b changed but was not new: first_seen stays; d is new today.
    const seen = await firstSeenSince(db, later(DAY - 1));
    expect([...seen.keys()]).toEqual(['d']);
    expect(await articleCounts(db)).toEqual({ live: 3, retired: 1 });
    expect(await syncArticles(db, files('a:1 b:2 c:1 d:1'), later(2 * DAY))).toEqual({
      added: 0,
      updated: 0,
      retired: 0,
      restored: 1,
      unchanged: 3,
    });
    expect((await firstSeenSince(db, T0)).get('c')).toBe(T0.getTime());
  });

  it_('treats the very first sync as a back catalogue when asked: nothing in it is new', async () => {
    const db = e.db();
    await syncArticles(db, [{ id: 'old', hash: '1' }], T0, { firstSyncIsBackCatalogue: true });
    expect((await firstSeenSince(db, new Date(1))).size).toBe(0);
    await syncArticles(db, files('old:1 new:1'), later(DAY), {
      firstSyncIsBackCatalogue: true,
    });
    expect([...(await firstSeenSince(db, new Date(1))).keys()]).toEqual(['new']);
  });

  it_('syncs thousands of articles in batches', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ id: `n${i}`, hash: 'h' }));
    expect((await syncArticles(e.db(), many, T0)).added).toBe(2500);
    expect((await syncArticles(e.db(), many.slice(1000), later(1))).retired).toBe(1000);
  });

  it_('subscribes, changes time, sets topics, switches off and back on', async () => {
    const db = e.db();
    const on = {
      conversationId: 'C1',
      kind: 'channel' as const,
      time: '09:00',
      timeZone: 'UTC',
      by: 'U1',
      now: T0,
    };
    await subscribe(db, on);
    expect(await setTopics(db, 'C1', 'climate -sport', later(1))).toBe(true);
    const again = await subscribe(db, {
      ...on,
      time: '07:30',
      timeZone: 'Europe/Paris',
      by: 'U2',
      now: later(2),
    });
    expect(again).toMatchObject({
      time: '07:30',
      time_zone: 'Europe/Paris',
      topics: 'climate -sport',
      created_by: 'U1',
    });
    expect(await unsubscribe(db, 'C1', later(3))).toBe(true);
    expect(await unsubscribe(db, 'C1', later(4))).toBe(false);
    expect(await setTopics(db, 'C1', 'x', later(5))).toBe(false);
    expect(await activeSubscriptions(db)).toEqual([]);
    const back = await subscribe(db, { ...on, by: 'U3', now: later(6) });
    expect(back).toMatchObject({ enabled: true, created_by: 'U3', topics: 'climate -sport' });
    expect((await activeSubscriptions(db)).map((s) => s.conversation_id)).toEqual(['C1']);
  });

  it_('seeds DIGEST_CHANNELS idempotently, keeping what was changed in Slack', async () => {
    const db = e.db();
    const defaults = { time: '09:00', timeZone: 'UTC' };
    expect(await seedChannels(db, ['C1', 'C2'], defaults, T0)).toEqual(['C1', 'C2']);
    await setTopics(db, 'C1', 'rates', later(1));
    await unsubscribe(db, 'C2', later(1));
    expect(await seedChannels(db, ['C1', 'C2', 'C3'], defaults, later(2))).toEqual(['C3']);
    expect(await findSubscription(db, 'C1')).toMatchObject({ topics: 'rates', enabled: true });
    expect(await findSubscription(db, 'C2')).toMatchObject({ enabled: false });
  });

  it_('pauses a subscription after three days of a permanent error, and on resumes it', async () => {
    const db = e.db();
    const c9 = { conversationId: 'C9', kind: 'channel' as const, time: '09:00', timeZone: 'UTC', by: 'U1' };
    await subscribe(db, { ...c9, now: T0 });
    expect(await recordFailure(db, 'C9', 'not_in_channel', T0)).toEqual({ paused: false });
    expect(await recordFailure(db, 'C9', 'not_in_channel', later(2 * DAY))).toEqual({ paused: false });
    expect(await recordFailure(db, 'C9', 'not_in_channel', later(3 * DAY))).toEqual({ paused: true });
    expect(await activeSubscriptions(db)).toEqual([]);
    expect(await findSubscription(db, 'C9')).toMatchObject({ last_error: 'not_in_channel' });
    await subscribe(db, { ...c9, now: later(4 * DAY) });
    expect((await findSubscription(db, 'C9'))?.paused_at).toBeNull();
    // A passing error does not start the clock; a success ends a failing run.
    await recordFailure(db, 'C9', 'ratelimited', later(5 * DAY));
    expect((await findSubscription(db, 'C9'))?.failing_since).toBeNull();
    await recordFailure(db, 'C9', 'is_archived', later(5 * DAY));
    await recordPosted(db, 'C9', '1.2', later(6 * DAY));
    expect(await findSubscription(db, 'C9')).toMatchObject({ failing_since: null, last_ts: '1.2' });
  });

  it_('lets one claim win, takes over an expired lease, and keeps a posted day posted', async () => {
    const db = e.db();
    const key = { conversationId: 'C1', localDate: '2026-11-24' };
    expect(await claim(db, key, 'one', T0)).toBe(true);
    expect(await claim(db, key, 'two', later(1000))).toBe(false);
    expect(await renew(db, key, 'one', later(4 * 60_000))).toBe(true);
    expect(await claim(db, key, 'two', later(6 * 60_000))).toBe(false);
    // 'one' crashed: its renewed lease runs out at 9 minutes.
    expect(await claim(db, key, 'two', later(9 * 60_000 + 1))).toBe(true);
    expect(await renew(db, key, 'one', later(9 * 60_000 + 2))).toBe(false);
    await complete(db, key, 'two', '111.222', later(10 * 60_000));
    expect(await claim(db, key, 'three', later(DAY))).toBe(false);
    expect(await ledgerRow(db, key)).toMatchObject({
      status: 'posted',
      ts: '111.222',
      claimed_by: 'two',
      attempts: 2,
    });
    expect(await settledDays(db, ['2026-11-24'])).toEqual(new Set(['C1 2026-11-24']));
    expect(await claim(db, key, 'cli', later(DAY), { force: true })).toBe(true);
  });

  it_('retries a released claim only after its retry time; a failed day stays failed', async () => {
    const db = e.db();
    const key = { conversationId: 'C2', localDate: '2026-11-24' };
    await claim(db, key, 'one', T0);
    await release(db, key, 'one', 'fetch failed', later(30_000), T0);
    expect(await claim(db, key, 'two', later(10_000))).toBe(false);
    expect(await claim(db, key, 'two', later(30_001))).toBe(true);
    await fail(db, key, 'two', 'channel_not_found', later(40_000));
    expect(await claim(db, key, 'three', later(DAY))).toBe(false);
    expect(await ledgerRow(db, key)).toMatchObject({ status: 'failed', error: 'channel_not_found' });
  });

  it_('gives exactly one winner when many claim the same day at once', async () => {
    const db = e.db();
    const key = { conversationId: 'C3', localDate: '2026-11-24' };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(db, key, `i${i}`, T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
