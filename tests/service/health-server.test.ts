import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startHealthServer } from '../../src/service/health-server.js';
import type { ServiceRoute } from '../../src/service/routes.js';

const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

const routes: ServiceRoute[] = [
  {
    path: '/healthz',
    handler: async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    },
  },
  {
    path: '/broken',
    handler: async () => {
      throw new Error('boom');
    },
  },
];

describe('startHealthServer', () => {
  it('serves its routes on GET, 405 for other methods, 404 elsewhere, 500 when a route throws', async () => {
    const server = await startHealthServer({ port: 0, host: '127.0.0.1', routes, logger });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const ok = await fetch(`${base}/healthz?probe=1`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true });
      expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${base}/slack/events`)).status).toBe(404);
      expect((await fetch(`${base}/broken`)).status).toBe(500);
    } finally {
      await server.close();
    }
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      await expect(startHealthServer({ port, host: '127.0.0.1', routes, logger })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      other.close();
    }
  });
});
