import type { Article } from '../corpus/article.js';
import type { Newsroom } from '../newsroom/newsroom.js';
import type { ArticleSink } from './poller.js';

/** Longest stretch of indexing before other work (Slack answers) gets a turn. */
const TURN_MS = 8;

/**
 * The in-process newsroom behind the async sink the poller calls, adding a batch in turns so that
 * answers are not held up behind it. When the newsroom moves behind its async desk, the desk itself
 * is the sink (it has the same `add` and `remove`).
 */
export function newsroomSink(newsroom: Newsroom): ArticleSink {
  return {
    add: async (articles) => {
      const added: Array<Article | null> = [];
      let turn = performance.now();
      for (const article of articles) {
        added.push(newsroom.add(article));
        if (performance.now() - turn > TURN_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          turn = performance.now();
        }
      }
      return added;
    },
    remove: async (ids) => ids.filter((id) => newsroom.remove(id)).length,
  };
}
