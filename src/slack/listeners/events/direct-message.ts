import type { App } from '@slack/bolt';
import { queryFromQuestion } from '../../question.js';
import { type ListenerDeps, queuedReply } from '../deps.js';
import { handled } from '../handled.js';

/**
 * A direct message to the bot, answered like a mention (no thread needed). Edits, deletions,
 * other subtypes and messages from bots (our own replies included) are not questions.
 */
export function registerDirectMessage(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, say }) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id !== undefined) return;
    const query = queryFromQuestion(event.text ?? '');
    await handled(
      deps,
      { kind: 'dm', user: event.user, channel: event.channel, query },
      async () => {
        const reply = await queuedReply(deps, query, 0, { buttons: false });
        await say(reply.message);
        return reply.stories;
      },
      (message) => say(message),
    );
  });
}
