import type { App } from '@slack/bolt';
import { queryFromQuestion } from '../../question.js';
import { type ListenerDeps, queuedReply } from '../deps.js';
import { handled } from '../handled.js';

/** `@newsbot <question>` in a channel: a public answer in the thread of the mention. */
export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, say }) => {
    const query = queryFromQuestion(event.text);
    const threadTs = event.thread_ts ?? event.ts;
    await handled(
      deps,
      { kind: 'mention', user: event.user, channel: event.channel, query },
      async () => {
        const reply = await queuedReply(deps, query, 0, { buttons: false });
        await say({ thread_ts: threadTs, ...reply.message });
        return reply.stories;
      },
      (message) => say({ thread_ts: threadTs, ...message }),
    );
  });
}
