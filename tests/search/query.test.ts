import { describe, expect, it } from 'vitest';
import { termOf } from '../../src/search/analyzer.js';
import { MAX_QUERY_TERMS, parseQuery, parseSince } from '../../src/search/query.js';

const NOW = new Date('2025-09-10T12:00:00.000Z');
const DAY = 86_400_000;

describe('parseQuery', () => {
  it('reads plain words, dropping stopwords', () => {
    const q = parseQuery('The Ukraine peace talks', NOW);
    expect(q.understood.words).toEqual(['ukraine', 'peace', 'talks']);
    expect(q.terms).toEqual([termOf('ukraine'), termOf('peace'), termOf('talks')]);
    expect(q.understood.warnings).toEqual([]);
  });

  it('reads "exact phrases" (straight or curly quotes)', () => {
    const q = parseQuery('“prime minister” budget "coalition of the willing"', NOW);
    expect(q.understood.phrases).toEqual(['prime minister', 'coalition of the willing']);
    expect(q.phrases).toEqual([
      [termOf('prime'), termOf('minister')],
      [termOf('coalition'), termOf('willing')],
    ]);
    expect(q.terms).toContain(termOf('budget'));
  });

  it('reads -exclusions without mistaking inner hyphens for them', () => {
    const q = parseQuery('election -Trump covid-19', NOW);
    expect(q.understood.excluded).toEqual(['trump']);
    expect(q.excludedTerms).toEqual([termOf('trump')]);
    expect(q.terms).toEqual([termOf('election'), 'covid-19']);
  });

  it('reads since: as days, weeks, hours and dates', () => {
    expect(parseQuery('x since:7d', NOW).sinceMs).toBe(NOW.getTime() - 7 * DAY);
    expect(parseQuery('x since:2w', NOW).sinceMs).toBe(NOW.getTime() - 14 * DAY);
    expect(parseQuery('x since:2025-09-01', NOW).understood.since).toBe('2025-09-01');
    expect(parseQuery('x since:2025-09', NOW).sinceMs).toBe(Date.UTC(2025, 8, 1));
    expect(parseSince('12h', NOW)).toBe(NOW.getTime() - 12 * 3_600_000);
    expect(parseSince('2025-02-30', NOW)).toBeNull();
  });

  it('warns about a since: that is not a date and ignores it', () => {
    const q = parseQuery('floods since:banana', NOW);
    expect(q.sinceMs).toBeNull();
    expect(q.understood.warnings).toEqual(['since:banana is not a date — ignored']);
    expect(q.terms).toEqual([termOf('floods')]);
  });

  it('reads source: with or without quotes, case-insensitively', () => {
    expect(parseQuery('source:ABC fires', NOW).sources).toEqual(['abc']);
    const quoted = parseQuery('fires source:"Perth Now"', NOW);
    expect(quoted.sources).toEqual(['perth now']);
    expect(quoted.understood.sources).toEqual(['perth now']);
    expect(quoted.terms).toEqual([termOf('fires')]);
  });

  it('searches the words of an unbalanced quote, with a warning', () => {
    const q = parseQuery('"prime minister budget', NOW);
    expect(q.phrases).toEqual([]);
    expect(q.terms).toEqual([termOf('prime'), termOf('minister'), termOf('budget')]);
    expect(q.understood.warnings[0]).toMatch(/unbalanced quote/);
  });

  it('answers empty, stopword-only and symbol-only queries with nothing to search and a warning', () => {
    expect(parseQuery('', NOW).terms).toEqual([]);
    expect(parseQuery('', NOW).understood.warnings).toEqual([]);
    for (const text of ['the of and', '🔥🔥 ‏‎', '""', '   ']) {
      const q = parseQuery(text, NOW);
      expect(q.terms).toEqual([]);
    }
    expect(parseQuery('the of and', NOW).understood.warnings[0]).toMatch(/nothing to search for/);
  });

  it('ignores RTL marks and emoji around words', () => {
    const q = parseQuery('\u200fUkraine\u200e 🇺🇦 talks 🔥', NOW);
    expect(q.terms).toEqual([termOf('ukraine'), termOf('talks')]);
  });

  it('caps a 4,000-character query at the first distinct terms, with a warning', () => {
    const words = Array.from({ length: 800 }, (_, i) => `word${i}x`).join(' ');
    const q = parseQuery(words.slice(0, 4000), NOW);
    expect(q.terms).toHaveLength(MAX_QUERY_TERMS);
    expect(q.understood.warnings).toEqual([`only the first ${MAX_QUERY_TERMS} words were searched`]);
  });

  it('never throws on odd input', () => {
    for (const text of [
      'source:',
      'since:',
      '-',
      '-"',
      'source:""',
      '"a" "b',
      ':::',
      '\u0000\uffff',
      'a'.repeat(4000),
    ]) {
      expect(() => parseQuery(text, NOW)).not.toThrow();
    }
    expect(parseQuery('source: fires', NOW).understood.warnings[0]).toMatch(/source: needs/);
  });
});
