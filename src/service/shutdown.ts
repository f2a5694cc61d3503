import type { Logger } from '../logger.js';
import type { InFlight } from './in-flight.js';

/**
 * When each hook runs during a shutdown:
 * - `intake`: stop taking new requests (close the HTTP server, disconnect the socket);
 * - then the replies already acknowledged are finished (bounded by the grace period);
 * - `release`: give back what other instances may take over (digest claims not yet sent, feed leases);
 * - `close`: close what the release hooks still needed (the store), last.
 */
export type ShutdownPhase = 'intake' | 'release' | 'close';

export interface ShutdownHook {
  name: string;
  phase: ShutdownPhase;
  run: () => Promise<void> | void;
}

export interface ShutdownOptions {
  logger: Logger;
  inFlight: InFlight;
  /** The longest to wait for acknowledged replies (SHUTDOWN_GRACE_SECONDS). */
  graceMs: number;
  /**
   * The longest one hook may take before the shutdown goes on without it; default the grace period
   * (at least 5 s): a digest post under way should rather finish and be recorded than be cut off.
   */
  hookTimeoutMs?: number;
  /** Ends the process; tests pass a recorder. */
  exit?: (code: number) => void;
}

/**
 * The registry of shutdown hooks and the one shutdown sequence: SIGTERM or SIGINT stops intake,
 * waits for acknowledged replies (up to the grace period), runs the release and close hooks,
 * flushes the logs and exits 0. A second signal exits at once (code 130 or 143).
 *
 * ```ts
 * shutdown.register({ name: 'digest claims', phase: 'release', run: () => ledger.releaseUnsent() });
 * shutdown.register({ name: 'store', phase: 'close', run: () => store.close() });
 * ```
 */
export class Shutdown {
  readonly #hooks: ShutdownHook[] = [];
  readonly #logger: Logger;
  readonly #inFlight: InFlight;
  readonly #graceMs: number;
  readonly #hookTimeoutMs: number;
  readonly #exit: (code: number) => void;
  #running: Promise<void> | undefined;

  constructor(options: ShutdownOptions) {
    this.#logger = options.logger.child({ component: 'shutdown' });
    this.#inFlight = options.inFlight;
    this.#graceMs = options.graceMs;
    this.#hookTimeoutMs = options.hookTimeoutMs ?? Math.max(options.graceMs, 5000);
    this.#exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Adds a hook; within a phase, hooks run in the reverse order of registration (last opened, first closed). */
  register(hook: ShutdownHook): void {
    this.#hooks.push(hook);
  }

  get started(): boolean {
    return this.#running !== undefined;
  }

  /** Runs the sequence on SIGTERM and SIGINT; a second signal during it exits at once. */
  listen(signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    for (const signal of signals) {
      process.on(signal, () => {
        if (this.started) {
          this.#logger.warn({ signal }, `${signal} again: exiting now, without waiting`);
          this.#exit(signal === 'SIGINT' ? 130 : 143);
          return;
        }
        void this.run(signal);
      });
    }
  }

  /** The shutdown sequence; calling it again returns the same run. */
  run(reason: string): Promise<void> {
    this.#running ??= this.#sequence(reason);
    return this.#running;
  }

  async #sequence(reason: string): Promise<void> {
    const started = performance.now();
    this.#logger.info(
      { reason, inFlight: this.#inFlight.count, graceSeconds: this.#graceMs / 1000 },
      `${reason}: stopping (no new requests; finishing ${this.#inFlight.count} acknowledged)`,
    );
    await this.#runPhase('intake');
    const drained = await this.#inFlight.drain(this.#graceMs);
    if (!drained) {
      this.#logger.warn(
        { unfinished: this.#inFlight.count, graceSeconds: this.#graceMs / 1000 },
        `gave up on ${this.#inFlight.count} unfinished replies after the grace period`,
      );
    }
    await this.#runPhase('release');
    await this.#runPhase('close');
    this.#logger.info({ ms: Math.round(performance.now() - started) }, 'stopped');
    await flush(this.#logger);
    this.#exit(0);
  }

  async #runPhase(phase: ShutdownPhase): Promise<void> {
    const hooks = this.#hooks.filter((h) => h.phase === phase).reverse();
    // Hooks of one phase are independent (one server, one socket, one ledger...): run them together.
    await Promise.all(hooks.map((hook) => this.#runHook(hook)));
  }

  async #runHook(hook: ShutdownHook): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#hookTimeoutMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(hook.run), timeout]);
      if (outcome === 'timeout') {
        this.#logger.warn(
          { hook: hook.name, phase: hook.phase },
          `${hook.name}: did not finish in time; going on`,
        );
      }
    } catch (err) {
      this.#logger.error({ hook: hook.name, phase: hook.phase, err }, `${hook.name}: failed while stopping`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Writes out what pino still holds, so the last lines (the "stopped" one above all) are not lost. */
function flush(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
    // A destination without a flush callback must not hold the exit up.
    setTimeout(resolve, 500).unref();
  });
}
