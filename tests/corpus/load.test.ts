import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, ParsedArticle } from '../../src/corpus/article.js';
import { CorpusFolderError, loadArticles, type ReadEvent, readCorpus } from '../../src/corpus/load.js';
import { formatProblem } from '../../src/corpus/problems.js';

const FORMATS = join(import.meta.dirname, '../fixtures/corpus/formats');
const silent = pino({ level: 'silent' });

async function collect(dir: string): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const event of readCorpus(dir)) events.push(event);
  return events;
}

const keepAll = (parsed: ParsedArticle): Article => ({ ...parsed, storyId: parsed.id });

describe('readCorpus', () => {
  it('walks nested folders in sorted order, skips hidden entries and ignores unknown extensions', async () => {
    const events = await collect(FORMATS);
    expect(events.filter((e) => e.kind === 'file').map((e) => e.path)).toEqual([
      'analysis.md',
      'feeds/stream.jsonl',
      'nested/briefs.json',
      'nested/deeper/wire.json',
    ]);
    expect(events.filter((e) => e.kind === 'ignored').map((e) => e.path)).toEqual(['notes.csv']);
    expect(events.filter((e) => e.kind === 'problem')).toEqual([]);
  });

  it('reads every format into articles with origins relative to the folder', async () => {
    const articles = (await collect(FORMATS)).flatMap((e) => (e.kind === 'article' ? [e.article] : []));
    expect(articles.map((a) => [a.origin, a.id, a.title, a.published, a.source])).toEqual([
      [
        'analysis.md',
        'md-housing-1',
        'Housing mismatch deepens in capital cities',
        '2025-09-10',
        'Example Times',
      ],
      ['feeds/stream.jsonl#1', 'jl-1', 'Council approves new bike lanes', '2025-09-05', null],
      [
        'feeds/stream.jsonl#2',
        expect.stringMatching(/^[0-9a-f]{16}$/),
        'Library extends opening hours',
        null,
        null,
      ],
      ['nested/briefs.json#1', 'brief-1', 'Markets steady after rate decision', '2025-09-01', null],
      ['nested/briefs.json#2', 'brief-2', 'Storm warning for the coast', null, 'Weather Desk'],
      [
        'nested/deeper/wire.json',
        expect.stringMatching(/^[0-9a-f]{16}$/),
        'Drone debris found near Polish village',
        '2025-08-20T02:30:00.000Z',
        'Example Wire',
      ],
    ]);
    expect(articles[0]?.paragraphs).toEqual([
      'New analysis shows more than 60 per cent of households are made up of one or two people.',
      'The report cited data from the 2021 Census, which showed a mismatch between home sizes and household sizes.',
    ]);
    expect(articles[2]?.url).toBe('http://example.net/library');
    expect(articles[5]?.credit).toBe('AAP');
  });

  it('fails clearly on a missing folder', async () => {
    await expect(collect(join(FORMATS, 'missing'))).rejects.toThrow(CorpusFolderError);
    await expect(collect(join(FORMATS, 'missing'))).rejects.toThrow(/articles folder not found: .*missing/);
  });
});

