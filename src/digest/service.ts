import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { SlackMessage } from '../block-kit/types.js';
import { localDate } from '../local-time.js';
import type { Logger } from '../logger.js';
import type { DigestQuery, DigestSelection } from '../newsroom/digest-selection.js';
import { labelOf, metrics } from '../service/metrics.js';
import { firstSeenSince } from '../store/articles.js';
import { LEASE_MS } from '../store/claims.js';
import type { Subscription } from '../store/schema.js';
import { type Store, StoreUnavailableError } from '../store/store.js';
import type { Clock } from './clock.js';
import { renderDigest } from './compose.js';
import { claim, complete, fail, type LedgerKey, ledgerRow, release, renew, settledDays } from './ledger.js';
import type { DigestPoster } from './slack-poster.js';
import { activeSubscriptions, findSubscription, recordFailure, recordPosted } from './subscriptions.js';
import { latestRun, nextRun } from './times.js';

/**
 * What the digest needs from the newsroom: one method. In-process it is `selectDigest` over the
 * `Newsroom`; in `serve` the newsroom thread exposes the same function.
 */
export interface DigestDesk {
  digest(query: DigestQuery): Promise<DigestSelection>;
}

export interface DigestSettings {
  size: number;
  empty: 'skip' | 'post';
  catchupHours: number;
  defaultTime: string;
  defaultZone: string;
  publicBaseUrl: string | null;
  /** Digests posted at once (each still waits its turn on a rate limit). Default 8. */
  concurrency?: number;
}

export interface TickReport {
  due: number;
  posted: number;
  empty: number;
  failed: number;
  /** Claimed by another instance, or already done. */
  skipped: number;
}

/** A digest's window: the 24 hours before it is posted. */
export const WINDOW_MS = 24 * 3600_000;
/** Longest sleep between ticks: subscriptions made in Slack or by another instance show up this fast. */
const TICK_MS = 30_000;
/** A scheduled time counts as due this long even with DIGEST_CATCHUP_HOURS=0 (a tick may lag). */
const MIN_GRACE_MS = 2 * 60_000;
/** First retry after a passing failure; doubles per attempt, at most 15 minutes. */
const RETRY_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;

export interface ComposeRequest {
  topics: string;
  timeZone: string;
  now: Date;
  /** Window length; default 24 hours. */
  sinceMs?: number;
  size?: number;
  /** Overrides DIGEST_EMPTY (preview always shows something). */
  empty?: 'skip' | 'post';
}

/**
 * The daily digest: which subscriptions are due, the ledger claim that makes each go out once,
 * the post and what its outcome means. Time comes from `clock`, so tests drive DST days,
 * restarts and catch-up without waiting.
 */
