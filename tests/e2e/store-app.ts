import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { NewsDesk } from '../../src/newsroom/desk.js';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/slack/app.js';
import type { Store } from '../../src/store/store.js';
import { openedStore } from '../digest/helpers.js';
import { sharedPglite } from '../store/engines.js';
import { SIGNING_SECRET, TEST_APP_OPTIONS, testConfig } from './app-harness.js';
import { FakeSlack } from './fake-slack.js';
import { FORM, signedPost, slashCommand } from './signed-request.js';

/** A feature that keeps its state in the store (digests, watches): what it gives the app, and its stop. */
export interface StoreFeature {
  app: Pick<SlackAppOptions, 'digest' | 'watch'>;
  stop(): Promise<void>;
}

export interface StoreApp {
  fake: FakeSlack;
  /** Silent, for what a test builds beside the app. */
  logger: Logger;
  /** The shared PGlite store the app runs on (set once the file's beforeAll ran). */
  store: Store;
  /** http://127.0.0.1:{port} of the running app. */
  base: string;
  /** `/news <text>` from Alice, signed, over HTTP: what came back to response_url, checked ephemeral. */
  news(text: string, extra?: Record<string, string>): Promise<{ text: string; blocks: unknown }>;
}

/**
 * The real Bolt app over HTTP against a fake Slack and the shared PGlite store, with one
 * store-backed feature wired in by `feature`: started before the file's tests, stopped after.
 * Fields are filled in by the hooks, so read them inside tests.
 */
export function useStoreApp(setup: {
  env?: Record<string, string>;
  now: () => Date;
  /** The newsroom the app asks; `stateDir` is a fresh folder removed afterwards. */
  desk: (stateDir: string, logger: Logger) => Promise<NewsDesk>;
  feature: (parts: { config: Config; logger: Logger; store: Store; desk: NewsDesk }) => StoreFeature;
}): StoreApp {
  const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
  let slack: SlackApp | undefined;
  let feature: StoreFeature | undefined;
  let stateDir = '';
  let seq = 0;
  const app: StoreApp = {
    fake: new FakeSlack(),
    logger,
    store: undefined as unknown as Store,
    base: '',
    async news(text, extra = {}) {
      const id = `news-${++seq}`;
      const res = await signedPost(
        `${app.base}/slack/events`,
        SIGNING_SECRET,
        slashCommand(text, app.fake.responseUrl(id), extra),
        FORM,
      );
      expect(res.status).toBe(200);
      const body = await app.fake.responseTo(id);
      expect(body.response_type).toBe('ephemeral');
      return { text: String(body.text), blocks: body.blocks };
    },
  };

  beforeAll(async () => {
    await app.fake.start();
    const config = testConfig(app.fake, setup.env);
    stateDir = await mkdtemp(join(tmpdir(), 'newsbot-store-e2e-'));
    const desk = await setup.desk(stateDir, logger);
    app.store = await openedStore({ engine: 'pglite-instance', pglite: await sharedPglite() });
    feature = setup.feature({ config, logger, store: app.store, desk });
    slack = createSlackApp({ config, desk, logger, ...TEST_APP_OPTIONS, ...feature.app, now: setup.now });
    const { port } = await slack.start();
    app.base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await slack?.stop();
    await feature?.stop();
    await app.store?.close();
    await app.fake.stop();
    await rm(stateDir, { recursive: true, force: true });
  });
  return app;
}
