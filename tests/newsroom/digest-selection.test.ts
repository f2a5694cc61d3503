import { describe, expect, it } from 'vitest';
import { selectDigest } from '../../src/newsroom/digest-selection.js';
import { article, newsroomOf } from '../digest/helpers.js';

const NOW = new Date('2026-11-24T09:00:00Z');
const SINCE = new Date(NOW.getTime() - 24 * 3600_000);
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();
const query = (over: Partial<Parameters<typeof selectDigest>[1]> = {}) => ({
  topics: '',
  since: SINCE,
  now: NOW,
  size: 8,
  firstSeen: new Map<string, number>(),
  ...over,
});

describe('selectDigest', () => {
  const room = newsroomOf([
    // Story 0 from three outlets (same text, different sources and ids).
    article(0, { published: hoursAgo(10), source: 'Daily Planet' }, 1),
    article(0, { published: hoursAgo(9), source: 'Gotham Gazette' }, 2),
    article(0, { published: hoursAgo(8), source: 'Metropolis Star' }, 3),
    // Story 1 from two outlets.
    article(1, { published: hoursAgo(20), source: 'Daily Planet' }, 4),
    article(1, { published: hoursAgo(20), source: 'Gotham Gazette' }, 5),
    // Stories 2 and 3 from one outlet each: 3 is newer.
    article(2, { published: hoursAgo(5) }, 6),
    article(3, { published: hoursAgo(1) }, 7),
    // Too old, and undated (first seen decides).
    article(4, { published: hoursAgo(30) }, 8),
    article(5, { published: null }, 9),
  ]);

  it('ranks by outlets, then recency; one entry per story', () => {
    const s = selectDigest(room, query());
    expect(s.stories.map((x) => [x.article.title, x.outlets])).toEqual([
      ['Bushfire report 0', 3],
      ['Election report 1', 2],
      ['Drought report 3', 1],
      ['Rates report 2', 1],
    ]);
    expect(s.total).toBe(4);
    // The newest article stands for the story; the others are "also reported by".
    expect(s.stories[0]?.article.source).toBe('Metropolis Star');
    expect(s.stories[0]?.alsoReportedBy.sort()).toEqual(['Daily Planet', 'Gotham Gazette']);
    // A one- or two-sentence lead summary of that article.
    expect(s.stories[0]?.passage.text).toMatch(/bushfire/);
    expect(
      s.stories[0]?.passage.text.split(/[.!?](?:\s|$)/).filter((x) => x.trim().length > 3).length,
    ).toBeLessThanOrEqual(2);
  });

  it('counts an undated article only when first seen inside the window', () => {
    const seen = selectDigest(room, query({ firstSeen: new Map([['art-5-9', NOW.getTime() - 3600_000]]) }));
    expect(seen.stories.map((x) => x.article.title)).toContain('Strike report 5');
    const old = selectDigest(
      room,
      query({ firstSeen: new Map([['art-5-9', NOW.getTime() - 48 * 3600_000]]) }),
    );
    expect(old.stories.map((x) => x.article.title)).not.toContain('Strike report 5');
  });

  it('narrows to the topics with the /news query language and keeps the count of the rest', () => {
    const s = selectDigest(room, query({ topics: 'bushfire OR election', size: 1 }));
    expect(s.stories.map((x) => x.article.title)).toEqual(['Bushfire report 0']);
    const excluded = selectDigest(room, query({ topics: 'report -bushfire' }));
    expect(excluded.stories.map((x) => x.article.title)).not.toContain('Bushfire report 0');
    expect(selectDigest(room, query({ topics: 'strike' })).total).toBe(0);
  });

  it('returns nothing new on a quiet day', () => {
    expect(
      selectDigest(
        room,
        query({ now: new Date('2027-01-01T00:00:00Z'), since: new Date('2026-12-31T00:00:00Z') }),
      ),
    ).toMatchObject({ stories: [], total: 0 });
  });
});
