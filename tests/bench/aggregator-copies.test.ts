import { describe, expect, it } from 'vitest';
import { aggregatorCopy, COPY_KINDS } from '../../bench/aggregator-copies.js';
import { mulberry32 as randomFrom } from '../../bench/synthetic-corpus.js';
import type { ParsedArticle } from '../../src/corpus/article.js';
import { StoryGrouper } from '../../src/corpus/stories.js';

const PARAGRAPHS = [
  'Flood waters forced thousands of residents from their homes in Lismore on Monday night.',
  'The Wilsons River peaked at 12.1 metres, the second-highest level on record, officials said.',
  'Emergency crews made more than 200 rescues overnight as water entered the central business district.',
  'The state premier said disaster payments would open to affected residents from Wednesday morning.',
  'Forecasters expect further heavy rain across the Northern Rivers region later in the week.',
  'Residents who stayed described watching the water rise over their fences within an hour.',
];
const original: ParsedArticle = {
  id: 'flood',
  title: 'Thousands flee as Lismore floods again',
  paragraphs: PARAGRAPHS,
  published: null,
  source: 'BBC',
  url: null,
  credit: null,
  origin: 'flood.txt',
};
const UNRELATED = 'The treasurer delivered a budget that cut income taxes for middle earners from July.';

describe('aggregatorCopy', () => {
  const copies = Object.fromEntries(
    COPY_KINDS.map((kind) => [kind, aggregatorCopy(original, kind, UNRELATED, randomFrom(7))]),
  );

  it('makes each kind the way its name says', () => {
    expect(copies.shortened?.paragraphs).toEqual(PARAGRAPHS.slice(0, 2));
    expect(copies['first-paragraph']?.paragraphs).toEqual(PARAGRAPHS.slice(0, 1));
    expect(copies.reordered?.paragraphs[0]).toBe(PARAGRAPHS[0]);
    expect([...(copies.reordered?.paragraphs ?? [])].sort()).toEqual([...PARAGRAPHS].sort());
    expect(copies.reordered?.paragraphs).not.toEqual(PARAGRAPHS);
    expect(copies.retitled?.title).not.toBe(original.title);
    expect(copies.retitled?.paragraphs).toEqual(PARAGRAPHS);
    expect(copies['paragraph-added']?.paragraphs).toContain(UNRELATED);
    expect(copies.everything?.paragraphs).toContain(UNRELATED);
    expect(copies.everything?.title).not.toBe(original.title);
  });

  it('gives every copy its own id and outlet, and the same copies for the same seed', () => {
    const ids = Object.values(copies).map((c) => c.id);
    expect(new Set(ids).size).toBe(COPY_KINDS.length);
    expect(Object.values(copies).every((c) => c.source === 'Aggregator')).toBe(true);
    expect(aggregatorCopy(original, 'reordered', UNRELATED, randomFrom(7))).toEqual(copies.reordered);
  });

  it('makes copies the grouper can be scored on: the re-ordered copy joins its original', () => {
    const grouper = new StoryGrouper();
    const story = grouper.assign(original).storyId;
    expect(grouper.assign(copies.reordered as ParsedArticle).storyId).toBe(story);
  });
});
