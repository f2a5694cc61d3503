import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/digest/clock.js';
import { digestRuntime } from '../../src/digest/start.js';
import { findSubscription, seedChannels, setTopics } from '../../src/digest/subscriptions.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { Store } from '../../src/store/store.js';
import { postingClient } from '../digest/helpers.js';
import { sharedPglite, useEngine } from '../store/engines.js';
import { FIXTURE_DIR } from './app-harness.js';
import { blockKitViolations } from './block-kit-limits.js';
import { useStoreApp } from './store-app.js';

const e = useEngine({ name: 'pglite', skip: false });
const clock = new ManualClock('2025-09-17T06:00:00Z'); // 08:00 in Paris
const app = useStoreApp({
  env: { DIGEST_CHANNELS: 'C0SEEDED' },
  now: () => clock.now(),
  desk: async (stateDir, logger) =>
    new InProcessDesk(
      (await Newsroom.open({ dataDir: FIXTURE_DIR, stateDir, logger, progress: 'off' })).newsroom,
    ),
  feature: ({ config, logger, store, desk }) => {
    const runtime = digestRuntime({ config, logger, store, desk, loaded: () => desk.fingerprints(), clock });
    return { app: { digest: (client) => runtime.commandDeps(client) }, stop: () => runtime.stop() };
  },
});
const { fake, news } = app;

describe('/news digest over the real Bolt app', () => {
  it('subscribes the channel, then the digest arrives at the Web API at its local time', async () => {
    // The store was truncated for this test; the runtime's start-up work is idempotent, so redo it.
    await app.store.use((db) =>
      seedChannels(db, ['C0SEEDED'], { time: '09:00', timeZone: 'UTC' }, clock.now()),
    );
    const on = await news('digest on 08:30 Europe/Paris');
    expect(on.text).toContain('Daily digest on in this channel at 08:30 (Europe/Paris)');
    expect(on.text).toContain('Next: Wednesday 17 September, 08:30 (Europe/Paris)');
    expect(await findSubscription(e.db(), 'C0CHANNEL')).toMatchObject({
      created_by: 'U0ALICE',
      kind: 'channel',
    });

    expect((await news('digest topics bushfire')).text).toContain('Digest topics set to bushfire');
    const status = await news('digest status');
    expect(status.text).toContain('Topics: bushfire');
    expect(status.text).toContain('Last posted: not yet');

    const preview = await news('digest preview');
    expect(preview.text).toContain('News digest — Wednesday 17 September');
    expect(blockKitViolations(preview)).toEqual([]);

    clock.set('2025-09-17T06:30:00Z'); // 08:30 in Paris: the scheduler wakes on its clock
    await fake.until(() => fake.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0CHANNEL'));
    const post = fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0CHANNEL');
    expect(post?.args.text).toContain('News digest — Wednesday 17 September');
    expect(blockKitViolations({ text: post?.args.text, blocks: post?.blocks })).toEqual([]);
    expect(JSON.stringify(post?.blocks)).toContain('Topics: *bushfire*');

    // The post is recorded on the subscription just after Slack answers.
    for (let i = 0; i < 100 && !(await findSubscription(e.db(), 'C0CHANNEL'))?.last_ts; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await news('digest status')).text).toMatch(/Last posted: Wednesday 17 September, 08:30/);
    expect((await news('digest off')).text).toContain('Daily digest turned off in this channel.');
    expect((await news('digest status')).text).toContain('No daily digest in this channel');
  });

  it('explains a bad time or zone with an example', async () => {
    expect((await news('digest on 25:00')).text).toContain(
      'is not a time of day. Use 24-hour HH:MM, for example /news digest on 08:30 Europe/Paris',
    );
    expect((await news('digest on 08:00 Mars/Base')).text).toContain('is not a time zone I know');
    expect((await news('digest on 7:15 US/Eastern')).text).toContain('at 07:15 (US/Eastern)');
  });

  it('makes a personal digest in a DM with the bot', async () => {
    const reply = await news('digest on', { channel_id: 'D0DM', channel_name: 'directmessage' });
    expect(reply.text).toContain('Daily digest on for you at 09:00 (UTC)');
    expect(await findSubscription(e.db(), 'U0ALICE')).toMatchObject({ kind: 'person' });
  });

  it('tells people in a private channel to invite the bot', async () => {
    const reply = await news('digest on', { channel_id: 'G0PRIVATE', channel_name: 'privategroup' });
    expect(reply.text).toContain('/invite @newsbot');
  });

  it('shows the store in /healthz', async () => {
    const health = (await (await fetch(`${app.base}/healthz`)).json()) as { store?: string };
    expect(health.store).toBe('up');
  });

  it('subscribes DIGEST_CHANNELS at start, idempotently, keeping changes made in Slack', async () => {
    const again = async () => {
      const r = digestRuntime({
        config: loadConfig({ DIGEST_CHANNELS: 'C0SEEDED,C0OTHER', DIGEST_TIME: '07:00' }),
        logger: app.logger,
        store: new Store(
          { engine: 'pglite-instance', pglite: await sharedPglite() },
          { logger: app.logger },
        ).start(),
        desk: { digest: async () => ({ topics: '', stories: [], total: 0 }) },
        loaded: async () => [],
        clock,
      });
      r.commandDeps(postingClient(fake));
      await new Promise((resolve) => setTimeout(resolve, 300));
      return r;
    };
    const first = await again();
    await first.stop();
    expect(await findSubscription(e.db(), 'C0OTHER')).toMatchObject({
      time: '07:00',
      created_by: 'DIGEST_CHANNELS',
    });
    await app.store.use((db) => setTopics(db, 'C0OTHER', 'rates', clock.now()));
    const second = await again();
    await second.stop();
    expect(await findSubscription(e.db(), 'C0OTHER')).toMatchObject({ topics: 'rates', time: '07:00' });
  });

  it('takes a shutdown during its start-up sync quietly: no error logged, the next start syncs again', async () => {
    const levels: number[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write: (chunk, _encoding, done) => {
          levels.push((JSON.parse(String(chunk)) as { level: number }).level);
          done();
        },
      }),
    );
    const store = new Store({ engine: 'pglite-instance', pglite: await sharedPglite() }, { logger }).start();
    let loadedNow = () => {};
    const loading = new Promise<void>((resolve) => {
      loadedNow = resolve;
    });
    const runtime = digestRuntime({
      config: loadConfig({}),
      logger,
      store,
      desk: { digest: async () => ({ topics: '', stories: [], total: 0 }) },
      loaded: async () => {
        await loading;
        return [];
      },
      clock,
    });
    runtime.commandDeps(postingClient(fake));
    await store.ready();
    // The process stops while the newsroom is still loading: the digest first, the store last.
    await runtime.stop();
    await store.close();
    const logged = levels.length;
    loadedNow();
    for (let i = 0; i < 100 && levels.length === logged; i++) await new Promise((r) => setTimeout(r, 10));
    expect(levels.length).toBeGreaterThan(logged);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
  });
});
