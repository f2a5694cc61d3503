import type { App, BlockAction } from '@slack/bolt';
import { ACTION_MORE, ACTION_SHARE } from '../../../block-kit/actions.js';
import type { ListenerDeps } from '../deps.js';
import { expiredButton } from './expired-button.js';
import { moreAction } from './more.js';
import { shareAction } from './share.js';

/** Any button this version of newsbot does not know (from an older or newer release). */
const UNKNOWN_ACTION = new RegExp(`^(?!(?:${ACTION_MORE}|${ACTION_SHARE})$)`);

export function register(app: App, deps: ListenerDeps): void {
  app.action(ACTION_MORE, moreAction(deps));
  app.action(ACTION_SHARE, shareAction(deps));
  app.action<BlockAction>({ type: 'block_actions', action_id: UNKNOWN_ACTION }, expiredButton(deps));
}
