import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseActionValue } from '../../../block-kit/actions.js';
import { renderError } from '../../../replies/answer-blocks.js';
import { replyTo } from '../../../replies/reply.js';
import { slackErrorCode } from '../../web-api-errors.js';
import type { ListenerDeps } from '../deps.js';
import { handled } from '../handled.js';
import { renderContext } from '../render-context.js';
import { tellButtonExpired } from './expired-button.js';

/** Errors meaning "the bot may not post here", as opposed to Slack or newsbot failing. */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

export const INVITE_ME =
  'I can only share to channels I am a member of. Add me with /invite @newsbot, then press Share again.';

/**
 * "Share to channel": the same stories posted publicly with "shared by @user". When the bot is
 * not in the channel, the user is told how to invite it.
 */
export function shareAction(deps: ListenerDeps) {
  return async ({
    ack,
    action,
    body,
    client,
    respond,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> => {
    await ack();
    const value = parseActionValue(action.value ?? '');
    const channel = body.channel?.id ?? body.container.channel_id;
    if (value === null || typeof channel !== 'string') {
      await tellButtonExpired(respond);
      return;
    }
    const tellUser = (message: { text: string }) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    const ctx = renderContext(deps, { buttons: false, sharedBy: body.user.id });
    await handled(
      deps,
      { kind: 'share', user: body.user.id, channel, query: value.q },
      async () => {
        const reply = await replyTo(deps.desk, value.q, value.offset, ctx);
        try {
          await client.chat.postMessage({ channel, ...reply.message });
        } catch (err) {
          const code = slackErrorCode(err);
          if (code === undefined || !NOT_A_MEMBER.has(code)) throw err;
          await tellUser(renderError(INVITE_ME));
          return 0;
        }
        return reply.stories;
      },
      tellUser,
    );
  };
}
