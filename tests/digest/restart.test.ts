import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/digest/clock.js';
import { claim, ledgerRow } from '../../src/digest/ledger.js';
import { subscribe } from '../../src/digest/subscriptions.js';
import { LEASE_MS } from '../../src/store/claims.js';
import { FakeSlack } from '../e2e/fake-slack.js';
import { article, newsroomOf, openedStore, serviceFor } from './helpers.js';

let stateDir: string;
let fake: FakeSlack;
beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'newsbot-restart-'));
  fake = new FakeSlack();
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  await rm(stateDir, { recursive: true, force: true });
});

const newsroom = newsroomOf([article(0, { published: '2026-11-24T08:00:00Z' })]);
/** One run of the app: the embedded store on STATE_DIR, opened and closed as `serve` does. */
const boot = () => openedStore({ engine: 'pglite', stateDir });

describe('exactly once across restarts on the same STATE_DIR', () => {
  it('never posts a day twice, and retries a crashed claim only after its lease', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    let store = await boot();
    for (const id of ['C_A', 'C_B']) {
      await store.use((db) =>
        subscribe(db, {
          conversationId: id,
          kind: 'channel',
          time: '09:00',
          timeZone: 'UTC',
          by: 'U1',
          now: new Date('2026-11-20T00:00:00Z'),
        }),
      );
    }
    // C_B's poster "crashes" after claiming: the claim is in the ledger, nothing was posted.
    await store.use((db) =>
      claim(db, { conversationId: 'C_B', localDate: '2026-11-24' }, 'crashed-instance', clock.now()),
    );
    const first = serviceFor({ store, newsroom, fake, clock });
    expect(await first.tick()).toMatchObject({ posted: 1, skipped: 1 });
    await store.close();

    clock.advance(60_000);
    store = await boot();
    const second = serviceFor({ store, newsroom, fake, clock });
    expect(await second.tick()).toMatchObject({ posted: 0 }); // C_A done; C_B's lease still live
    await store.close();

    clock.advance(LEASE_MS);
    store = await boot();
    const third = serviceFor({ store, newsroom, fake, clock });
    expect(await third.tick()).toMatchObject({ posted: 1 }); // C_B, once
    expect(
      await store.use((db) => ledgerRow(db, { conversationId: 'C_B', localDate: '2026-11-24' })),
    ).toMatchObject({
      status: 'posted',
      attempts: 2,
    });
    clock.advance(60_000);
    expect((await third.tick()).due).toBe(0);
    await store.close();
    expect(
      fake
        .callsTo('chat.postMessage')
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['C_A', 'C_B']);
  }, 120_000);
});
