import type { Newsroom } from '../newsroom.js';
import type { ArticleSink } from './poller.js';

/**
 * The in-process newsroom behind the async sink the poller calls. When the newsroom moves behind
 * its async desk, the desk itself is the sink (it has the same `add` and `remove`).
 */
export function newsroomSink(newsroom: Newsroom): ArticleSink {
  return {
    add: async (articles) => articles.map((a) => newsroom.add(a)),
    remove: async (ids) => ids.filter((id) => newsroom.remove(id)).length,
  };
}
