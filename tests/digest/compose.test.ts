import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../src/digest/compose.js';
import type { DigestSelection, DigestStory } from '../../src/newsroom/digest-selection.js';
import { blockKitViolations } from '../e2e/block-kit-limits.js';

const NOW = new Date('2026-11-24T08:00:00Z');

function story(i: number, title: string, passage: string, source = 'Daily Planet'): DigestStory {
  return {
    storyId: `s${i}`,
    article: {
      id: `a${i}`,
      storyId: `s${i}`,
      title,
      paragraphs: [passage],
      published: '2026-11-24T06:00:00.000Z',
      source,
      url: `https://news.example.com/${i}`,
      credit: null,
      origin: `f${i}.txt`,
    },
    passage: { text: passage, highlights: [] },
    alsoReportedBy: ['Gotham Gazette'],
    articleIds: [`a${i}`],
    score: 0,
    outlets: 2,
    freshAt: NOW.getTime(),
  };
}

const selection = (stories: DigestStory[], total = stories.length, topics = ''): DigestSelection => ({
  topics,
  stories,
  total,
});
const ctx = { now: NOW, timeZone: 'Australia/Sydney', empty: 'skip' as const };

describe('renderDigest', () => {
  it('has the local date in the header, linked titles, outlets, the lead, and a footer counting the rest', () => {
    const m = renderDigest(selection([story(1, 'Rates on hold', 'The bank held rates.')], 13), ctx);
    expect(m?.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'News digest — Tuesday 24 November', emoji: false },
    });
    const json = JSON.stringify(m?.blocks);
    expect(json).toContain('<https://news.example.com/1|Rates on hold>');
    expect(json).toContain('also reported by Gotham Gazette');
    expect(json).toContain('The bank held rates.');
    expect(json).toContain('12 more stories today — try `/news &lt;topic&gt;`');
    expect(m?.text).toBe('News digest — Tuesday 24 November: Rates on hold');
  });

  it('escapes untrusted titles, passages and topics', () => {
    const m = renderDigest(
      selection([story(1, '<!channel> & <script>', 'A <@U123> ping & more')], 1, '<!here>'),
      ctx,
    );
    const json = JSON.stringify(m);
    expect(json).not.toMatch(/<!channel>|<!here>|<@U123>|<script>/);
    expect(json).toContain('&lt;!channel&gt; &amp;');
  });

  it('skips an empty day, or says so in one line', () => {
    expect(renderDigest(selection([]), ctx)).toBeNull();
    const m = renderDigest(selection([], 0, 'rates'), { ...ctx, empty: 'post' });
    expect(JSON.stringify(m?.blocks)).toContain('No new stories on *rates* in the last day.');
  });

  it('cuts an oversized digest to what Slack accepts and counts what was cut', () => {
    const long = 'word '.repeat(2000);
    const many = Array.from({ length: 40 }, (_, i) => story(i, `${'Headline '.repeat(60)}${i}`, long));
    const m = renderDigest(selection(many, 55), ctx);
    expect(m).not.toBeNull();
    expect(blockKitViolations(m ?? {})).toEqual([]);
    expect(m?.blocks.length).toBeLessThanOrEqual(50);
    const shown = (m?.blocks ?? []).filter((b) => b.type === 'divider').length - 1;
    expect(shown).toBeLessThan(40);
    expect(JSON.stringify(m?.blocks.at(-1))).toContain(`${55 - shown} more stories today`);
  });

  it('never breaks a Block Kit limit, whatever the articles say', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ minLength: 1, maxLength: 400 }),
            fc.string({ maxLength: 3000 }),
            fc.string({ minLength: 1, maxLength: 100 }),
          ),
          { maxLength: 30 },
        ),
        fc.string({ maxLength: 300 }),
        (rows, topics) => {
          const stories = rows.map(([t, p, s], i) => story(i, t, p, s));
          const m = renderDigest(selection(stories, stories.length + 3, topics), { ...ctx, empty: 'post' });
          expect(blockKitViolations(m ?? {})).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
