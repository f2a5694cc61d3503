import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerNewsCommand } from './news.js';

export function register(app: App, deps: ListenerDeps): void {
  registerNewsCommand(app, deps);
}
