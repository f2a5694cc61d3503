import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { replyTo } from '../../../replies/reply.js';
import { queryFromQuestion } from '../../question.js';
import type { ListenerDeps } from '../deps.js';
import { handled } from '../handled.js';
import { renderContext } from '../render-context.js';

/** `@newsbot <question>` in a channel: a public answer in the thread of the mention. */
export function appMention(deps: ListenerDeps) {
  return async ({
    event,
    say,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    const query = queryFromQuestion(event.text);
    const threadTs = event.thread_ts ?? event.ts;
    await handled(
      deps,
      { kind: 'mention', user: event.user, channel: event.channel, query },
      async () => {
        const reply = await replyTo(deps.desk, query, 0, renderContext(deps, { buttons: false }));
        await say({ thread_ts: threadTs, ...reply.message });
        return reply.stories;
      },
      (message) => say({ thread_ts: threadTs, ...message }),
    );
  };
}
