import type { RenderContext } from '../../block-kit/story.js';
import type { ListenerDeps } from './deps.js';

/** The rendering settings of one reply: now, the article page base, and the listener's extras. */
export function renderContext(deps: ListenerDeps, extra: Partial<RenderContext> = {}): RenderContext {
  return { now: deps.now(), publicBaseUrl: deps.publicBaseUrl, ...extra };
}
