import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import { type Clock, systemClock } from '../digest/clock.js';
import { SlackDigestPoster } from '../digest/slack-poster.js';
import type { Logger } from '../logger.js';
import type { NewsDesk } from '../newsroom/desk.js';
import type { Store } from '../store/store.js';
import type { AddedArticle, ArticlesAddedHook } from './articles-added.js';
import { WatchService } from './service.js';

/** What `/news watch …` needs; absent where watches are off. */
export interface WatchCommandDeps {
  store: Store;
  service: WatchService;
  now: () => Date;
}

export interface WatchRuntime {
  /** For `createSlackApp({ watch })`: the service on the app's posting client, listening to the hook. */
  commandDeps(postingClient: webApi.WebClient): WatchCommandDeps;
  stop(): Promise<void>;
}

/** Topic watches in `serve`: subscribed to the "articles added" hook once the store is up. */
export function watchRuntime(options: {
  config: Config;
  logger: Logger;
  store: Store;
  hook: ArticlesAddedHook;
  /** Where the watches' words are weighed by rarity. */
  desk: Pick<NewsDesk, 'documentFrequencies'>;
  clock?: Clock;
}): WatchRuntime {
  const { config, logger, store, hook, desk } = options;
  const clock = options.clock ?? systemClock;
  let service: WatchService | null = null;
  return {
    commandDeps(postingClient) {
      const created = new WatchService({
        store,
        poster: new SlackDigestPoster(postingClient, clock, logger),
        clock,
        logger,
        settings: { maxPerHour: config.WATCH_MAX_PER_HOUR, publicBaseUrl: config.PUBLIC_BASE_URL ?? null },
        owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        desk,
      });
      service = created;
      hook.subscribe(created.onArticlesAdded);
      void store.ready().then(() => created.start());
      return { store, service: created, now: () => clock.now() };
    },
    async stop() {
      await service?.stop();
    },
  };
}

/** The data folder's new files as added articles: the desk has them, first seen now. */
export async function newFileArticles(
  desk: Pick<NewsDesk, 'article'>,
  ids: readonly string[],
  seenAt: Date,
): Promise<AddedArticle[]> {
  const articles = await Promise.all(ids.map((id) => desk.article(id)));
  return articles.flatMap((article) => (article ? [{ article, seenAt }] : []));
}
