import { publishedTime } from '../corpus/article.js';
import type { Clock } from '../digest/clock.js';
import type { DigestPoster } from '../digest/slack-poster.js';
import type { Logger } from '../logger.js';
import type { NewsDesk } from '../newsroom/desk.js';
import { LEASE_MS } from '../store/claims.js';
import type { Watch } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { AddedArticle } from './articles-added.js';
import { renderFollowUp, renderSummary, renderWatchPost } from './compose.js';
import {
  announcedCount,
  claimArticle,
  claimStory,
  leaseStory,
  markSummarised,
  pendingSummaries,
  postsSince,
  settleStory,
  storyRow,
  unclaimArticle,
} from './ledger.js';
import { articleTerms, type WatchQuery, watchQuery, weighWatch } from './match.js';
import { WatchIndex } from './watch-index.js';
import { allWatches, recordError, recordPost } from './watches.js';

const HOUR_MS = 3600_000;
/** "Also reported by" replies in one story's thread: past this, a widely carried story stays quiet. */
export const THREAD_REPLIES_MAX = 5;
/** How often watches set on other instances are picked up, due summaries posted and retries made. */
const TICK_MS = 60_000;
/**
 * After a passing Slack error (a rate limit outlasting its waits, a 5xx, Slack unreachable), the
 * post is tried again after each of these delays; past the last, it is recorded as failed.
 */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000] as const;

/** An announcement waiting for its next try. */
interface PendingRetry {
  watchId: number;
  added: AddedArticle;
  /** Tries made so far. */
  tries: number;
  at: number;
}

export interface WatchSettings {
  /** WATCH_MAX_PER_HOUR: stories posted per watch per hour; past it, one summary post. */
  maxPerHour: number;
  publicBaseUrl: string | null;
}

/** `retry`: Slack failed in passing; the announcement is tried again later (see RETRY_DELAYS_MS). */
export type WatchOutcome = 'posted' | 'reply' | 'capped' | 'older' | 'skipped' | 'failed' | 'retry';

/**
 * Watches new articles: each is analysed once and looked up in the {@link WatchIndex}; a fired
 * watch posts a new story once (the ledger), a story's later outlets as replies in its thread,
 * and at most `maxPerHour` posts an hour, then one summary.
 */
