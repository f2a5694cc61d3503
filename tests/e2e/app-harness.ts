import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk, type NewsDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { WorkerDesk } from '../../src/newsroom/worker-desk.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import { FakeSlack } from './fake-slack.js';
import { FakeSocketMode } from './fake-socket-mode.js';
import { FORM, signedPost, slashCommand } from './signed-request.js';

export const FIXTURE_DIR = 'tests/fixtures/slack/articles';
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token-0123456789';
export const APP_TOKEN = 'xapp-test-app-token-0123456789';

/** The config of a test app: test credentials, Slack's Web API at the fake, a random port. */
export function testConfig(fake: Pick<FakeSlack, 'apiUrl'>, env: Record<string, string> = {}): Config {
  return loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ...env,
  });
}

/** What every test app shares: loopback only, a known bot identity, no retries so failures show at once. */
export const TEST_APP_OPTIONS = {
  host: '127.0.0.1',
  botIdentity: { botId: 'B0BOT', botUserId: 'U0BOT' },
  clientOptions: { retryConfig: { retries: 0 } },
};

export interface Harness {
  slack: SlackApp;
  desk: NewsDesk;
  fake: FakeSlack;
  /** Socket Mode only: Slack's end of the WebSocket. */
  socket: FakeSocketMode | undefined;
  /** http://127.0.0.1:{port} of the running app (HTTP mode). */
  base: string;
  /** Every log line the app wrote, as text. */
  logs: () => string;
  close: () => Promise<void>;
}

export interface HarnessOptions {
  /** HTTP mode (default), or Socket Mode against a local Socket Mode server. */
  mode?: 'http' | 'socket';
  /** The newsroom in this thread (default), or in a worker thread as `serve` runs it. */
  desk?: 'in-process' | 'worker';
  /** Wait for the worker's newsroom to be ready before answering (default true). */
  waitForLoad?: boolean;
  dataDir?: string;
}

/**
 * The real Bolt app in HTTP mode on a random loopback port (or, with `mode: 'socket'`, connected
 * over Socket Mode to a local WebSocket server), pointed at a fresh fake Slack, with the fixture
 * articles loaded. Logs are captured at debug level so tests can check them.
 */
export async function startHarness(
  env: Record<string, string> = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const fake = new FakeSlack();
  await fake.start();
  let socket: FakeSocketMode | undefined;
  if (options.mode === 'socket') {
    socket = new FakeSocketMode();
    await socket.start();
    fake.socketModeUrl = socket.url;
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'newsbot-e2e-'));
  let logText = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logText += String(chunk);
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const config = testConfig(fake, {
    PUBLIC_BASE_URL: 'https://newsbot.example.com',
    ...(socket === undefined ? {} : { SLACK_APP_TOKEN: APP_TOKEN }),
    ...env,
  });
  const dataDir = options.dataDir ?? FIXTURE_DIR;
  let desk: NewsDesk;
  let closeDesk = async () => {};
  if (options.desk === 'worker') {
    const worker = new WorkerDesk({ dataDir, stateDir, recency: null, logLevel: 'debug' }, logger);
    if (options.waitForLoad !== false) await worker.ready;
    desk = worker;
    closeDesk = () => worker.close();
  } else {
    const { newsroom } = await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' });
    desk = new InProcessDesk(newsroom);
  }
  const slack = createSlackApp({
    config,
    desk,
    logger,
    ...TEST_APP_OPTIONS,
  });
  const { port } = await slack.start();
  return {
    slack,
    desk,
    fake,
    socket,
    base: `http://127.0.0.1:${port}`,
    logs: () => logText,
    close: async () => {
      await slack.stop();
      await socket?.stop();
      await closeDesk();
      await fake.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Sends `/news text`, checks the immediate empty ack, and returns what was posted to response_url `id`. */
export async function sendNews(
  h: Pick<Harness, 'base' | 'fake'>,
  text: string,
  id: string,
): Promise<Record<string, unknown>> {
  const res = await signedPost(
    `${h.base}/slack/events`,
    SIGNING_SECRET,
    slashCommand(text, h.fake.responseUrl(id)),
    FORM,
  );
  expect(res.status).toBe(200);
  return h.fake.responseTo(id);
}
