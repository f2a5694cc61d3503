import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseActionValue } from '../../../block-kit/actions.js';
import { replyTo } from '../../../replies/reply.js';
import type { ListenerDeps } from '../deps.js';
import { handled } from '../handled.js';
import { renderContext } from '../render-context.js';
import { tellButtonExpired } from './expired-button.js';

/** "More": the next page of the same query, replacing the message the button was on. */
export function moreAction(deps: ListenerDeps) {
  return async ({
    ack,
    action,
    body,
    respond,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> => {
    await ack();
    const value = parseActionValue(action.value ?? '');
    if (value === null) {
      await tellButtonExpired(respond);
      return;
    }
    const ctx = renderContext(deps, { buttons: true, shareButton: deps.newsReply === 'ephemeral' });
    await handled(
      deps,
      { kind: 'more', user: body.user.id, channel: body.channel?.id, query: value.q },
      async () => {
        const reply = await replyTo(deps.desk, value.q, value.offset, ctx);
        await respond({ replace_original: true, ...reply.message });
        return reply.stories;
      },
      (message) => respond({ response_type: 'ephemeral', replace_original: false, ...message }),
    );
  };
}
