import { describe, expect, it } from 'vitest';
import { parseRawText } from '../../../src/corpus/readers/text.js';

const articles = (text: string) => parseRawText('x.txt', text).records.map((r) => r.article);

describe('parseRawText', () => {
  it('joins the lines of a blank-line-separated block into one paragraph', () => {
    const [a] = articles(
      'A wrapped story\n\nThe first paragraph is wrapped\nacross two lines.\n\nSecond one.\n',
    );
    expect(a?.paragraphs).toEqual(['The first paragraph is wrapped across two lines.', 'Second one.']);
  });

  it('treats every line as a paragraph when the lines end sentences', () => {
    const [a] = articles('Title here\nFirst sentence.\nSecond "quoted."\nThird one!\n');
    expect(a?.paragraphs).toEqual(['First sentence.', 'Second "quoted."', 'Third one!']);
  });

  it('uses markdown-style and standalone headings as paragraph breaks only', () => {
    const text = 'Title\n\nOpening text.\n\n## A section\nMore text.\n\nAnother Heading\n\nLast text.';
    expect(articles(text)[0]?.paragraphs).toEqual(['Opening text.', 'More text.', 'Last text.']);
  });

  it('drops a heading that restates the title but keeps a standfirst', () => {
    expect(articles('Big title\nBig Title Restated\n\nBody.')[0]?.paragraphs).toEqual(['Body.']);
    expect(articles('Big title\nA standfirst sentence.\nBody.')[0]?.paragraphs).toEqual([
      'A standfirst sentence.',
      'Body.',
    ]);
  });

  it('reads a title followed by a date line', () => {
    const [a] = articles('Budget passes the Senate\nSeptember 9, 2025\n\nThe bill passed.');
    expect(a?.title).toBe('Budget passes the Senate');
    expect(a?.published).toBe('2025-09-09');
  });

  it('decodes entities and removes BOM, zero-width characters and odd whitespace', () => {
    const [a] = articles('\uFEFFFish &amp; chips\r\n\r\nIt\u200Bs\u00A0a  tradition &ndash; still.\r\n');
    expect(a?.title).toBe('Fish & chips');
    expect(a?.paragraphs).toEqual(['Its a tradition – still.']);
  });

  it('normalises to NFC', () => {
    const [a] = articles('Cafe\u0301 opens\n\nThe cafe\u0301 opened.');
    expect(a?.title).toBe('Café opens');
    expect(a?.paragraphs[0]).toBe('The café opened.');
  });

  it('drops chrome anywhere and ends the story at a footer', () => {
    const [a] = articles(
      'Title\n\nBody one.\n\nAdvertisement\n\nBody two.\n\nShare this article\nComments\nBody of a comment.',
    );
    expect(a?.paragraphs).toEqual(['Body one.', 'Body two.']);
  });

  it('reports a file with no title line', () => {
    const { records, problems } = parseRawText('x.txt', '\n\n9 September, 2025\n');
    expect(records).toEqual([]);
    expect(problems).toEqual([{ file: 'x.txt', line: 3, reason: expect.stringContaining('no title') }]);
  });

  it('numbers tail stories by record and keeps the line each starts on', () => {
    const text = [
      'Main title',
      'Main body sentence.',
      'SBS/AAP',
      'Related Articles',
      '',
      'The Daily',
      '2 hours ago',
      '- The Daily',
      'Other title',
      'Other body.',
    ].join('\n');
    const { records } = parseRawText('x.txt', text);
    expect(records.map((r) => [r.article.origin, r.line, r.article.source, r.article.credit])).toEqual([
      ['x.txt#1', 1, null, 'SBS/AAP'],
      ['x.txt#2', 6, 'The Daily', null],
    ]);
  });
});
