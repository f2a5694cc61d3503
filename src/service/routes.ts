import type { IncomingMessage, ServerResponse } from 'node:http';
import { liveness, type ProbeAnswer, type ReadinessSource, readiness } from './health.js';
import type { Metrics } from './metrics.js';

/** A GET route of the service endpoints, served by HTTP mode's server or the health server. */
export interface ServiceRoute {
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export interface ServiceRoutesOptions {
  readiness: ReadinessSource;
  /** Set when METRICS=true: `/metrics` is served from it. */
  metrics?: Metrics;
  startedAt?: number;
}

function sendProbe(res: ServerResponse, answer: ProbeAnswer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** `/healthz`, `/readyz` and (with metrics) `/metrics`. */
export function serviceRoutes(options: ServiceRoutesOptions): ServiceRoute[] {
  const startedAt = options.startedAt ?? Date.now();
  const routes: ServiceRoute[] = [
    {
      path: '/healthz',
      handler: async (_req, res) =>
        sendProbe(res, await liveness(options.readiness, (Date.now() - startedAt) / 1000)),
    },
    {
      path: '/readyz',
      handler: async (_req, res) => sendProbe(res, await readiness(options.readiness)),
    },
  ];
  const { metrics } = options;
  if (metrics !== undefined) {
    routes.push({
      path: '/metrics',
      handler: async (_req, res) => {
        const { contentType, body } = await metrics.exposition();
        res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        res.end(body);
      },
    });
  }
  return routes;
}
