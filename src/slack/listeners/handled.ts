import type { SlackMessage } from '../../block-kit/types.js';
import { renderError } from '../../replies/answer-blocks.js';
import { unavailableMessage } from '../../replies/unavailable.js';
import { metrics } from '../../service/metrics.js';
import type { ListenerDeps } from './deps.js';

export interface RequestInfo {
  kind: 'command' | 'mention' | 'dm' | 'more' | 'share';
  user: string | undefined;
  channel: string | undefined;
  /** What was searched for: logged at debug level only, it can be personal. */
  query: string;
}

const SORRY = 'Sorry, something went wrong while looking that up. Please try again in a moment.';

/**
 * Runs one request's work after the ack: one log line when it is done (kind, user, channel,
 * stories, ms), and on failure a message to the user instead of silence: "still loading" or
 * "restarting" when the newsroom cannot answer yet, an apology otherwise. `work` returns how
 * many stories it showed.
 */
export async function handled(
  deps: ListenerDeps,
  info: RequestInfo,
  work: () => Promise<number>,
  tellUser: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  const started = performance.now();
  const { query, ...fields } = info;
  deps.logger.debug({ ...fields, query }, 'request');
  let message: string;
  try {
    const stories = await work();
    deps.logger.info({ ...fields, stories, ms: Math.round(performance.now() - started) }, 'handled');
    metrics.requests.inc({ kind: info.kind, outcome: 'ok' });
    metrics.answerSeconds.observe({ kind: info.kind }, (performance.now() - started) / 1000);
    return;
  } catch (err) {
    const unavailable = unavailableMessage(err);
    const ms = Math.round(performance.now() - started);
    metrics.requests.inc({ kind: info.kind, outcome: unavailable === null ? 'failed' : 'unavailable' });
    if (unavailable === null) deps.logger.error({ ...fields, err, ms }, 'request failed');
    else deps.logger.info({ ...fields, ms, reason: (err as Error).name }, 'newsroom not ready');
    message = unavailable ?? SORRY;
  }
  await tellUser(renderError(message)).catch((tellErr: unknown) => {
    deps.logger.warn({ ...fields, err: tellErr }, 'could not tell the user about the failure');
  });
}
