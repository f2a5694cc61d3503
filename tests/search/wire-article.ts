import type { Article } from '../../src/corpus/article.js';

/** An undated wire article that is its own story: what the scoring tests index. */
export function wireArticle(id: string, title: string, paragraphs: string[]): Article {
  return {
    id,
    title,
    paragraphs,
    published: null,
    source: 'Test Wire',
    url: null,
    credit: null,
    origin: `fixture#${id}`,
    storyId: id,
  };
}
