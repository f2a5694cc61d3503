import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_MORE, parseActionValue } from '../../blocks/actions.js';
import { renderError } from '../../blocks/answer.js';
import { type ListenerDeps, queuedReply } from '../deps.js';
import { handled } from '../handled.js';

export const EXPIRED_BUTTON = 'That button no longer works. Run /news again for a fresh answer.';

/** "More": the next page of the same query, replacing the message the button was on. */
export function registerMoreAction(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION_MORE, async ({ ack, action, body, respond }) => {
    await ack();
    const value = parseActionValue(action.value ?? '');
    if (value === null) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderError(EXPIRED_BUTTON) });
      return;
    }
    await handled(
      deps,
      { kind: 'more', user: body.user.id, channel: body.channel?.id, query: value.q },
      async () => {
        const reply = await queuedReply(deps, value.q, value.offset, { buttons: true });
        await respond({ replace_original: true, ...reply.message });
        return reply.stories;
      },
      (message) => respond({ response_type: 'ephemeral', replace_original: false, ...message }),
    );
  });
}
