import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPassage } from '../src/block-kit/passage.js';
import { renderStory } from '../src/block-kit/story.js';
import { loadArticles } from '../src/corpus/load.js';
import { Newsroom } from '../src/newsroom/newsroom.js';

// The bundled articles, as a new user meets them: the failures found by trying newsbot on them.
const BUNDLED = join(import.meta.dirname, '../data/articles');
const NOW = new Date('2025-09-12T00:00:00Z');
let room: Newsroom;

beforeAll(async () => {
  room = new Newsroom({ now: () => NOW });
  await loadArticles(BUNDLED, (a) => room.add(a), { logger: pino({ level: 'silent' }), progress: 'off' });
});

const mrkdwnOf = (blocks: unknown): string => JSON.stringify(blocks);

describe('answers on the bundled articles', () => {
  it("leads the drone story with Perth Now's full report, not Canberra Times' shortened copy", () => {
    // Both carry the same title; on a title match the short copy scores higher (shorter field).
    const [story] = room.answer('drone fell').stories;
    expect(story?.article.source).toBe('Perth Now');
    expect(story?.alsoReportedBy).toEqual(['Canberra Times']);
    expect(story?.articleIds[0]).toBe(story?.article.id);
    expect(room.latest(10).find((s) => s.storyId === story?.storyId)?.article.source).toBe('Perth Now');
  });

  it('never shows a file name where the outlet goes', () => {
    const stories = [
      ...room.latest(10),
      ...room.answer('Ukraine').stories,
      ...room.answer('Albanese').stories,
    ];
    expect(stories.length).toBeGreaterThan(3);
    for (const story of stories) {
      const text = mrkdwnOf(renderStory(story, { now: NOW }));
      expect(text).not.toMatch(/\.txt|\.jsonl|#\d/);
    }
    const credited = stories.find((s) => s.article.credit === 'ABC/wires');
    if (credited === undefined) throw new Error('the story credited ABC/wires was not found');
    expect(mrkdwnOf(renderStory(credited, { now: NOW }))).toContain('credit: ABC');
  });

  it('finds the story credited "ABC/wires" with source:abc, and a wire credit by name', () => {
    const abc = room.answer('source:abc').stories.map((s) => s.article.title);
    expect(abc.some((t) => t.startsWith('Donald Trump rules out sending US troops to Ukraine'))).toBe(true);
    const reuters = room.answer('source:reuters').stories.map((s) => s.article.source);
    expect(reuters).toEqual(['Perth Now']);
    expect(room.answer('source:wires').total).toBe(0);
  });

  it.each(['housng', 'drnoe', 'ukriane'])(
    'shows the corrected word in bold when a typo found the story: %s',
    (typo) => {
      const answer = room.answer(typo);
      expect(answer.stories.length).toBeGreaterThan(0);
      for (const story of answer.stories) {
        expect(story.passage.highlights.length).toBeGreaterThan(0);
        expect(renderPassage(story.passage, 1200)).toMatch(/\*[^*]+\*/);
      }
    },
  );
});
