import type { App } from '@slack/bolt';
import { register as registerActions } from './actions/index.js';
import { register as registerCommands } from './commands/index.js';
import type { ListenerDeps } from './deps.js';
import { register as registerEvents } from './events/index.js';
import { register as registerMessages } from './messages/index.js';

/** Every route of the app: each folder's index.ts binds its triggers to one-file callbacks. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerMessages(app, deps);
  registerActions(app, deps);
}
