/**
 * Ranking quality on the TIME test collection (423 Time magazine articles from 1963, 83 queries,
 * relevance judgments in qrels.derived.tsv for 79 of them): MAP, nDCG@10, P@10 and MRR.
 *
 * Honest figures: the odd-numbered queries are the tuning half (every default was chosen on them);
 * the even-numbered queries are the headline, all 79 beside. Measured through the product's own
 * path: each document becomes an article whose title is its first sentence and whose body is the
 * rest, a Newsroom is built with the shipped defaults (story grouping included), and each query is
 * answered by `searchIds`, the function behind `newsbot search` (so at most 50 stories a query).
 *
 * At scale (`--distractors N`, 100,000 for the published figure): the same TIME documents spread
 * evenly among N synthetic news articles (bench/synthetic-corpus.ts: recombined from the BBC News
 * Summary articles, seed 1), where common-word pruning (above 2,000 articles) applies.
 *
 * In the same run, minisearch on the same articles (title + body): with its defaults, and as its
 * README shows for search boxes (title boosted 2×, fuzzy 0.2, prefix).
 *
 *   npm run eval:relevance -- [--time DIR] [--distractors 100000] [--skip-references] [--json]
 *   npm run eval:relevance -- --half odd [--time DIR] [--distractors N]
 *
 * `--half odd` is the tuning view: the odd queries' MAP and each odd query's average precision, and
 * nothing of the held-out half (no per-query figures of the even queries are ever printed).
 *
 * EVAL_INDEX_OPTIONS='{"formWeight":1}' overrides index options, for tuning runs on the odd half.
 */
import { parseArgs } from 'node:util';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { searchIds } from '../src/cli/search.js';
import type { ParsedArticle } from '../src/corpus/article.js';
import { InProcessDesk } from '../src/newsroom/desk.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import type { NewsIndexOptions } from '../src/search/news-index.js';
import { generateCorpus, toParsedArticle } from './synthetic-corpus.js';
import { readTimeCollection, TIME_DIR, timeNumber } from './time-collection.js';

interface Metrics {
  map: number;
  ndcg_at_10: number;
  p_at_10: number;
  mrr: number;
}

/** What `newsbot search` returns at most per query (it answers with at most 50 stories). */
const SEARCH_LIMIT = 1000;
/** The clock for every run: after every synthetic article, so recency weighs nothing either way. */
const NOW = new Date('2027-01-01T00:00:00.000Z');

/** Average precision of one ranking. */
function averagePrecision(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  let hits = 0;
  let ap = 0;
  ranked.forEach((id, i) => {
    if (!relevant.has(id)) return;
    hits++;
    ap += hits / (i + 1);
  });
  return ap / relevant.size;
}

/** The tuning view: MAP and per-query AP of the odd-numbered queries only. */
function tuningHalf(rankings: Map<string, string[]>, judged: Map<string, Set<string>>) {
  const odd = [...judged].filter(([qid]) => Number(qid) % 2 === 1);
  const perQuery: Record<string, number> = {};
  let sum = 0;
  for (const [qid, relevant] of odd) {
    const ap = averagePrecision(rankings.get(qid) ?? [], relevant);
    perQuery[qid] = Math.round(ap * 10000) / 10000;
    sum += ap;
  }
  return { map: Math.round((sum / odd.length) * 10000) / 10000, queries: odd.length, ap: perQuery };
}

