import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from './app-harness.js';
import { FakeSlack } from './fake-slack.js';
import { FakeSocketMode } from './fake-socket-mode.js';
import { type ServeProcess, startServe, untilReady } from './serve-process.js';
import { eventCallback, FORM, signedPost, slashCommand } from './signed-request.js';

/** A query that must never show up in a metric (nor must the tokens). */
const PRIVATE_QUERY = 'zanzibarquery xoxb-9999-leaky-token';

let fake: FakeSlack | undefined;
let socket: FakeSocketMode | undefined;
let serve: ServeProcess | undefined;

afterEach(async () => {
  await serve?.cleanup();
  await socket?.stop();
  await fake?.stop();
  serve = undefined;
  socket = undefined;
  fake = undefined;
});

/** The value of one series in a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * /metrics once `ready` holds for it: a request is counted just after its reply is answered by the
 * fake, so a scrape right after the fake saw the reply may be a moment early.
 */
async function scrape(base: string, ready: (text: string) => boolean): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    if (ready(text) || attempt === 50) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function expectNothingPrivate(text: string): void {
  for (const secret of [
    BOT_TOKEN,
    APP_TOKEN,
    SIGNING_SECRET,
    'zanzibarquery',
    'leaky',
    'C0CHANNEL',
    'U0ALICE',
  ]) {
    expect(text).not.toContain(secret);
  }
}

/** Starts the fake Web API and the fake Socket Mode server, wired together (stopped after each test). */
async function startFakes(): Promise<{ api: FakeSlack; sockets: FakeSocketMode }> {
  const api = new FakeSlack();
  fake = api;
  await api.start();
  const sockets = new FakeSocketMode();
  socket = sockets;
  await sockets.start();
  api.socketModeUrl = sockets.url;
  return { api, sockets };
}

/** `newsbot serve` in Socket Mode against the fake Web API, with these settings besides the tokens. */
async function serveSocketMode(api: FakeSlack, env: Record<string, string>): Promise<ServeProcess> {
  serve = await startServe({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: api.apiUrl,
    ...env,
  });
  return serve;
}

/** `newsbot serve` in HTTP mode on a free PORT against a fresh fake Web API; the base URL of PORT. */
async function serveHttpMode(env: Record<string, string>): Promise<{ api: FakeSlack; base: string }> {
  const api = new FakeSlack();
  fake = api;
  await api.start();
  serve = await startServe({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    PORT: '0',
    ...env,
  });
  const line = await serve.waitForLog(/^listening for Slack on port/);
  return { api, base: `http://127.0.0.1:${String(line.port)}` };
}

/** The base URL of the health port, once serve has logged it. */
async function healthBase(started: ServeProcess): Promise<string> {
  const line = await started.waitForLog(/^health checks on port/);
  return `http://127.0.0.1:${String(line.healthPort)}`;
}

