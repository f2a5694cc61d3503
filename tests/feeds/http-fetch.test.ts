import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedAgent } from '../../src/feeds/address-guard.js';
import { FetchError, fetchResource, USER_AGENT } from '../../src/feeds/http-fetch.js';
import { type FeedServer, serve, stall, startFeedServer, status } from './feed-server.js';

const BODY = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

let server: FeedServer;
const agent = guardedAgent({ allowPrivate: true, connectTimeoutMs: 2000 });
const options = { agent, timeoutMs: 2000, maxBytes: 64 * 1024 };

async function failure(path: string, overrides: Partial<typeof options> = {}): Promise<FetchError> {
  try {
    await fetchResource(server.url(path), {}, { ...options, ...overrides });
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error(`expected ${path} to fail`);
}

beforeAll(async () => {
  server = await startFeedServer({
    '/feed': serve(BODY, 'application/rss+xml', { etag: '"v1"' }),
    '/modified': (req, res) => {
      if (req.headers['if-modified-since'] === 'Mon, 23 Nov 2026 10:00:00 GMT') res.writeHead(304).end();
      else res.writeHead(200, { 'last-modified': 'Mon, 23 Nov 2026 10:00:00 GMT' }).end(BODY);
    },
    '/gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(BODY)),
    '/deflate': (_req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(BODY)),
    '/raw-deflate': (_req, res) =>
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(BODY)),
    '/br': (_req, res) => res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(BODY)),
    '/huge': serve('x'.repeat(200 * 1024), 'application/rss+xml'),
    // 10 MB of zeros compress to about 10 KB: the limit must apply to what it inflates to.
    '/bomb': (_req, res) =>
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(10 * 1024 * 1024))),
    '/slow': stall(),
    '/500': status(500),
    '/loop-a': status(302, { location: '/loop-b', 'set-cookie': 'session=abc' }),
    '/loop-b': status(302, { location: '/loop-a' }),
    '/hop-1': status(301, { location: '/hop-2' }),
    '/hop-2': status(302, { location: '/hop-3' }),
    '/hop-3': status(307, { location: '/hop-4' }),
    '/hop-4': status(308, { location: '/hop-5' }),
    '/hop-5': status(302, { location: '/hop-6' }),
    '/hop-6': status(302, { location: '/feed' }),
    '/to-feed': status(301, { location: '/feed', 'set-cookie': 'session=abc' }),
    '/to-ftp': status(302, { location: 'ftp://files.example/feed' }),
  });
});

afterAll(async () => {
  await server.close();
  await agent.close();
});

describe('fetchResource', () => {
  it('names newsbot and its version in the User-Agent, asks for compression, sends no cookie', async () => {
    const result = await fetchResource(server.url('/to-feed'), {}, options);
    expect(result).toMatchObject({ kind: 'ok', url: server.url('/feed'), etag: '"v1"' });
    const [, second] = server.requests.slice(-2);
    expect(second?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^newsbot\/\d+\.\d+\.\d+ /);
    expect(second?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(second?.headers.cookie).toBeUndefined();
    expect(second?.headers.authorization).toBeUndefined();
  });

  it('sends ETag and Last-Modified back and reports 304 as not modified', async () => {
    expect(await fetchResource(server.url('/feed'), { etag: '"v1"' }, options)).toEqual({
      kind: 'not-modified',
      url: server.url('/feed'),
    });
    const first = await fetchResource(server.url('/modified'), {}, options);
    expect(first.kind).toBe('ok');
    const lastModified = first.kind === 'ok' ? first.lastModified : null;
    expect((await fetchResource(server.url('/modified'), { lastModified }, options)).kind).toBe(
      'not-modified',
    );
  });

  it.each(['/gzip', '/deflate', '/raw-deflate', '/br'])('decodes %s bodies', async (path) => {
    const result = await fetchResource(server.url(path), {}, options);
    expect(result.kind === 'ok' && result.body.toString()).toBe(BODY);
  });

  it('refuses a body over the limit, counted after decompression', async () => {
    expect(await failure('/huge')).toMatchObject({ kind: 'too-large' });
    const bomb = await failure('/bomb', { maxBytes: 1024 * 1024 });
    expect(bomb.kind).toBe('too-large');
    expect(bomb.message).toContain('after decompression');
  });

  it('gives up after its timeout', async () => {
    const err = await failure('/slow', { timeoutMs: 300 });
    expect(err).toMatchObject({ kind: 'timeout', message: 'timed out after 0.3 s' });
  });

  it('reports HTTP errors by status', async () => {
    expect(await failure('/500')).toMatchObject({ kind: 'http-status', message: 'HTTP 500' });
  });

  it('stops redirect loops, more than 5 redirects, and redirects away from http(s)', async () => {
    expect((await failure('/loop-a')).message).toMatch(
      /^redirect loop at http:\/\/127\.0\.0\.1:\d+\/loop-a$/,
    );
    expect((await failure('/hop-1')).message).toBe('more than 5 redirects');
    expect(await fetchResource(server.url('/hop-2'), {}, options)).toMatchObject({ kind: 'ok' });
    expect(await failure('/to-ftp')).toMatchObject({ kind: 'refused' });
  });

  it('never sends a URL’s user name and password', async () => {
    const url = server.url('/feed').replace('http://', 'http://alice:secret@');
    await fetchResource(url, {}, options);
    expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});
