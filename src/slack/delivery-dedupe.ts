import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { LRUCache } from 'lru-cache';

/**
 * Remembers keys for a while, with a bound on how many: enough to recognise Slack's redeliveries
 * (they come within minutes) without growing for ever. An LRU cache with a TTL does both.
 */
export class RecentKeys {
  readonly #seen: LRUCache<string, true>;

  /** `clock` (ms) is for tests; by default the cache's own. */
  constructor(ttlMs = 10 * 60_000, maxKeys = 10_000, clock?: () => number) {
    this.#seen = new LRUCache<string, true>({
      max: maxKeys,
      ttl: ttlMs,
      // Checked on every lookup against the clock, not rounded: a key is new again exactly at its TTL.
      ttlResolution: 0,
      ...(clock ? { perf: { now: clock } } : {}),
    });
  }

  /** True the first time a key is seen (within the TTL), false for every repeat. */
  firstSighting(key: string): boolean {
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, true);
    return true;
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
