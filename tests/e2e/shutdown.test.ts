import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, SIGNING_SECRET } from './app-harness.js';
import { FakeSlack } from './fake-slack.js';
import { type ServeProcess, startServe, untilReady } from './serve-process.js';
import { FORM, signedPost, slashCommand } from './signed-request.js';

let fake: FakeSlack;
let serve: ServeProcess | undefined;

beforeEach(async () => {
  fake = new FakeSlack();
  await fake.start();
});
afterEach(async () => {
  await serve?.cleanup();
  serve = undefined;
  await fake.stop();
});

/** `newsbot serve` in HTTP mode against the fake Slack; resolves with its base URL once it listens. */
async function serveHttp(env: Record<string, string> = {}): Promise<string> {
  serve = await startServe({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ...env,
  });
  const line = await serve.waitForLog(/^listening for Slack on port/);
  const base = `http://127.0.0.1:${String(line.port)}`;
  await untilReady(base);
  return base;
}

function news(base: string, id: string, text = 'bushfire'): Promise<Response> {
  return signedPost(`${base}/slack/events`, SIGNING_SECRET, slashCommand(text, fake.responseUrl(id)), FORM);
}

describe('graceful shutdown of a real newsbot serve', () => {
  it('SIGTERM right after a burst of 40 /news loses no acknowledged reply, refuses new requests and exits 0', async () => {
    const base = await serveHttp();
    // Slack answering slowly keeps the replies in flight when the signal arrives.
    fake.responseDelayMs = 400;
    const ids = Array.from({ length: 40 }, (_, i) => `burst-${i}`);
    const acks = await Promise.all(ids.map((id) => news(base, id)));
    expect(acks.map((r) => r.status)).toEqual(ids.map(() => 200));
    const delivered = fake.responses.length;
    expect(delivered).toBeLessThan(40);

    serve?.child.kill('SIGTERM');
    await serve?.waitForLog(/^SIGTERM: stopping/);
    await expect(news(base, 'too-late')).rejects.toThrow();

    expect(await serve?.exited).toBe(0);
    expect(fake.abandoned).toEqual([]);
    expect(new Set(fake.responses.map((r) => r.id))).toEqual(new Set(ids));
    const stopped = serve?.lines().find((l) => l.msg === 'stopped');
    expect(stopped).toBeDefined();
  }, 60_000);

  it('a second signal exits at once, without waiting for the grace period', async () => {
    const base = await serveHttp({ SHUTDOWN_GRACE_SECONDS: '60' });
    fake.responseDelayMs = 30_000;
    expect((await news(base, 'slow')).status).toBe(200);
    // The reply is on its way to the (slow) fake: the shutdown waits for it.
    await fake.until(() => false, 300).catch(() => {});
    serve?.child.kill('SIGTERM');
    await serve?.waitForLog(/^SIGTERM: stopping/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(serve?.child.exitCode).toBeNull();

    const second = performance.now();
    serve?.child.kill('SIGTERM');
    expect(await serve?.exited).toBe(143);
    expect(performance.now() - second).toBeLessThan(5000);
  }, 60_000);
});