describe('bad input', () => {
  let dir: string;
  const good = (title: string) => JSON.stringify({ title, body: `${title} body.` });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsbot-bad-'));
    await mkdir(join(dir, 'sub'));
    const files: Record<string, string | Buffer> = {
      'a-latin1.txt': Buffer.concat([
        Buffer.from('Caf'),
        Buffer.from([0xe9]),
        Buffer.from(' opens\n\nIt opened.\n'),
      ]),
      'b-empty.txt': '',
      'c-blank.md': '\n  \n',
      'd-syntax.json': '[\n  {"title": "A", "body": "a."},\n  {"title": "B" "body": "b."}\n]\n',
      'e-schema.jsonl': [good('One'), '{"title": "", "body": "x."}', good('Three')].join('\n'),
      'f-url.json': JSON.stringify({ title: 'Link', body: 'b.', url: 'ftp://example.com/x' }),
      'g-date.jsonl': JSON.stringify({ title: 'When', body: 'w.', published: 'the other day' }),
      'h-dup.jsonl': [
        JSON.stringify({ id: 'same', title: 'First', body: 'f.' }),
        JSON.stringify({ id: 'same', title: 'Second', body: 's.' }),
      ].join('\n'),
      'sub/i-dup.json': JSON.stringify([{ id: 'same', title: 'Third', body: 't.' }]),
      'sub/j-latin1.jsonl': Buffer.concat([
        Buffer.from(`${good('Fine')}\r\n{"title": "Caf`),
        Buffer.from([0xe9]),
        Buffer.from('", "body": "ok."}\r\n'),
      ]),
      'k-empty.jsonl': '\n\n',
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives one problem per fault, naming file, line and reason, and loads the rest', async () => {
    const titles: string[] = [];
    const totals = await loadArticles(
      dir,
      (parsed) => {
        titles.push(parsed.title);
        return keepAll(parsed);
      },
      { logger: silent, progress: 'off' },
    );
    const shown = totals.problems.map((p) => formatProblem({ ...p, file: p.file.slice(dir.length + 1) }));
    expect(shown).toEqual([
      'a-latin1.txt:1: not valid UTF-8 (first bad byte on this line): read as Latin-1',
      'b-empty.txt: empty file: nothing to read',
      'c-blank.md: empty file: nothing to read',
      expect.stringMatching(/^d-syntax\.json:3: JSON syntax error at column 17: /),
      expect.stringMatching(/^e-schema\.jsonl:2: record #2 skipped: "title" /),
      'f-url.json:1: url "ftp://example.com/x" is not an http(s) link: dropped',
      'g-date.jsonl:1: published "the other day" is not a date I can read: left empty',
      'h-dup.jsonl:2: duplicate id "same" (first in h-dup.jsonl#1): skipped',
      'k-empty.jsonl: empty file: nothing to read',
      'sub/i-dup.json:1: duplicate id "same" (first in h-dup.jsonl#1): skipped',
      'sub/j-latin1.jsonl:2: not valid UTF-8 (first bad byte on this line): read as Latin-1',
    ]);
    expect(titles).toEqual(['Café opens', 'One', 'Three', 'Link', 'When', 'First', 'Fine', 'Café']);
    expect(totals).toMatchObject({ files: 11, ignored: 0, articles: 8, skipped: 2, stories: 8 });
  });
});

describe('loadArticles', () => {
  it('counts exact copies (accept returns null) as skipped and stories by storyId', async () => {
    const totals = await loadArticles(
      FORMATS,
      (parsed) => (parsed.title.startsWith('Storm') ? null : { ...parsed, storyId: 'one-story' }),
      { logger: silent, progress: 'off' },
    );
    expect(totals).toMatchObject({ files: 4, ignored: 1, articles: 5, skipped: 1, stories: 1, problems: [] });
  });

  it('logs each problem once and ends with one totals line', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const dir = await mkdtemp(join(tmpdir(), 'newsbot-log-'));
    await writeFile(join(dir, 'x.json'), '{');
    await writeFile(join(dir, 'y.txt'), 'Title\n\nBody.');
    try {
      await loadArticles(dir, keepAll, { logger, progress: 'log' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const events = lines.map((line) => JSON.parse(line) as { level: number; msg: string; files?: number });
    expect(events.filter((e) => e.level === 40).map((e) => e.msg)).toEqual([
      expect.stringMatching(/x\.json:1: JSON syntax error/),
    ]);
    const last = events.at(-1);
    expect(last?.msg).toMatch(
      /^loaded 1 articles \(1 stories\) from 2 files in [\d.]+s; 0 skipped, 0 files ignored, 1 problems$/,
    );
    expect(last?.files).toBe(2);
  });

  it('streams a large JSON Lines file across read chunks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsbot-big-'));
    const records = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        id: `r${i}`,
        title: `Record ${i}`,
        body: `Body of record ${i}. ${'Filler text. '.repeat(5)}`,
      }),
    );
    await writeFile(join(dir, 'big.jsonl'), records.join('\n'));
    const ids: string[] = [];
    try {
      const totals = await loadArticles(
        dir,
        (parsed) => {
          ids.push(parsed.id);
          return keepAll(parsed);
        },
        { logger: silent, progress: 'off' },
      );
      expect(totals.problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(ids).toEqual(records.map((_, i) => `r${i}`));
  });
});
