import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAppMention } from './app-mention.js';
import { registerDirectMessage } from './direct-message.js';

export function register(app: App, deps: ListenerDeps): void {
  registerAppMention(app, deps);
  registerDirectMessage(app, deps);
}
