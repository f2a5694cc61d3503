import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { NewsIndex } from '../../src/search/news-index.js';
import { parseQuery } from '../../src/search/query.js';

const NOW = new Date('2025-09-10T00:00:00.000Z');

function article(id: string, source: string, published: string | null, text: string): Article {
  return {
    id,
    title: `Report ${id}`,
    paragraphs: [text],
    published,
    source,
    url: null,
    credit: null,
    origin: `x.jsonl#${id}`,
    storyId: id,
  };
}

describe('the query filter', () => {
  const index = new NewsIndex({ recency: null });
  for (const a of [
    article('fresh-abc', 'ABC News', '2025-09-08', 'Flood warning for the river towns.'),
    article('fresh-abc-excluded', 'ABC News', '2025-09-09', 'Flood warning as the dam spills.'),
    article('old-abc', 'ABC News', '2025-08-01', 'Flood warning issued last month.'),
    article('fresh-other', 'Perth Now', '2025-09-09', 'Flood warning for the coast.'),
    article('undated-abc', 'ABC News', null, 'Flood warning without a date.'),
  ])
    index.add(a);

  it('lets through the same articles for a search and for newest-first listing', () => {
    const query = parseQuery('flood -dam source:abc since:2025-09-01', NOW);
    const searched = index
      .search(query, NOW.getTime(), { offset: 0, limit: 10 })
      .stories.flatMap((s) => s.articleIds);
    expect(searched).toEqual(['fresh-abc']);
    expect(index.newestFirst(query)).toEqual(['fresh-abc']);
  });

  it('leaves undated articles out of since: and keeps them otherwise, newest first', () => {
    const query = parseQuery('source:abc', NOW);
    expect(index.newestFirst(query)).toEqual(['fresh-abc-excluded', 'fresh-abc', 'old-abc', 'undated-abc']);
    expect(index.newestFirst(parseQuery('source:abc since:2025-01-01', NOW))).not.toContain('undated-abc');
  });
});
