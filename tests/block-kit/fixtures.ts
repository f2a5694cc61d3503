import type { Answer, QueryUnderstanding, StoryResult } from '../../src/answer-types.js';
import type { Article } from '../../src/corpus/article.js';

/** 10:30 UTC on 9 Sep 2025: the "now" every rendering test uses. */
export const NOW = new Date('2025-09-09T10:30:00.000Z');

export function makeArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: 'abc-001',
    title: 'Bushfire threatens homes near Perth',
    paragraphs: ['A bushfire is threatening homes in the hills east of Perth.'],
    published: '2025-09-09T08:30:00.000Z',
    source: 'ABC News',
    url: 'https://www.abc.net.au/news/bushfire-perth',
    credit: null,
    origin: 'articles/abc/bushfire.md',
    storyId: 'story-1',
    ...overrides,
  };
}

export function makeStory(overrides: Partial<StoryResult> = {}, article: Partial<Article> = {}): StoryResult {
  const a = makeArticle(article);
  return {
    storyId: a.storyId,
    article: a,
    passage: {
      text: 'A bushfire is threatening homes in the hills east of Perth.',
      highlights: [{ start: 2, end: 10 }],
    },
    alsoReportedBy: [],
    articleIds: [a.id],
    score: 1,
    ...overrides,
  };
}

export function understanding(overrides: Partial<QueryUnderstanding> = {}): QueryUnderstanding {
  return { words: [], phrases: [], excluded: [], since: null, sources: [], warnings: [], ...overrides };
}

export function makeAnswer(overrides: Partial<Answer> = {}): Answer {
  const stories = overrides.stories ?? [makeStory()];
  return {
    query: 'bushfire',
    understood: understanding({ words: ['bushfire'] }),
    total: stories.length,
    offset: 0,
    stories,
    suggestions: [],
    ...overrides,
  };
}

/** `count` distinct stories, numbered from 1, each with its own id, title and URL. */
export function manyStories(count: number): StoryResult[] {
  return Array.from({ length: count }, (_, i) =>
    makeStory(
      {},
      {
        id: `id-${i + 1}`,
        storyId: `story-${i + 1}`,
        title: `Story number ${i + 1}`,
        url: `https://example.com/${i + 1}`,
      },
    ),
  );
}
