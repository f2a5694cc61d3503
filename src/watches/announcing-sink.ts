import type { ArticleSink } from '../feeds/poller.js';
import type { ArticlesAddedHook } from './articles-added.js';

/**
 * The feeds' sink, announcing what it added: the articles the poller marked fresh (new items, not
 * a new feed's back catalogue, not updates) go to the "articles added" hook once the desk has them.
 */
export function announcingSink(sink: ArticleSink, hook: ArticlesAddedHook, now: () => Date): ArticleSink {
  return {
    async add(articles, fresh) {
      const added = await sink.add(articles, fresh);
      const seenAt = now();
      const news = added.flatMap((a) => (a !== null && fresh?.has(a.id) ? [{ article: a, seenAt }] : []));
      await hook.emit(news);
      return added;
    },
    remove: (ids) => sink.remove(ids),
  };
}
