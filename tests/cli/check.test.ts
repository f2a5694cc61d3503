import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/cli/check.js';
import type { LoadTotals } from '../../src/corpus/load.js';
import { runCli } from './run-cli.js';

const FORMATS = join(import.meta.dirname, '../fixtures/corpus/formats');
const totals: LoadTotals = {
  files: 2,
  ignored: 0,
  articles: 3,
  skipped: 0,
  stories: 2,
  seconds: 0.1,
  problems: [],
};

describe('checkReport', () => {
  it('summarises a clean folder in one line', () => {
    expect(checkReport(totals)).toBe('no problems: 2 files, 3 articles, 2 stories\n');
  });

  it('lists each problem, then the count', () => {
    const problems = [
      { file: 'd/a.json', line: 3, reason: 'JSON syntax error' },
      { file: 'd/b.txt', line: null, reason: 'empty file' },
    ];
    expect(checkReport({ ...totals, problems })).toBe(
      'd/a.json:3: JSON syntax error\nd/b.txt: empty file\n2 problems (2 files, 3 articles, 2 stories loaded)\n',
    );
  });
});

describe('newsbot check', { timeout: 60_000 }, () => {
  it('exits 0 with a short summary when there are no problems', async () => {
    const { code, stdout } = await runCli(['check', '--data', FORMATS]);
    expect(code).toBe(0);
    expect(stdout).toBe('no problems: 4 files, 6 articles, 6 stories\n');
  });

  it('exits 1 and lists the problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsbot-check-'));
    await writeFile(join(dir, 'good.txt'), 'A title\n\nA body.\n');
    await writeFile(join(dir, 'bad.jsonl'), '{"title": "ok", "body": "fine."}\n{"title": 5, "body": "x."}\n');
    try {
      const { code, stdout } = await runCli(['check', '--data', dir]);
      expect(code).toBe(1);
      expect(stdout.split('\n')).toEqual([
        `${join(dir, 'bad.jsonl')}:2: record #2 skipped: "title" expected string, received number`,
        '1 problem (2 files, 2 articles, 2 stories loaded)',
        '',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 when the folder is missing', async () => {
    const { code, stderr } = await runCli(['check', '--data', join(FORMATS, 'nope')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/articles folder not found: .*nope \(set --data or ARTICLES_DIR\)/);
  });
});
