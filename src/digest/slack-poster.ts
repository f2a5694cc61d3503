import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../block-kit/types.js';
import type { Logger } from '../logger.js';
import type { Clock } from './clock.js';
import { PERMANENT_ERRORS } from './subscriptions.js';

/**
 * How a post ended. `permanent`: the conversation cannot take posts (counts towards the pause);
 * `day`: this message will not go today (e.g. Slack refused its content); `passing`: try again later.
 */
export type PostOutcome =
  | { ok: true; ts: string }
  | { ok: false; error: string; kind: 'permanent' | 'day' | 'passing' };

export interface DigestPoster {
  /** `threadTs`: a reply in that message's thread (watches' follow-ups). */
  post(channel: string, message: SlackMessage, hooks?: PostHooks, threadTs?: string): Promise<PostOutcome>;
}

export interface PostHooks {
  /** Called before waiting out a rate limit, with the wait in ms (the caller extends its claim). */
  beforeWait?: (ms: number) => Promise<void>;
  /** Aborts a rate-limit wait (shutdown); the post then ends as `passing`. */
  signal?: AbortSignal;
}

/** Slack errors that say "try later", not "this will never work". */
const PASSING_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);
const MAX_RATE_LIMIT_WAITS = 5;

interface SlackError {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
}

/**
 * Posts digests with `chat.postMessage` (links and media not unfurled). A 429 is waited out for
 * its Retry-After, and every post from this instance holds back meanwhile (Slack's limits are per
 * app and workspace, not per call). The client must reject rate-limited calls so that the wait is
 * ours: on the digest clock and abortable.
 */
export class SlackDigestPoster implements DigestPoster {
  readonly #client: webApi.WebClient;
  readonly #clock: Clock;
  readonly #log: Logger;
  #pausedUntil = 0;

  constructor(client: webApi.WebClient, clock: Clock, logger: Logger) {
    this.#client = client;
    this.#clock = clock;
    this.#log = logger.child({ component: 'digest' });
  }

  async post(
    channel: string,
    message: SlackMessage,
    hooks: PostHooks = {},
    threadTs?: string,
  ): Promise<PostOutcome> {
    for (let waits = 0; ; waits++) {
      const holdMs = this.#pausedUntil - this.#clock.now().getTime();
      if (holdMs > 0) await this.#wait(holdMs, hooks);
      if (hooks.signal?.aborted) return { ok: false, error: 'shutting down', kind: 'passing' };
      try {
        const res = await this.#client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
          unfurl_links: false,
          unfurl_media: false,
        });
        return { ok: true, ts: String(res.ts) };
      } catch (err) {
        const e = err as SlackError;
        if (e.code === 'slack_webapi_rate_limited_error' && waits < MAX_RATE_LIMIT_WAITS) {
          const ms = Math.max(1, e.retryAfter ?? 1) * 1000;
          this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now().getTime() + ms);
          this.#log.warn({ channel, retryAfterSeconds: ms / 1000 }, 'Slack rate limit: waiting');
          continue;
        }
        return classify(e);
      }
    }
  }

  async #wait(ms: number, hooks: PostHooks): Promise<void> {
    await hooks.beforeWait?.(ms);
    await this.#clock.sleep(ms, hooks.signal);
  }
}

function classify(e: SlackError): PostOutcome & { ok: false } {
  if (e.code === 'slack_webapi_rate_limited_error')
    return { ok: false, error: 'ratelimited', kind: 'passing' };
  const error = e.data?.error;
  if (e.code === 'slack_webapi_platform_error' && error) {
    if (PERMANENT_ERRORS.has(error)) return { ok: false, error, kind: 'permanent' };
    return { ok: false, error, kind: PASSING_ERRORS.has(error) ? 'passing' : 'day' };
  }
  // Transport and HTTP errors (Slack unreachable, 5xx): try again later.
  const status = e.statusCode ? `HTTP ${e.statusCode}` : (e as Error).message || 'request failed';
  return { ok: false, error: status, kind: 'passing' };
}
