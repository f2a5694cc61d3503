import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Agent } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { guardedAgent } from '../../src/feeds/address-guard.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  /** http://127.0.0.1:PORT + path */
  url(path: string): string;
  port: number;
  /** Routes by path; tests change them between polls. */
  routes: Map<string, Handler>;
  /** Every request received, in order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 serving whatever the test puts in `routes` (404 otherwise). */
export async function startFeedServer(routes: Record<string, Handler> = {}): Promise<FeedServer> {
  const { server, listen } = feedServer(routes);
  await listen();
  return server;
}

/**
 * A feed server and a guarded agent allowed to reach it (private addresses allowed), started before
 * the file's tests and closed after them.
 */
export function useFeedServer(): { server: FeedServer; agent: Agent } {
  const { server, listen } = feedServer({});
  const agent = guardedAgent({ allowPrivate: true, connectTimeoutMs: 2000 });
  beforeAll(listen);
  afterAll(async () => {
    await server.close();
    await agent.close();
  });
  return { server, agent };
}

/** The server, usable once `listen` has resolved. */
function feedServer(routes: Record<string, Handler>): { server: FeedServer; listen: () => Promise<void> } {
  const table = new Map(Object.entries(routes));
  const requests: FeedServer['requests'] = [];
  const http = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = table.get(path);
    if (!handler) {
      res.writeHead(404).end('not found');
      return;
    }
    handler(req, res);
  });
  const server: FeedServer = {
    port: 0,
    url: (path) => `http://127.0.0.1:${server.port}${path}`,
    routes: table,
    requests,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  const listen = async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    server.port = (http.address() as AddressInfo).port;
  };
  return { server, listen };
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'feeds');

/** A fixture feed's bytes with {{DATE_n}} placeholders filled in. */
export function fixture(name: string, dates: Record<string, string> = {}): Buffer {
  const bytes = readFileSync(join(FIXTURES, name));
  if (Object.keys(dates).length === 0) return bytes;
  let text = bytes.toString('latin1');
  for (const [key, value] of Object.entries(dates)) text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text, 'latin1');
}

/** Serves a body with a content type; with an ETag, answers 304 to a matching If-None-Match. */
export function serve(body: Buffer | string, contentType: string, options: { etag?: string } = {}): Handler {
  return (req, res) => {
    if (options.etag && req.headers['if-none-match'] === options.etag) {
      res.writeHead(304, { etag: options.etag }).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': contentType };
    if (options.etag) headers.etag = options.etag;
    res.writeHead(200, headers).end(body);
  };
}

export function status(code: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(code, headers).end(code >= 400 ? `error ${code}` : '');
  };
}

/** Sends headers, then nothing: a fetch of this waits until its timeout. */
export function stall(): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
  };
}

/** An RSS document of `n` items, with guids `prefix-1`…, each dated `date` (or undated). */
export function rssItems(
  n: number,
  options: { prefix?: string; date?: string | null; title?: string } = {},
): string {
  const prefix = options.prefix ?? 'item';
  const items = Array.from({ length: n }, (_, i) => {
    const date = options.date ? `<pubDate>${options.date}</pubDate>` : '';
    return `<item><title>${options.title ?? 'Story'} ${prefix} number ${i + 1}</title><link>https://news.example/${prefix}/${i + 1}</link><guid>${prefix}-${i + 1}</guid>${date}<description>Body of ${prefix} story ${i + 1} about harbour cranes and tide tables.</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Generated</title><link>https://news.example/</link>${items.join('')}</channel></rss>`;
}
