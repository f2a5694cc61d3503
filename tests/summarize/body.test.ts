import { describe, expect, it } from 'vitest';
import { bodySentences, isChrome, isProse, skimBody } from '../../src/summarize/body.js';

describe('isChrome', () => {
  it.each([
    ['ABC/wires', 1],
    ['Reuters/AP', 1],
    ['(AAP)', 1],
    ['Photo: Getty Images', 3],
    ['Troops on the move', 4],
  ])('treats "%s" as chrome', (text, words) => {
    expect(isChrome(text, words)).toBe(true);
  });

  it.each([
    ['Markets were calm.', 3],
    ['A long line without a full stop that still reads as prose to anyone', 13],
  ])('keeps "%s" as prose', (text, words) => {
    expect(isChrome(text, words)).toBe(false);
  });
});

describe('bodySentences', () => {
  it('numbers sentences across paragraphs and gives token offsets into each sentence', () => {
    const sentences = bodySentences([
      'Troops  moved.\nRussia’s army waited.',
      'Heading here',
      'Talks resumed.',
    ]);
    expect(sentences.map((s) => [s.position, s.text, s.chrome])).toEqual([
      [0, 'Troops moved.', false],
      [1, 'Russia’s army waited.', false],
      [2, 'Heading here', true],
      [3, 'Talks resumed.', false],
    ]);
    const second = sentences[1];
    expect(second?.tokens.map((t) => second.text.slice(t.start, t.end))).toEqual([
      'Russia’s',
      'army',
      'waited',
    ]);
    expect(second?.terms).toEqual(['russia', 'armi', 'wait']);
  });
});

describe('skimBody', () => {
  it('analyses the sentences the test accepts and skims the others, with the same prose verdicts', () => {
    const paragraphs = ['Troops moved.\nRussia’s army waited.', 'Heading here', 'It is.', 'Talks resumed.'];
    const full = bodySentences(paragraphs);
    const skimmed = skimBody(paragraphs, (text) => text.startsWith('Talks'));
    expect(skimmed.map((s) => ('tokens' in s ? isProse(s) : s.prose))).toEqual(full.map(isProse));
    expect(skimmed.map((s) => s.position)).toEqual(full.map((s) => s.position));
    expect(skimmed[4]).toEqual(full[4]);
    expect('tokens' in (skimmed[0] ?? {})).toBe(false);
  });
});
