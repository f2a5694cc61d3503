import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/digest/clock.js';
import { ledgerRow } from '../../src/digest/ledger.js';
import { renderStatus } from '../../src/digest/status.js';
import { findSubscription, subscribe } from '../../src/digest/subscriptions.js';
import { metricValue } from '../service/global-metrics.js';
import { ENGINES, useEngine } from '../store/engines.js';
import { article, newsroomOf, serviceFor, useStoreAndFakeSlack } from './helpers.js';

const e = useEngine(ENGINES[0] as (typeof ENGINES)[number]);
const world = useStoreAndFakeSlack();

const DAY = 24 * 3600_000;
const newsroom = newsroomOf([article(0, { published: '2026-11-01T00:00:00Z' })]);
const setup = async (...ids: string[]) => {
  for (const id of ids) {
    await subscribe(e.db(), {
      conversationId: id,
      kind: 'channel',
      time: '09:00',
      timeZone: 'UTC',
      by: 'U1',
      now: new Date('2026-11-01T00:00:00Z'),
    });
  }
};
const slackError = (error: string) => ({ body: { ok: false, error } });
const channelsPosted = () => world.fake.callsTo('chat.postMessage').map((c) => c.args.channel);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('digest and Slack errors', () => {
  it('waits out a 429 for its Retry-After on the digest clock, then posts', async () => {
    await setup('C_RL');
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const service = serviceFor({ ...world, newsroom, clock, settings: { empty: 'post' } });
    world.fake.script('chat.postMessage', {
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { ok: false, error: 'ratelimited' },
    });
    const tick = service.tick();
    await until(() => clock.sleeping === 1);
    expect(world.fake.callsTo('chat.postMessage')).toHaveLength(1);
    // The claim was extended past the wait, so no other instance takes it meanwhile.
    const row = await ledgerRow(e.db(), { conversationId: 'C_RL', localDate: '2026-11-24' });
    expect(new Date(row?.lease_until ?? 0).getTime()).toBeGreaterThan(clock.now().getTime() + 30_000);
    clock.advance(29_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(world.fake.callsTo('chat.postMessage')).toHaveLength(1);
    clock.advance(1_000);
    expect(await tick).toMatchObject({ posted: 1 });
    expect(world.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it.each(['not_in_channel', 'channel_not_found', 'is_archived', 'account_inactive'])(
    'records %s on the subscription and carries on with the others',
    async (error) => {
      await setup('C_BAD', 'C_OK');
      world.fake.script('chat.postMessage', slackError(error)); // whichever goes first fails
      const clock = new ManualClock('2026-11-24T09:00:00Z');
      const service = serviceFor({
        ...world,
        newsroom,
        clock,
        settings: { empty: 'post', concurrency: 1 },
      });
      const report = await service.tick();
      expect(report).toMatchObject({ due: 2, posted: 1, failed: 1 });
      const failed = channelsPosted()[0] as string;
      const other = failed === 'C_BAD' ? 'C_OK' : 'C_BAD';
      expect(await findSubscription(e.db(), failed)).toMatchObject({ last_error: error, paused_at: null });
      expect(await findSubscription(e.db(), other)).toMatchObject({
        last_error: null,
        last_ts: expect.any(String),
      });
      expect(await ledgerRow(e.db(), { conversationId: failed, localDate: '2026-11-24' })).toMatchObject({
        status: 'failed',
        error,
      });
      // Not retried the same day.
      clock.advance(60_000);
      expect((await service.tick()).due).toBe(0);
      const status = renderStatus(
        await findSubscription(e.db(), failed),
        undefined,
        clock.now(),
        'in this channel',
      );
      expect(status.text).toContain(`Last error: ${error}`);
    },
  );

  it('pauses itself after three days of a permanent error; status says so; on resumes it', async () => {
    await setup('C_GONE');
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const service = serviceFor({ ...world, newsroom, clock, settings: { empty: 'post' } });
    const FAILED = 'newsbot_digests_failed_total{reason="not_in_channel"}';
    const POSTED = 'newsbot_digests_posted_total';
    const failedBefore = await metricValue(FAILED);
    for (let day = 0; day < 4; day++) {
      world.fake.script('chat.postMessage', slackError('not_in_channel'));
      clock.set(new Date(Date.parse('2026-11-24T09:00:00Z') + day * DAY));
      expect(await service.tick()).toMatchObject({ failed: 1 });
      expect(Boolean((await findSubscription(e.db(), 'C_GONE'))?.paused_at)).toBe(day === 3);
    }
    clock.set('2026-11-28T09:00:00Z');
    expect((await service.tick()).due).toBe(0);
    expect(world.fake.callsTo('chat.postMessage')).toHaveLength(4);
    expect((await metricValue(FAILED)) - failedBefore).toBe(4);
    const status = renderStatus(
      await findSubscription(e.db(), 'C_GONE'),
      undefined,
      clock.now(),
      'in this channel',
    );
    expect(status.text).toContain('paused');
    expect(status.text).toContain('/invite @newsbot');
    await subscribe(e.db(), {
      conversationId: 'C_GONE',
      kind: 'channel',
      time: '09:00',
      timeZone: 'UTC',
      by: 'U2',
      now: clock.now(),
    });
    clock.set('2026-11-29T09:00:00Z');
    const postedBefore = await metricValue(POSTED);
    expect(await service.tick()).toMatchObject({ posted: 1 });
    expect((await metricValue(POSTED)) - postedBefore).toBe(1);
  });

  it('retries a passing failure (HTTP 500) after a backoff, through the ledger', async () => {
    await setup('C_FLAKY');
    world.fake.script('chat.postMessage', { status: 500, body: { ok: false } });
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const service = serviceFor({ ...world, newsroom, clock, settings: { empty: 'post' } });
    expect(await service.tick()).toMatchObject({ failed: 1 });
    clock.advance(10_000);
    expect(await service.tick()).toMatchObject({ due: 1, skipped: 1 }); // backing off
    clock.advance(25_000);
    expect(await service.tick()).toMatchObject({ posted: 1 });
    expect((await findSubscription(e.db(), 'C_FLAKY'))?.failing_since).toBeNull();
  });

  it('never dies of a message Slack refuses: the day is marked failed, others carry on', async () => {
    await setup('C_X', 'C_Y');
    world.fake.script('chat.postMessage', slackError('invalid_blocks'));
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const service = serviceFor({ ...world, newsroom, clock, settings: { empty: 'post', concurrency: 1 } });
    expect(await service.tick()).toMatchObject({ posted: 1, failed: 1 });
  });
});
