import { describe, expect, it } from 'vitest';
import {
  collapseToStories,
  containsRun,
  coordinationFactor,
  recencyFactor,
} from '../../src/search/ranking.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 8, 10);

describe('recencyFactor', () => {
  const recency = { weight: 0.2, halfLifeDays: 3 };
  it('is 1 + weight for a fresh article, halves its extra every half-life, and 1 without a date', () => {
    expect(recencyFactor(NOW, NOW, recency)).toBeCloseTo(1.2);
    expect(recencyFactor(NOW - 3 * DAY, NOW, recency)).toBeCloseTo(1.1);
    expect(recencyFactor(NOW - 300 * DAY, NOW, recency)).toBeCloseTo(1);
    expect(recencyFactor(null, NOW, recency)).toBe(1);
    expect(recencyFactor(NOW, NOW, null)).toBe(1);
  });
  it('treats future dates as fresh, not fresher', () => {
    expect(recencyFactor(NOW + 10 * DAY, NOW, recency)).toBeCloseTo(1.2);
  });
});

describe('coordinationFactor', () => {
  it('rewards matching more of the query, and is neutral for one-word queries', () => {
    expect(coordinationFactor(1, 1, 0.5)).toBe(1);
    expect(coordinationFactor(3, 3, 0.5)).toBe(1);
    expect(coordinationFactor(1, 4, 0.5)).toBeCloseTo(0.5);
    expect(coordinationFactor(1, 4, 0)).toBe(1);
  });
});

describe('containsRun', () => {
  it('finds a contiguous run only', () => {
    expect(containsRun(['a', 'b', 'c'], ['b', 'c'])).toBe(true);
    expect(containsRun(['a', 'b', 'x', 'c'], ['b', 'c'])).toBe(false);
    expect(containsRun(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('collapseToStories', () => {
  it('keeps the first (best) article of each story and lists the others after it', () => {
    const story: Record<string, string> = { a: 's1', b: 's2', c: 's1' };
    const stories = collapseToStories(
      [
        { id: 'a', score: 3 },
        { id: 'b', score: 2 },
        { id: 'c', score: 1 },
      ],
      (id) => story[id] ?? id,
    );
    expect(stories).toEqual([
      { storyId: 's1', articleIds: ['a', 'c'], score: 3 },
      { storyId: 's2', articleIds: ['b'], score: 2 },
    ]);
  });
});
