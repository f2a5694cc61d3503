import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedArticle } from '../../src/corpus/article.js';
import { Newsroom } from '../../src/newsroom/newsroom.js';

const NOW = new Date('2025-09-10T12:00:00.000Z');
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * 86_400_000).toISOString();

let counter = 0;
function article(fields: Partial<ParsedArticle> & { title: string; paragraphs: string[] }): ParsedArticle {
  counter++;
  return {
    id: `a${counter}`,
    published: daysAgo(1),
    source: 'Daily Planet',
    url: null,
    credit: null,
    origin: `fixture.jsonl#${counter}`,
    ...fields,
  };
}

// Distinct background text per article, so that story grouping keeps fixture articles apart.
const NOUNS = 'orchard violin glacier lantern meadow copper teapot pigeon canyon velvet tundra quarry'.split(
  ' ',
);
const PLACES =
  'Ballarat Geelong Mildura Bendigo Dubbo Orange Albury Wagga Cairns Mackay Bunbury Broome'.split(' ');
function fillerFor(n: number): string[] {
  const pick = (xs: string[], k: number): string => xs[(n * 7 + k * 5) % xs.length] ?? '';
  return [
    `Visitors to ${pick(PLACES, 1)} admired the ${pick(NOUNS, 2)} near the ${pick(NOUNS, 3)} on day ${n}.`,
    `A volunteer from ${pick(PLACES, 4)} counted ${n * 13} ${pick(NOUNS, 5)}s beside ${pick(NOUNS, 6)} lane.`,
  ];
}
let fillers = 0;
const filler = (): string[] => fillerFor(++fillers);

function room(articles: ParsedArticle[]): Newsroom {
  return Newsroom.fromArticles(articles, { now: () => NOW });
}

