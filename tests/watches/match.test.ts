import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  articleTerms,
  DEFAULT_MATCH,
  LEAD_WORDS,
  watchQuery,
  watchScore,
  weighWatch,
} from '../../src/watches/match.js';
import { WatchIndex } from '../../src/watches/watch-index.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const q = (text: string) => {
  const parsed = watchQuery(text, NOW);
  if (parsed === null) throw new Error(`no words in ${text}`);
  return parsed;
};
const doc = (title: string, paragraphs: string[], source: string | null = 'Perth Now') =>
  articleTerms({ title, paragraphs, source });

const onTopic = doc('Russian drones cross into Poland overnight', [
  'Poland scrambled jets after several drones entered its airspace, officials said.',
  'The defence ministry said debris fell near a village in the east.',
]);
const passing = doc('Council approves new bike lanes for the city centre', [
  'The council voted on Tuesday to extend the network of protected bike lanes.',
  'Residents raised parking, footpaths and delivery access.',
  'One councillor compared the debate to last week’s news of drones over Poland.',
]);

describe('watchScore: the match rule', () => {
  it('fires on an article about the topic (title and lead)', () => {
    expect(watchScore(q('drones poland'), onTopic)).toBeGreaterThanOrEqual(DEFAULT_MATCH.threshold);
  });

  it('does not fire on a passing mention deep in the body', () => {
    expect(watchScore(q('drones poland'), passing)).toBeNull();
    expect(watchScore(q('drones'), passing)).toBeNull();
  });

  it('fires on a term named twice in the body', () => {
    const twice = doc('Weekly roundup', ['Markets were calm.', 'Drones were seen.', 'More drones followed.']);
    expect(watchScore(q('drones'), twice)).not.toBeNull();
  });

  it('needs every word, honours exclusions, phrases and source:', () => {
    expect(watchScore(q('drones ukraine'), onTopic)).toBeNull();
    expect(watchScore(q('drones -poland'), onTopic)).toBeNull();
    expect(watchScore(q('"drones cross"'), onTopic)).not.toBeNull();
    expect(watchScore(q('"poland drones"'), onTopic)).toBeNull();
    expect(watchScore(q('drones source:"perth now"'), onTopic)).not.toBeNull();
    expect(watchScore(q('drones source:abc'), onTopic)).toBeNull();
  });

  it('lets a long watch fire without its every word, never a short one', () => {
    const long = q('polish jets scrambled drones airspace ukraine border');
    expect(watchScore(long, onTopic)).not.toBeNull(); // 5 of 7 words, in title and lead
    expect(watchScore(q('drones ukraine'), onTopic)).toBeNull(); // 1 of 2
  });

  it('weighs words by their rarity: a missing rare word counts for more than a missing common one', () => {
    // Of 10,000 articles, "officials" and "government" are in most, "airspace" and "jets" in few.
    const long = q('airspace jets officials government debris');
    expect(long.terms).toHaveLength(5);
    const rarity = weighWatch(long, { articles: 10_000, frequencies: [40, 60, 6000, 7000, 300] });
    const rareOnly = doc('Jets scrambled over the airspace', ['Debris was found in a field.']);
    const commonOnly = doc('Officials and government find debris', ['More would follow.']);
    expect(watchScore(rarity, rareOnly)).not.toBeNull();
    expect(watchScore(rarity, commonOnly)).toBeNull();
    // Unweighed, both hold three of the five words in title and lead: the rule cannot tell them apart.
    expect(watchScore(long, rareOnly) !== null).toBe(watchScore(long, commonOnly) !== null);
  });

  it('reads a one-paragraph article as a lead of LEAD_WORDS words and then a body', () => {
    const filler = Array.from({ length: LEAD_WORDS }, (_, i) => `word${i}`).join(' ');
    const blob = (text: string) => doc('Council meeting', [text]);
    expect(watchScore(q('drones'), blob(`Drones were seen. ${filler}`))).not.toBeNull();
    expect(watchScore(q('drones'), blob(`${filler} Drones were seen.`))).toBeNull();
  });

  it('matches word forms as the index does (drone ~ drones, Polish ~ Poland)', () => {
    expect(watchScore(q('drone'), onTopic)).not.toBeNull();
  });

  it('has no watch without a word to look for', () => {
    expect(watchQuery('source:abc', NOW)).toBeNull();
    expect(watchQuery('the of', NOW)).toBeNull();
  });
});

describe('WatchIndex: incremental matching', () => {
  it('finds exactly the watches an article fires, among many', () => {
    const watches = [
      { id: 1, query: q('drones poland') },
      { id: 2, query: q('bushfire') },
      { id: 3, query: q('poland election') },
      { id: 4, query: q('drones') },
    ];
    const index = new WatchIndex(watches);
    expect(
      index
        .matches(onTopic)
        .map((m) => m.watch.id)
        .sort(),
    ).toEqual([1, 4]);
    expect(index.matches(passing)).toEqual([]);
    expect(new WatchIndex([]).matches(onTopic)).toEqual([]);
  });

  it('fires the same watches as scoring every watch, once each, for long and short watches', () => {
    const words =
      'drones poland jets airspace council bike lanes debris village east officials ukraine'.split(' ');
    const texts = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      // With many other watches, the index walks the article's words; with few, the watches' words.
      fc.property(fc.array(texts, { minLength: 1, maxLength: 30 }), fc.boolean(), (queries, crowd) => {
        const others = crowd ? Array.from({ length: 60 }, (_, i) => `zebra${i} quokka${i}`) : [];
        const watches = [...queries, ...others].map((text, id) => ({ id, query: q(text) }));
        const index = new WatchIndex(watches);
        for (const article of [onTopic, passing]) {
          const fired = index.matches(article).map((m) => m.watch.id);
          const expected = watches.filter((w) => watchScore(w.query, article) !== null).map((w) => w.id);
          expect([...fired].sort((a, b) => a - b)).toEqual(expected);
        }
      }),
    );
  });
});
