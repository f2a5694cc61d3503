import type { App } from '@slack/bolt';
import { isHelpRequest, plainTextFromSlack } from '../../question.js';
import { type ListenerDeps, queuedReply } from '../deps.js';
import { handled } from '../handled.js';
import { digestCommand, isDigestCommand } from './digest.js';

/** `/news [query]`: help, or the first page of stories with More and Share buttons. */
export function registerNewsCommand(app: App, deps: ListenerDeps): void {
  app.command('/news', async ({ command, ack, respond }) => {
    await ack();
    const query = plainTextFromSlack(command.text).trim();
    if (isDigestCommand(query)) {
      const context = {
        channelId: command.channel_id,
        channelName: command.channel_name,
        userId: command.user_id,
      };
      await handled(
        deps,
        { kind: 'command', user: command.user_id, channel: command.channel_id, query },
        async () => {
          await respond({
            response_type: 'ephemeral',
            ...(await digestCommand(query, context, deps.digest)),
          });
          return 0;
        },
        (message) => respond({ response_type: 'ephemeral', ...message }),
      );
      return;
    }
    // Help is for the asker only; answers follow NEWS_REPLY.
    const responseType = isHelpRequest(query) ? 'ephemeral' : deps.newsReply;
    await handled(
      deps,
      { kind: 'command', user: command.user_id, channel: command.channel_id, query },
      async () => {
        const reply = await queuedReply(deps, query, 0, { buttons: true });
        await respond({ response_type: responseType, ...reply.message });
        return reply.stories;
      },
      (message) => respond({ response_type: 'ephemeral', ...message }),
    );
  });
}