describe('Newsroom.answer ranking', () => {
  it('ranks a title match above a body match', () => {
    const body = article({
      title: 'Council meeting notes',
      paragraphs: [...filler(), 'One speaker briefly mentioned the harbour bridge repairs.'],
    });
    const title = article({ title: 'Harbour bridge repairs begin', paragraphs: filler() });
    const answer = room([body, title]).answer('harbour bridge');
    expect(answer.stories.map((s) => s.article.id)).toEqual([title.id, body.id]);
    expect(answer.total).toBe(2);
    // The body match's passage is the sentence that mentions the words, highlighted.
    const passage = answer.stories[1]?.passage;
    const marked = passage?.highlights.map((h) => passage.text.slice(h.start, h.end).toLowerCase());
    expect(marked).toEqual(['harbour', 'bridge']);
  });

  it('lets recency break a near-tie, either way round', () => {
    const make = (city: string, age: number) =>
      article({ title: `Flood warning issued for ${city}`, paragraphs: filler(), published: daysAgo(age) });
    const [brisbane, sydney] = [make('Brisbane', 1), make('Adelaide', 20)];
    expect(room([brisbane, sydney]).answer('flood warning').stories[0]?.article.id).toBe(brisbane.id);
    const [brisbane2, sydney2] = [make('Brisbane', 20), make('Adelaide', 1)];
    expect(room([brisbane2, sydney2]).answer('flood warning').stories[0]?.article.id).toBe(sydney2.id);
  });

  it('turns recency off with recency: null, also on a newsroom restored from a snapshot', () => {
    const make = (city: string, age: number) =>
      article({ title: `Flood warning issued for ${city}`, paragraphs: filler(), published: daysAgo(age) });
    const [fresh, old] = [make('Brisbane', 1), make('Adelaide', 400)];
    const withRecency = room([old, fresh]);
    const flat = Newsroom.fromArticles([old, fresh], { now: () => NOW, recency: null });
    const scoreOf = (r: Newsroom, id: string) =>
      r.answer('flood warning').stories.find((s) => s.article.id === id)?.score ?? Number.NaN;
    // With recency, the fresh article's score is lifted; without, both keep their plain BM25 score.
    expect(scoreOf(withRecency, fresh.id)).toBeGreaterThan(scoreOf(flat, fresh.id));
    expect(scoreOf(withRecency, old.id)).toBeCloseTo(scoreOf(flat, old.id));
  });

  it('prefers a strong old match over a weak new one', () => {
    const strong = article({
      title: 'Drought relief package for farmers announced',
      paragraphs: ['The drought relief package gives farmers direct payments.', ...filler()],
      published: daysAgo(30),
    });
    const weak = article({
      title: 'Weekly agriculture roundup',
      paragraphs: [...filler(), 'Elsewhere, farmers discussed prices.'],
      published: daysAgo(0),
    });
    const answer = room([weak, strong]).answer('drought relief farmers');
    expect(answer.stories[0]?.article.id).toBe(strong.id);
  });

  it('prefers articles matching all the words but still returns partial matches', () => {
    const both = article({ title: 'Solar farm approved', paragraphs: filler() });
    const one = article({ title: 'Solar panels on schools', paragraphs: filler() });
    const answer = room([one, both]).answer('solar farm');
    expect(answer.stories.map((s) => s.article.id)).toEqual([both.id, one.id]);
  });

  it('returns one result per story with the other outlets as alsoReportedBy', () => {
    const text = [
      'The central bank raised its cash rate by a quarter of a percentage point on Tuesday, the third rise this year.',
      'The governor said inflation remained too high and that further increases could not be ruled out in coming months.',
      'Economists had expected the move after strong wage growth figures were released last week by the statistics bureau.',
    ];
    const first = article({
      title: 'Central bank lifts cash rate again',
      paragraphs: text,
      source: 'ABC News',
    });
    const copy = article({
      title: 'Central bank lifts cash rate again',
      paragraphs: [...text.slice(0, 2), `${text[2]} Markets were steady.`],
      source: 'Perth Now',
    });
    const other = article({ title: 'Cash rate explainer for home buyers', paragraphs: filler() });
    const newsroom = room([first, copy, other]);
    expect(newsroom.article(copy.id)?.storyId).toBe(newsroom.article(first.id)?.storyId);
    const answer = newsroom.answer('central bank cash rate');
    expect(answer.total).toBe(2);
    const story = answer.stories[0];
    expect(story?.articleIds).toHaveLength(2);
    expect(story?.articleIds[0]).toBe(story?.article.id);
    expect(story?.alsoReportedBy).toEqual([story?.article.source === 'ABC News' ? 'Perth Now' : 'ABC News']);
  });

  it('applies exclusions and the source: and since: filters', () => {
    const a = article({
      title: 'Bushfire near Perth',
      paragraphs: filler(),
      source: 'Perth Now',
      published: daysAgo(2),
    });
    const b = article({
      title: 'Bushfire in Victoria',
      paragraphs: filler(),
      source: 'ABC News',
      published: daysAgo(20),
    });
    const newsroom = room([a, b]);
    expect(newsroom.answer('bushfire -perth').stories.map((s) => s.article.id)).toEqual([b.id]);
    expect(newsroom.answer('bushfire source:"perth now"').stories.map((s) => s.article.id)).toEqual([a.id]);
    expect(newsroom.answer('bushfire source:abc').stories.map((s) => s.article.id)).toEqual([b.id]);
    expect(newsroom.answer('bushfire since:7d').stories.map((s) => s.article.id)).toEqual([a.id]);
    expect(newsroom.answer('source:abc').stories.map((s) => s.article.id)).toEqual([b.id]);
  });

  it('requires the words of a phrase to be adjacent', () => {
    const adjacent = article({ title: 'The prime minister visits Jakarta', paragraphs: filler() });
    const apart = article({ title: 'Minister says prime farmland is at risk', paragraphs: filler() });
    const newsroom = room([adjacent, apart]);
    expect(newsroom.answer('"prime minister"').stories.map((s) => s.article.id)).toEqual([adjacent.id]);
    expect(newsroom.answer('prime minister').total).toBe(2);
  });

  it('finds a phrase in any one field, never across two', () => {
    const long = 'The council met again on Tuesday to discuss the harbour works and other matters. '.repeat(
      8,
    );
    const inBody = article({
      title: 'Council meets',
      paragraphs: [long, 'Later the prime minister arrived by ferry.', ...filler()],
    });
    const split = article({
      title: 'Farmland prime for sale',
      paragraphs: [`${long} Minister for land resigns.`, ...filler()],
    });
    const newsroom = room([inBody, split]);
    expect(newsroom.answer('"prime minister"').stories.map((s) => s.article.id)).toEqual([inBody.id]);
    expect(newsroom.answer('prime minister').total).toBe(2);
  });

  it('pages with offset and limit', () => {
    const articles = ['red', 'green', 'blue', 'amber'].map((c) =>
      article({ title: `Traffic light turns ${c}`, paragraphs: filler() }),
    );
    const newsroom = room(articles);
    const all = newsroom.answer('traffic light', { limit: 10 });
    const page = newsroom.answer('traffic light', { offset: 1, limit: 2 });
    expect(all.total).toBe(4);
    expect(page.offset).toBe(1);
    expect(page.stories.map((s) => s.storyId)).toEqual(all.stories.slice(1, 3).map((s) => s.storyId));
  });

  it('finds a misspelt word by typo tolerance and suggests the right spelling', () => {
    const a = article({ title: 'Parliament debates the budget', paragraphs: filler() });
    const newsroom = room([a, article({ title: 'Parliamentary recess begins', paragraphs: filler() })]);
    const answer = newsroom.answer('parliment');
    expect(answer.stories[0]?.article.id).toBe(a.id);
    expect(answer.suggestions[0]).toBe('parliament');
    expect(newsroom.answer('parliament').suggestions).toEqual([]);
  });

  it('suggests nothing for a word with no close neighbour', () => {
    const answer = room([article({ title: 'Parliament debates the budget', paragraphs: filler() })]).answer(
      'xqzvw',
    );
    expect(answer.total).toBe(0);
    expect(answer.suggestions).toEqual([]);
  });

  it('answers hostile queries without throwing', () => {
    const newsroom = room([article({ title: 'Ukraine peace talks', paragraphs: filler() })]);
    for (const q of [
      '',
      'the of',
      'x'.repeat(4000),
      '"unbalanced',
      '\u200f🔥',
      'since:banana ukraine',
      '-',
      ':',
    ]) {
      const answer = newsroom.answer(q);
      expect(answer.query).toBe(q);
      expect(Array.isArray(answer.stories)).toBe(true);
    }
    expect(newsroom.answer('since:banana ukraine').understood.warnings).toEqual([
      'since:banana is not a date — ignored',
    ]);
    expect(newsroom.answer('since:banana ukraine').total).toBe(1);
  });

  it('matches demonyms and possessives of places', () => {
    const a = article({ title: 'Ukrainian troops advance', paragraphs: filler() });
    const b = article({ title: "Ukraine's grain exports", paragraphs: filler() });
    expect(room([a, b]).answer('ukraine').total).toBe(2);
  });
});

