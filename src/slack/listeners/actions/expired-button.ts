import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { renderError } from '../../../replies/answer-blocks.js';
import type { ListenerDeps } from '../deps.js';

export const EXPIRED_BUTTON = 'That button no longer works. Run /news again for a fresh answer.';

/** Tells the presser that a button is stale: its value no longer reads, or its action is unknown. */
export async function tellButtonExpired(respond: SlackActionMiddlewareArgs['respond']): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, ...renderError(EXPIRED_BUTTON) });
}

/** A press of a button newsbot no longer has (an old message, another release): say so at once. */
export function expiredButton(deps: ListenerDeps) {
  return async ({ ack, action, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    deps.logger.info({ actionId: 'action_id' in action ? action.action_id : undefined }, 'unknown button');
    await tellButtonExpired(respond);
  };
}
