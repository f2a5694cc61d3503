export interface CpuQueueOptions {
  /**
   * True while requests are waiting for their acknowledgement: jobs then wait, so that a request
   * that needs a few more loop turns (body, signature, listener) is not made to wait one search
   * per turn.
   */
  acksPending?: () => boolean;
  /** The longest a job waits for acks to drain, so replies keep flowing under a steady flood. */
  maxDeferMs?: number;
}

/**
 * Runs CPU-bound jobs (searching, summarising, rendering) one per turn of the event loop.
 *
 * A search blocks the thread while it runs. Queued this way, every job starts from a fresh
 * `setImmediate`, so the poll phase runs between two jobs: requests that arrived meanwhile are
 * read, verified and acknowledged before the next search starts. Acks stay fast under load.
 */
export class CpuQueue {
  readonly #jobs: { run: () => void; queuedAt: number }[] = [];
  readonly #acksPending: () => boolean;
  readonly #maxDeferMs: number;
  #scheduled = false;

  constructor(options: CpuQueueOptions = {}) {
    this.#acksPending = options.acksPending ?? (() => false);
    this.#maxDeferMs = options.maxDeferMs ?? 1000;
  }

  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        try {
          resolve(job());
        } catch (err) {
          reject(err);
        }
      };
      this.#jobs.push({ run, queuedAt: performance.now() });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#jobs.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const next = this.#jobs[0];
      if (next === undefined) return;
      const waited = performance.now() - next.queuedAt;
      if (this.#acksPending() && waited < this.#maxDeferMs) {
        // Let the pending requests through first; look again on a later turn.
        this.#scheduled = true;
        setTimeout(() => {
          this.#scheduled = false;
          this.#schedule();
        }, 1);
        return;
      }
      this.#jobs.shift();
      next.run();
      this.#schedule();
    });
  }
}
