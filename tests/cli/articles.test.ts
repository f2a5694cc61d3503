import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleLine, articleListing } from '../../src/cli/articles.js';
import type { Article } from '../../src/corpus/article.js';
import { runCli } from './run-cli.js';

const FORMATS = join(import.meta.dirname, '../fixtures/corpus/formats');
const KEYS = [
  'id',
  'title',
  'published',
  'source',
  'url',
  'credit',
  'origin',
  'paragraphs',
  'words',
  'storyId',
];

const article: Article = {
  id: 'a1',
  title: 'Storm warning',
  paragraphs: ['Winds of 90 km/h are expected.', 'Stay indoors.'],
  published: '2025-09-09',
  source: 'Weather Desk',
  url: null,
  credit: 'AAP',
  origin: 'x.json#2',
  storyId: 's1',
};

describe('articleLine', () => {
  it('counts paragraphs and words instead of carrying the text', () => {
    expect(articleLine(article)).toEqual({
      id: 'a1',
      title: 'Storm warning',
      published: '2025-09-09',
      source: 'Weather Desk',
      url: null,
      credit: 'AAP',
      origin: 'x.json#2',
      paragraphs: 2,
      words: 8,
      storyId: 's1',
    });
  });

  it('lists title, source, date, origin and story for people', () => {
    expect(articleListing({ ...article, source: null, published: null })).toBe(
      'Storm warning\n  unknown source · undated · x.json#2 · story s1\n',
    );
  });
});

describe('newsbot articles', { timeout: 60_000 }, () => {
  it('prints one JSON object per line per article on stdout, logs on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['articles', '--json', '--data', FORMATS]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(record)).toEqual(KEYS);
      expect(typeof record.paragraphs).toBe('number');
      expect(typeof record.words).toBe('number');
      expect(record.published === null || /^\d{4}-\d{2}-\d{2}/.test(String(record.published))).toBe(true);
    }
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      id: 'md-housing-1',
      origin: 'analysis.md',
      paragraphs: 2,
    });
    expect(stderr).toMatch(/loaded 6 articles .* from 4 files/);
  });

  it('prints a readable listing without --json', async () => {
    const { code, stdout } = await runCli(['articles', '--data', FORMATS]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Storm warning for the coast\n  Weather Desk · undated · nested/briefs.json#2 · story ',
    );
  });

  it('has --help mentioning --data and --json', async () => {
    const { code, stdout } = await runCli(['articles', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--data <dir>/);
    expect(stdout).toMatch(/--json/);
  });

  it('says which folder is missing', async () => {
    const { code, stderr } = await runCli(['articles', '--data', join(FORMATS, 'nope')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/articles folder not found: .*nope/);
  });
});
