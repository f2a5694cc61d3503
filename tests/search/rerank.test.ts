import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { termOf } from '../../src/search/analyzer.js';
import { DEFAULT_FEEDBACK } from '../../src/search/feedback.js';
import { NewsIndex, type NewsIndexOptions } from '../../src/search/news-index.js';
import { parseQuery } from '../../src/search/query.js';
import {
  bm25Idf,
  type Occurrences,
  proximityBonuses,
  proximityScore,
  QueryTermScanner,
} from '../../src/search/rerank.js';
import { wireArticle } from './wire-article.js';

const SATURATION = { k: 2, b: 0.8, averageLength: 10 };
const PLAIN = { weight: 1, candidates: 50, k: 2, b: 0.8 };

describe('QueryTermScanner', () => {
  it('finds query terms by their index form, counting the words between them that are not stopwords', () => {
    const text = 'The Bank of England raised its rates.';
    expect(new QueryTermScanner(['bank', 'england', 'rate']).scan(text)).toEqual({
      terms: [0, 1, 2],
      distances: [Infinity, 1, 2],
      length: text.length,
    });
  });

  it('finds spellings whose stem starts alike, demonyms, dotted abbreviations and thousands', () => {
    const scanner = new QueryTermScanner(['citi', 'ukrain', 'us', '1000']);
    const found = scanner.scan('Cities near Ukrainian lines; U.S. sends 1,000 more');
    expect(found.terms).toEqual([0, 1, 2, 3]);
    expect(found.distances).toEqual([Infinity, 2, 2, 2]);
  });

  it('takes a compound as a word of its own, not its parts', () => {
    const found = new QueryTermScanner(['war', 'talk']).scan('anti-war talks, and later war talk');
    expect(found.terms).toEqual([1, 0, 1]);
    expect(found.distances).toEqual([Infinity, 2, 1]);
  });

  it('matches lower, Capitalised and UPPER CASE, accents after the first letters, and not inside words', () => {
    const found = new QueryTermScanner(['bank', 'erdogan']).scan('banks, Banks, BANKS, embankments, Erdoğan');
    expect(found.terms).toEqual([0, 0, 0, 1]);
  });

  it('finds words in other scripts, whatever their case', () => {
    const [moscow = '', kremlin = ''] = ['Москва', 'Кремль'].map((word) => termOf(word.toLowerCase()) ?? '');
    const found = new QueryTermScanner([moscow, kremlin]).scan('МОСКВА и Кремль');
    expect(found.terms).toEqual([0, 1]);
    expect(found.distances).toEqual([Infinity, 2]);
  });

  it('does not measure the distance between occurrences far apart', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(10);
    const found = new QueryTermScanner(['fed', 'rate']).scan(`Fed ${filler} rates`);
    expect(found.terms).toEqual([0, 1]);
    expect(found.distances).toEqual([Infinity, Infinity]);
  });
});

describe('proximityScore', () => {
  const weights = [2, 2];
  const pair = (distance: number): Occurrences => ({
    terms: [0, 1],
    distances: [Infinity, distance],
    length: 10,
  });

  it('is higher for two terms side by side than for the same terms further apart', () => {
    const adjacent = proximityScore(pair(1), weights, SATURATION);
    const near = proximityScore(pair(3), weights, SATURATION);
    const far = proximityScore(pair(9), weights, SATURATION);
    expect(adjacent).toBeGreaterThan(near);
    expect(near).toBeGreaterThan(far);
    expect(far).toBeGreaterThan(0);
    expect(proximityScore(pair(Infinity), weights, SATURATION)).toBe(0);
  });

  it('is zero for one term however often it occurs, and with no occurrences', () => {
    const repeated = { terms: [0, 0, 0], distances: [Infinity, 1, 1], length: 10 };
    expect(proximityScore(repeated, weights, SATURATION)).toBe(0);
    expect(proximityScore({ terms: [], distances: [], length: 10 }, weights, SATURATION)).toBe(0);
  });

  it('saturates: more close pairs add less and less', () => {
    const pairs = (n: number): Occurrences => ({
      terms: Array.from({ length: 2 * n }, (_, i) => i % 2),
      distances: Array.from({ length: 2 * n }, (_, i) => (i % 2 === 1 ? 1 : 5)),
      length: 10,
    });
    const [one, two, three] = [1, 2, 3].map((n) => proximityScore(pairs(n), weights, SATURATION));
    expect(two ?? 0).toBeGreaterThan(one ?? 0);
    expect((three ?? 0) - (two ?? 0)).toBeLessThan((two ?? 0) - (one ?? 0));
  });

  it('favours the shorter of two texts with the same close pair', () => {
    const short = proximityScore({ ...pair(1), length: 5 }, weights, SATURATION);
    const long = proximityScore({ ...pair(1), length: 50 }, weights, SATURATION);
    expect(short).toBeGreaterThan(long);
  });

  it('counts a pair by the weight of the other term: a rare neighbour is better evidence', () => {
    const rareNeighbour = proximityScore(pair(1), [1, 5], SATURATION);
    const commonNeighbour = proximityScore(pair(1), [1, 0.5], SATURATION);
    expect(rareNeighbour).toBeGreaterThan(commonNeighbour);
  });
});

