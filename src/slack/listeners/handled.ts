import { metrics } from '../../service/metrics.js';
import { renderError } from '../blocks/answer.js';
import type { SlackMessage } from '../blocks/types.js';
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
 * stories, ms), and on failure a friendly message to the user instead of silence. `work`
 * returns how many stories it showed.
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
  try {
    const stories = await work();
    deps.logger.info({ ...fields, stories, ms: Math.round(performance.now() - started) }, 'handled');
    metrics.requests.inc({ kind: info.kind, outcome: 'ok' });
    metrics.answerSeconds.observe({ kind: info.kind }, (performance.now() - started) / 1000);
  } catch (err) {
    metrics.requests.inc({ kind: info.kind, outcome: 'failed' });
    deps.logger.error({ ...fields, err, ms: Math.round(performance.now() - started) }, 'request failed');
    await tellUser(renderError(SORRY)).catch((tellErr: unknown) => {
      deps.logger.warn({ ...fields, err: tellErr }, 'could not tell the user about the failure');
    });
  }
}