export class DigestService {
  readonly #store: Store;
  readonly #desk: DigestDesk;
  readonly #poster: DigestPoster;
  readonly #clock: Clock;
  readonly #settings: DigestSettings;
  readonly #log: Logger;
  /** This instance in the ledger: unique per process, so a restarted process never owns old claims. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly #abort = new AbortController();
  #loop: Promise<void> | null = null;
  #ticking: Promise<TickReport> | null = null;

  constructor(options: {
    store: Store;
    desk: DigestDesk;
    poster: DigestPoster;
    clock: Clock;
    settings: DigestSettings;
    logger: Logger;
  }) {
    this.#store = options.store;
    this.#desk = options.desk;
    this.#poster = options.poster;
    this.#clock = options.clock;
    this.#settings = options.settings;
    this.#log = options.logger.child({ component: 'digest' });
  }

  get settings(): DigestSettings {
    return this.#settings;
  }

  /** Ticks now (catch-up), then at each due time and at least every 30 s, until `stop`. */
  start(): void {
    if (this.#loop) return;
    const signal = this.#abort.signal;
    this.#loop = (async () => {
      while (!signal.aborted) {
        let waitMs = TICK_MS;
        try {
          await this.tick();
          waitMs = await this.#untilNextDue();
        } catch (err) {
          if (!(err instanceof StoreUnavailableError)) this.#log.error({ err }, 'digest tick failed');
          waitMs = 5_000;
        }
        await this.#clock.sleep(waitMs, signal);
      }
    })();
  }

  /** Stops ticking; a post waiting on a rate limit gives up and lets its claim lapse for a retry. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
    await this.#ticking?.catch(() => undefined);
  }

  /** One pass: every due subscription posted (or skipped, or failed) once. Overlapping calls share a pass. */
  tick(): Promise<TickReport> {
    this.#ticking ??= this.#tick().finally(() => {
      this.#ticking = null;
    });
    return this.#ticking;
  }

  async #tick(): Promise<TickReport> {
    const now = this.#clock.now();
    const subs = await this.#store.use(activeSubscriptions);
    const due: { sub: Subscription; key: LedgerKey }[] = [];
    const graceMs = Math.max(this.#settings.catchupHours * 3600_000, MIN_GRACE_MS);
    for (const sub of subs) {
      const run = latestRun(sub, now);
      if (now.getTime() - run.getTime() > graceMs) continue; // missed: too late to catch up
      if (run.getTime() < new Date(sub.created_at).getTime()) continue; // subscribed after today's time
      due.push({
        sub,
        key: { conversationId: sub.conversation_id, localDate: localDate(run, sub.time_zone) },
      });
    }
    const report: TickReport = { due: 0, posted: 0, empty: 0, failed: 0, skipped: 0 };
    if (due.length === 0) return report;
    const settled = await this.#store.use((db) =>
      settledDays(
        db,
        due.map((d) => d.key.localDate),
      ),
    );
    const todo = due.filter((d) => !settled.has(`${d.key.conversationId} ${d.key.localDate}`));
    report.due = todo.length;
    if (todo.length === 0) return report;

    const firstSeen = await this.#store.use((db) => firstSeenSince(db, new Date(now.getTime() - WINDOW_MS)));
    const selections = new Map<string, Promise<DigestSelection>>();
    const select = (topics: string) => {
      let s = selections.get(topics);
      if (!s) {
        s = this.#desk.digest({
          topics,
          since: new Date(now.getTime() - WINDOW_MS),
          now,
          size: this.#settings.size,
          firstSeen,
        });
        selections.set(topics, s);
      }
      return s;
    };

    let next = 0;
    const worker = async () => {
      while (next < todo.length && !this.#abort.signal.aborted) {
        const item = todo[next++] as (typeof todo)[number];
        const outcome = await this.#postOne(item.sub, item.key, select).catch((err: unknown) => {
          this.#log.error({ err, channel: item.sub.conversation_id }, 'digest failed');
          metrics.digestsFailed.inc({ reason: 'other' });
          return 'failed' as const;
        });
        report[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#settings.concurrency ?? 8, todo.length) }, worker));
    this.#log.info({ ...report }, 'digest tick');
    return report;
  }

  async #postOne(
    sub: Subscription,
    key: LedgerKey,
    select: (topics: string) => Promise<DigestSelection>,
  ): Promise<'posted' | 'empty' | 'failed' | 'skipped'> {
    const channel = sub.conversation_id;
    const log = this.#log.child({ channel, date: key.localDate });
    if (!(await this.#store.use((db) => claim(db, key, this.owner, this.#clock.now())))) return 'skipped';
    const now = this.#clock.now();
    const message = renderDigest(await select(sub.topics), {
      now,
      timeZone: sub.time_zone,
      publicBaseUrl: this.#settings.publicBaseUrl,
      empty: this.#settings.empty,
    });
    if (message === null) {
      await this.#store.use((db) => complete(db, key, this.owner, null, this.#clock.now()));
      log.info('nothing new today: digest skipped (DIGEST_EMPTY=skip)');
      return 'empty';
    }
    return this.#deliver(sub, key, message, log);
  }

  async #deliver(
    sub: Subscription | { conversation_id: string },
    key: LedgerKey,
    message: SlackMessage,
    log: Logger,
  ): Promise<'posted' | 'failed'> {
    const channel = sub.conversation_id;
    const result = await this.#poster.post(channel, message, {
      signal: this.#abort.signal,
      beforeWait: async (ms) => {
        await this.#store.use((db) => renew(db, key, this.owner, this.#clock.now(), ms + LEASE_MS));
      },
    });
    const now = this.#clock.now();
    if (result.ok) {
      // The ledger first: from here on no instance will post this day again.
      await this.#store.use((db) => complete(db, key, this.owner, result.ts, now));
      await this.#store.use((db) => recordPosted(db, channel, result.ts, now));
      log.info({ ts: result.ts }, 'digest posted');
      metrics.digestsPosted.inc();
      return 'posted';
    }
    // Slack says `ratelimited`; the metric's label is `rate_limited`, like its other reasons.
    metrics.digestsFailed.inc({
      reason: labelOf('reason', result.error === 'ratelimited' ? 'rate_limited' : result.error),
    });
    if (result.kind === 'passing') {
      const row = await this.#store.use((db) => ledgerRow(db, key));
      // Shutting down: let the claim go at once, so the next start (or another instance) posts it.
      const delay = this.#abort.signal.aborted
        ? 0
        : Math.min(RETRY_MS * 2 ** ((row?.attempts ?? 1) - 1), MAX_RETRY_MS);
      await this.#store.use((db) =>
        release(db, key, this.owner, result.error, new Date(now.getTime() + delay), now),
      );
      await this.#store.use((db) => recordFailure(db, channel, result.error, now));
      log.warn({ error: result.error, retryInMs: delay }, 'digest not posted; will retry');
      return 'failed';
    }
    await this.#store.use((db) => fail(db, key, this.owner, result.error, now));
    const { paused } = await this.#store.use((db) => recordFailure(db, channel, result.error, now));
    log.warn(
      { error: result.error, paused },
      paused
        ? `digest paused after days of ${result.error}: /news digest on resumes it`
        : `digest not posted today: ${result.error}`,
    );
    return 'failed';
  }

  /** The digest for a topics query at `now`: the selection and the message (null = nothing to post). */
  async compose(req: ComposeRequest): Promise<{ selection: DigestSelection; message: SlackMessage | null }> {
    const since = new Date(req.now.getTime() - (req.sinceMs ?? WINDOW_MS));
    const firstSeen = await this.#store
      .use((db) => firstSeenSince(db, since))
      .catch((err: unknown) => {
        // Without the store, undated articles cannot be placed in the window: dated ones still can.
        if (err instanceof StoreUnavailableError) return new Map<string, number>();
        throw err;
      });
    const selection = await this.#desk.digest({
      topics: req.topics,
      since,
      now: req.now,
      size: req.size ?? this.#settings.size,
      firstSeen,
    });
    const message = renderDigest(selection, {
      now: req.now,
      timeZone: req.timeZone,
      publicBaseUrl: this.#settings.publicBaseUrl,
      empty: req.empty ?? this.#settings.empty,
    });
    return { selection, message };
  }

  /**
   * Posts today's digest to a conversation now, through the ledger (the CLI's `--post`): once per
   * local day unless `force`. Uses the conversation's subscription settings when it has one.
   */
  async postNow(
    conversationId: string,
    options: { force?: boolean } = {},
  ): Promise<{
    outcome: 'posted' | 'empty' | 'failed' | 'already';
    ts?: string | null;
    error?: string | null;
  }> {
    const now = this.#clock.now();
    const sub = await this.#store.use((db) => findSubscription(db, conversationId));
    const timeZone = sub?.time_zone ?? this.#settings.defaultZone;
    const key = { conversationId, localDate: localDate(now, timeZone) };
    const claimed = await this.#store.use((db) => claim(db, key, this.owner, now, { force: options.force }));
    if (!claimed) {
      const row = await this.#store.use((db) => ledgerRow(db, key));
      return { outcome: 'already', ts: row?.ts ?? null, error: row?.error ?? null };
    }
    const { message } = await this.compose({ topics: sub?.topics ?? '', timeZone, now });
    if (message === null) {
      await this.#store.use((db) => complete(db, key, this.owner, null, now));
      return { outcome: 'empty' };
    }
    const outcome = await this.#deliver(
      { conversation_id: conversationId },
      key,
      message,
      this.#log.child({ channel: conversationId }),
    );
    const row = await this.#store.use((db) => ledgerRow(db, key));
    return { outcome, ts: row?.ts ?? null, error: row?.error ?? null };
  }

  /** Milliseconds until the next subscription's time (at most one tick interval). */
  async #untilNextDue(): Promise<number> {
    const now = this.#clock.now();
    const subs = await this.#store.use(activeSubscriptions);
    let soonest = now.getTime() + TICK_MS;
    for (const sub of subs) soonest = Math.min(soonest, nextRun(sub, now).getTime());
    return Math.max(0, soonest - now.getTime());
  }
}
