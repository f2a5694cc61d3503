import type { App } from '@slack/bolt';
import { queryFromQuestion } from '../../question.js';
import { replyTo } from '../../reply.js';
import { type ListenerDeps, renderContext } from '../deps.js';
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
        const reply = await deps.cpu.run(() =>
          replyTo(deps.newsroom, query, 0, renderContext(deps, { buttons: false })),
        );
        await say({ thread_ts: threadTs, ...reply.message });
        return reply.stories;
      },
      (message) => say({ thread_ts: threadTs, ...message }),
    );
  });
}
