import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/answer-types.js';
import type { Article } from '../../src/corpus/article.js';
import { analyze, foldWord, termOf } from '../../src/search/analyzer.js';
import { leadPassage, type PassageQuery, queryPassage } from '../../src/summarize/passage.js';
import { BORDER_STORY, BUDGET_STORY, FLOOD_STORY } from '../fixtures/summarize/articles.js';

const query = (words: string, phrases: string[] = []): PassageQuery => ({
  terms: analyze(words),
  phrases: phrases.map((p) => analyze(p)),
});

const highlighted = (p: Passage) => p.highlights.map((h) => p.text.slice(h.start, h.end));

/** The passage split into the runs of article text it shows, without the ellipses. */
function segments(p: Passage): string[] {
  return p.text
    .replace(/^… /, '')
    .replace(/…$/, '')
    .split(' … ')
    .filter((s) => s.length > 0);
}

/** The checks every passage must pass, whatever the query. */
function expectWellFormed(article: Article, p: Passage, terms: ReadonlySet<string>, maxChars = 500): void {
  expect(p.text.length).toBeLessThanOrEqual(maxChars);
  const body = article.paragraphs.join(' ');
  let searchFrom = 0;
  for (const segment of segments(p)) {
    const at = body.indexOf(segment, searchFrom);
    expect(at, `"${segment}" is article text, in article order`).toBeGreaterThanOrEqual(searchFrom);
    // Never cut mid-word: the run starts and ends on word boundaries of the article.
    expect(/[\p{L}\p{N}]/u.test(body.charAt(at - 1)) && /[\p{L}\p{N}]/u.test(segment.charAt(0))).toBe(false);
    expect(/[\p{L}\p{N}]/u.test(body.charAt(at + segment.length)) && /[\p{L}\p{N}]$/u.test(segment)).toBe(
      false,
    );
    if (searchFrom > 0)
      expect(body.slice(searchFrom, at).trim(), 'an ellipsis stands for skipped text').not.toBe('');
    searchFrom = at + segment.length;
  }
  let last = 0;
  for (const h of p.highlights) {
    expect(h.start).toBeGreaterThanOrEqual(last);
    expect(h.end).toBeGreaterThan(h.start);
    const term = termOf(foldWord(p.text.slice(h.start, h.end)));
    expect(term !== null && terms.has(term)).toBe(true);
    last = h.end;
  }
}

