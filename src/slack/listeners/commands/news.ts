import type { App } from '@slack/bolt';
import { isSourcesCommand } from '../../../feeds/sources-command.js';
import { isHelpRequest, plainTextFromSlack } from '../../question.js';
import { type ListenerDeps, queuedReply } from '../deps.js';
import { handled } from '../handled.js';
import { sourcesCommand } from './sources.js';

/** `/news [query]`: help, or the first page of stories with More and Share buttons. */
export function registerNewsCommand(app: App, deps: ListenerDeps): void {
  app.command('/news', async ({ command, ack, respond }) => {
    await ack();
    const query = plainTextFromSlack(command.text).trim();
    // Help is for the asker only; answers follow NEWS_REPLY.
    const responseType = isHelpRequest(query) ? 'ephemeral' : deps.newsReply;
    await handled(
      deps,
      { kind: 'command', user: command.user_id, channel: command.channel_id, query },
      async () => {
        if (isSourcesCommand(query)) return sourcesCommand(query, command.user_id, deps.sources, respond);
        const reply = await queuedReply(deps, query, 0, { buttons: true });
        await respond({ response_type: responseType, ...reply.message });
        return reply.stories;
      },
      (message) => respond({ response_type: 'ephemeral', ...message }),
    );
  });
}
