/**
 * Counts the requests that have been (or are about to be) acknowledged and whose reply is not sent
 * yet, so that a shutdown can wait for them: Slack never resends an acknowledged request, so a
 * reply dropped at exit is lost for good.
 */
export class InFlight {
  #count = 0;
  #idle: (() => void)[] = [];
  readonly #onChange: ((count: number) => void) | undefined;

  constructor(onChange?: (count: number) => void) {
    this.#onChange = onChange;
  }

  get count(): number {
    return this.#count;
  }

  /** Runs `work` as one tracked request; the count drops when it settles, however it ends. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#count++;
    this.#onChange?.(this.#count);
    try {
      return await work();
    } finally {
      this.#count--;
      this.#onChange?.(this.#count);
      if (this.#count === 0) for (const resolve of this.#idle.splice(0)) resolve();
    }
  }

  /**
   * Resolves `true` once nothing is in flight, or `false` after `timeoutMs` with requests still
   * unfinished (the caller decides to give up on them).
   */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#idle = this.#idle.filter((r) => r !== done);
        resolve(false);
      }, timeoutMs);
      this.#idle.push(done);
    });
  }
}
