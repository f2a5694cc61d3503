import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/corpus/readers/json.js';
import { parseJsonLines } from '../../../src/corpus/readers/jsonl.js';

describe('parseJson', () => {
  it('reads one object as one article, origin without a record number', () => {
    const { records, problems } = parseJson(
      'a.json',
      '{"title": "T", "body": "One.\\n\\nTwo.", "published": "2025-09-09T12:00:00+10:00", "credit": "AAP"}',
    );
    expect(problems).toEqual([]);
    expect(records[0]?.article).toMatchObject({
      title: 'T',
      paragraphs: ['One.', 'Two.'],
      published: '2025-09-09T02:00:00.000Z',
      credit: 'AAP',
      origin: 'a.json',
    });
  });

  it('numbers array records and derives ids from origin and content', () => {
    const text = '[\n  {"title": "A", "text": "a."},\n  {"id": 7, "title": "B", "text": "b."}\n]';
    const { records } = parseJson('a.json', text);
    expect(records.map((r) => [r.article.origin, r.line])).toEqual([
      ['a.json#1', 2],
      ['a.json#2', 3],
    ]);
    expect(records[0]?.article.id).toMatch(/^[0-9a-f]{16}$/);
    expect(records[1]?.article.id).toBe('7');
  });

  it('reports a syntax error with its line and loads nothing from the file', () => {
    const { records, problems } = parseJson('a.json', '[\n  {"title": "A", "text": "a."},\n  {"title": }\n]');
    expect(records).toEqual([]);
    expect(problems).toEqual([
      { file: 'a.json', line: 3, reason: expect.stringMatching(/^JSON syntax error/) },
    ]);
  });

  it('skips a record that fails the schema, naming the field and its line, and keeps the others', () => {
    const text = '[\n{"title": "A", "text": "a."},\n{\n  "title": 42,\n  "text": "b."\n},\n{"title": "C"}\n]';
    const { records, problems } = parseJson('a.json', text);
    expect(records.map((r) => r.article.title)).toEqual(['A']);
    expect(problems).toEqual([
      {
        file: 'a.json',
        line: 4,
        reason: expect.stringMatching(/record #2 skipped: "title" expected string/),
      },
      { file: 'a.json', line: 7, reason: expect.stringMatching(/record #3 skipped: "body" missing/) },
    ]);
  });

  it('keeps records with a bad url or date, with one warning each', () => {
    const text =
      '[{"title": "A", "text": "a.", "url": "javascript:alert(1)"},\n{"title": "B", "text": "b.", "published": "soon"}]';
    const { records, problems } = parseJson('a.json', text);
    expect(records.map((r) => [r.article.url, r.article.published])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(problems).toEqual([
      {
        file: 'a.json',
        line: 1,
        reason: expect.stringMatching(/url "javascript:alert\(1\)" is not an http/),
      },
      { file: 'a.json', line: 2, reason: expect.stringMatching(/published "soon" is not a date/) },
    ]);
  });

  it('rejects a top-level value that is not an object', () => {
    const { problems } = parseJson('a.json', '"just a string"');
    expect(problems).toEqual([{ file: 'a.json', line: 1, reason: expect.stringMatching(/expected object/) }]);
  });
});

describe('parseJsonLines', () => {
  it('reads one record per non-blank line and reports bad lines by number', () => {
    const text = [
      '{"title": "A", "body": "a."}',
      '',
      '{"title": "B", "body": ',
      '{"title": "C", "text": "c.", "source": "Wire"}',
      '{"body": "no title"}',
    ].join('\n');
    const { records, problems } = parseJsonLines('f.jsonl', text);
    expect(records.map((r) => [r.article.title, r.article.origin, r.line])).toEqual([
      ['A', 'f.jsonl#1', 1],
      ['C', 'f.jsonl#3', 4],
    ]);
    expect(problems).toEqual([
      { file: 'f.jsonl', line: 3, reason: expect.stringMatching(/^JSON syntax error at column 24/) },
      { file: 'f.jsonl', line: 5, reason: expect.stringMatching(/"title" missing/) },
    ]);
  });
});
