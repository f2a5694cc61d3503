import type { SlackMessage } from '../../../block-kit/types.js';
import { answerSourcesCommand, type SourcesCommandDeps } from '../../../feeds/sources-command.js';
import { renderSourcesNotice } from '../../../feeds/sources-reply.js';

/**
 * `/news sources …`, called by the /news command when its text starts with "sources". Always
 * ephemeral: the list and the admin answers are for the asker. Without feeds (no poller), the
 * reply says how to set them up.
 */
export async function sourcesCommand(
  query: string,
  userId: string,
  deps: SourcesCommandDeps | null,
  respond: (message: SlackMessage & { response_type: 'ephemeral' }) => Promise<unknown>,
): Promise<number> {
  const message =
    deps === null
      ? renderSourcesNotice('Live sources are not running in this process.')
      : await answerSourcesCommand(query, userId, deps);
  await respond({ response_type: 'ephemeral', ...message });
  return 0;
}
