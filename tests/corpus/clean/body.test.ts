import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../src/corpus/clean/body.js';
import { creditLine, splitTrailingCredit } from '../../../src/corpus/clean/credits.js';
import { isHeadingLine } from '../../../src/corpus/clean/headings.js';

describe('parseBody', () => {
  it('ends the story at a credit line and says where', () => {
    const lines = ['One.', 'Two.', 'ABC/wires', 'Hashtags', 'Comments'];
    expect(parseBody(lines)).toEqual({ paragraphs: ['One.', 'Two.'], credit: 'ABC/wires', end: 3 });
  });

  it('ends the story at footer chrome, which stays for the tail reader', () => {
    expect(parseBody(['One.', 'Related Articles', 'Other.'])).toEqual({
      paragraphs: ['One.'],
      credit: null,
      end: 1,
    });
  });

  it('cuts a trailing wire credit off the last paragraph', () => {
    expect(parseBody(['It is close. with Reuters'])).toMatchObject({
      paragraphs: ['It is close.'],
      credit: 'Reuters',
    });
  });
});

describe('credits', () => {
  it.each([
    ['ABC/wires', 'ABC/wires'],
    ['SBS/AAP', 'SBS/AAP'],
    ['Reuters', 'Reuters'],
    ['— AAP', 'AAP'],
    ['with Reuters', 'Reuters'],
  ])('reads %j as a credit', (line, credit) => {
    expect(creditLine(line)).toBe(credit);
  });

  it.each(['Reuters reported the crash.', 'The ABC said so.', 'and/or'])(
    'does not take %j for a credit',
    (line) => {
      expect(creditLine(line)).toBeNull();
    },
  );

  it('leaves a paragraph without a trailing credit alone', () => {
    expect(splitTrailingCredit('He spoke with Reuters reporters.')).toBeNull();
  });
});

describe('isHeadingLine', () => {
  it.each([
    'Global Commitment to Ukraine',
    'Australia’s Role and Potential Military Involvement',
    '2025 in review',
  ])('takes %j for a heading', (line) => expect(isHeadingLine(line)).toBe(true));

  it.each(['A sentence ends here.', 'lower case start', 'He said: "yes."', `${'Long '.repeat(20)}line`])(
    'does not take %j for a heading',
    (line) => expect(isHeadingLine(line)).toBe(false),
  );
});

describe('trailing credits', () => {
  it('is not a sentence that mentions an agency', () => {
    expect(splitTrailingCredit('He said so in an interview with Reuters.')).toBeNull();
    expect(parseBody(['He said so in an interview with Reuters.', 'More.'])).toMatchObject({ credit: null });
  });
});
