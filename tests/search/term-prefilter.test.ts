import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phraseTerms } from '../../src/search/analyzer.js';
import { mayHoldTerms } from '../../src/search/term-prefilter.js';

/** The primary term of a word as a sentence's analysis gives it. */
const primaryOf = (word: string): string => phraseTerms(word)[0] ?? '';

describe('mayHoldTerms', () => {
  it('passes every text holding a word with one of the terms, however the word is written', () => {
    const words = [
      "O'Neill",
      'U.S',
      '1,000',
      '3.5',
      'e.mail',
      'St.Louis',
      'Ukrainians',
      'Dutch',
      'Dutch-born',
    ];
    for (const word of words) {
      expect(mayHoldTerms([primaryOf(word)])(`Officials said ${word} was ready.`), word).toBe(true);
    }
    expect(mayHoldTerms(['relat'])('RELATIONAL databases')).toBe(true);
  });

  it('rules out texts without any such word', () => {
    const test = mayHoldTerms(['bank', 'england']);
    expect(test('Rates rose again on Tuesday.')).toBe(false);
    expect(test('The Bank held rates.')).toBe(true);
    expect(mayHoldTerms([])('Anything at all.')).toBe(false);
  });

  it('passes text with letters beyond ASCII, whose folding it does not follow', () => {
    expect(mayHoldTerms(['quebec'])('Québec voted.')).toBe(true);
    expect(mayHoldTerms(['zurich'])('Rates rose in Genève.')).toBe(true);
  });

  it('never rules out a text holding a word with the term', () => {
    const word = fc.stringMatching(/^[A-Za-z][a-z'.,-]{0,10}[a-z0-9]$/);
    fc.assert(
      fc.property(word, fc.string({ maxLength: 20 }), (w, around) => {
        const term = primaryOf(w);
        fc.pre(term !== '');
        return mayHoldTerms([term])(`${around} ${w} ${around}`);
      }),
      { numRuns: 2000 },
    );
  });
});
