import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCorpus, mulberry32, writeCorpusJsonl } from '../../bench/synthetic-corpus.js';

// The bundled seeds, never ../shared: tests must not depend on evaluation data.
const sourceDir = fileURLToPath(new URL('../../data/articles', import.meta.url));
const referenceDate = '2025-09-10T00:00:00.000Z';

describe('synthetic corpus', () => {
  it('is identical for the same (n, seed), and a prefix of a longer run', () => {
    const a = generateCorpus(300, { seed: 7, sourceDir, referenceDate });
    const b = generateCorpus(300, { seed: 7, sourceDir, referenceDate });
    expect(b).toEqual(a);
    expect(generateCorpus(100, { seed: 7, sourceDir, referenceDate })).toEqual(a.slice(0, 100));
    expect(generateCorpus(300, { seed: 8, sourceDir, referenceDate })).not.toEqual(a);
  });

  it('has unique ids, https urls on ~20 outlets, dates in the 90 days before the reference date', () => {
    const articles = generateCorpus(2000, { seed: 1, sourceDir, referenceDate });
    expect(new Set(articles.map((a) => a.id)).size).toBe(2000);
    expect(new Set(articles.map((a) => a.source)).size).toBe(20);
    const newest = Date.parse(referenceDate);
    for (const a of articles) {
      expect(a.url).toMatch(/^https:\/\/[a-z.]+\.example\.com\//);
      const t = Date.parse(a.published);
      expect(t).toBeLessThanOrEqual(newest);
      expect(t).toBeGreaterThan(newest - 91 * 86_400_000);
      expect(a.title.length).toBeGreaterThan(0);
      expect(a.body.split('\n\n').every((p) => p.trim().length > 0)).toBe(true);
    }
  });

  it('includes a small share of syndicated near-copies', () => {
    const articles = generateCorpus(2000, { seed: 1, sourceDir, referenceDate });
    const bodiesAfterIntro = articles.map((a) => a.body.split('\n\n').slice(1).join('\n\n'));
    const repeated = bodiesAfterIntro.length - new Set(bodiesAfterIntro).size;
    expect(repeated / articles.length).toBeGreaterThan(0.02);
    expect(repeated / articles.length).toBeLessThan(0.1);
  });

  it('writes one JSON record per line with the fields the loader reads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'synthetic-corpus-test-'));
    try {
      const articles = generateCorpus(5, { seed: 3, sourceDir, referenceDate });
      await writeCorpusJsonl(join(dir, 'a.jsonl'), articles);
      const lines = (await readFile(join(dir, 'a.jsonl'), 'utf8')).trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l))).toEqual(articles);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('draws from a seeded PRNG that repeats exactly', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const draws = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
