import { describe, expect, it } from 'vitest';
import { leadFirst } from '../../src/corpus/story-lead.js';

const version = (id: string, words: number) => ({ id, paragraphs: [Array(words).fill('word').join(' ')] });

describe('leadFirst', () => {
  it('puts the most complete version first, the others in their order', () => {
    const ids = leadFirst([version('short', 41), version('other', 30), version('full', 261)]).map(
      (a) => a.id,
    );
    expect(ids).toEqual(['full', 'short', 'other']);
  });

  it('keeps the best match first when the others are about as long', () => {
    const ids = leadFirst([version('best', 600), version('longer', 640)]).map((a) => a.id);
    expect(ids).toEqual(['best', 'longer']);
  });

  it('handles one article and none', () => {
    expect(leadFirst([version('only', 5)]).map((a) => a.id)).toEqual(['only']);
    expect(leadFirst([])).toEqual([]);
  });
});
