import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * newsbot's Prometheus metrics. Every label takes its value from a closed list written here: a
 * value outside the list is recorded as `other`. So a query, a channel name, a URL or a token can
 * never become a label, whatever a caller passes — labels are for a dashboard's few lines, and
 * each distinct value is a new time series kept for ever.
 *
 * Counting is always on and costs a few map look-ups; `/metrics` is served only with
 * `METRICS=true`, which also starts Node's own process metrics (see {@link enableProcessMetrics}).
 *
 * ```ts
 * import { metrics } from '../service/metrics.js';
 * metrics.requests.inc({ kind: 'command', outcome: 'ok' });
 * metrics.answerSeconds.observe({ kind: 'command' }, 0.042);
 * metrics.digestsFailed.inc({ reason: 'not_in_channel' });
 * metrics.feedItems.inc({}, 12);
 * ```
 */

const LABELS = {
  /** What a person asked through: slash command, mention, DM, a button, or a scheduled digest. */
  kind: ['command', 'mention', 'dm', 'more', 'share', 'digest', 'other'],
  /**
   * How a request ended: answered; unavailable (the newsroom was loading or restarting, the person
   * was told to try again); failed (the person got an apology instead).
   */
  outcome: ['ok', 'unavailable', 'failed', 'other'],
  /** Which receiver acknowledged. */
  mode: ['http', 'socket', 'console', 'other'],
  /** Why a digest was not posted: Slack's error code when it is one of these. */
  reason: [
    'rate_limited',
    'not_in_channel',
    'channel_not_found',
    'is_archived',
    'account_inactive',
    'invalid_blocks',
    'timeout',
    'http',
    'parse',
    'blocked',
    'other',
  ],
  /** What one feed poll brought. */
  poll: ['fetched', 'not_modified', 'failed', 'other'],
  /** The store operation that failed. */
  operation: ['connect', 'query', 'migrate', 'close', 'other'],
} as const;

type LabelName = keyof typeof LABELS;
type LabelValues<N extends LabelName> = { [K in N]: (typeof LABELS)[K][number] };

/** A label value as recorded: itself when it is on the list, otherwise `other`. */
export function safeLabel(name: LabelName, value: unknown): string {
  return (LABELS[name] as readonly unknown[]).includes(value) ? (value as string) : 'other';
}

/** A value for label `name` typed as one on its list (`other` when it is not). */
export function labelOf<N extends LabelName>(name: N, value: unknown): (typeof LABELS)[N][number] {
  return safeLabel(name, value) as (typeof LABELS)[N][number];
}

function safeLabels<N extends LabelName>(
  names: readonly N[],
  values: Partial<Record<N, unknown>>,
): Record<N, string> {
  const out = {} as Record<N, string>;
  for (const name of names) out[name] = safeLabel(name, values[name]);
  return out;
}

/** A counter whose labels can only take listed values. */
export class SafeCounter<N extends LabelName> {
  readonly #counter: Counter<N>;
  readonly #names: readonly N[];

  constructor(registry: Registry, name: string, help: string, labelNames: readonly N[]) {
    this.#names = labelNames;
    this.#counter = new Counter({ name, help, labelNames, registers: [registry] });
    // Zero series for every listed combination would be many; a counter without labels starts at 0.
    if (labelNames.length === 0) this.#counter.inc(0);
  }

  inc(labels: LabelValues<N> | Record<string, never> = {} as Record<string, never>, value = 1): void {
    this.#counter.inc(safeLabels(this.#names, labels as Partial<Record<N, unknown>>), value);
  }
}

/** A histogram whose labels can only take listed values. */
export class SafeHistogram<N extends LabelName> {
  readonly #histogram: Histogram<N>;
  readonly #names: readonly N[];

  constructor(registry: Registry, name: string, help: string, labelNames: readonly N[], buckets: number[]) {
    this.#names = labelNames;
    this.#histogram = new Histogram({ name, help, labelNames, buckets, registers: [registry] });
  }

