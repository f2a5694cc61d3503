import type { Logger } from '../../logger.js';
import type { NewsDesk } from '../../newsroom/desk.js';
import type { RenderContext } from '../blocks/story.js';

/** What every listener needs, handed over once by `createSlackApp`. */
export interface ListenerDeps {
  /** The newsroom, asked asynchronously (a worker thread in `serve`). */
  desk: Pick<NewsDesk, 'answer' | 'latest'>;
  logger: Logger;
  /** Base of newsbot's own article pages, or null when it serves none. */
  publicBaseUrl: string | null;
  /** How answers to /news are posted: only to the asker, or to the whole channel. */
  newsReply: 'ephemeral' | 'in_channel';
  now: () => Date;
}

/** The rendering settings of one reply: now, the article page base, and the caller's extras. */
export function renderContext(deps: ListenerDeps, extra: Partial<RenderContext> = {}): RenderContext {
  return { now: deps.now(), publicBaseUrl: deps.publicBaseUrl, ...extra };
}