describe('bm25Idf', () => {
  it('falls as a term gets more common and stays positive', () => {
    expect(bm25Idf(1000, 1)).toBeGreaterThan(bm25Idf(1000, 100));
    expect(bm25Idf(1000, 1000)).toBeGreaterThan(0);
  });
});

describe('proximityBonuses', () => {
  const texts = [
    'central bank rates and more filler words here',
    'central filler words here and more bank rates',
  ];

  it('gives nothing to one-word queries or when turned off', () => {
    expect(proximityBonuses(['bank'], [2], texts, PLAIN)).toEqual([0, 0]);
    expect(proximityBonuses(['central', 'rate'], [2, 2], texts, { ...PLAIN, weight: 0 })).toEqual([0, 0]);
  });

  it('scales with its weight and ranks the text with the query words together first', () => {
    const [together = 0, apart = 0] = proximityBonuses(['central', 'bank'], [2, 2], texts, PLAIN);
    expect(together).toBeGreaterThan(apart);
    const [doubled = 0] = proximityBonuses(['central', 'bank'], [2, 2], texts, { ...PLAIN, weight: 2 });
    expect(doubled).toBeCloseTo(2 * together);
  });
});

describe('NewsIndex with the proximity re-rank', () => {
  const NOW = Date.UTC(2025, 8, 10);
  const FILLER = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda omicron';

  const article = (id: string, paragraph: string): Article =>
    wireArticle(id, 'Morning briefing', [paragraph]);

  // The same words, so the same BM25 score: only their order differs.
  const close = article('close', `central bank rates ${FILLER}`);
  const apart = article('apart', `central ${FILLER.replace('zeta', 'zeta bank')} rates`);
  // Longer, so a lower BM25 score, but with the words together.
  const longer = article('longer', `central bank rates ${FILLER} ${FILLER}`);

  function ranking(articles: Article[], options: Partial<NewsIndexOptions>): { id: string; score: number }[] {
    // Feedback off: these articles are all alike but for the order of the query's words.
    const index = new NewsIndex({
      recency: null,
      feedback: { ...DEFAULT_FEEDBACK, documents: 0 },
      ...options,
    });
    for (const a of articles) index.add(a);
    const page = index.search(parseQuery('central bank rates', new Date(NOW)), NOW, { offset: 0, limit: 10 });
    return page.stories.map((s) => ({ id: s.articleIds[0] ?? '', score: s.score }));
  }

  it('ranks the article with the query words together above the one with them apart, in either order', () => {
    for (const order of [
      [close, apart],
      [apart, close],
    ]) {
      const [first, second] = ranking(order, {});
      expect(first?.id).toBe('close');
      expect(first?.score ?? 0).toBeGreaterThan(second?.score ?? 0);
    }
  });

  it('leaves the BM25 tie alone when turned off', () => {
    const [first, second] = ranking([close, apart], { proximity: { weight: 0, candidates: 50 } });
    expect(first?.score).toBeCloseTo(second?.score ?? Number.NaN);
  });

  it('re-scores only the best candidates', () => {
    const strong = { weight: 20, candidates: 2 };
    expect(ranking([apart, longer], { proximity: { weight: 0, candidates: 2 } })[0]?.id).toBe('apart');
    expect(ranking([apart, longer], { proximity: strong })[0]?.id).toBe('longer');
    expect(ranking([apart, longer], { proximity: { ...strong, candidates: 1 } })[0]?.id).toBe('apart');
  });
});
