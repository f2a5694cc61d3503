import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { subscribe } from '../../src/digest/subscriptions.js';
import { openedStore } from '../digest/helpers.js';
import { BOT_TOKEN, SIGNING_SECRET } from './app-harness.js';
import { FakeSlack } from './fake-slack.js';
import { type ServeProcess, startServe, untilReady } from './serve-process.js';

let fake: FakeSlack | undefined;
let serve: ServeProcess | undefined;
let stateDir: string | undefined;

afterEach(async () => {
  await serve?.cleanup();
  await fake?.stop();
  if (stateDir !== undefined) await rm(stateDir, { recursive: true, force: true });
  serve = undefined;
  fake = undefined;
  stateDir = undefined;
});

/**
 * The cluster state PostgreSQL records in `global/pg_control` (`DBState`, after the 8-byte system
 * identifier and two 4-byte version numbers): `shut down` only after a clean close, which is what
 * lets the next open skip crash recovery; `in production` while open or after a process died.
 */
const DB_STATES = [
  'starting up',
  'shut down',
  'shut down in recovery',
  'shutting down',
  'in crash recovery',
  'in archive recovery',
  'in production',
];
async function clusterState(dir: string): Promise<string> {
  const control = await readFile(join(dir, 'db', 'global', 'pg_control'));
  return DB_STATES[control.readUInt32LE(16)] ?? `unknown (${control.readUInt32LE(16)})`;
}

const httpMode = (apiUrl: string, dir: string, extra: Record<string, string> = {}) => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: apiUrl,
  PORT: '0',
  STATE_DIR: dir,
  ...extra,
});

/** HH:MM in UTC, `minutes` from now. */
function utcTime(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().slice(11, 16);
}

const postsByChannel = (slack: FakeSlack) => {
  const counts = new Map<string, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    const channel = String(call.args.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
};

describe('newsbot serve stopped during a digest run', () => {
  it('SIGTERM during a digest run never leads to a double post after restart', async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'newsbot-digest-stop-'));
    // More channels than the digest posts at once (8): at the signal some are under way, some not begun.
    const channels = Array.from({ length: 12 }, (_, i) => `C0DIGEST${String(i).padStart(2, '0')}`);
    const seeded = await openedStore({ engine: 'pglite', stateDir });
    for (const conversationId of channels) {
      await seeded.use((db) =>
        subscribe(db, {
          conversationId,
          kind: 'channel',
          // Due two minutes ago, subscribed well before: caught up as soon as serve starts.
          time: utcTime(-2),
          timeZone: 'UTC',
          by: 'U0ADMIN',
          now: new Date(Date.now() - 2 * 24 * 3600_000),
        }),
      );
    }
    await seeded.close();

    fake = new FakeSlack();
    await fake.start();
    // Slack takes a while to answer each post: the signal arrives while posts are on their way.
    fake.apiDelayMs['chat.postMessage'] = 2500;
    const slack = fake;
    const env = httpMode(slack.apiUrl, stateDir, { DIGEST_EMPTY: 'post' });

    serve = await startServe(env);
    await slack.until(() => slack.callsTo('chat.postMessage').length > 0, 60_000);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    const firstRun = postsByChannel(slack);
    // The signal really came mid-run: some channels were not posted before it.
    expect(firstRun.size).toBeGreaterThan(0);
    expect(firstRun.size).toBeLessThan(channels.length);
    // Each post under way at the signal was finished and recorded before the store closed.
    expect(serve.lines().filter((l) => l.msg === 'digest posted')).toHaveLength(firstRun.size);
    await serve.cleanup();

    // The restart posts the rest, and none of the channels the first run reached.
    serve = await startServe(env);
    await slack.until(() => postsByChannel(slack).size === channels.length, 60_000);
    await serve.waitForLog(/^digest tick$/);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);

    const counts = postsByChannel(slack);
    expect([...counts.keys()].sort()).toEqual(channels);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const restarted = serve.lines().find((l) => l.msg === 'digest tick');
    expect(restarted).toMatchObject({ posted: channels.length - firstRun.size, failed: 0 });
    // No claim is left behind: one would be posted again once its lease ran out.
    const reopened = await openedStore({ engine: 'pglite', stateDir });
    const ledger = await reopened.use((db) =>
      db.selectFrom('digest_ledger').select(['conversation_id', 'status', 'ts']).execute(),
    );
    await reopened.close();
    expect(ledger.map((row) => row.conversation_id).sort()).toEqual(channels);
    expect(ledger.filter((row) => row.status !== 'posted' || !row.ts)).toEqual([]);
  }, 180_000);

  it('PGlite reopens without recovery after SIGTERM: its cluster is recorded as shut down', async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'newsbot-pglite-stop-'));
    fake = new FakeSlack();
    await fake.start();
    const env = httpMode(fake.apiUrl, stateDir);

    serve = await startServe(env);
    const line = await serve.waitForLog(/^listening for Slack on port/);
    // Ready only once the store is up.
    expect(await untilReady(`http://127.0.0.1:${String(line.port)}`)).toMatchObject({ store: 'up' });
    // While open, PostgreSQL's control file says so: a process that died now would need recovery.
    expect(await clusterState(stateDir)).toBe('in production');
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(await clusterState(stateDir)).toBe('shut down');
    await serve.cleanup();

    // The next start takes the folder over without a word about a stale lock, and its store comes up.
    serve = await startServe(env);
    const again = await serve.waitForLog(/^listening for Slack on port/);
    expect(await untilReady(`http://127.0.0.1:${String(again.port)}`)).toMatchObject({ store: 'up' });
    expect(serve.stderr()).not.toMatch(/stale|recovery/i);
  }, 120_000);
});
