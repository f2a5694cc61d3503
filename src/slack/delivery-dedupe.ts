import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Remembers keys for a while, with a bound on how many: enough to recognise Slack's redeliveries
 * (they come within minutes) without growing for ever.
 */
export class RecentKeys {
  readonly #seenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** True the first time a key is seen (within the TTL), false for every repeat. */
  firstSighting(key: string, now = Date.now()): boolean {
    this.#evict(now);
    if (this.#seenAt.has(key)) return false;
    this.#seenAt.set(key, now);
    if (this.#seenAt.size > this.maxKeys) {
      const oldest = this.#seenAt.keys().next().value;
      if (oldest !== undefined) this.#seenAt.delete(oldest);
    }
    return true;
  }

  #evict(now: number): void {
    // Insertion order is arrival order, so expired keys are all at the front.
    for (const [key, at] of this.#seenAt) {
      if (now - at < this.ttlMs) break;
      this.#seenAt.delete(key);
    }
  }
}

/**
 * What identifies one delivery across Slack's retries: the event id for Events API callbacks,
 * the trigger id for slash commands and button clicks. Null when the body carries neither.
 */
export function deliveryKey(body: Record<string, unknown>): string | null {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string') return `trigger:${body.trigger_id}`;
  return null;
}

/**
 * Global middleware: a redelivered event, command or action is acknowledged (so Slack stops
 * retrying) and dropped, so one request gets exactly one reply however often it arrives.
 */
export function dropRedeliveries(recent: RecentKeys): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = deliveryKey(args.body as Record<string, unknown>);
    if (key === null || recent.firstSighting(key)) {
      await args.next();
      return;
    }
    args.logger.debug(`dropped a redelivery of ${key}`);
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}
