import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { replyTo } from '../../../replies/reply.js';
import { queryFromQuestion } from '../../question.js';
import type { ListenerDeps } from '../deps.js';
import { handled } from '../handled.js';
import { renderContext } from '../render-context.js';

/**
 * A direct message to the bot, answered like a mention (no thread needed). Messages in channels,
 * edits, deletions, other subtypes and messages from bots (our own replies included) are not
 * questions.
 */
export function directMessage(deps: ListenerDeps) {
  return async ({ message, say }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id !== undefined)
      return;
    const query = queryFromQuestion(message.text ?? '');
    await handled(
      deps,
      { kind: 'dm', user: message.user, channel: message.channel, query },
      async () => {
        const reply = await replyTo(deps.desk, query, 0, renderContext(deps, { buttons: false }));
        await say(reply.message);
        return reply.stories;
      },
      (text) => say(text),
    );
  };
}
