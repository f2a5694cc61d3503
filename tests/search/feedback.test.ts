import { describe, expect, it } from 'vitest';
import type { ParsedArticle } from '../../src/corpus/article.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';
import { feedbackTerms } from '../../src/search/feedback.js';
import { DEFAULT_INDEX_OPTIONS } from '../../src/search/news-index.js';

const NOW = new Date('2025-09-10T12:00:00.000Z');

describe('feedbackTerms (the relevance model of the best articles)', () => {
  const idf = (): number => 1;

  it('takes the words the feedback articles share, leaves out the query terms, numbers and short words', () => {
    const terms = feedbackTerms(
      ['Zeppelin hangar opens at the airfield 2025', 'The zeppelin hangar was built by the airfield trust'],
      [2, 1],
      ['airfield'],
      { terms: 2, weight: 0.4 },
      idf,
    );
    expect(terms.map((t) => t.term)).toEqual(['hangar', 'zeppelin']);
  });

  it('weighs the feedback words together as λ of the interpolated query (the query terms weigh 1 each)', () => {
    const terms = feedbackTerms(
      ['alpha beta gamma delta'],
      [1],
      ['alpha', 'beta'],
      { terms: 5, weight: 0.4 },
      idf,
    );
    const total = terms.reduce((sum, t) => sum + t.weight, 0);
    // (1 - λ) · 2 query terms ↔ λ · feedback: 2 · 0.4 / 0.6.
    expect(total).toBeCloseTo((2 * 0.4) / 0.6, 6);
  });

  it('prefers words rare in the collection to words common everywhere', () => {
    const rarity = (term: string): number => (term === 'week' ? 0.1 : 2);
    const terms = feedbackTerms(['week week week zeppelin'], [1], [], { terms: 1, weight: 0.4 }, rarity);
    expect(terms[0]?.term).toBe('zeppelin');
  });

  it('gives nothing with no weight, no terms or no positive score', () => {
    expect(feedbackTerms(['alpha beta'], [1], [], { terms: 5, weight: 0 }, idf)).toEqual([]);
    expect(feedbackTerms(['alpha beta'], [1], [], { terms: 0, weight: 0.4 }, idf)).toEqual([]);
    expect(feedbackTerms(['alpha beta'], [0], [], { terms: 5, weight: 0.4 }, idf)).toEqual([]);
  });
});

let counter = 0;
function article(title: string, paragraphs: string[]): ParsedArticle {
  counter++;
  return {
    id: `f${counter}`,
    title,
    paragraphs,
    published: null,
    source: 'Daily Planet',
    url: null,
    credit: null,
    origin: `fixture.jsonl#${counter}`,
  };
}

// Three articles clearly about the query, sharing the story's other words (zeppelin, hangar); two
// that mention one query word, the one off the topic twice; and one on the topic with no query word. Fillers keep the articles apart for story grouping.
function fixtures(): ParsedArticle[] {
  counter = 0;
  return [
    article('Airfield council approves airship mooring', [
      'The airfield council approved the airship mooring beside the zeppelin hangar.',
      'The zeppelin hangar will house the airship.',
    ]),
    article('Airship mooring at the airfield: council vote', [
      'The council voted for an airship mooring at the airfield, where the zeppelin hangar stands.',
      'Work on the zeppelin hangar starts in May.',
    ]),
    article('Council says airfield airship mooring can go ahead', [
      'An airship mooring was approved for the airfield by the council, with the zeppelin hangar next to it.',
      'The zeppelin hangar dates from 1930.',
    ]),
    article('Heritage trust reopens the zeppelin hangar', [
      'The trust said the old zeppelin hangar would reopen to visitors beside the council offices in spring.',
    ]),
    article('Heritage trust reopens the velvet museum', [
      'The trust said the old velvet museum would reopen beside the council offices, the council said.',
    ]),
    article('Zeppelin hangar tours sell out', [
      'Tickets for hangar tours on the zeppelin sold out in a day.',
    ]),
  ];
}

function ids(feedback: Partial<typeof DEFAULT_INDEX_OPTIONS.feedback>, query: string): string[] {
  const index = { recency: null, feedback: { ...DEFAULT_INDEX_OPTIONS.feedback, documents: 3, ...feedback } };
  const newsroom = Newsroom.fromArticles(fixtures(), { now: () => NOW, index });
  return newsroom.answer(query).stories.map((s) => s.article.id);
}

describe('pseudo-relevance feedback in a search (turned on with documents: 3)', () => {
  const query = 'council airship mooring';

  it('ranks a partial match on the topic of the best articles above one off it', () => {
    const withFeedback = ids({}, query);
    expect(withFeedback.slice(3)).toEqual(['f4', 'f5']);
    // Without feedback, BM25 prefers the article saying "council" twice.
    expect(ids({ documents: 0 }, query).slice(3)).toEqual(['f5', 'f4']);
  });

  it('never brings in an article that holds no word of the query', () => {
    expect(ids({}, query)).not.toContain('f6');
  });

  it('is off by default', () => {
    const newsroom = Newsroom.fromArticles(fixtures(), { now: () => NOW, index: { recency: null } });
    expect(newsroom.answer('council airship mooring').stories.map((s) => s.article.id)).toEqual(
      ids({ documents: 0 }, 'council airship mooring'),
    );
  });

  it('leaves queries shorter than minQueryTerms as typed', () => {
    expect(ids({}, 'council heritage')).toEqual(ids({ documents: 0 }, 'council heritage'));
  });
});