describe('Newsroom live updates', () => {
  it('adds, replaces and removes single articles', () => {
    const newsroom = room([article({ title: 'Tram network expansion', paragraphs: filler() })]);
    const added = newsroom.add(
      article({ id: 'live-1', title: 'Ferry strike called off', paragraphs: filler() }),
    );
    expect(added?.id).toBe('live-1');
    expect(newsroom.answer('ferry strike').stories[0]?.article.id).toBe('live-1');

    newsroom.add(article({ id: 'live-1', title: 'Ferry timetable changes', paragraphs: filler() }));
    expect(newsroom.size).toBe(2);
    expect(newsroom.answer('ferry strike').stories.map((s) => s.article.title)).toEqual([
      'Ferry timetable changes',
    ]);
    expect(newsroom.answer('timetable').total).toBe(1);

    expect(newsroom.remove('live-1')).toBe(true);
    expect(newsroom.remove('live-1')).toBe(false);
    expect(newsroom.answer('ferry').total).toBe(0);
    expect(newsroom.article('live-1')).toBeUndefined();
  });

  it('lists the latest stories newest first', () => {
    const old = article({ title: 'Old news', paragraphs: filler(), published: daysAgo(9) });
    const fresh = article({ title: 'Fresh news', paragraphs: filler(), published: daysAgo(0) });
    const undated = article({ title: 'Undated news', paragraphs: filler(), published: null });
    expect(
      room([old, undated, fresh])
        .latest(3)
        .map((s) => s.article.id),
    ).toEqual([fresh.id, old.id, undated.id]);
  });
});

