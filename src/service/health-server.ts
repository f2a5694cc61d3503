import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { ServiceRoute } from './routes.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A small HTTP server for the service routes when nothing else listens: Socket Mode opens no port
 * of its own, so `/healthz`, `/readyz` and `/metrics` are served on HEALTH_PORT. GET only.
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  routes: ServiceRoute[];
  logger: Logger;
}): Promise<HealthServer> {
  const byPath = new Map(options.routes.map((r) => [r.path, r]));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    const route = byPath.get(path);
    if (route === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(route === undefined ? 404 : 405, { 'Content-Type': 'text/plain' }).end();
      return;
    }
    route.handler(req, res).catch((err: unknown) => {
      options.logger.error({ err, path }, 'health route failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
