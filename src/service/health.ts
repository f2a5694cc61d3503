/**
 * Liveness (`/healthz`) and readiness (`/readyz`) as functions over a {@link ReadinessSource}: what
 * the process knows about its newsroom, its store and its Slack token. No I/O of their own, so the
 * same answers come out of HTTP mode's server, the Socket Mode health port and the tests.
 */

/** The newsroom's loading state (the shape of the newsroom desk's `stats()`). */
export interface IndexStatus {
  state: 'loading' | 'ready' | 'restarting';
  /** Progress of a load under way: read so far, out of `total` (shown only while not ready). */
  loaded: number;
  total: number;
  articles: number;
  stories: number;
}

/**
 * `up`: answers queries; `opening` (a fresh embedded database takes seconds), `down` (failed or too
 * slow) and `closed` (shutting down): not usable now; `absent`: this process has no store.
 */
export type StoreStatus = 'up' | 'opening' | 'down' | 'closed' | 'absent';

/**
 * `accepted`: auth.test passed at start (and, in Socket Mode, the first connection is open);
 * `connecting`: token accepted, Socket Mode connection not open yet; `absent`: console mode.
 */
export type SlackStatus = 'accepted' | 'connecting' | 'refused' | 'unchecked' | 'absent';

/** What readiness is judged on; each part is asked afresh on every probe. */
export interface ReadinessSource {
  index(): IndexStatus | Promise<IndexStatus>;
  store(): StoreStatus | Promise<StoreStatus>;
  slack(): SlackStatus | Promise<SlackStatus>;
  /** True once a shutdown has begun: probes then send traffic elsewhere. */
  stopping?(): boolean;
}

export interface ProbeAnswer {
  status: 200 | 503;
  body: Record<string, unknown>;
}

/** A part that does not answer within this long counts as down: a probe must answer quickly. */
export const PROBE_TIMEOUT_MS = 1000;

/** What an index that does not answer in time is taken to be: not ready. */
const UNANSWERED_INDEX: IndexStatus = { state: 'restarting', loaded: 0, total: 0, articles: 0, stories: 0 };

/**
 * `/healthz`: 200 while the process runs and its event loop turns, with the index's loading state
 * and, when there is a store, its state (`/news` answers from memory even while it is down).
 */
export async function liveness(
  source: Pick<ReadinessSource, 'index' | 'store'>,
  uptimeSeconds: number,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ProbeAnswer> {
  const [index, store] = await Promise.all([
    within(source.index(), timeoutMs, UNANSWERED_INDEX),
    within(source.store(), timeoutMs, 'down' as StoreStatus),
  ]);
  return {
    status: 200,
    body: {
      ok: true,
      state: index.state,
      ...(index.state === 'ready' ? {} : { loaded: index.loaded, total: index.total }),
      articles: index.articles,
      stories: index.stories,
      ...(store === 'absent' ? {} : { store }),
      uptimeSeconds: Math.round(uptimeSeconds),
    },
  };
}

/** The verdict from the three parts' answers: pure, so every combination is easy to test. */
export function judgeReadiness(
  index: IndexStatus,
  store: StoreStatus,
  slack: SlackStatus,
  stopping = false,
): ProbeAnswer {
  const ready =
    !stopping &&
    index.state === 'ready' &&
    (store === 'up' || store === 'absent') &&
    (slack === 'accepted' || slack === 'absent');
  return {
    status: ready ? 200 : 503,
    body: {
      ready,
      index: index.state,
      ...(index.state === 'ready' ? {} : { loaded: index.loaded, total: index.total }),
      articles: index.articles,
      store,
      slack,
      ...(stopping ? { stopping } : {}),
    },
  };
}

/**
 * `/readyz`: 200 when the index is loaded, the store answers (or there is none), Slack accepted
 * the bot token and no shutdown has begun; 503 otherwise, naming which part is not ready. A part that throws or hangs past
 * `timeoutMs` counts as not ready.
 */
export async function readiness(source: ReadinessSource, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeAnswer> {
  const [index, store, slack] = await Promise.all([
    within(source.index(), timeoutMs, UNANSWERED_INDEX),
    within(source.store(), timeoutMs, 'down' as StoreStatus),
    within(source.slack(), timeoutMs, 'unchecked' as SlackStatus),
  ]);
  return judgeReadiness(index, store, slack, source.stopping?.() ?? false);
}

async function within<T>(value: T | Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(value).catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The index of a newsroom that is loaded before anything listens (the in-process newsroom). */
export function loadedIndex(newsroom: { readonly size: number }, stories: () => number): () => IndexStatus {
  return () => ({ state: 'ready', loaded: 0, total: 0, articles: newsroom.size, stories: stories() });
}

/** A readiness source from its parts; without `store` the process has none (`absent`). */
export function readinessFrom(parts: {
  index: () => IndexStatus | Promise<IndexStatus>;
  store?: () => StoreStatus | Promise<StoreStatus>;
  slack: () => SlackStatus;
  stopping?: () => boolean;
}): ReadinessSource {
  return {
    index: parts.index,
    store: parts.store ?? (() => 'absent'),
    slack: parts.slack,
    stopping: parts.stopping,
  };
}

/**
 * A store's status as probes should see it: its own state, and when that says `up`, a trivial
 * query (`ping`) that must succeed, so a database that went away between queries shows as `down`.
 */
export function pingedStore(
  status: () => StoreStatus,
  ping: () => Promise<unknown>,
): () => Promise<StoreStatus> {
  return async () => {
    const now = status();
    if (now !== 'up') return now;
    try {
      await ping();
      return 'up';
    } catch {
      return 'down';
    }
  };
}

/** Readiness of the digest's store: its own state, pinged with a trivial query while it says `up`. */
export function storeReadiness(store: {
  readonly status: Exclude<StoreStatus, 'absent'>;
  ping(): Promise<unknown>;
}): () => Promise<StoreStatus> {
  return pingedStore(
    () => store.status,
    () => store.ping(),
  );
}
