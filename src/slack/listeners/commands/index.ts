import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { newsCommand } from './news.js';

export function register(app: App, deps: ListenerDeps): void {
  app.command('/news', newsCommand(deps));
}
