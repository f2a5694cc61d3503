import type { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { type ArticleFingerprint, syncArticles } from '../store/articles.js';
import { lockStateDir } from '../store/lock.js';
import { databaseTarget } from '../store/open.js';
import { Store } from '../store/store.js';
import { type Clock, systemClock } from './clock.js';
import { type DigestDesk, DigestService, type DigestSettings } from './service.js';
import { SlackDigestPoster } from './slack-poster.js';
import { seedChannels } from './subscriptions.js';

export function digestSettings(config: Config): DigestSettings {
  return {
    size: config.DIGEST_SIZE,
    empty: config.DIGEST_EMPTY,
    catchupHours: config.DIGEST_CATCHUP_HOURS,
    defaultTime: config.DIGEST_TIME,
    defaultZone: config.DIGEST_TZ,
    publicBaseUrl: config.PUBLIC_BASE_URL ?? null,
  };
}

/**
 * Opens the store for a process: PGlite's lock is taken first, so a second `npm start` on the
 * same STATE_DIR stops at once with a clear message (StoreLockedError); the database itself
 * opens in the background.
 */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  const target = databaseTarget(config);
  if (target.engine === 'pglite') target.lock = await lockStateDir(target.stateDir);
  return new Store(target, { logger }).start();
}

/** What `/news digest …` needs: the store and the digest service (absent: digests are off). */
export interface DigestCommandDeps {
  store: Store;
  service: DigestService;
  now: () => Date;
}

export interface DigestRuntime {
  store: Store;
  /** For `createSlackApp({ digest })`: builds the service on the app's posting client and starts it once the store is up. */
  commandDeps(postingClient: webApi.WebClient): DigestCommandDeps;
  /**
   * Stops the scheduler: a post under way finishes and is recorded, claims not yet sent are
   * released for the next start. The store stays open (the caller closes it, last).
   */
  stop(): Promise<void>;
}

/**
 * Everything the digest needs in `serve`: once the store is up, the data folder is synced
 * (first_seen), DIGEST_CHANNELS subscribed, and the scheduler started.
 */
export function digestRuntime(options: {
  config: Config;
  logger: Logger;
  store: Store;
  desk: DigestDesk;
  /** The articles the newsroom loaded, for the data-folder sync. */
  loaded: () => Promise<ArticleFingerprint[]>;
  /** Files new since the last start (not on a first start): for the "articles added" hook. */
  onNewFiles?: (ids: string[]) => Promise<void>;
  clock?: Clock;
}): DigestRuntime {
  const { config, logger, store, desk, loaded } = options;
  const clock = options.clock ?? systemClock;
  const log = logger.child({ component: 'digest' });
  let service: DigestService | null = null;
  let stopped = false;
  return {
    store,
    commandDeps(postingClient) {
      const poster = new SlackDigestPoster(postingClient, clock, logger);
      const created = new DigestService({
        store,
        desk,
        poster,
        clock,
        settings: digestSettings(config),
        logger,
      });
      service = created;
      void (async () => {
        await store.ready();
        if (stopped) return;
        try {
          const articles = await loaded();
          const newIds: string[] = [];
          const totals = await store.use((db) =>
            syncArticles(db, articles, clock.now(), { firstSyncIsBackCatalogue: true, newIds }),
          );
          log.info({ ...totals }, 'data folder synced with the store');
          await options.onNewFiles?.(newIds);
          const added = await store.use((db) =>
            seedChannels(
              db,
              config.DIGEST_CHANNELS,
              { time: config.DIGEST_TIME, timeZone: config.DIGEST_TZ },
              clock.now(),
            ),
          );
          if (added.length) log.info({ channels: added }, 'subscribed DIGEST_CHANNELS');
        } catch (err) {
          // Stopped meanwhile (the store closes with the process): the next start syncs again.
          if (stopped) log.debug({ err }, 'store sync at start cut short by the shutdown');
          else log.error({ err }, 'could not sync the store at start; digests start anyway');
        }
        if (!stopped) created.start();
      })();
      return { store, service: created, now: () => clock.now() };
    },
    async stop() {
      stopped = true;
      await service?.stop();
    },
  };
}