describe('queryPassage', () => {
  it('marks stemmed and possessive forms of the query terms with exact offsets', () => {
    const q = query('troops Russia');
    const p = queryPassage(BORDER_STORY, q);
    expect(highlighted(p)).toEqual(["Russia's", 'troops', 'troop', 'troop', "Russia's"]);
    expectWellFormed(BORDER_STORY, p, new Set(q.terms));
  });

  it('opens with "…" when it starts mid-article and joins adjacent sentences without one', () => {
    const p = queryPassage(BORDER_STORY, query('troops Russia'));
    expect(p.text).toBe(
      "… Russia's defence ministry said 4,000 troops had crossed into the area overnight. A troop convoy was filmed near Kursk. … The ministry denied that the troop movement was linked to Russia's exercises in the west.",
    );
  });

  it('never shows a heading or a credit line, even when it holds the query words', () => {
    for (const words of ['troops move', 'ABC wires', 'troops']) {
      const p = queryPassage(BORDER_STORY, query(words));
      expect(p.text).not.toContain('Troops on the move');
      expect(p.text).not.toContain('ABC/wires');
    }
  });

  it('keeps at most three sentences by default and honours maxSentences', () => {
    const q = query('floods river towns emergency rain');
    const p = queryPassage(FLOOD_STORY, q);
    expect(p.text.match(/[.!?]["”]?(?= |$)/g)?.length).toBeLessThanOrEqual(3);
    expectWellFormed(FLOOD_STORY, p, new Set(q.terms));
    const one = queryPassage(FLOOD_STORY, q, { maxSentences: 1 });
    expect(segments(one)).toHaveLength(1);
    expect(one.text.match(/[.!?]["”]?(?= |$)/g)).toHaveLength(1);
  });

  it('prefers the sentence holding a quoted phrase whole', () => {
    const article = {
      ...FLOOD_STORY,
      paragraphs: [
        'The rate of interest rose again.',
        'Filler text is here.',
        'The interest rate decision waits.',
      ],
    };
    const words = query('interest rate');
    expect(queryPassage(article, words, { maxSentences: 1 }).text).toBe('The rate of interest rose again.');
    const phrase = query('', ['interest rate']);
    expect(queryPassage(article, phrase, { maxSentences: 1 }).text).toBe(
      '… The interest rate decision waits.',
    );
  });

  it('covers terms not yet covered before repeating ones already shown', () => {
    const article = {
      ...FLOOD_STORY,
      paragraphs: [
        'Floods hit the river towns on Tuesday.',
        'The river towns were cut off.',
        'Roads closed.',
        'The river kept rising.',
        'Insurers expect large claims.',
        'Rain is forecast.',
        'The river towns will rebuild.',
      ],
    };
    expect(queryPassage(article, query('river towns insurers'), { maxSentences: 2 }).text).toBe(
      'Floods hit the river towns on Tuesday. … Insurers expect large claims.',
    );
  });

  it('prefers a contiguous pair when the choice is otherwise even', () => {
    const article = {
      ...FLOOD_STORY,
      paragraphs: [
        'Nothing to see here.',
        'The beta launch went fine.',
        'More filler follows now.',
        'Alpha and beta teams merged.',
        'Beta staff welcomed the news.',
      ],
    };
    expect(queryPassage(article, query('alpha beta'), { maxSentences: 2 }).text).toBe(
      '… Alpha and beta teams merged. Beta staff welcomed the news.',
    );
  });

  it('cuts a sentence longer than the budget at a word boundary and keeps the match in view', () => {
    const long = BUDGET_STORY.paragraphs[2] as string;
    expect(long.length).toBeGreaterThan(500);
    const q = query('student graduates');
    const p = queryPassage(BUDGET_STORY, q);
    expect(p.text.startsWith('… ')).toBe(true);
    expect(p.text.endsWith('…')).toBe(true);
    expect(highlighted(p)).toContain('student');
    expectWellFormed(BUDGET_STORY, p, new Set(q.terms));
    const fromStart = queryPassage(BUDGET_STORY, query('finance minister'), { maxChars: 120 });
    expect(fromStart.text.startsWith('… The finance minister')).toBe(true);
    expect(fromStart.text.endsWith('…')).toBe(true);
    expect(highlighted(fromStart)).toEqual(['finance', 'minister']);
    expectWellFormed(BUDGET_STORY, fromStart, new Set(analyze('finance minister')), 120);
  });

  it('falls back to the lead summary for an empty query or one the body does not contain', () => {
    const lead = leadPassage(FLOOD_STORY);
    expect(queryPassage(FLOOD_STORY, { terms: [], phrases: [] })).toEqual(lead);
    expect(queryPassage(FLOOD_STORY, query('volcano'))).toEqual(lead);
    expect(lead.highlights).toEqual([]);
  });

  it('stays well formed for any query drawn from the article', () => {
    const articles = [BORDER_STORY, BUDGET_STORY, FLOOD_STORY];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: articles.length - 1 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.integer({ min: 60, max: 500 }),
        fc.integer({ min: 1, max: 3 }),
        (a, picks, maxChars, maxSentences) => {
          const article = articles[a] as Article;
          const vocabulary = analyze(article.paragraphs.join(' '));
          const terms = picks.map((i) => vocabulary[i % vocabulary.length] as string);
          const p = queryPassage(article, { terms, phrases: [] }, { maxChars, maxSentences });
          expectWellFormed(article, p, new Set(terms), maxChars);
          expect(segments(p).length).toBeLessThanOrEqual(maxSentences);
        },
      ),
    );
  });
});

describe('leadPassage', () => {
  it('shows the lead summary within budget, without highlights, starting at the top when the lead is chosen', () => {
    const p = leadPassage(FLOOD_STORY);
    expect(p.highlights).toEqual([]);
    expect(p.text.startsWith('Floods closed roads')).toBe(true);
    expectWellFormed(FLOOD_STORY, p, new Set());
    expect(leadPassage(FLOOD_STORY, { maxSentences: 1 }).text).toBe(
      'Floods closed roads and schools in three river towns on Tuesday after two days of heavy rain.',
    );
  });

  it('never starts with a heading or credit', () => {
    const p = leadPassage({
      ...BORDER_STORY,
      paragraphs: ['Breaking news', 'ABC/wires', ...BORDER_STORY.paragraphs],
    });
    expect(p.text).not.toMatch(/Breaking news|ABC\/wires|Troops on the move/);
  });

  it('is empty for an article without prose', () => {
    expect(leadPassage({ ...BORDER_STORY, paragraphs: ['Heading only'] })).toEqual({
      text: '',
      highlights: [],
    });
  });
});
