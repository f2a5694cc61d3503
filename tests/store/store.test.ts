import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { readinessFrom, storeReadiness } from '../../src/service/health.js';
import { serviceRoutes } from '../../src/service/routes.js';
import type { OpenedDatabase } from '../../src/store/open.js';
import { Store, StoreUnavailableError } from '../../src/store/store.js';
import { metricValue } from '../service/global-metrics.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _e, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    }),
  );
  return { logger, lines };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('Store', () => {
  it('retries a database that is down with growing backoff, logging each failure, then comes up', async () => {
    const { logger, lines } = capture();
    let attempts = 0;
    const opened = {
      db: {} as OpenedDatabase['db'],
      engine: 'postgres',
      location: 'x',
      close: async () => undefined,
    } as OpenedDatabase;
    const store = new Store(
      { engine: 'postgres', url: 'postgres://db.invalid/newsbot' },
      {
        logger,
        initialBackoffMs: 20,
        open: async () => {
          attempts++;
          if (attempts <= 2) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
          return opened;
        },
      },
    );
    const CONNECT_ERRORS = 'newsbot_store_errors_total{operation="connect"}';
    const before = await metricValue(CONNECT_ERRORS);
    expect(store.status).toBe('opening');
    store.start();
    await until(() => store.status === 'down');
    await expect(store.use(async () => 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.ready();
    expect(store.status).toBe('up');
    expect(await store.use(async () => 42)).toBe(42);
    const warnings = lines.filter((l) => l.msg === 'store unavailable');
    expect(warnings.map((w) => w.retryInMs)).toEqual([20, 40]);
    expect((await metricValue(CONNECT_ERRORS)) - before).toBe(2);
    expect(JSON.stringify(lines)).not.toContain('postgres://');
    await store.close();
    expect(store.status).toBe('closed');
  });

  it('lets a query made while the store first opens wait for it, instead of refusing it', async () => {
    const { logger } = capture();
    let finishOpening: () => void = () => undefined;
    const opened = {
      engine: 'postgres',
      db: {} as OpenedDatabase['db'],
      location: 'x',
      close: async () => undefined,
    } as OpenedDatabase;
    const store = new Store(
      { engine: 'postgres', url: 'postgres://db.invalid/newsbot' },
      {
        logger,
        open: () =>
          new Promise<OpenedDatabase>((resolve) => {
            finishOpening = () => resolve(opened);
          }),
      },
    );
    store.start();
    expect(store.status).toBe('opening');
    const answer = store.use(async () => 'answered');
    finishOpening();
    await expect(answer).resolves.toBe('answered');
    await store.close();
  });

  it('marks itself down when a query loses the server, and up again when it answers', async () => {
    const { logger } = capture();
    let serverUp = true;
    const db = {
      selectNoFrom: () => ({
        execute: async () => (serverUp ? [{ one: 1 }] : Promise.reject(new Error('ECONNREFUSED'))),
      }),
    } as unknown as OpenedDatabase['db'];
    const store = new Store(
      { engine: 'postgres', url: 'postgres://x/y' },
      {
        logger,
        initialBackoffMs: 10,
        open: async () => ({ db, engine: 'postgres', location: 'x', close: async () => undefined }),
      },
    ).start();
    await store.ready();
    const QUERY_ERRORS = 'newsbot_store_errors_total{operation="query"}';
    const before = await metricValue(QUERY_ERRORS);
    serverUp = false;
    const lost = store.use(async () => {
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
    });
    await expect(lost).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(store.status).toBe('down');
    // A query that is merely wrong is the caller's error, not an outage.
    serverUp = true;
    await until(() => store.status === 'up');
    await expect(store.use(async () => Promise.reject(new Error('syntax error')))).rejects.toThrow(
      'syntax error',
    );
    expect(store.status).toBe('up');
    // Both failed operations are counted: the lost connection and the wrong query.
    expect((await metricValue(QUERY_ERRORS)) - before).toBe(2);
    await store.close();
  });

  it('shows the store in /healthz and /readyz, and reaches a real unreachable PostgreSQL as down', async () => {
    // A port nobody listens on.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port: deadPort } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const { logger } = capture();
    const store = new Store(
      { engine: 'postgres', url: `postgres://u@127.0.0.1:${deadPort}/none` },
      { logger, initialBackoffMs: 50 },
    ).start();
    await until(() => store.status === 'down');

    const desk = new InProcessDesk(Newsroom.fromArticles([]));
    const routes = serviceRoutes({
      readiness: readinessFrom({
        index: () => desk.stats(),
        store: storeReadiness(store),
        slack: () => 'accepted',
      }),
    });
    const server = createServer((req, res) => {
      const route = routes.find(({ path }) => path === req.url);
      if (route) void route.handler(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, store: 'down' });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, store: 'down' });
    server.close();
    await store.close();
  });
});
