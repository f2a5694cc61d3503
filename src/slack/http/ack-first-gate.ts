export interface AckFirstGateOptions {
  /** How long no request may have come in before a burst counts as over. */
  quietMs: number;
  /** The longest one piece of work is held back, so replies keep flowing under a steady flood. */
  maxDeferMs: number;
  /** The clock (ms). Default: `performance.now()`. */
  nowMs?: () => number;
}

interface Waiter {
  release: () => void;
  deadline: number;
}

/**
 * Holds the work behind acks (Bolt's middleware and listeners, asking the newsroom, replying)
 * until a burst of requests has been acknowledged: {@link clear} resolves once no request read is
 * still without its answer *and* none has come in for `quietMs`. Without the quiet period, work
 * slipped into every gap between two requests of a burst (the thread is quicker than the network),
 * and the last acks of the burst waited behind it. No work waits more than `maxDeferMs`.
 */
export class AckFirstGate {
  readonly #quietMs: number;
  readonly #maxDeferMs: number;
  readonly #now: () => number;
  #unanswered = 0;
  #lastArrival = Number.NEGATIVE_INFINITY;
  #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | null = null;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(options: AckFirstGateOptions) {
    this.#quietMs = options.quietMs;
    this.#maxDeferMs = options.maxDeferMs;
    this.#now = options.nowMs ?? (() => performance.now());
  }

  /** A request came in: its answer is due. */
  arrived(): void {
    this.#unanswered++;
    this.#lastArrival = this.#now();
  }

  /** A request that {@link arrived} has its answer (or its connection closed). */
  answered(): void {
    this.#unanswered--;
    this.#check();
  }

  /** Requests read and not yet answered. */
  get unanswered(): number {
    return this.#unanswered;
  }

  /** Resolves when the acks are all out and the requests have stopped coming, or after `maxDeferMs`. */
  async clear(): Promise<void> {
    // Requests already waiting to be read get to say they arrived first.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#calm(this.#now())) return;
    await new Promise<void>((release) => {
      this.#waiters.push({ release, deadline: this.#now() + this.#maxDeferMs });
      this.#check();
    });
  }

  #calm(now: number): boolean {
    return this.#unanswered === 0 && now - this.#lastArrival >= this.#quietMs;
  }

  /** Releases whoever may go now, and sets the timer for the next moment someone may. */
  #check(): void {
    if (this.#waiters.length === 0) return;
    const now = this.#now();
    if (this.#calm(now)) {
      for (const waiter of this.#waiters.splice(0)) waiter.release();
      this.#setTimer(Number.POSITIVE_INFINITY);
      return;
    }
    // Waiters queue in arrival order, so their deadlines are in order too.
    while ((this.#waiters[0]?.deadline ?? Number.POSITIVE_INFINITY) <= now) this.#waiters.shift()?.release();
    const nextDeadline = this.#waiters[0]?.deadline ?? Number.POSITIVE_INFINITY;
    // Unanswered requests call answered() themselves; otherwise wake when the quiet period ends.
    const quietAt = this.#unanswered === 0 ? this.#lastArrival + this.#quietMs : Number.POSITIVE_INFINITY;
    this.#setTimer(Math.min(quietAt, nextDeadline));
  }

  #setTimer(at: number): void {
    if (at === this.#timerAt) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = at;
    if (at === Number.POSITIVE_INFINITY) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#check();
      },
      Math.max(0, Math.ceil(at - this.#now())),
    );
  }
}
