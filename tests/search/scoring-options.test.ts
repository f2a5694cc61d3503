import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { NewsIndex, type NewsIndexOptions } from '../../src/search/news-index.js';
import { parseQuery } from '../../src/search/query.js';
import { wireArticle } from './wire-article.js';

const NOW = Date.UTC(2025, 8, 10);

function article(id: string, title: string, paragraph: string): Article {
  return wireArticle(id, title, paragraph === '' ? [] : [paragraph]);
}

function scores(articles: Article[], query: string, options: Partial<NewsIndexOptions>): Map<string, number> {
  const index = new NewsIndex({ recency: null, ...options });
  for (const a of articles) index.add(a);
  const page = index.search(parseQuery(query, new Date(NOW)), NOW, { offset: 0, limit: 10 });
  return new Map(page.stories.map((s) => [s.articleIds[0] ?? '', s.score]));
}

describe('fieldScoring', () => {
  // One article: each field's length is its average, so length normalisation is 1 and the scores
  // can be worked out by hand (k 2, boosts title 1.5, lead 1.2, IDF of a word in 1 of 1 articles).
  const only = [article('a', 'Zeppelin', 'Zeppelin mooring')];
  const idf = Math.log(1 + 0.5 / 1.5);

  it("'sum' scores each field alone and adds the scores", () => {
    // Per field: boost × IDF × tf(k + 1) / (tf + k), with tf 1: boost × IDF.
    expect(scores(only, 'zeppelin', { fieldScoring: 'sum' }).get('a')).toBeCloseTo((1.5 + 1.2) * idf, 9);
  });

  it("'bm25f' adds the boosted frequencies and saturates once", () => {
    const tf = 1.5 + 1.2;
    expect(scores(only, 'zeppelin', { fieldScoring: 'bm25f' }).get('a')).toBeCloseTo(
      (idf * tf * 3) / (tf + 2),
      9,
    );
  });
});

describe('coordinationBy', () => {
  // "zeppelin" is in one article of six, "council" in five: an article missing the rare word
  // matched less of what the query is about than one missing the common word.
  const articles = [
    article('rare', 'Zeppelin hangar reopens', 'Visitors queue at the hangar.'),
    ...['one', 'two', 'three', 'four', 'five'].map((n) =>
      article(`common-${n}`, `Council meets on ${n} matters`, `The council agenda item ${n}.`),
    ),
  ];

  it("'count' gives both partial matches the same bonus; 'idf' favours the one holding the rare word", () => {
    const count = scores(articles, 'zeppelin council', { coordinationBy: 'count' });
    const idf = scores(articles, 'zeppelin council', { coordinationBy: 'idf' });
    const ratio = (id: string): number => (idf.get(id) ?? 0) / (count.get(id) ?? Number.NaN);
    expect(ratio('rare')).toBeGreaterThan(1);
    expect(ratio('common-one')).toBeLessThan(1);
  });

  it('changes nothing for an article holding every word', () => {
    const both = [...articles, article('both', 'Council backs zeppelin plan', 'The council met.')];
    const count = scores(both, 'zeppelin council', { coordinationBy: 'count' });
    const idf = scores(both, 'zeppelin council', { coordinationBy: 'idf' });
    expect(idf.get('both')).toBeCloseTo(count.get('both') ?? Number.NaN, 9);
  });
});
