import type { Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import { metrics } from '../service/metrics.js';
import { type DatabaseTarget, type Engine, type OpenedDatabase, openDatabase } from './open.js';
import type { Database } from './schema.js';

export type StoreStatus = 'opening' | 'up' | 'down' | 'closed';

/** The store is not reachable right now; the caller carries on without it and tries later. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export interface StoreOptions {
  logger: Logger;
  /** First wait after a failure; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How an open is done: the real `openDatabase` unless a test replaces it. */
  open?: (target: DatabaseTarget) => Promise<OpenedDatabase>;
}

/** Errors that mean "the server is gone or refusing", not "this query is wrong". */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return /Connection terminated|not queryable|ECONN/i.test(String(err));
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|57P0[1-3]|08\d{3}|53300)$/.test(code);
}

/**
 * The database behind everything that must survive a restart, opened in the background (a fresh
 * PGlite takes seconds to start, and `/news` must not wait for it) and reopened with backoff when
 * it is down. Callers use {@link Store.use}: it fails fast with {@link StoreUnavailableError}
 * while the store is not up, so nothing blocks on a dead database.
 */
/** How long a query waits for the store's first open before it is refused. */
const OPENING_WAIT_MS = 10_000;

export class Store {
  readonly #target: DatabaseTarget;
  readonly #log: Logger;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #open: (target: DatabaseTarget) => Promise<OpenedDatabase>;
  #status: StoreStatus = 'opening';
  #opened: OpenedDatabase | null = null;
  #ready: Promise<void>;
  #resolveReady: () => void = () => undefined;
  #timer: NodeJS.Timeout | null = null;
  #reconnecting = false;

  constructor(target: DatabaseTarget, options: StoreOptions) {
    this.#target = target;
    this.#log = options.logger.child({ component: 'store' });
    this.#initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.#open = options.open ?? openDatabase;
    this.#ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
    });
  }

  get status(): StoreStatus {
    return this.#status;
  }

  get engine(): Engine | null {
    return this.#opened?.engine ?? null;
  }

  /** Starts opening in the background; resolves at once. */
  start(): this {
    void this.#connect(this.#initialBackoffMs);
    return this;
  }

  async #readyWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    });
    await Promise.race([this.#ready, timeout]);
    clearTimeout(timer);
  }

  /** Resolves once the store is up (the first time). For the CLI and tests, which may wait. */
  async ready(): Promise<void> {
    await this.#ready;
  }

  /** Runs `fn` on the database; a lost connection marks the store down and starts reconnecting. */
  async use<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    // A command typed just after start (PGlite takes seconds to open) waits for the first open
    // instead of failing; a store that is down still fails at once.
    if (this.#status === 'opening') await this.#readyWithin(OPENING_WAIT_MS);
    const opened = this.#opened;
    if (this.#status !== 'up' || opened === null) {
      throw new StoreUnavailableError(`the store is ${this.#status}`);
    }
    // PGlite runs in this thread and resolves without ever returning to the event loop: yield
    // first, so that a run of queries (a digest tick) lets Slack's requests be read and acked between them.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      return await fn(opened.db);
    } catch (err) {
      metrics.storeErrors.inc({ operation: 'query' });
      if (isConnectionError(err)) {
        this.#markDown(err);
        throw new StoreUnavailableError(`the store is down: ${(err as Error).message}`);
      }
      throw err;
    }
  }

  /** A trivial query: fails when the database does not answer (readiness probes use it). */
  async ping(): Promise<void> {
    await this.use((db) => db.selectNoFrom((eb) => eb.val(1).as('one')).execute());
  }

  async close(): Promise<void> {
    this.#status = 'closed';
    if (this.#timer) clearTimeout(this.#timer);
    const opened = this.#opened;
    this.#opened = null;
    if (opened) await opened.close();
    // Still opening: give back STATE_DIR's lock now; the open closes itself when it finishes.
    else if (this.#target.engine === 'pglite') await this.#target.lock?.release();
  }

  async #connect(backoffMs: number): Promise<void> {
    if (this.#status === 'closed') return;
    try {
      const opened = await this.#open(this.#target);
      if ((this.#status as StoreStatus) === 'closed') {
        await opened.close();
        return;
      }
      this.#opened = opened;
      this.#status = 'up';
      this.#log.info({ engine: opened.engine }, `store open (${opened.engine}: ${opened.location})`);
      this.#resolveReady();
    } catch (err) {
      if ((this.#status as StoreStatus) === 'closed') return;
      this.#status = 'down';
      metrics.storeErrors.inc({ operation: 'connect' });
      this.#log.warn({ err: { message: (err as Error).message }, retryInMs: backoffMs }, 'store unavailable');
      this.#timer = setTimeout(
        () => void this.#connect(Math.min(backoffMs * 2, this.#maxBackoffMs)),
        backoffMs,
      );
      this.#timer.unref();
    }
  }

  /** A query lost the server: probe with backoff until it answers again (the pool reconnects itself). */
  #markDown(err: unknown): void {
    if (this.#status !== 'up' || this.#reconnecting) return;
    this.#status = 'down';
    this.#reconnecting = true;
    this.#log.warn({ err: { message: (err as Error).message } }, 'store connection lost; retrying');
    const probe = async (backoffMs: number): Promise<void> => {
      if ((this.#status as StoreStatus) === 'closed' || this.#opened === null) return;
      try {
        await this.#opened.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
        this.#status = 'up';
        this.#reconnecting = false;
        this.#log.info('store reachable again');
      } catch {
        this.#timer = setTimeout(() => void probe(Math.min(backoffMs * 2, this.#maxBackoffMs)), backoffMs);
        this.#timer.unref();
      }
    };
    void probe(this.#initialBackoffMs);
  }
}