  observe(labels: LabelValues<N>, seconds: number): void {
    this.#histogram.observe(safeLabels(this.#names, labels as Partial<Record<N, unknown>>), seconds);
  }
}

/** Sizes of the newsroom, read when `/metrics` is scraped. */
export type NewsroomSizes = () =>
  | { articles: number; stories: number }
  | Promise<{ articles: number; stories: number }>;

export class Metrics {
  readonly registry = new Registry();

  /** `/news`, mentions, DMs and buttons, by kind and outcome. */
  readonly requests = this.#counter('newsbot_requests_total', 'Requests handled, by kind and outcome', [
    'kind',
    'outcome',
  ]);
  /** From a request's arrival to its acknowledgement (Slack's limit is 3 s). */
  readonly ackSeconds = this.#histogram(
    'newsbot_ack_seconds',
    'Time from receiving a Slack request to acknowledging it',
    ['mode'],
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
  );
  /** From the start of a request's work (after the ack) to its reply being sent. */
  readonly answerSeconds = this.#histogram(
    'newsbot_answer_seconds',
    'Time from starting a request to its reply being sent',
    ['kind'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  readonly digestsPosted = this.#counter('newsbot_digests_posted_total', 'Digests posted', []);
  readonly digestsFailed = this.#counter(
    'newsbot_digests_failed_total',
    'Digests that could not be posted, by reason',
    ['reason'],
  );
  readonly feedPolls = this.#counter('newsbot_feed_polls_total', 'Feed polls, by result', ['poll']);
  readonly feedErrors = this.#counter('newsbot_feed_errors_total', 'Feed errors, by reason', ['reason']);
  readonly feedItems = this.#counter('newsbot_feed_items_total', 'New articles read from feeds', []);
  readonly watchPosts = this.#counter('newsbot_watch_posts_total', 'Messages posted for saved watches', []);
  readonly storeErrors = this.#counter(
    'newsbot_store_errors_total',
    'Store operations that failed, by operation',
    ['operation'],
  );
  /** Replies acknowledged but not yet sent: what a shutdown waits for. */
  readonly repliesInFlight = new Gauge({
    name: 'newsbot_replies_in_flight',
    help: 'Requests acknowledged whose reply is not sent yet',
    registers: [this.registry],
  });

  #sizes: NewsroomSizes = () => ({ articles: 0, stories: 0 });
  #processMetrics = false;

  constructor() {
    this.#sizeGauge('newsbot_articles', 'Articles in the newsroom', 'articles');
    this.#sizeGauge(
      'newsbot_stories',
      'Stories (groups of articles about one event) in the newsroom',
      'stories',
    );
  }

  #counter<N extends LabelName>(name: string, help: string, labelNames: readonly N[]): SafeCounter<N> {
    return new SafeCounter(this.registry, name, help, labelNames);
  }

  #histogram<N extends LabelName>(
    name: string,
    help: string,
    labelNames: readonly N[],
    buckets: number[],
  ): SafeHistogram<N> {
    return new SafeHistogram(this.registry, name, help, labelNames, buckets);
  }

  /** A gauge of the newsroom's size, read from {@link observeNewsroom}'s source at each scrape. */
  #sizeGauge(name: string, help: string, size: 'articles' | 'stories'): void {
    const sizes = () => this.#sizes();
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set((await sizes())[size]);
      },
    });
  }

  /** Where the articles and stories gauges read from (the newsroom, or the desk's `stats()`). */
  observeNewsroom(sizes: NewsroomSizes): void {
    this.#sizes = sizes;
  }

  /** Node's process metrics (CPU, memory, GC, handles, event-loop lag as `nodejs_eventloop_lag_*`). */
  enableProcessMetrics(): void {
    if (this.#processMetrics) return;
    this.#processMetrics = true;
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  /** The Prometheus text exposition, for `GET /metrics`. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The process's metrics: listeners, digests, feeds, watches and the store all count here. */
export const metrics = new Metrics();
