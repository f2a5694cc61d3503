import type { Dispatcher } from 'undici';
import type { Article, ParsedArticle } from '../corpus/article.js';
import type { Logger } from '../logger.js';
import { extractArticleText } from './article-text.js';
import { decodeBody } from './charset.js';
import { FetchError, fetchResource } from './http-fetch.js';
import { feedSourceName } from './item-identity.js';
import { planFeedItems } from './item-plan.js';
import { FeedFormatError, type FeedItem, type OpenFeed, openFeedDocument } from './parse-feed.js';
import type { FeedSource } from './sources.js';
import { emptyFeedState, type FeedItemRecord, type FeedState, type FeedStateStore } from './state-store.js';

/**
 * Where feed articles go: the newsroom's async interface (`NewsDesk`'s `add` and `remove`).
 * `add` replaces an article with the same id, so a changed item is updated in place.
 */
export interface ArticleSink {
  /** `fresh`: ids of the items that are news (new, and not a new feed's back catalogue). */
  add(articles: ParsedArticle[], fresh?: ReadonlySet<string>): Promise<Array<Article | null>>;
  remove(ids: string[]): Promise<number>;
}

export interface PollerOptions {
  store: FeedStateStore;
  sink: ArticleSink;
  logger: Logger;
  /** Every feed and page request goes through this (the guarded agent). */
  agent: Dispatcher;
  /** This instance's name in feed leases. */
  owner: string;
  timeoutMs: number;
  maxBytes: number;
  maxItems: number;
  retentionDays: number;
  /** Fetch each new or changed item's page and index its main text. */
  fetchArticleText: boolean;
  /** Items published (or, undated, first seen) within this window count as new. Default 24 h. */
  newWindowMs?: number;
  /** Longest wait after repeated failures. Default 6 h (or the interval, if longer). */
  maxBackoffMs?: number;
  /** Feeds fetched at once. Default 4. */
  concurrency?: number;
  now?: () => Date;
  /** For jitter; tests fix it. */
  random?: () => number;
}

export interface PollOutcome {
  url: string;
  /** `deferred`: the newsroom could not take the items (loading, restarting); polled again soon. */
  status: 'ok' | 'not-modified' | 'failed' | 'leased-elsewhere' | 'deferred';
  /** Items seen for the first time, changed in place, and unchanged. */
  added: number;
  updated: number;
  unchanged: number;
  /** Of the added, those that counted as new (inside the window). */
  fresh: number;
  error: string | null;
}

/** One row of `/news sources`. */
export interface SourceReport {
  url: string;
  name: string;
  from: FeedSource['from'];
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  failing: boolean;
  itemsLast24h: number;
  itemsTotal: number;
  nextPollAt: Date | null;
}

const DAY_MS = 24 * 3600_000;
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9';
/** Content types a feed may come with; anything else is sniffed (a feed served as text/html passes). */
const FEED_TYPES =
  /^(application\/(rss\+xml|atom\+xml|rdf\+xml|feed\+json|json|xml|x-rss\+xml)|text\/(xml|plain))$/;
const LOOKS_LIKE_FEED = /^\s*(<\?xml|<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]|\{)/;
/** How long a lease lasts beyond the poll's own time limit. */
const LEASE_SLACK_MS = 60_000;
/** How long a retired item's row stays, so that every other instance reads that it went. */
const RETIRED_KEPT_MS = 7 * DAY_MS;
/** How soon a poll is tried again when the newsroom could not take its items. */
const NEWSROOM_RETRY_MS = 30_000;

/** The sink refused the items (the newsroom is loading or restarting): the feed is not at fault. */
class NewsroomUnavailableError extends Error {
  override name = 'NewsroomUnavailableError';
}

/** Longest stretch of item conversion before other work gets a turn. */
const TURN_MS = 8;

/** Fails unless the body is a feed by its content type, or looks like one at its start. */
export function checkFeedContentType(contentType: string | null, text: string): void {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || FEED_TYPES.test(type) || LOOKS_LIKE_FEED.test(text.slice(0, 512))) return;
  throw new FetchError('content-type', `wrong content type ${type} (expected RSS, Atom or JSON Feed)`);
}

/**
 * Polls feeds politely and turns their items into articles. Each feed keeps its own state (a
 * broken one is recorded with its reason, backs off, and affects no other feed); items are keyed
 * by guid or cleaned link, never by date; the back catalogue of a new feed is indexed without
 * counting as new; items past the retention period are retired.
 */
export class FeedPoller {
  readonly #configured: FeedSource[];
  readonly #options: Required<Omit<PollerOptions, 'store' | 'sink' | 'logger' | 'agent'>> &
    Pick<PollerOptions, 'store' | 'sink' | 'logger' | 'agent'>;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;
  #stopped = true;
  #lastRetention = 0;

