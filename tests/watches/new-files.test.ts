import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { InProcessDesk } from '../../src/newsroom/desk.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { syncArticles } from '../../src/store/articles.js';
import { type AddedArticle, ArticlesAddedHook } from '../../src/watches/articles-added.js';
import { newFileArticles } from '../../src/watches/start.js';
import { ENGINES, useEngine } from '../store/engines.js';

const e = useEngine(ENGINES[0] as (typeof ENGINES)[number]);
const file = (id: string) => ({
  id,
  title: `Drones story ${id}`,
  paragraphs: ['Drones over the border.'],
  published: null,
  source: 'Perth Now',
  url: null,
  credit: null,
  origin: `${id}.txt`,
});

describe('new files in the data folder reach the "articles added" hook', () => {
  it('announces files new since the last start, never the whole folder on a first start', async () => {
    const newsroom = Newsroom.fromArticles([file('a'), file('b')], { recency: null });
    const desk = new InProcessDesk(newsroom);
    const heard: AddedArticle[][] = [];
    const hook = new ArticlesAddedHook(createLogger('silent'));
    hook.subscribe(async (batch) => {
      heard.push(batch);
    });
    const sync = async () => {
      const ids: string[] = [];
      await syncArticles(e.db(), await desk.fingerprints(), new Date(), { newIds: ids });
      await hook.emit(await newFileArticles(desk, ids, new Date()));
    };
    await sync(); // first start: a back catalogue
    expect(heard).toEqual([]);
    newsroom.add(file('c'));
    await sync(); // a later start finds one new file
    expect(heard.map((b) => b.map((a) => a.article.id))).toEqual([['c']]);
    await sync(); // and only once
    expect(heard).toHaveLength(1);
  });

  it('keeps going when a listener fails', async () => {
    const hook = new ArticlesAddedHook(createLogger('silent'));
    let second = 0;
    hook.subscribe(async () => {
      throw new Error('boom');
    });
    hook.subscribe(async (batch) => {
      second += batch.length;
    });
    const article = { ...file('z'), storyId: 'z' };
    await hook.emit([{ article, seenAt: new Date() }]);
    expect(second).toBe(1);
  });
});
