/**
 * When should a watch fire? Measured on the TIME test collection (bench/time-collection.ts): each of
 * the 79 judged queries is a watch and each of the 423 articles a new article. A judged-relevant
 * article should fire the watch; any other should not — above all one that merely mentions the
 * query's words. Precision, recall and F1 over the (watch, article) pairs.
 *
 * Through the product's own path: the watch is read by `watchQuery` (the /news query language) and
 * its words weighed by their rarity in the newsroom (`documentFrequencies`, `weighWatch`), the
 * article read by `articleTerms`, and firing decided by `WatchIndex.matches`, as in `serve`.
 *
 * Honest figures: the match settings (share of the word weight needed × threshold; the place
 * weights stay as set by hand, and more than half of the words are always needed) are chosen on the
 * odd-numbered queries only; the even-numbered queries are the headline, all judged queries beside.
 * In the same run, with the same halves:
 * - the same rule with every word weighing 1, tuned the same way on the odd half;
 * - the rule before this measure (every word, mean place weight ≥ 1, set by hand);
 * - "every word anywhere": fires when the article holds every word of the query;
 * - BM25: the shipped index's score (`/news` ranking, recency off) over the whole collection, which
 *   knows how rare each word is; fires at or above one threshold, tuned on the odd half. It reads at
 *   most the 50 best stories per query (one page of `/news`), far past where the threshold falls.
 *
 *   npm run eval:watch -- [--time DIR] [--json]
 *   npm run eval:watch -- --half odd [--time DIR]     (the tuning view: the odd half only)
 */
import { parseArgs } from 'node:util';
import type { Article } from '../src/corpus/article.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import {
  type ArticleTerms,
  articleTerms,
  DEFAULT_MATCH,
  type MatchOptions,
  type WatchQuery,
  watchQuery,
  weighWatch,
} from '../src/watches/match.js';
import { WatchIndex } from '../src/watches/watch-index.js';
import { readTimeCollection, TIME_DIR, timeNumber } from './time-collection.js';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  fired: number;
}

/** Which articles (TIME numbers) fire each watch (query number). */
type Firings = Map<string, Set<string>>;

const NOW = new Date('2027-01-01T00:00:00.000Z');
const round = (x: number) => Math.round(x * 1000) / 1000;

function counts(firings: Firings, judged: ReadonlyMap<string, ReadonlySet<string>>): Counts {
  const c = { tp: 0, fp: 0, fn: 0 };
  for (const [qid, relevant] of judged) {
    const fired = firings.get(qid) ?? new Set<string>();
    for (const id of fired) {
      if (relevant.has(id)) c.tp++;
      else c.fp++;
    }
    for (const id of relevant) if (!fired.has(id)) c.fn++;
  }
  return c;
}

function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), fired: c.tp + c.fp };
}

const f1Of = (firings: Firings, judged: ReadonlyMap<string, ReadonlySet<string>>) =>
  scores(counts(firings, judged)).f1;

/** The product's decision: every watch in one WatchIndex, each article looked up once. */
function fireWithWatchIndex(
  watches: ReadonlyMap<string, WatchQuery>,
  articles: ReadonlyArray<{ id: string; terms: ArticleTerms }>,
  options: MatchOptions,
): Firings {
  const qids = [...watches.keys()];
  const index = new WatchIndex(
    qids.map((qid, id) => ({ id, query: watches.get(qid) as WatchQuery })),
    options,
  );
  const firings: Firings = new Map(qids.map((qid) => [qid, new Set<string>()]));
  for (const { id, terms } of articles) {
    for (const { watch } of index.matches(terms)) firings.get(qids[watch.id] as string)?.add(id);
  }
  return firings;
}

function fireWhenEveryWord(
  watches: ReadonlyMap<string, WatchQuery>,
  articles: ReadonlyArray<{ id: string; terms: ArticleTerms }>,
): Firings {
  const firings: Firings = new Map();
  for (const [qid, query] of watches) {
    const fired = articles.filter((a) => query.terms.every((t) => a.terms.all.has(t))).map((a) => a.id);
    firings.set(qid, new Set(fired));
  }
  return firings;
}

/** Each query's stories by the shipped index, as (TIME number, score) pairs. */
function bm25Scores(newsroom: Newsroom, queries: ReadonlyMap<string, string>) {
  const byQuery = new Map<string, Array<{ id: string; score: number }>>();
  for (const [qid, text] of queries) {
    const answer = newsroom.answer(text, { limit: 50, now: NOW });
    byQuery.set(
      qid,
      answer.stories.flatMap((s) => s.articleIds.map((id) => ({ id: timeNumber(id) ?? id, score: s.score }))),
    );
  }
  return byQuery;
}

