import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/digest/clock.js';
import { subscribe } from '../../src/digest/subscriptions.js';
import type { Store } from '../../src/store/store.js';
import { FakeSlack } from '../e2e/fake-slack.js';
import { noticeSkippedPostgres, POSTGRES_URL, scratchPostgres } from '../store/engines.js';
import { article, newsroomOf, openedStore, serviceFor } from './helpers.js';

noticeSkippedPostgres();

describe.skipIf(POSTGRES_URL === undefined)('two instances on one PostgreSQL', () => {
  let drop: () => Promise<void> = async () => undefined;
  let url = '';
  let stores: Store[] = [];
  const fake = new FakeSlack();
  beforeAll(async () => {
    const scratch = await scratchPostgres(POSTGRES_URL as string);
    url = scratch.url;
    drop = scratch.drop;
    await fake.start();
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await fake.stop();
    await drop();
  });

  it('post one digest per conversation between them', async () => {
    // Both open (and migrate) at once: Kysely's migration lock lets one of them do it.
    stores = await Promise.all([
      openedStore({ engine: 'postgres', url }),
      openedStore({ engine: 'postgres', url }),
    ]);
    const [a, b] = stores as [Store, Store];
    for (let i = 0; i < 40; i++) {
      await a.use((db) =>
        subscribe(db, {
          conversationId: `C_R${i}`,
          kind: 'channel',
          time: '09:00',
          timeZone: 'Europe/Paris',
          by: 'U1',
          now: new Date('2026-11-20T00:00:00Z'),
        }),
      );
    }
    const newsroom = newsroomOf([article(0, { published: '2026-11-24T07:00:00Z' })]);
    const clock = new ManualClock('2026-11-24T08:00:05Z'); // 09:00:05 in Paris
    const one = serviceFor({ store: a, newsroom, fake, clock, settings: { concurrency: 4 } });
    const two = serviceFor({ store: b, newsroom, fake, clock, settings: { concurrency: 4 } });
    const [r1, r2] = await Promise.all([one.tick(), two.tick()]);
    expect(r1.posted + r2.posted).toBe(40);
    expect(r1.posted).toBeGreaterThan(0);
    expect(r2.posted).toBeGreaterThan(0);
    const channels = fake.callsTo('chat.postMessage').map((c) => c.args.channel);
    expect(channels).toHaveLength(40);
    expect(new Set(channels).size).toBe(40);
    clock.advance(60_000);
    const again = await Promise.all([one.tick(), two.tick()]);
    expect(again.map((r) => r.due)).toEqual([0, 0]);
  }, 60_000);
});