describe('Newsroom.open snapshot', () => {
  let dataDir: string;
  let stateDir: string;
  const logger = pino({ level: 'silent' });
  const record = (id: string, title: string) =>
    JSON.stringify({
      id,
      title,
      body: filler().join('\n\n'),
      source: 'Daily Planet',
      published: '2025-09-01',
    });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsbot-data-'));
    stateDir = await mkdtemp(join(tmpdir(), 'newsbot-state-'));
    await writeFile(
      join(dataDir, 'a.jsonl'),
      `${record('n1', 'Harbour tunnel opens')}\n${record('n2', 'Stadium plan')}\n`,
    );
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  });

  it('saves a snapshot, loads it on an unchanged corpus, and rebuilds when the corpus changes', async () => {
    const first = await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' });
    expect(first.fromSnapshot).toBe(false);
    expect(first.newsroom.size).toBe(2);

    const second = await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' });
    expect(second.fromSnapshot).toBe(true);
    expect(second.totals.articles).toBe(2);
    expect(second.newsroom.size).toBe(2);
    expect(second.newsroom.answer('harbour tunnel').stories[0]?.article.id).toBe('n1');
    expect(second.newsroom.article('n2')?.title).toBe('Stadium plan');
    // Story grouping knows the restored articles again: a near-copy joins the saved story.
    const copy = second.newsroom.add({
      ...(second.newsroom.article('n1') as ParsedArticle),
      id: 'n1-copy',
      source: 'Perth Now',
      paragraphs: [...(second.newsroom.article('n1')?.paragraphs ?? []), 'Updated at noon.'],
    });
    expect(copy?.storyId).toBe(second.newsroom.article('n1')?.storyId);
    expect(second.newsroom.answer('harbour tunnel').stories[0]?.alsoReportedBy).toEqual(['Perth Now']);

    await writeFile(join(dataDir, 'b.jsonl'), `${record('n3', 'Harbour ferry fares')}\n`);
    const third = await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' });
    expect(third.fromSnapshot).toBe(false);
    expect(third.newsroom.answer('harbour').total).toBe(2);

    // An edit that keeps the size still changes the modification time.
    await utimes(join(dataDir, 'b.jsonl'), new Date(), new Date(Date.now() + 60_000));
    expect((await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' })).fromSnapshot).toBe(false);
    expect((await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' })).fromSnapshot).toBe(true);
  });

  it('applies the recency setting of this start to a restored snapshot', async () => {
    await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' });
    const fresh = await Newsroom.open({ dataDir, stateDir, logger, progress: 'off', now: () => NOW });
    const flat = await Newsroom.open({
      dataDir,
      stateDir,
      logger,
      progress: 'off',
      now: () => NOW,
      recency: null,
    });
    expect(fresh.fromSnapshot && flat.fromSnapshot).toBe(true);
    const score = (r: Newsroom) => r.answer('harbour tunnel').stories[0]?.score ?? Number.NaN;
    expect(score(fresh.newsroom)).toBeGreaterThan(score(flat.newsroom));
  });

  it('rebuilds when the snapshot is damaged', async () => {
    await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' });
    await writeFile(join(stateDir, 'snapshot', 'index.bin'), 'broken');
    const reopened = await Newsroom.open({ dataDir, stateDir, logger, progress: 'off' });
    expect(reopened.fromSnapshot).toBe(false);
    expect(reopened.newsroom.answer('stadium').total).toBe(1);
  });
});
