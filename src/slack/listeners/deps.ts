import type { DigestCommandDeps } from '../../digest/start.js';
import type { SourcesCommandDeps } from '../../feeds/sources-command.js';
import type { Logger } from '../../logger.js';
import type { NewsDesk } from '../../newsroom/desk.js';
import type { WatchCommandDeps } from '../../watches/start.js';

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
  /** `/news digest …`: the store and the digest service; undefined where digests are off. */
  digest?: DigestCommandDeps | undefined;
  /** `/news watch …`: the store and the watch service; undefined where watches are off. */
  watch?: WatchCommandDeps | undefined;
  /** `/news sources`: the feed poller and who may change it; null when feeds do not run here. */
  sources: SourcesCommandDeps | null;
}
