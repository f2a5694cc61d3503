import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import { formatProblem } from '../corpus/problems.js';
import type { Logger } from '../logger.js';
import { guardedAgent } from './address-guard.js';
import { type ArticleSink, FeedPoller } from './poller.js';
import { loadSources } from './sources.js';
import type { SourcesCommandDeps } from './sources-command.js';
import { type FeedStateStore, InMemoryFeedStateStore } from './state-store.js';

export interface LiveSources {
  poller: FeedPoller;
  /** What `/news sources` needs. */
  command: SourcesCommandDeps;
  /** Stops polling and closes connections. */
  close(): Promise<void>;
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
  /** Where feed state lives; in memory until the SQL store is wired in. */
  store?: FeedStateStore;
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
  const poller = new FeedPoller(sources, {
    store: options.store ?? new InMemoryFeedStateStore(),
    sink,
    logger,
    agent,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    timeoutMs,
    maxBytes: config.FEEDS_MAX_BYTES,
    maxItems: config.FEEDS_MAX_ITEMS,
    retentionDays: config.RETENTION_DAYS,
    fetchArticleText: config.FETCH_ARTICLE_TEXT,
  });
  if (sources.length > 0) log.info({ feeds: sources.length }, `polling ${sources.length} feeds`);
  return {
    poller,
    command: {
      desk: poller,
      admins: config.NEWSBOT_ADMINS,
      defaultIntervalSeconds: config.FEEDS_POLL_SECONDS,
      now: () => new Date(),
    },
    close: async () => {
      await poller.stop();
      await agent.close();
    },
  };
}
