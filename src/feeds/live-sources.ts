import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import { formatProblem } from '../corpus/problems.js';
import type { Logger } from '../logger.js';
import type { NewsDesk } from '../newsroom/desk.js';
import type { Store } from '../store/store.js';
import { guardedAgent } from './address-guard.js';
import { FeedArticleSync } from './article-sync.js';
import { type ArticleSink, FeedPoller } from './poller.js';
import { loadSources } from './sources.js';
import type { SourcesCommandDeps } from './sources-command.js';
import { SqlFeedStateStore } from './sql-state-store.js';
import { InMemoryFeedStateStore } from './state-store.js';

export interface LiveSources {
  poller: FeedPoller;
  /** Restores stored feed articles and follows other instances' polls (null without a database). */
  sync: FeedArticleSync | null;
  /** What `/news sources` needs. */
  command: SourcesCommandDeps;
  /**
   * Once the newsroom is loaded: the stored feed articles go back into the index (a failure is
   * logged and retried by the sync), then polling and the reading of other instances' polls start.
   */
  start(): Promise<void>;
  /** Stops polling and closes connections. */
  close(): Promise<void>;
}

/** How often the store is read for other instances' articles: within one poll interval, at most a minute. */
export function syncIntervalMs(pollSeconds: number): number {
  return Math.min(pollSeconds, 60) * 1000;
}

/**
 * The feed poller as the environment configures it: sources from FEEDS and FEEDS_FILE (each
 * problem logged with its file and line), the address guard, limits and retention. Not started:
 * the caller decides when polling begins.
 */
export async function liveSourcesFromConfig(options: {
  config: Config;
  logger: Logger;
  sink: ArticleSink;
  /**
   * The store that keeps feed state and articles across restarts and instances; without one
   * (one-shot commands), state lives in memory for this run.
   */
  database?: Pick<Store, 'use'>;
  /** The newsroom the stored feed articles are restored into (with `database`). */
  desk?: Pick<NewsDesk, 'add' | 'remove'>;
}): Promise<LiveSources> {
  const { config, logger, sink } = options;
  const log = logger.child({ component: 'feeds' });
  const { sources, problems } = await loadSources({
    env: config.FEEDS,
    file: config.FEEDS_FILE,
    defaultIntervalSeconds: config.FEEDS_POLL_SECONDS,
  });
  for (const problem of problems) log.warn(`feed source skipped: ${formatProblem(problem)}`);
  if (config.FEEDS_ALLOW_PRIVATE)
    log.warn('FEEDS_ALLOW_PRIVATE is set: feeds may reach loopback and private addresses');
  const timeoutMs = config.FEEDS_TIMEOUT_SECONDS * 1000;
  const agent = guardedAgent({ allowPrivate: config.FEEDS_ALLOW_PRIVATE, connectTimeoutMs: timeoutMs });
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store = options.database
    ? new SqlFeedStateStore(options.database, owner)
    : new InMemoryFeedStateStore(owner);
  const sync =
    options.database && options.desk
      ? new FeedArticleSync({
          store,
          desk: options.desk,
          logger,
          // Within the shortest poll interval of any feed.
          intervalMs: syncIntervalMs(
            Math.min(config.FEEDS_POLL_SECONDS, ...sources.map((s) => s.intervalSeconds)),
          ),
        })
      : null;
  const poller = new FeedPoller(sources, {
    store,
    sink,
    logger,
    agent,
    owner,
    timeoutMs,
    maxBytes: config.FEEDS_MAX_BYTES,
    maxItems: config.FEEDS_MAX_ITEMS,
    retentionDays: config.RETENTION_DAYS,
    fetchArticleText: config.FETCH_ARTICLE_TEXT,
  });
  if (sources.length > 0) log.info({ feeds: sources.length }, `polling ${sources.length} feeds`);
  return {
    poller,
    sync,
    start: async () => {
      await sync
        ?.restore()
        .catch((err: unknown) =>
          log.warn(
            { err: { message: (err as Error).message } },
            'could not restore feed articles from the store yet; retrying',
          ),
        );
      poller.start();
      sync?.start();
    },
    command: {
      desk: poller,
      admins: config.NEWSBOT_ADMINS,
      defaultIntervalSeconds: config.FEEDS_POLL_SECONDS,
      now: () => new Date(),
    },
    close: async () => {
      await sync?.stop();
      await poller.stop();
      await agent.close();
    },
  };
}