function fireAtScore(byQuery: Map<string, Array<{ id: string; score: number }>>, threshold: number): Firings {
  return new Map(
    [...byQuery].map(([qid, hits]) => [
      qid,
      new Set(hits.filter((h) => h.score >= threshold).map((h) => h.id)),
    ]),
  );
}

const only = <V>(map: ReadonlyMap<string, V>, parity: number) =>
  new Map([...map].filter(([qid]) => Number(qid) % 2 === parity));

function halves(firings: Firings, judged: ReadonlyMap<string, ReadonlySet<string>>) {
  return {
    held_out_even: scores(counts(firings, only(judged, 0))),
    tuning_odd: scores(counts(firings, only(judged, 1))),
    all: scores(counts(firings, judged)),
  };
}

/** The settings tried on the odd half: share of the word weight × threshold, with the shipped place weights. */
function candidateSettings(): MatchOptions[] {
  const shares = [0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1];
  const thresholds = Array.from({ length: 46 }, (_, i) => 0.25 + i * 0.05);
  return shares.flatMap((minShare) =>
    thresholds.map((threshold) => ({ place: DEFAULT_MATCH.place, minShare, threshold: round(threshold) })),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      time: { type: 'string', default: TIME_DIR },
      half: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.half !== undefined && values.half !== 'odd')
    throw new Error(`--half: only "odd" (the tuning half) can be inspected, not "${values.half}"`);
  const { articles, queries, judged } = await readTimeCollection(values.time ?? TIME_DIR);
  const newsroom = Newsroom.fromArticles(articles, { recency: null, now: () => NOW });
  const analysed = articles.map((a) => ({
    id: timeNumber(a.id) ?? a.id,
    terms: articleTerms(newsroom.article(a.id) as Article),
  }));
  const unweighed = new Map<string, WatchQuery>();
  for (const qid of judged.keys()) {
    const query = watchQuery(queries.get(qid) ?? '', NOW);
    if (query !== null) unweighed.set(qid, query);
  }
  // As the watch service does: each watch's words weighed by their rarity among the live articles.
  const watches = new Map(
    [...unweighed].map(([qid, q]) => [qid, weighWatch(q, newsroom.documentFrequencies(q.terms))]),
  );
  const odd = only(judged, 1);

  // Tuning: the best F1 on the odd half; ties go to the setting tried first.
  const tune = (queriesOf: Map<string, WatchQuery>) => {
    let best = { options: DEFAULT_MATCH, f1: -1 };
    for (const options of candidateSettings()) {
      const f1 = f1Of(fireWithWatchIndex(queriesOf, analysed, options), odd);
      if (f1 > best.f1) best = { options, f1 };
    }
    return best;
  };
  const best = tune(watches);
  const bestUnweighed = tune(unweighed);
  const bm25 = bm25Scores(newsroom, only(queries, 1));
  let bestScore = { threshold: 0, f1: -1 };
  const tried = new Set([...bm25.values()].flatMap((hits) => hits.map((h) => h.score)));
  for (const threshold of tried) {
    const f1 = f1Of(fireAtScore(bm25, threshold), odd);
    if (f1 > bestScore.f1) bestScore = { threshold, f1 };
  }
  if (values.half === 'odd') {
    process.stdout.write(
      `${JSON.stringify({ tuning_odd: { best_settings: best.options, f1: round(best.f1), unweighed_best: bestUnweighed.options, unweighed_f1: round(bestUnweighed.f1), bm25_threshold: round(bestScore.threshold), bm25_f1: round(bestScore.f1) } })}\n`,
    );
    return;
  }

  const allBm25 = bm25Scores(newsroom, queries);
  const report = {
    collection: 'TIME',
    documents: analysed.length,
    judged_queries: judged.size,
    relevant_pairs: [...judged.values()].reduce((n, s) => n + s.size, 0),
    tuning_half: 'odd-numbered queries',
    headline_half: 'even-numbered queries',
    shipped: {
      settings: DEFAULT_MATCH,
      tuned_on_odd_would_be: best.options,
      ...halves(fireWithWatchIndex(watches, analysed, DEFAULT_MATCH), judged),
    },
    reference_words_unweighed_tuned: {
      settings: bestUnweighed.options,
      ...halves(fireWithWatchIndex(unweighed, analysed, bestUnweighed.options), judged),
    },
    reference_before_every_word_hand_set: halves(
      fireWithWatchIndex(unweighed, analysed, { ...DEFAULT_MATCH, minShare: 1, threshold: 1 }),
      judged,
    ),
    reference_every_word_anywhere: halves(fireWhenEveryWord(unweighed, analysed), judged),
    reference_bm25_tuned_threshold: {
      threshold: round(bestScore.threshold),
      ...halves(fireAtScore(allBm25, bestScore.threshold), judged),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, values.json ? undefined : 2)}\n`);
}

await main();
