import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkReport } from '../../src/cli/check.js';
import type { Article, ParsedArticle } from '../../src/corpus/article.js';
import { EMPTY_FOLDER, loadArticles, readCorpus } from '../../src/corpus/load.js';
import { BINARY_FILE } from '../../src/corpus/readers/decode.js';
import { walkCorpusFolder } from '../../src/storage/corpus-walk.js';

const silent = pino({ level: 'silent' });
const keepAll = (parsed: ParsedArticle): Article => ({ ...parsed, storyId: parsed.id });

let root: string;
let data: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'newsbot-odd-'));
  data = join(root, 'data');
  await mkdir(join(data, 'world'), { recursive: true });
  await writeFile(join(data, 'a.txt'), 'Storm hits the coast\n\nA storm hit the coast on Monday.\n');
  await writeFile(join(data, 'world', 'b.txt'), 'Talks resume in Geneva\n\nDiplomats met again.\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(dir = data, now?: Date) {
  const stored: Article[] = [];
  const totals = await loadArticles(
    dir,
    (a) => {
      const article = keepAll(a);
      stored.push(article);
      return article;
    },
    { logger: silent, progress: 'off', ...(now ? { now } : {}) },
  );
  return {
    totals,
    stored,
    reasons: totals.problems.map((p) => `${p.file.slice(dir.length + 1)}: ${p.reason}`),
  };
}

describe('symbolic links in the data folder', () => {
  it('does not follow a link back up to the folder (a loop) and reports it', async () => {
    await symlink('..', join(data, 'world', 'loop'));
    await symlink('.', join(data, 'self'));
    const { totals, reasons } = await load();
    expect(totals.articles).toBe(2);
    expect(reasons).toEqual([
      'self: link leads back to a folder already read: skipped',
      'world/loop: link leads back to a folder already read: skipped',
    ]);
  });

  it('does not follow links outside the folder, and reports dangling links', async () => {
    await mkdir(join(root, 'outside'));
    await writeFile(join(root, 'outside', 'c.txt'), 'Secret\n\nNot part of the corpus.\n');
    await symlink(join(root, 'outside'), join(data, 'out-folder'));
    await symlink(join(root, 'outside', 'c.txt'), join(data, 'out-file.txt'));
    await symlink(join(data, 'missing.txt'), join(data, 'gone.txt'));
    const { totals, reasons, stored } = await load();
    expect(stored.map((a) => a.title).sort()).toEqual(['Storm hits the coast', 'Talks resume in Geneva']);
    expect(totals.articles).toBe(2);
    expect(reasons).toEqual([
      'gone.txt: link to nothing (dangling): skipped',
      'out-file.txt: link leads outside the data folder: skipped',
      'out-folder: link leads outside the data folder: skipped',
    ]);
  });

  it('follows a link to a file or a folder inside the folder', async () => {
    await mkdir(join(root, 'data', 'archive'));
    await writeFile(join(data, 'archive', 'd.txt'), 'Old news\n\nFrom the archive.\n');
    await symlink(join(data, 'archive', 'd.txt'), join(data, 'pinned.txt'));
    const paths: string[] = [];
    for await (const entry of walkCorpusFolder(data)) if (entry.kind === 'file') paths.push(entry.path);
    expect(paths).toEqual(['a.txt', 'archive/d.txt', 'pinned.txt', 'world/b.txt']);
  });

  it('reports skipped links as problems when streaming too', async () => {
    await symlink('..', join(data, 'world', 'up'));
    const problems: string[] = [];
    for await (const e of readCorpus(data)) if (e.kind === 'problem') problems.push(e.problem.reason);
    expect(problems).toEqual(['link leads back to a folder already read: skipped']);
  });
});

describe('odd files', () => {
  it('skips a binary file with a reason instead of indexing its bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    await writeFile(join(data, 'photo.txt'), bytes);
    await writeFile(join(data, 'dump.jsonl'), Buffer.concat([Buffer.from('{"title":"x"'), Buffer.alloc(64)]));
    const { totals, reasons } = await load();
    expect(totals.articles).toBe(2);
    expect(reasons).toEqual([`dump.jsonl: ${BINARY_FILE}`, `photo.txt: ${BINARY_FILE}`]);
  });

  it('warns about a folder with no article files', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    await writeFile(join(empty, 'notes.csv'), 'a,b\n');
    const { totals } = await load(empty);
    expect(totals.problems).toEqual([{ file: empty, line: null, reason: EMPTY_FOLDER }]);
    expect(EMPTY_FOLDER).toContain('.txt');
  });

  it('treats a date more than a day ahead of the clock as unknown, and says so', async () => {
    const now = new Date('2025-09-10T12:00:00Z');
    await writeFile(
      join(data, 'future.jsonl'),
      `${JSON.stringify({ id: 'f1', title: 'From the future', body: 'Text.', published: '2025-09-12T12:00:00Z' })}\n` +
        `${JSON.stringify({ id: 'f2', title: 'A few hours early', body: 'Text.', published: '2025-09-10T20:00:00Z' })}\n`,
    );
    const { stored, reasons } = await load(data, now);
    expect(stored.find((a) => a.id === 'f1')?.published).toBeNull();
    expect(stored.find((a) => a.id === 'f2')?.published).toBe('2025-09-10T20:00:00.000Z');
    expect(reasons).toEqual([
      'future.jsonl: published 2025-09-12T12:00:00.000Z is more than a day ahead of the clock: date treated as unknown',
    ]);
    // `check` lists it as a warning with the line it came from.
    const { totals } = await load(data, now);
    expect(checkReport(totals)).toMatch(/future\.jsonl:1: published .* ahead of the clock/);
  });

  it('reads a 50 MB single line without throwing, in text and JSON Lines files', async () => {
    const words = 'lorem ipsum dolor sit amet. Consectetur adipiscing elit, ';
    const line = words.repeat(Math.ceil((50 * 1024 * 1024) / words.length));
    await writeFile(join(data, 'huge.txt'), `A very long story\n\n${line}\n`);
    await writeFile(join(data, 'huge.jsonl'), `${JSON.stringify({ id: 'h', title: 'Long', body: line })}\n`);
    const { stored, totals } = await load();
    expect(totals.problems).toEqual([]);
    const lengths = stored.map((a) => a.paragraphs.join(' ').length);
    expect(lengths.filter((n) => n > 50_000_000)).toHaveLength(2);
  }, 120_000);
});
