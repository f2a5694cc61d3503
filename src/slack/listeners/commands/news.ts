import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isSourcesCommand } from '../../../feeds/sources-command.js';
import { isHelpRequest, replyTo } from '../../../replies/reply.js';
import { plainTextFromSlack } from '../../question.js';
import type { ListenerDeps } from '../deps.js';
import { handled } from '../handled.js';
import { renderContext } from '../render-context.js';
import { digestCommand, isDigestCommand } from './digest.js';
import { sourcesCommand } from './sources.js';
import { isWatchCommand, watchCommand } from './watch.js';

/** `/news [query]`: help, or the first page of stories with More and Share buttons. */
export function newsCommand(deps: ListenerDeps) {
  return async ({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    const query = plainTextFromSlack(command.text).trim();
    if (isDigestCommand(query) || isWatchCommand(query)) {
      const context = {
        channelId: command.channel_id,
        channelName: command.channel_name,
        userId: command.user_id,
      };
      await handled(
        deps,
        { kind: 'command', user: command.user_id, channel: command.channel_id, query },
        async () => {
          const reply = isWatchCommand(query)
            ? await watchCommand(query, context, deps.watch)
            : await digestCommand(query, context, deps.digest);
          await respond({ response_type: 'ephemeral', ...reply });
          return 0;
        },
        (message) => respond({ response_type: 'ephemeral', ...message }),
      );
      return;
    }
    // Help is for the asker only; answers follow NEWS_REPLY.
    const responseType = isHelpRequest(query) ? 'ephemeral' : deps.newsReply;
    // A public answer is already in the channel: no button to share it again.
    const buttons = { buttons: true, shareButton: responseType === 'ephemeral' };
    await handled(
      deps,
      { kind: 'command', user: command.user_id, channel: command.channel_id, query },
      async () => {
        if (isSourcesCommand(query)) return sourcesCommand(query, command.user_id, deps.sources, respond);
        const reply = await replyTo(deps.desk, query, 0, renderContext(deps, buttons));
        await respond({ response_type: responseType, ...reply.message });
        return reply.stories;
      },
      (message) => respond({ response_type: 'ephemeral', ...message }),
    );
  };
}
