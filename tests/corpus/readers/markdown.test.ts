import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/corpus/readers/markdown.js';

describe('parseMarkdown', () => {
  it('reads the front matter fields and the body as plain paragraphs', () => {
    const text = [
      '---',
      'id: md-1',
      'title: Rates on hold',
      'url: https://example.com/rates',
      'published: 2025-09-02',
      'source: Example Times',
      '---',
      '# Rates on hold',
      '',
      'The bank **held** rates, as [markets](https://example.com/m) expected.',
      '',
      '## Reaction',
      '',
      '> Economists were not surprised.',
    ].join('\n');
    const { records, problems } = parseMarkdown('news/rates.md', text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.article)).toEqual([
      {
        id: 'md-1',
        title: 'Rates on hold',
        paragraphs: ['The bank held rates, as markets expected.', 'Economists were not surprised.'],
        published: '2025-09-02',
        source: 'Example Times',
        url: 'https://example.com/rates',
        credit: null,
        origin: 'news/rates.md',
      },
    ]);
  });

  it('takes the title from the first # heading when the front matter has none', () => {
    const { records } = parseMarkdown('a.md', '# Heading title\n\nBody text.\n');
    expect(records[0]?.article.title).toBe('Heading title');
    expect(records[0]?.article.paragraphs).toEqual(['Body text.']);
  });

  it('reports invalid YAML with its line and skips the file', () => {
    const { records, problems } = parseMarkdown('a.md', '---\ntitle: Fine\ntags: [one\n---\nBody.\n');
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]?.reason).toMatch(/front matter is not valid YAML/);
  });

  it('names the front matter field that has the wrong type, on its line', () => {
    const { problems } = parseMarkdown('a.md', '---\ntitle: Fine\nsource:\n  - one\n  - two\n---\nBody.\n');
    expect(problems).toEqual([
      { file: 'a.md', line: 3, reason: expect.stringMatching(/"source" expected string/) },
    ]);
  });

  it('keeps the record but drops a non-http url, pointing at its line', () => {
    const { records, problems } = parseMarkdown('a.md', '---\ntitle: T\nurl: ftp://x.org/a\n---\nBody.\n');
    expect(records[0]?.article.url).toBeNull();
    expect(problems).toEqual([
      { file: 'a.md', line: 3, reason: expect.stringMatching(/not an http\(s\) link/) },
    ]);
  });
});
