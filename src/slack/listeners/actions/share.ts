import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_SHARE, parseActionValue } from '../../blocks/actions.js';
import { renderError } from '../../blocks/answer.js';
import { type ListenerDeps, queuedReply } from '../deps.js';
import { handled } from '../handled.js';
import { EXPIRED_BUTTON } from './more.js';

/** Errors meaning "the bot may not post here", as opposed to Slack or newsbot failing. */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

export const INVITE_ME =
  'I can only share to channels I am a member of. Add me with /invite @newsbot, then press Share again.';

function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * "Share to channel": the same stories posted publicly with "shared by @user". When the bot is
 * not in the channel, the user is told how to invite it.
 */
export function registerShareAction(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION_SHARE, async ({ ack, action, body, client, respond }) => {
    await ack();
    const value = parseActionValue(action.value ?? '');
    const channel = body.channel?.id ?? body.container.channel_id;
    if (value === null || typeof channel !== 'string') {
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderError(EXPIRED_BUTTON) });
      return;
    }
    const tellUser = (message: { text: string }) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await handled(
      deps,
      { kind: 'share', user: body.user.id, channel, query: value.q },
      async () => {
        const reply = await queuedReply(deps, value.q, value.offset, {
          buttons: false,
          sharedBy: body.user.id,
        });
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
  });
}
