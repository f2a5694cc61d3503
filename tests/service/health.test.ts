import { describe, expect, it } from 'vitest';
import {
  type IndexStatus,
  judgeReadiness,
  liveness,
  loadedIndex,
  pingedStore,
  readiness,
  readinessFrom,
  type SlackStatus,
  type StoreStatus,
} from '../../src/service/health.js';

const READY: IndexStatus = { state: 'ready', loaded: 0, total: 0, articles: 10, stories: 8 };
const LOADING: IndexStatus = { state: 'loading', loaded: 40, total: 1000, articles: 0, stories: 0 };

describe('judgeReadiness', () => {
  it('is ready only with the index loaded, the store up or absent, and the token accepted or not needed', () => {
    const stores: StoreStatus[] = ['up', 'opening', 'down', 'closed', 'absent'];
    const slacks: SlackStatus[] = ['accepted', 'connecting', 'refused', 'unchecked', 'absent'];
    for (const index of [READY, LOADING, { ...READY, state: 'restarting' } as IndexStatus]) {
      for (const store of stores) {
        for (const slack of slacks) {
          const expected =
            index.state === 'ready' &&
            (store === 'up' || store === 'absent') &&
            (slack === 'accepted' || slack === 'absent');
          const answer = judgeReadiness(index, store, slack);
          expect(answer.status, `${index.state}/${store}/${slack}`).toBe(expected ? 200 : 503);
          expect(answer.body).toMatchObject({ ready: expected, index: index.state, store, slack });
        }
      }
    }
  });

  it('is not ready once a shutdown has begun, whatever the parts say', () => {
    expect(judgeReadiness(READY, 'up', 'accepted', true)).toEqual({
      status: 503,
      body: { ready: false, index: 'ready', articles: 10, store: 'up', slack: 'accepted', stopping: true },
    });
  });

  it('shows the loading progress while the articles load', () => {
    expect(judgeReadiness(LOADING, 'up', 'accepted').body).toMatchObject({ loaded: 40, total: 1000 });
    expect(judgeReadiness(READY, 'up', 'accepted').body).not.toHaveProperty('loaded');
  });
});

describe('readiness', () => {
  const slack = () => 'accepted' as const;

  it('counts a store whose ping fails as down, one not up as its state, and none as absent', async () => {
    const ping = (result: Promise<unknown>) => () => result;
    const failing = readinessFrom({
      index: () => READY,
      slack,
      store: pingedStore(() => 'up', ping(Promise.reject(new Error('ECONNREFUSED')))),
    });
    expect((await readiness(failing)).body).toMatchObject({ ready: false, store: 'down' });
    let pinged = false;
    const opening = readinessFrom({
      index: () => READY,
      slack,
      store: pingedStore(
        () => 'opening',
        async () => {
          pinged = true;
        },
      ),
    });
    expect(await readiness(opening)).toMatchObject({ status: 503, body: { store: 'opening' } });
    expect(pinged).toBe(false);
    const none = readinessFrom({ index: () => READY, slack });
    expect(await readiness(none)).toMatchObject({ status: 200, body: { store: 'absent' } });
    const up = readinessFrom({
      index: () => READY,
      slack,
      store: pingedStore(() => 'up', ping(Promise.resolve(1))),
    });
    expect((await readiness(up)).body).toMatchObject({ ready: true, store: 'up' });
  });

  it('answers within its timeout when a part hangs, counting that part as not ready', async () => {
    const hanging = readinessFrom({
      index: () => READY,
      slack,
      store: pingedStore(
        () => 'up',
        () => new Promise(() => {}),
      ),
    });
    const started = performance.now();
    const answer = await readiness(hanging, 50);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(answer).toMatchObject({ status: 503, body: { store: 'down', index: 'ready' } });
  });

  it('reads the index of an in-process newsroom as loaded', async () => {
    const source = readinessFrom({ index: loadedIndex({ size: 7 }, () => 5), slack });
    expect((await readiness(source)).body).toMatchObject({ ready: true, articles: 7, index: 'ready' });
  });
});

describe('liveness', () => {
  it('is 200 while loading too, with the count so far', async () => {
    const answer = await liveness({ index: () => LOADING, store: () => 'absent' }, 12.4);
    expect(answer).toEqual({
      status: 200,
      body: {
        ok: true,
        state: 'loading',
        loaded: 40,
        total: 1000,
        articles: 0,
        stories: 0,
        uptimeSeconds: 12,
      },
    });
  });

  it('shows the store when there is one, still 200 while it is down or hangs', async () => {
    const down = await liveness({ index: () => READY, store: () => 'down' }, 1);
    expect(down).toMatchObject({ status: 200, body: { ok: true, state: 'ready', store: 'down' } });
    const hanging = await liveness({ index: () => READY, store: () => new Promise(() => {}) }, 1, 50);
    expect(hanging).toMatchObject({ status: 200, body: { store: 'down' } });
  });
});
