import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src/corpus/load.js';

// The shipped corpus is part of the repository: these tests read it as the bot does.
const SEEDS = join(import.meta.dirname, '../../data/articles');

function parseSeed(name: string) {
  const result = parseFile(name, readFileSync(join(SEEDS, name)));
  expect(result.problems).toEqual([]);
  return result.articles;
}

const CHROME = [
  'Hashtags',
  'Try Our AI Features',
  'Daily8',
  'Comments',
  'No comments yet',
  'Related Articles',
];

describe('seed 000: date line and URL slug', () => {
  const [article, ...rest] = parseSeed('000_5d9088f66a69c5a4.txt');

  it('is one article dated from its date line, titled from its slug', () => {
    expect(rest).toEqual([]);
    expect(article?.published).toBe('2025-09-09');
    expect(article?.title).toBe('Albanese joins global leaders in Ukraine peace talks engages with Trump');
    expect(article?.origin).toBe('000_5d9088f66a69c5a4.txt');
    expect(article?.source).toBeNull();
    expect(article?.credit).toBeNull();
  });

  it('keeps section headings out of the body, as paragraph breaks only', () => {
    const paragraphs = article?.paragraphs ?? [];
    expect(paragraphs).toHaveLength(15);
    for (const heading of ['Global Commitment to Ukraine', 'Constructive Dialogue with Trump']) {
      expect(paragraphs.some((p) => p.includes(heading))).toBe(false);
    }
    expect(paragraphs[0]).toMatch(/^Anthony Albanese has joined/);
    expect(paragraphs[2]).toMatch(/^Alongside Ukrainian President/);
    expect(paragraphs.at(-1)).toMatch(/geopolitical landscape\.$/);
  });
});

describe('seed 002: title restated by a heading', () => {
  const [article] = parseSeed('002_d08a90018206e3e6.txt');

  it('has one title and does not repeat the restatement as body text', () => {
    expect(article?.title).toBe(
      "Albanese's Urgent Call to Trump: Australia Seeks 'Coalition of the Willing' for Ukraine Amid US Policy Shift",
    );
    expect(article?.paragraphs.join('\n')).not.toContain(
      'Albanese Calls Trump to Forge New Ukraine Coalition',
    );
    expect(article?.paragraphs[0]).toMatch(/^In a bold diplomatic move/);
    expect(article?.paragraphs).toHaveLength(9);
    expect(article?.published).toBeNull();
  });
});

describe('seed 004: aggregator page with chrome and other outlets stories', () => {
  const articles = parseSeed('004_5c8317c93faa7fac.txt');
  const [main, ...tail] = articles;

  it('ends the main article at its wire credit', () => {
    expect(main?.title).toBe(
      'Donald Trump rules out sending US troops to Ukraine as its allies consider security guarantees',
    );
    expect(main?.credit).toBe('ABC/wires');
    expect(main?.origin).toBe('004_5c8317c93faa7fac.txt#1');
    expect(main?.paragraphs[0]).toMatch(/^Monday's White House peace talks/);
    expect(main?.paragraphs.at(-1)).toMatch(/^After the meeting of Ukraine's allies/);
    expect(main?.paragraphs).toHaveLength(16);
  });

  it('drops every chrome line', () => {
    const text = articles.flatMap((a) => a.paragraphs).join('\n');
    for (const chrome of CHROME) expect(text).not.toContain(chrome);
    expect(text).not.toContain('ABC/wires');
    expect(text).not.toContain('minutes ago');
  });

  it('makes each listed story an article of its own, with its outlet and no date', () => {
    expect(tail.map((a) => [a.source, a.title, a.origin])).toEqual([
      ['Perth Now', "Polish govt says Russian drone fell in country's east", '004_5c8317c93faa7fac.txt#2'],
      [
        'Canberra Times',
        "Polish govt says Russian drone fell in country's east",
        '004_5c8317c93faa7fac.txt#3',
      ],
      [
        'ABC News',
        'Bigger properties occupied by smaller households in major housing mismatch, Cotality finds',
        '004_5c8317c93faa7fac.txt#4',
      ],
    ]);
    for (const story of tail) {
      expect(story.published).toBeNull();
      expect(story.paragraphs.length).toBeGreaterThan(0);
      expect(story.paragraphs[0]).not.toMatch(/^- /);
    }
    expect(tail[1]?.paragraphs.join(' ')).toMatch(/^Since Russia launched a full-scale invasion/);
  });

  it('gives every article a distinct id', () => {
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
  });
});