export class WatchService {
  readonly #store: Store;
  readonly #poster: DigestPoster;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #settings: WatchSettings;
  readonly #owner: string;
  readonly #desk: Pick<NewsDesk, 'documentFrequencies'> | undefined;
  #index = new WatchIndex([]);
  #watches = new Map<number, { row: Watch; query: WatchQuery }>();
  #queue: Promise<unknown> = Promise.resolve();
  #retries: PendingRetry[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(options: {
    store: Store;
    poster: DigestPoster;
    clock: Clock;
    logger: Logger;
    settings: WatchSettings;
    owner: string;
    /** Where the watches' words are weighed by rarity; without it, every word weighs 1. */
    desk?: Pick<NewsDesk, 'documentFrequencies'>;
  }) {
    this.#store = options.store;
    this.#poster = options.poster;
    this.#clock = options.clock;
    this.#log = options.logger.child({ component: 'watches' });
    this.#settings = options.settings;
    this.#owner = options.owner;
    this.#desk = options.desk;
  }

  /** The hook's listener: queues the batch and returns at once, so no source waits on Slack. */
  readonly onArticlesAdded = async (articles: AddedArticle[]): Promise<void> => {
    this.#enqueue(() => this.check(articles));
  };

  /** Resolves when every queued batch and summary is done (tests, shutdown). */
  async settled(): Promise<void> {
    for (let last = this.#queue; ; last = this.#queue) {
      await last;
      if (last === this.#queue) return;
    }
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      this.#enqueue(() => this.retryDue());
      this.#enqueue(() => this.flushSummaries());
    }, TICK_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.settled();
  }

  /** Reads the watches again (a watch set or removed here or on another instance). */
  async refresh(): Promise<void> {
    const rows = await this.#store.use((db) => allWatches(db));
    const now = this.#clock.now();
    const parsed = rows.flatMap((row) => {
      const query = watchQuery(row.query, now);
      return query === null ? [] : [{ row, query }];
    });
    const weighed = await this.#weigh(parsed.map((p) => p.query));
    this.#watches = new Map(parsed.map(({ row }, i) => [row.id, { row, query: weighed[i] as WatchQuery }]));
    this.#index = new WatchIndex(
      [...this.#watches.values()].map(({ row, query }) => ({ id: row.id, query })),
    );
  }

  /** The watches' words weighed by their rarity in the newsroom (unweighed while it loads). */
  async #weigh(queries: WatchQuery[]): Promise<WatchQuery[]> {
    if (this.#desk === undefined || queries.length === 0) return queries;
    const terms = [...new Set(queries.flatMap((q) => q.terms))];
    try {
      const counts = await this.#desk.documentFrequencies(terms);
      const byTerm = new Map(terms.map((t, i) => [t, counts.frequencies[i] ?? 0]));
      return queries.map((q) =>
        weighWatch(q, { articles: counts.articles, frequencies: q.terms.map((t) => byTerm.get(t) ?? 0) }),
      );
    } catch (err) {
      this.#log.debug({ err }, 'watch words not weighed (the newsroom is loading)');
      return queries;
    }
  }

  /** Checks a batch of new articles against every watch; one outcome per watch fired. */
  async check(articles: readonly AddedArticle[]): Promise<WatchOutcome[]> {
    await this.refresh();
    const outcomes: WatchOutcome[] = [];
    if (this.#index.size === 0) return outcomes;
    for (const { article, seenAt } of articles) {
      for (const { watch } of this.#index.matches(articleTerms(article))) {
        const entry = this.#watches.get(watch.id);
        if (entry === undefined) continue;
        outcomes.push(await this.#try(entry, { article, seenAt }, 0));
      }
      // One article at a time, so /news answers interleave with a large batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return outcomes;
  }

  /** Tries again the announcements whose retry time has come; their outcomes. */
  async retryDue(): Promise<WatchOutcome[]> {
    const now = this.#clock.now().getTime();
    const due = this.#retries.filter((r) => r.at <= now);
    if (due.length === 0) return [];
    this.#retries = this.#retries.filter((r) => r.at > now);
    await this.refresh();
    const outcomes: WatchOutcome[] = [];
    for (const retry of due) {
      const entry = this.#watches.get(retry.watchId);
      if (entry !== undefined) outcomes.push(await this.#try(entry, retry.added, retry.tries));
    }
    return outcomes;
  }

  async #try(
    entry: { row: Watch; query: WatchQuery },
    added: AddedArticle,
    tries: number,
  ): Promise<WatchOutcome> {
    const { row, query } = entry;
    try {
      const outcome = await this.#announce(row, query, added, tries);
      if (outcome === 'retry') {
        // A second after the released claim lapses, so that the retry can take it.
        const at = this.#clock.now().getTime() + (RETRY_DELAYS_MS[tries] ?? 0) + 1000;
        this.#retries.push({ watchId: row.id, added, tries: tries + 1, at });
      }
      return outcome;
    } catch (err) {
      // A watch removed meanwhile, the store gone: this watch misses this article, the rest go on.
      this.#log.warn({ err, watch: row.id, article: added.article.id }, 'watch not checked');
      return 'failed';
    }
  }

  /** `tries`: posts of this announcement already refused in passing. */
  async #announce(
    watch: Watch,
    query: WatchQuery,
    added: AddedArticle,
    tries: number,
  ): Promise<WatchOutcome> {
    const { article, seenAt } = added;
    const lastTry = tries >= RETRY_DELAYS_MS.length;
    const at = publishedTime(article) ?? seenAt.getTime();
    if (at < new Date(watch.created_at).getTime()) return 'older';
    const key = { watchId: watch.id, storyId: article.storyId };
    const now = this.#clock.now();
    const posted = await this.#store.use((db) => storyRow(db, key));
    // A story still claimed goes on below: its claim is taken over only once its lease ran out.
    if (posted !== undefined && posted.status !== 'claimed') {
      if (posted.status !== 'posted' || posted.ts === null) return 'skipped';
      // The post itself counts as one announced article; the rest are replies.
      const announced = await this.#store.use((db) => announcedCount(db, watch.id, article.storyId));
      if (announced > THREAD_REPLIES_MAX) return 'capped';
      const first = await this.#store.use((db) => claimArticle(db, watch.id, article.id, article.storyId));
      if (!first) return 'skipped';
      const reply = renderFollowUp(article, this.#settings.publicBaseUrl);
      const result = await this.#poster.post(watch.conversation_id, reply, {}, posted.ts);
      if (result.ok) return 'reply';
      if (result.kind === 'passing' && !lastTry) {
        await this.#store.use((db) => unclaimArticle(db, watch.id, article.id));
        return 'retry';
      }
      await this.#store.use((db) => recordError(db, watch.id, result.error, now));
      return 'failed';
    }
    if (!(await this.#store.use((db) => claimArticle(db, watch.id, article.id, article.storyId))))
      return 'skipped';
    const recent = await this.#store.use((db) => postsSince(db, watch.id, new Date(now.getTime() - HOUR_MS)));
    if (recent >= this.#settings.maxPerHour) {
      await this.#store.use((db) => claimStory(db, key, this.#owner, now, 'capped'));
      return 'capped';
    }
    if (!(await this.#store.use((db) => claimStory(db, key, this.#owner, now)))) return 'skipped';
    const message = renderWatchPost({ id: watch.id, query: watch.query }, article, query, {
      now,
      publicBaseUrl: this.#settings.publicBaseUrl,
    });
    const result = await this.#poster.post(watch.conversation_id, message, {
      // Waiting out a rate limit: the claim is held past the wait.
      beforeWait: (ms) =>
        this.#store.use((db) =>
          leaseStory(
            db,
            key,
            this.#owner,
            new Date(this.#clock.now().getTime() + ms + LEASE_MS),
            this.#clock.now(),
          ),
        ),
    });
    const done = this.#clock.now();
    if (result.ok) {
      await this.#store.use(async (db) => {
        await settleStory(db, key, this.#owner, { ts: result.ts }, done);
        await recordPost(db, watch.id, result.ts, done);
      });
      return 'posted';
    }
    if (result.kind === 'passing' && !lastTry) {
      const retryAt = new Date(done.getTime() + (RETRY_DELAYS_MS[tries] ?? 0));
      this.#log.warn(
        { watch: watch.id, error: result.error, retryAt },
        'watch post failed in passing: will retry',
      );
      await this.#store.use(async (db) => {
        await leaseStory(db, key, this.#owner, retryAt, done, result.error);
        await unclaimArticle(db, watch.id, article.id);
      });
      return 'retry';
    }
    this.#log.warn(
      { watch: watch.id, channel: watch.conversation_id, error: result.error },
      'watch post refused',
    );
    await this.#store.use(async (db) => {
      await settleStory(db, key, this.#owner, { error: result.error }, done);
      await recordError(db, watch.id, result.error, done);
    });
    return 'failed';
  }

  /**
   * Posts one summary per watch whose capped stories began an hour ago or more ("8 more stories on
   * drones in the last hour"). Claimed in the ledger like a story, so it goes out once.
   */
  async flushSummaries(): Promise<number> {
    await this.refresh();
    const now = this.#clock.now();
    let sent = 0;
    for (const due of await this.#store.use((db) => pendingSummaries(db))) {
      if (now.getTime() - due.since.getTime() < HOUR_MS) continue;
      const entry = this.#watches.get(due.watchId);
      if (entry === undefined) continue;
      const key = { watchId: due.watchId, storyId: `summary:${due.since.toISOString()}` };
      if (!(await this.#store.use((db) => claimStory(db, key, this.#owner, now)))) continue;
      const message = renderSummary({ id: entry.row.id, query: entry.row.query }, due.count);
      const result = await this.#poster.post(entry.row.conversation_id, message);
      await this.#store.use(async (db) => {
        await settleStory(db, key, this.#owner, result.ok ? { ts: result.ts } : { error: result.error }, now);
        await markSummarised(db, due.watchId, key.storyId, now);
        if (!result.ok) await recordError(db, due.watchId, result.error, now);
      });
      if (result.ok) sent++;
    }
    return sent;
  }

  #enqueue(work: () => Promise<unknown>): void {
    this.#queue = this.#queue
      .then(work)
      .catch((err: unknown) => this.#log.error({ err }, 'watch check failed'));
  }
}