  constructor(configured: readonly FeedSource[], options: PollerOptions) {
    this.#configured = [...configured];
    this.#options = {
      newWindowMs: DAY_MS,
      maxBackoffMs: 6 * 3600_000,
      concurrency: 4,
      now: () => new Date(),
      random: Math.random,
      ...options,
    };
    this.#log = options.logger.child({ component: 'feeds' });
  }

  /** Configured sources (FEEDS, feeds file) then those added at run time. */
  async sources(): Promise<FeedSource[]> {
    const added = await this.#options.store.addedSources();
    const known = new Set(this.#configured.map((s) => s.url));
    return [...this.#configured, ...added.filter((s) => !known.has(s.url))];
  }

  /** Adds a run-time source; it is polled at the next tick. */
  async addSource(url: string, name: string | null, intervalSeconds: number): Promise<FeedSource> {
    const source: FeedSource = { url, name, intervalSeconds, from: 'added' };
    await this.#options.store.addSource(source);
    this.#log.info({ feed: url }, `feed added: ${url}`);
    this.#wake();
    return source;
  }

  /**
   * Removes a run-time source by URL or name and retires its articles. Sources from FEEDS or the
   * feeds file cannot be removed here: the result says so.
   */
  async removeSource(
    target: string,
  ): Promise<{ removed: FeedSource; articles: number } | { notFound: true } | { configured: FeedSource }> {
    const all = await this.sources();
    const lower = target.toLowerCase();
    const shown = await this.report();
    const url =
      all.find((s) => s.url === target)?.url ??
      all.find((s) => s.name?.toLowerCase() === lower)?.url ??
      shown.find((r) => r.name.toLowerCase() === lower)?.url;
    const source = all.find((s) => s.url === url);
    if (!source) return { notFound: true };
    if (source.from !== 'added') return { configured: source };
    const items = await this.#options.store.items(source.url);
    const ids = [...items.values()].map((r) => r.articleId);
    const articles = ids.length > 0 ? await this.#options.sink.remove(ids) : 0;
    await this.#options.store.removeSource(source.url);
    await this.#options.store.forgetFeed(source.url);
    this.#log.info({ feed: source.url, articles }, `feed removed: ${source.url}`);
    return { removed: source, articles };
  }

  /** Each source with its health and counts, for `/news sources` and `newsbot sources`. */
  async report(): Promise<SourceReport[]> {
    const now = this.#options.now();
    const rows: SourceReport[] = [];
    for (const source of await this.sources()) {
      const state = (await this.#options.store.state(source.url)) ?? emptyFeedState(source.url);
      const counts = await this.#options.store.itemCounts(source.url, new Date(now.getTime() - DAY_MS));
      rows.push({
        url: source.url,
        name: feedSourceName(source.name, state.feedTitle, source.url),
        from: source.from,
        lastSuccessAt: state.lastSuccessAt,
        lastErrorAt: state.lastErrorAt,
        lastError: state.lastError,
        failing: state.failures > 0,
        itemsLast24h: counts.recent,
        itemsTotal: counts.total,
        nextPollAt: state.nextPollAt,
      });
    }
    return rows;
  }

  /** Starts polling in the background: due feeds now, then each at its own interval. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#wake();
  }

  /** Stops the timer and waits for polls in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #wake(): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), 0);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    if (this.#running) return;
    const run = (async () => {
      try {
        await this.pollDue();
        if (this.#options.now().getTime() - this.#lastRetention >= 3600_000) await this.retire();
      } catch (err) {
        // Only a failing store can get here; each feed's own failure is recorded on it.
        this.#log.error({ err }, 'feed polling failed; retrying in a minute');
      }
    })();
    this.#running = run;
    await run;
    this.#running = null;
    if (this.#stopped) return;
    const delay = await this.#untilNextDue().catch(() => 60_000);
    this.#timer = setTimeout(() => void this.#tick(), Math.max(250, Math.min(delay, 60_000)));
    this.#timer.unref();
  }

  async #untilNextDue(): Promise<number> {
    const now = this.#options.now().getTime();
    let soonest = Number.POSITIVE_INFINITY;
    for (const source of await this.sources()) {
      const next = (await this.#options.store.state(source.url))?.nextPollAt?.getTime() ?? now;
      soonest = Math.min(soonest, next - now);
    }
    return soonest;
  }

  /** Polls every feed whose next poll is due, a few at a time. */
  async pollDue(): Promise<PollOutcome[]> {
    const now = this.#options.now().getTime();
    const due: FeedSource[] = [];
    for (const source of await this.sources()) {
      const next = (await this.#options.store.state(source.url))?.nextPollAt?.getTime() ?? 0;
      if (next <= now) due.push(source);
    }
    const outcomes: PollOutcome[] = [];
    const queue = [...due];
    const worker = async () => {
      for (let source = queue.shift(); source; source = queue.shift())
        outcomes.push(await this.#poll(source, true));
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, queue.length) }, worker));
    return outcomes;
  }

  /** Polls one feed now (under its lease) and records the outcome on it. */
  pollFeed(source: FeedSource): Promise<PollOutcome> {
    return this.#poll(source, false);
  }

  /**
   * `onlyIfDue`: the feed was due when the list was made; another instance may have polled it
   * since (its lease then released), which the state read under the lease shows.
   */
  async #poll(source: FeedSource, onlyIfDue: boolean): Promise<PollOutcome> {
    const { store, owner, timeoutMs } = this.#options;
    const started = this.#options.now();
    const leaseMs = timeoutMs * 2 + LEASE_SLACK_MS;
    const leaseUntil = new Date(started.getTime() + leaseMs);
    const outcome: PollOutcome = {
      url: source.url,
      status: 'ok',
      added: 0,
      updated: 0,
      unchanged: 0,
      fresh: 0,
      error: null,
    };
    if (!(await store.tryLease(source.url, owner, leaseUntil, started)))
      return { ...outcome, status: 'leased-elsewhere' };
    const state = (await store.state(source.url)) ?? emptyFeedState(source.url);
    if (onlyIfDue && state.nextPollAt !== null && state.nextPollAt.getTime() > started.getTime()) {
      await store.releaseLease(source.url, owner);
      return { ...outcome, status: 'leased-elsewhere' };
    }
    // Renewed while the poll goes on (page fetches can take long); an instance that died stops
    // renewing, and another takes the feed over once the lease runs out.
    const renewal = setInterval(() => {
      const now = this.#options.now();
      store
        .tryLease(source.url, owner, new Date(now.getTime() + leaseMs), now)
        .then((held) => {
          if (!held)
            this.#log.warn({ feed: source.url }, 'feed lease lost to another instance during a poll');
        })
        .catch(() => undefined);
    }, leaseMs / 3);
    renewal.unref();
    try {
      const fetched = await fetchResource(
        source.url,
        { etag: state.etag, lastModified: state.lastModified },
        { agent: this.#options.agent, timeoutMs, maxBytes: this.#options.maxBytes, accept: FEED_ACCEPT },
      );
      if (fetched.kind === 'not-modified') {
        outcome.status = 'not-modified';
      } else {
        const decoded = decodeBody(fetched.body, fetched.contentType);
        checkFeedContentType(fetched.contentType, decoded.text);
        const known = await store.items(source.url);
        const digests = new Set([...known.values()].map((r) => r.rawDigest));
        const feed = openFeedDocument(decoded.text, {
          baseUrl: fetched.url,
          maxItems: this.#options.maxItems,
          isKnown: (digest) => digests.has(digest),
        });
        const items = await this.#convertInTurns(feed.entries, outcome);
        if (feed.skipped > 0)
          this.#log.debug({ feed: source.url, skipped: feed.skipped }, 'items beyond the cap skipped');
        state.feedTitle = feed.title;
        await this.#ingest(source, state, items, known, outcome);
        // Only once the items are in: a 304 must never hide items that were not added.
        state.etag = fetched.etag;
        state.lastModified = fetched.lastModified;
      }
      this.#recordSuccess(source, state);
    } catch (err) {
      if (err instanceof NewsroomUnavailableError) {
        // Not the feed's fault: try again soon, without counting a failure.
        state.nextPollAt = new Date(this.#options.now().getTime() + NEWSROOM_RETRY_MS);
        this.#log.debug({ feed: source.url, reason: err.message }, 'newsroom not ready; poll deferred');
        return { ...outcome, status: 'deferred', error: err.message };
      }
      if (!(err instanceof FetchError || err instanceof FeedFormatError))
        this.#log.error({ err, feed: source.url }, 'unexpected error while polling a feed');
      const reason = err instanceof Error ? err.message : String(err);
      this.#recordFailure(source, state, reason);
      outcome.status = 'failed';
      outcome.error = reason;
    } finally {
      clearInterval(renewal);
      await store.saveState(state);
      await store.releaseLease(source.url, owner);
    }
    return outcome;
  }

  /**
   * Converts a document's items, letting the event loop run every few milliseconds: HTML to text
   * is the costly step, and this thread also answers Slack.
   */
  async #convertInTurns(entries: OpenFeed['entries'], outcome: PollOutcome): Promise<FeedItem[]> {
    const items: FeedItem[] = [];
    let turn = performance.now();
    for (const { item } of entries) {
      if (item === null) outcome.unchanged++;
      else items.push(item);
      if (performance.now() - turn > TURN_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        turn = performance.now();
      }
    }
    return items;
  }

  /** Items → articles: new ones added, changed ones replaced in place, unchanged ones left alone. */
  async #ingest(
    source: FeedSource,
    state: FeedState,
    items: FeedItem[],
    known: Map<string, FeedItemRecord>,
    outcome: PollOutcome,
  ): Promise<void> {
    const { store, sink, newWindowMs } = this.#options;
    const now = this.#options.now();
    const { toAdd, fresh, records, added, updated, unchanged } = planFeedItems(items, known, {
      feedUrl: source.url,
      source: feedSourceName(source.name, state.feedTitle, source.url),
      now,
      firstPoll: state.lastSuccessAt === null,
      newWindowMs,
      retentionCutoff: now.getTime() - this.#options.retentionDays * DAY_MS,
    });
    outcome.added += added;
    outcome.updated += updated;
    outcome.unchanged += unchanged;
    outcome.fresh += fresh.size;
    if (toAdd.length > 0) {
      if (this.#options.fetchArticleText) await this.#withPageText(toAdd);
      try {
        await sink.add(toAdd, fresh);
      } catch (err) {
        throw new NewsroomUnavailableError((err as Error).message);
      }
    }
    // With the articles: a restart, and the other instances, read them from the store.
    if (records.length > 0) await store.putItems(records, toAdd);
  }

  /** Replaces each article's feed text by its page's main text, when that is longer. */
  async #withPageText(articles: ParsedArticle[]): Promise<void> {
    for (const article of articles) {
      if (article.url === null) continue;
      try {
        const page = await fetchResource(
          article.url,
          {},
          {
            agent: this.#options.agent,
            timeoutMs: this.#options.timeoutMs,
            maxBytes: this.#options.maxBytes,
            accept: PAGE_ACCEPT,
          },
        );
        if (page.kind !== 'ok') continue;
        const paragraphs = extractArticleText(decodeBody(page.body, page.contentType).text, page.url);
        const length = (ps: readonly string[]) => ps.reduce((n, p) => n + p.length, 0);
        if (paragraphs && length(paragraphs) > length(article.paragraphs)) article.paragraphs = paragraphs;
      } catch (err) {
        this.#log.debug(
          { url: article.url, reason: (err as Error).message },
          'article page not fetched; the feed text is used',
        );
      }
    }
  }

  #recordSuccess(source: FeedSource, state: FeedState): void {
    const now = this.#options.now();
    if (state.failures > 0) {
      this.#log.info(
        { feed: source.url, failures: state.failures },
        `feed recovered after ${state.failures} failed polls: ${source.url}`,
      );
    }
    state.failures = 0;
    state.lastSuccessAt = now;
    state.nextPollAt = new Date(now.getTime() + this.#jittered(source.intervalSeconds * 1000));
  }

  /** Backs off exponentially; warns when the feed starts failing or fails for a new reason only. */
  #recordFailure(source: FeedSource, state: FeedState, reason: string): void {
    const now = this.#options.now();
    const changed = state.failures === 0 || state.lastError !== reason;
    if (changed)
      this.#log.warn(
        { feed: source.url, reason, failures: state.failures + 1 },
        `feed failing: ${source.url}: ${reason}`,
      );
    else this.#log.debug({ feed: source.url, reason, failures: state.failures + 1 }, 'feed still failing');
    state.failures++;
    state.lastError = reason;
    state.lastErrorAt = now;
    const interval = source.intervalSeconds * 1000;
    const backoff = Math.min(interval * 2 ** state.failures, Math.max(this.#options.maxBackoffMs, interval));
    state.nextPollAt = new Date(now.getTime() + this.#jittered(backoff));
  }

  /** ±10 %, so that feeds added together do not stay in step. */
  #jittered(ms: number): number {
    return Math.round(ms * (0.9 + 0.2 * this.#options.random()));
  }

  /** Retires feed items older than RETENTION_DAYS from the index and the store. */
  async retire(): Promise<number> {
    const now = this.#options.now();
    this.#lastRetention = now.getTime();
    const cutoff = new Date(now.getTime() - this.#options.retentionDays * DAY_MS);
    // Retired items were kept a while for the other instances to see them go.
    await this.#options.store.purgeRetired(new Date(now.getTime() - RETIRED_KEPT_MS));
    const old = await this.#options.store.itemsOlderThan(cutoff);
    if (old.length === 0) return 0;
    await this.#options.sink.remove(old.map((r) => r.articleId));
    const byFeed = new Map<string, string[]>();
    for (const r of old) byFeed.set(r.feedUrl, [...(byFeed.get(r.feedUrl) ?? []), r.key]);
    for (const [feedUrl, keys] of byFeed) await this.#options.store.deleteItems(feedUrl, keys);
    this.#log.info(
      { items: old.length, retentionDays: this.#options.retentionDays },
      `retired ${old.length} feed items`,
    );
    return old.length;
  }
}
