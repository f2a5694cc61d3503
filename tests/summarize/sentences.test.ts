import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/summarize/sentences.js';

const texts = (input: string) => splitSentences(input).map((s) => s.text);

describe('splitSentences', () => {
  it('splits plain prose on full stops, question and exclamation marks', () => {
    expect(texts('The vote passed. Was it close? Very close! Turnout was low.')).toEqual([
      'The vote passed.',
      'Was it close?',
      'Very close!',
      'Turnout was low.',
    ]);
  });

  it.each([
    ['Mr. Smith arrived. He sat down.', ['Mr. Smith arrived.', 'He sat down.']],
    ['Mrs. Jones and Ms. Lee spoke. It went well.', ['Mrs. Jones and Ms. Lee spoke.', 'It went well.']],
    ['Dr. Patel treated him. He recovered.', ['Dr. Patel treated him.', 'He recovered.']],
    [
      'Gen. Milley met Sen. Warren and Rep. Jeffries. They talked.',
      ['Gen. Milley met Sen. Warren and Rep. Jeffries.', 'They talked.'],
    ],
    ['Prof. Ng agreed. Others did not.', ['Prof. Ng agreed.', 'Others did not.']],
  ])('keeps titles before names: %s', (input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it('reads "Sir" and "St." as part of a name, and "St." as Street at the end of a sentence', () => {
    expect(texts('Sir Keir Starmer visited St. Louis. He flew home.')).toEqual([
      'Sir Keir Starmer visited St. Louis.',
      'He flew home.',
    ]);
    expect(texts('She lives on Main St. The house is old.')).toEqual([
      'She lives on Main St.',
      'The house is old.',
    ]);
  });

  it('keeps U.S., U.K. and U.N. inside a sentence and ends one when a new sentence clearly starts', () => {
    expect(
      texts('The U.S. Senate and the U.K. Parliament wrote to the U.N. Security Council. It replied.'),
    ).toEqual(['The U.S. Senate and the U.K. Parliament wrote to the U.N. Security Council.', 'It replied.']);
    expect(texts('Trade fell in the U.S. The dollar rose.')).toEqual([
      'Trade fell in the U.S.',
      'The dollar rose.',
    ]);
  });

  it('handles a.m. and p.m.', () => {
    expect(texts('Polls open at 7 a.m. Monday and close at 10 p.m. Results follow.')).toEqual([
      'Polls open at 7 a.m. Monday and close at 10 p.m.',
      'Results follow.',
    ]);
    expect(texts('It began at 9 a.m. He was late.')).toEqual(['It began at 9 a.m.', 'He was late.']);
  });

  it('keeps initials with their names', () => {
    expect(texts('J. K. Rowling met Donald J. Trump. Nobody knows why.')).toEqual([
      'J. K. Rowling met Donald J. Trump.',
      'Nobody knows why.',
    ]);
  });

  it('never splits decimals, amounts or dotted numbers', () => {
    expect(texts('Growth was 3.5 per cent, or $1.13bn. Inflation hit 2.9%.')).toEqual([
      'Growth was 3.5 per cent, or $1.13bn.',
      'Inflation hit 2.9%.',
    ]);
  });

  it('ends a sentence inside a closing quote or bracket', () => {
    expect(texts('He said: "No." Then he left.')).toEqual(['He said: "No."', 'Then he left.']);
    expect(texts('She said: “We will win.” The crowd cheered.')).toEqual([
      'She said: “We will win.”',
      'The crowd cheered.',
    ]);
    expect(texts('Prices rose (as expected.) Markets fell.')).toEqual([
      'Prices rose (as expected.)',
      'Markets fell.',
    ]);
  });

  it('does not split a quotation followed by its attribution', () => {
    expect(texts('"Stop!" he shouted. "Why?" she asked.')).toEqual([
      '"Stop!" he shouted.',
      '"Why?" she asked.',
    ]);
  });

  it('ends on an ellipsis before a capital and continues before a lower-case word', () => {
    expect(texts('He waited... and waited. Nothing came… Then rain.')).toEqual([
      'He waited... and waited.',
      'Nothing came…',
      'Then rain.',
    ]);
  });

  it('keeps "No." before a number and ends the sentence when "No" is the answer', () => {
    expect(
      texts('He lives at No. 10 Downing Street. Asked if he would quit, he said No. The press left.'),
    ).toEqual([
      'He lives at No. 10 Downing Street.',
      'Asked if he would quit, he said No.',
      'The press left.',
    ]);
  });

  it('keeps abbreviated months before a day or year', () => {
    expect(texts('The law passed on Jan. 5 and took effect in Sept. 2004. It was repealed.')).toEqual([
      'The law passed on Jan. 5 and took effect in Sept. 2004.',
      'It was repealed.',
    ]);
  });

  it('keeps e.g., etc. and company suffixes inside a sentence before lower-case words and names', () => {
    expect(texts('Fruit, e.g. apples, pears, etc. are cheap. Acme Inc. Chairman Bob Ray resigned.')).toEqual([
      'Fruit, e.g. apples, pears, etc. are cheap.',
      'Acme Inc. Chairman Bob Ray resigned.',
    ]);
  });

  it('treats runs of spaces and single line breaks as spaces, and blank lines as boundaries', () => {
    expect(texts('One  sentence\nwrapped   here.   Two.\n\nHeading without stop\n\nThree.')).toEqual([
      'One  sentence\nwrapped   here.',
      'Two.',
      'Heading without stop',
      'Three.',
    ]);
  });

  it('returns offsets into the input and no sentence for blank input', () => {
    const input = '  First one.  Second one?\n\n Third ';
    for (const s of splitSentences(input)) expect(input.slice(s.start, s.end)).toBe(s.text);
    expect(texts(input)).toEqual(['First one.', 'Second one?', 'Third']);
    expect(splitSentences('   \n\n ')).toEqual([]);
  });

  it('covers every non-space character exactly once, in order, for any text', () => {
    const alphabet = fc.constantFrom(...'ab AB. ?!"”)(\n3U.S.Mr.…'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((cs) => cs.join('')),
        (input) => {
          const sentences = splitSentences(input);
          let last = 0;
          for (const s of sentences) {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(input.slice(s.start, s.end)).toBe(s.text);
            expect(s.text).toBe(s.text.trim());
            expect(input.slice(last, s.start).trim()).toBe('');
            last = s.end;
          }
          expect(input.slice(last).trim()).toBe('');
        },
      ),
    );
  });
});