function evaluate(rankings: Map<string, string[]>, qrels: Map<string, Set<string>>): Metrics {
  let map = 0;
  let ndcg = 0;
  let p10 = 0;
  let mrr = 0;
  for (const [qid, relevant] of qrels) {
    const ranked = rankings.get(qid) ?? [];
    let hits = 0;
    let ap = 0;
    let dcg = 0;
    let firstHit = 0;
    ranked.forEach((id, i) => {
      if (!relevant.has(id)) return;
      hits++;
      ap += hits / (i + 1);
      if (i < 10) dcg += 1 / Math.log2(i + 2);
      if (firstHit === 0) firstHit = i + 1;
    });
    let idcg = 0;
    for (let i = 0; i < Math.min(10, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
    map += ap / relevant.size;
    ndcg += dcg / idcg;
    p10 += ranked.slice(0, 10).filter((id) => relevant.has(id)).length / 10;
    mrr += firstHit > 0 ? 1 / firstHit : 0;
  }
  const n = qrels.size;
  const round = (x: number): number => Math.round((x / n) * 10000) / 10000;
  return { map: round(map), ndcg_at_10: round(ndcg), p_at_10: round(p10), mrr: round(mrr) };
}

/** Metrics on the held-out (even) queries, the tuning (odd) queries and all of them. */
function halves(rankings: Map<string, string[]>, judged: Map<string, Set<string>>) {
  const half = (parity: number) => new Map([...judged].filter(([qid]) => Number(qid) % 2 === parity));
  return {
    held_out_even: evaluate(rankings, half(0)),
    tuning_odd: evaluate(rankings, half(1)),
    all: evaluate(rankings, judged),
  };
}

/** The product's ranking: a Newsroom with shipped defaults, asked through `newsbot search`'s function. */
async function rankWithNewsroom(
  articles: readonly ParsedArticle[],
  queries: ReadonlyMap<string, string>,
  index: Partial<NewsIndexOptions>,
): Promise<Map<string, string[]>> {
  const newsroom = new InProcessDesk(Newsroom.fromArticles(articles, { now: () => NOW, index }));
  const rankings = new Map<string, string[]>();
  for (const [qid, text] of queries) {
    const ids = await searchIds(newsroom, text, SEARCH_LIMIT);
    rankings.set(
      qid,
      ids.map((id) => timeNumber(id) ?? id),
    );
  }
  return rankings;
}

function rankWithMinisearch(
  articles: readonly ParsedArticle[],
  queries: ReadonlyMap<string, string>,
  searchOptions: SearchOptions,
): Map<string, string[]> {
  const index = new MiniSearch<ParsedArticle>({
    fields: ['title', 'body'],
    extractField: (a, f) => (f === 'body' ? a.paragraphs.join('\n') : String(a[f as keyof ParsedArticle])),
    searchOptions,
  });
  index.addAll(articles);
  const rankings = new Map<string, string[]>();
  for (const [qid, text] of queries) {
    rankings.set(
      qid,
      index.search(text).map((r) => timeNumber(String(r.id)) ?? String(r.id)),
    );
  }
  return rankings;
}

/** TIME's articles spread evenly among `n` synthetic distractors. */
function mixWithDistractors(time: readonly ParsedArticle[], n: number): ParsedArticle[] {
  const distractors = generateCorpus(n, { seed: 1 }).map(toParsedArticle);
  const mixed: ParsedArticle[] = [];
  const every = Math.max(1, Math.floor(distractors.length / time.length));
  let t = 0;
  distractors.forEach((d, i) => {
    if (i % every === 0 && t < time.length) mixed.push(time[t++] as ParsedArticle);
    mixed.push(d);
  });
  while (t < time.length) mixed.push(time[t++] as ParsedArticle);
  return mixed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      time: { type: 'string', default: TIME_DIR },
      distractors: { type: 'string', default: '0' },
      'skip-references': { type: 'boolean' },
      half: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const { articles, queries, judged } = await readTimeCollection(values.time ?? TIME_DIR);
  const tuning = process.env.EVAL_INDEX_OPTIONS;
  const index: Partial<NewsIndexOptions> = tuning ? JSON.parse(tuning) : {};
  if (values.half !== undefined) {
    if (values.half !== 'odd')
      throw new Error(`--half: only "odd" (the tuning half) can be inspected, not "${values.half}"`);
    const distractors = Number(values.distractors);
    const corpus = distractors > 0 ? mixWithDistractors(articles, distractors) : articles;
    const view = tuningHalf(await rankWithNewsroom(corpus, queries, index), judged);
    process.stdout.write(
      `${JSON.stringify({ index_options_overridden: index, distractors, tuning_odd: view })}\n`,
    );
    return;
  }

  const report: Record<string, unknown> = {
    collection: 'TIME',
    documents: articles.length,
    judged_queries: judged.size,
    tuning_half: 'odd-numbered queries',
    headline_half: 'even-numbered queries',
    index_options_overridden: index,
    newsbot: halves(await rankWithNewsroom(articles, queries, index), judged),
    goal: { held_out_map: 0.65, at_scale_within: 0.02 },
  };
  if (!values['skip-references']) {
    report.reference_minisearch_defaults = halves(rankWithMinisearch(articles, queries, {}), judged);
    report.reference_minisearch_recommended = halves(
      rankWithMinisearch(articles, queries, { boost: { title: 2 }, fuzzy: 0.2, prefix: true }),
      judged,
    );
  }
  const distractors = Number(values.distractors);
  if (distractors > 0) {
    const started = performance.now();
    const mixed = mixWithDistractors(articles, distractors);
    report.at_scale = {
      distractors,
      articles: mixed.length,
      newsbot: halves(await rankWithNewsroom(mixed, queries, index), judged),
      seconds: Math.round(performance.now() - started) / 1000,
    };
  }
  process.stdout.write(`${JSON.stringify(report, null, values.json ? undefined : 2)}\n`);
}

await main();
