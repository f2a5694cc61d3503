import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerMoreAction } from './more.js';
import { registerShareAction } from './share.js';

export function register(app: App, deps: ListenerDeps): void {
  registerMoreAction(app, deps);
  registerShareAction(app, deps);
}
