import type { SourcesCommandDeps } from '../../feeds/sources-command.js';
import type { Logger } from '../../logger.js';
import type { Newsroom } from '../../newsroom.js';
import type { RenderContext } from '../blocks/story.js';
import type { CpuQueue } from '../cpu-queue.js';
import { type Reply, replyTo } from '../reply.js';

/** What every listener needs, handed over once by `createSlackApp`. */
export interface ListenerDeps {
  newsroom: Newsroom;
  logger: Logger;
  /** Searches go through this so that acknowledgements are never queued behind them. */
  cpu: CpuQueue;
  /** Base of newsbot's own article pages, or null when it serves none. */
  publicBaseUrl: string | null;
  /** How answers to /news are posted: only to the asker, or to the whole channel. */
  newsReply: 'ephemeral' | 'in_channel';
  now: () => Date;
  /** `/news sources`: the feed poller and who may change it; null when feeds do not run here. */
  sources: SourcesCommandDeps | null;
}

function renderContext(deps: ListenerDeps, extra: Partial<RenderContext> = {}): RenderContext {
  return { now: deps.now(), publicBaseUrl: deps.publicBaseUrl, ...extra };
}

/** The reply to a query (help or a page of stories), computed on the CPU queue so acks never wait. */
export function queuedReply(
  deps: ListenerDeps,
  query: string,
  offset: number,
  extra: Partial<RenderContext> = {},
): Promise<Reply> {
  return deps.cpu.run(() => replyTo(deps.newsroom, query, offset, renderContext(deps, extra)));
}