describe('newsbot serve in Socket Mode with HEALTH_PORT and METRICS=true', () => {
  it('serves /healthz, /readyz and /metrics on the health port, and stops cleanly on SIGTERM', async () => {
    const { api, sockets } = await startFakes();
    const bot = await serveSocketMode(api, { HEALTH_PORT: '0', METRICS: 'true' });
    const base = await healthBase(bot);
    await untilReady(base);
    // The embedded store's start holds the event loop for seconds: the client may have reconnected meanwhile.
    await sockets.until(() => sockets.openConnections === 1);

    expect(await getJson(`${base}/healthz`)).toMatchObject({
      status: 200,
      body: { ok: true, state: 'ready', articles: 10 },
    });
    expect(await getJson(`${base}/readyz`)).toEqual({
      status: 200,
      body: { ready: true, index: 'ready', articles: 10, store: 'up', slack: 'accepted' },
    });
    expect((await fetch(`${base}/slack/events`)).status).toBe(404);

    for (let i = 0; i < 5; i++) {
      const payload = Object.fromEntries(
        new URLSearchParams(slashCommand(PRIVATE_QUERY, api.responseUrl(`q${i}`))),
      );
      sockets.deliver('slash_commands', payload);
    }
    const mention = {
      type: 'app_mention',
      user: 'U0ALICE',
      text: `<@U0BOT> ${PRIVATE_QUERY}`,
      ts: '1.1',
      channel: 'C0CHANNEL',
    };
    sockets.deliver(
      'events_api',
      JSON.parse(eventCallback('Ev-metrics', mention)) as Record<string, unknown>,
    );
    await api.until(() => api.responses.length === 5 && api.callsTo('chat.postMessage').length === 1);

    const text = await scrape(
      base,
      (t) =>
        sample(t, 'newsbot_requests_total{kind="mention",outcome="ok"}') === 1 &&
        sample(t, 'newsbot_requests_total{kind="command",outcome="ok"}') === 5,
    );
    expect(sample(text, 'newsbot_requests_total{kind="mention",outcome="ok"}')).toBe(1);
    expect(sample(text, 'newsbot_requests_total{kind="command",outcome="ok"}')).toBe(5);
    expect(sample(text, 'newsbot_ack_seconds_count{mode="socket"}')).toBe(6);
    expect(sample(text, 'newsbot_answer_seconds_count{kind="command"}')).toBe(5);
    expect(sample(text, 'newsbot_articles')).toBe(10);
    expect(sample(text, 'newsbot_stories')).toBeGreaterThan(0);
    expect(sample(text, 'newsbot_replies_in_flight')).toBeDefined();
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_resident_memory_bytes');
    expectNothingPrivate(text);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    await sockets.until(() => sockets.openConnections === 0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);
});

describe('newsbot serve in Socket Mode: the health port before and without a connection', () => {
  it('answers probes while the connection to Slack is still being opened: alive, not ready', async () => {
    const { api, sockets } = await startFakes();
    sockets.holdHello = true;
    const bot = await serveSocketMode(api, { HEALTH_PORT: '0' });
    const base = await healthBase(bot);
    await sockets.until(() => sockets.openConnections === 1);
    expect((await getJson(`${base}/healthz`)).status).toBe(200);
    expect(await getJson(`${base}/readyz`)).toMatchObject({ status: 503, body: { slack: 'connecting' } });

    sockets.greet();
    await bot.waitForLog(/^connected to Slack over Socket Mode/);
    expect(await untilReady(base)).toMatchObject({ slack: 'accepted' });
  }, 60_000);

  it('stops at start with a message naming HEALTH_PORT when the port is taken', async () => {
    const { api } = await startFakes();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    try {
      const bot = await serveSocketMode(api, {
        HEALTH_PORT: String((taken.address() as AddressInfo).port),
      });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr()).toMatch(
        /newsbot: cannot serve health checks on HEALTH_PORT \d+: the port is already in use/,
      );
      expect(bot.stderr()).not.toContain('    at ');
    } finally {
      taken.close();
    }
  }, 60_000);
});

describe('newsbot serve in Socket Mode, stopped while replies are on their way', () => {
  it('disconnects, reports not ready, delivers the acknowledged replies, then exits 0', async () => {
    const { api, sockets } = await startFakes();
    const bot = await serveSocketMode(api, { HEALTH_PORT: '0' });
    const base = await healthBase(bot);
    await untilReady(base);
    // The embedded store's start holds the event loop for seconds: the client may have reconnected meanwhile.
    await sockets.until(() => sockets.openConnections === 1);

    api.responseDelayMs = 1500;
    const ids = Array.from({ length: 10 }, (_, i) => `s${i}`);
    for (const id of ids) {
      sockets.deliver(
        'slash_commands',
        Object.fromEntries(new URLSearchParams(slashCommand('bushfire', api.responseUrl(id)))),
      );
    }
    await sockets.until(() => sockets.deliveries.every((d) => d.ackedAt !== undefined));

    bot.child.kill('SIGTERM');
    await bot.waitForLog(/^SIGTERM: stopping/);
    await sockets.until(() => sockets.openConnections === 0);
    expect(await getJson(`${base}/readyz`)).toMatchObject({
      status: 503,
      body: { ready: false, stopping: true },
    });

    expect(await bot.exited).toBe(0);
    expect(api.abandoned).toEqual([]);
    expect(new Set(api.responses.map((r) => r.id))).toEqual(new Set(ids));
  }, 60_000);
});

describe('newsbot serve in HTTP mode with METRICS=true', () => {
  it('serves /readyz and /metrics on PORT beside /slack/events, and times each ack', async () => {
    const { api, base } = await serveHttpMode({ METRICS: 'true' });
    expect(await untilReady(base)).toMatchObject({ ready: true, slack: 'accepted' });

    const posts = Array.from({ length: 3 }, (_, i) =>
      signedPost(
        `${base}/slack/events`,
        SIGNING_SECRET,
        slashCommand(PRIVATE_QUERY, api.responseUrl(`h${i}`)),
        FORM,
      ),
    );
    expect((await Promise.all(posts)).map((r) => r.status)).toEqual([200, 200, 200]);
    await api.until(() => api.responses.length === 3);

    const text = await scrape(
      base,
      (t) => sample(t, 'newsbot_requests_total{kind="command",outcome="ok"}') === 3,
    );
    expect(sample(text, 'newsbot_ack_seconds_count{mode="http"}')).toBe(3);
    expect(sample(text, 'newsbot_requests_total{kind="command",outcome="ok"}')).toBe(3);
    expectNothingPrivate(text);
  }, 60_000);

  it('serves no /metrics without METRICS=true', async () => {
    const { base } = await serveHttpMode({});
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
  }, 60_000);
});
