/**
 * Ranking quality on the TIME test collection (423 Time magazine articles from 1963, 83 queries,
 * relevance judgments in qrels.derived.tsv): MAP, nDCG@10, P@10 and MRR over the judged queries,
 * for NewsIndex (no recency: the articles are from 1963) and, in the same run, minisearch with its
 * defaults on title + body as the reference.
 *
 *   npm run eval:relevance -- [--time DIR] [--json]
 *
 * EVAL_INDEX_OPTIONS='{"bm25":{"k":1.2,"b":0.75,"d":0.5}}' overrides index options, for tuning runs.
 * NewsIndex is also scored on the odd- and even-numbered queries apart (tune on one half, check on
 * the other), and without its proximity re-rank, to show what that adds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import type { Article } from '../src/corpus/article.js';
import { NewsIndex, type NewsIndexOptions } from '../src/search/news-index.js';
import { parseQuery } from '../src/search/query.js';
import { DEFAULT_PROXIMITY } from '../src/search/rerank.js';

interface TimeDoc {
  id: string;
  text: string;
}

interface Metrics {
  map: number;
  ndcg_at_10: number;
  p_at_10: number;
  mrr: number;
}

/** "*TEXT 017 01/04/63 PAGE 020" starts a document; its text runs until the next one. */
function parseDocs(all: string): TimeDoc[] {
  const docs: TimeDoc[] = [];
  const parts = all.split(/^\*TEXT\s+(\d+)[^\n]*$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const text = (parts[i + 1] ?? '').replace(/^\*STOP.*$/m, '').trim();
    docs.push({ id: String(Number(parts[i])), text });
  }
  return docs;
}

/** "*FIND n" starts a query. */
function parseQueries(que: string): Map<string, string> {
  const queries = new Map<string, string>();
  const parts = que.split(/^\*FIND\s+(\d+)\s*$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    queries.set(String(Number(parts[i])), (parts[i + 1] ?? '').replace(/^\*STOP.*$/m, '').trim());
  }
  return queries;
}

/** qid → relevant TEXT numbers; lines starting with # are comments. */
function parseQrels(tsv: string): Map<string, Set<string>> {
  const qrels = new Map<string, Set<string>>();
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [qid, doc] = line.trim().split(/\s+/);
    if (qid === undefined || doc === undefined) continue;
    const set = qrels.get(qid) ?? new Set<string>();
    set.add(String(Number(doc)));
    qrels.set(qid, set);
  }
  return qrels;
}

/**
 * A TIME document as an Article: the collection has no separate headlines, so the whole text is the
 * body, split into its sentences' lines joined back; the title is the document's first line.
 */
function toArticle(doc: TimeDoc): Article {
  const lines = doc.text
    .split(/\n\s*\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return {
    id: doc.id,
    title: lines[0] ?? doc.id,
    paragraphs: [lines.slice(1).join(' ')].filter(Boolean),
    published: null,
    source: 'TIME',
    url: null,
    credit: null,
    origin: `TIME.ALL#${doc.id}`,
    storyId: doc.id,
  };
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

/** NewsIndex's ranking of every article for each query. */
function rank(
  articles: readonly Article[],
  queries: ReadonlyMap<string, string>,
  options: Partial<NewsIndexOptions>,
): Map<string, string[]> {
  const index = new NewsIndex(options);
  for (const a of articles) index.add(a);
  const now = new Date('1964-01-01T00:00:00Z');
  const rankings = new Map<string, string[]>();
  for (const [qid, text] of queries) {
    rankings.set(
      qid,
      index
        .search(parseQuery(text, now), now.getTime(), { offset: 0, limit: articles.length })
        .stories.flatMap((s) => s.articleIds),
    );
  }
  return rankings;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { time: { type: 'string', default: '../shared/eval/time-ir' }, json: { type: 'boolean' } },
  });
  const dir = values.time ?? '../shared/eval/time-ir';
  const [all, que, qrelsText] = await Promise.all(
    ['TIME.ALL', 'TIME.QUE', 'qrels.derived.tsv'].map((f) => readFile(join(dir, f), 'latin1')),
  );
  const articles = parseDocs(all ?? '').map(toArticle);
  const queries = parseQueries(que ?? '');
  const qrels = parseQrels(qrelsText ?? '');
  const judged = new Map([...qrels].filter(([qid]) => queries.has(qid)));

  const tuning = process.env.EVAL_INDEX_OPTIONS;
  const options: Partial<NewsIndexOptions> = { recency: null, ...(tuning ? JSON.parse(tuning) : {}) };
  const ours = rank(articles, queries, options);
  const withoutProximity = rank(articles, queries, {
    ...options,
    proximity: { ...DEFAULT_PROXIMITY, ...options.proximity, weight: 0 },
  });
  const half = (parity: number) => new Map([...judged].filter(([qid]) => Number(qid) % 2 === parity));

  const reference = new MiniSearch<Article>({
    fields: ['title', 'body'],
    extractField: (a, f) => (f === 'body' ? a.paragraphs.join('\n') : String(a[f as keyof Article])),
  });
  reference.addAll(articles);
  const theirs = new Map<string, string[]>();
  for (const [qid, text] of queries)
    theirs.set(
      qid,
      reference.search(text).map((r) => String(r.id)),
    );

  const report = {
    collection: 'TIME',
    documents: articles.length,
    judged_queries: judged.size,
    newsindex: evaluate(ours, judged),
    newsindex_odd_queries: evaluate(ours, half(1)),
    newsindex_even_queries: evaluate(ours, half(0)),
    newsindex_without_proximity: evaluate(withoutProximity, judged),
    reference_minisearch_defaults: evaluate(theirs, judged),
    goal: { map: 0.65 },
  };
  process.stdout.write(`${JSON.stringify(report, null, values.json ? undefined : 2)}\n`);
}

await main();
