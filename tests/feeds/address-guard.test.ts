import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRange, guardedAgent, isPublicUnicast } from '../../src/feeds/address-guard.js';
import { FetchError, fetchResource } from '../../src/feeds/http-fetch.js';
import { type FeedServer, serve, startFeedServer, status } from './feed-server.js';

describe('isPublicUnicast', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s (%s)', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicUnicast(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPublicUnicast(address)).toBe(true);
  });

  it('refuses what is not an address', () => {
    expect(isPublicUnicast('')).toBe(false);
    expect(isPublicUnicast('example.com')).toBe(false);
  });
});

describe('guardedAgent on real connections', () => {
  let target: FeedServer;
  let front: FeedServer;

  beforeAll(async () => {
    target = await startFeedServer({ '/feed': serve('<rss/>', 'application/rss+xml') });
    front = await startFeedServer({
      '/feed': serve('<rss/>', 'application/rss+xml'),
      '/redirect-private': status(302, { location: target.url('/feed') }),
    });
  });

  afterAll(async () => {
    await Promise.all([target.close(), front.close()]);
  });

  async function refusal(url: string, agent: ReturnType<typeof guardedAgent>): Promise<FetchError> {
    try {
      await fetchResource(url, {}, { agent, timeoutMs: 2000, maxBytes: 1024 });
    } catch (err) {
      if (err instanceof FetchError) return err;
      throw err;
    }
    throw new Error('expected a refusal');
  }

  it('refuses an IP-literal loopback URL and a host name that resolves to loopback, sending nothing', async () => {
    const agent = guardedAgent({ allowPrivate: false, connectTimeoutMs: 2000 });
    const before = target.requests.length;
    const literal = await refusal(target.url('/feed'), agent);
    expect(literal.kind).toBe('refused');
    expect(literal.message).toContain('127.0.0.1 (loopback)');
    const named = await refusal(`http://localhost:${target.port}/feed`, agent);
    expect(named.kind).toBe('refused');
    expect(target.requests.length).toBe(before);
    await agent.close();
  });

  it('checks every redirect hop: a public first hop redirecting to a private address is refused', async () => {
    // Both servers listen on loopback; the front one plays a public site (its port is let through),
    // the target is judged by the real rule.
    const agent = guardedAgent({
      allowPrivate: false,
      connectTimeoutMs: 2000,
      permits: (address, port) => port === front.port || isPublicUnicast(address),
    });
    expect(
      await fetchResource(front.url('/feed'), {}, { agent, timeoutMs: 2000, maxBytes: 1024 }),
    ).toMatchObject({
      kind: 'ok',
    });
    const before = target.requests.length;
    const err = await refusal(front.url('/redirect-private'), agent);
    expect(err.kind).toBe('refused');
    expect(err.message).toContain('loopback');
    expect(target.requests.length).toBe(before);
    await agent.close();
  });

  it('lets private addresses through when FEEDS_ALLOW_PRIVATE is set', async () => {
    const agent = guardedAgent({ allowPrivate: true, connectTimeoutMs: 2000 });
    expect(
      await fetchResource(target.url('/feed'), {}, { agent, timeoutMs: 2000, maxBytes: 1024 }),
    ).toMatchObject({
      kind: 'ok',
    });
    await agent.close();
  });
});
