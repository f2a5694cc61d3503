import { Newsroom } from '../src/newsroom/newsroom.js';
import { analyze } from '../src/search/analyzer.js';
import { articleTerms, type WatchQuery, watchQuery, watchScore } from '../src/watches/match.js';
import { WatchIndex } from '../src/watches/watch-index.js';
import { mulberry32, syntheticArticles, toParsedArticle } from './synthetic-corpus.js';
const N = 1000, W = 1000;
const now = Date.now();
const newsroom = new Newsroom({ recency: null });
const articles = [];
for (const [i, a] of [...syntheticArticles(N, { seed: 11 })].entries()) {
  const added = newsroom.add({ ...toParsedArticle(a, i), published: new Date(now + 60_000).toISOString() });
  if (added) articles.push(added);
}
const random = mulberry32(5);
const queries: string[] = [];
const titles = [...syntheticArticles(Math.max(200, W), { seed: 99 })].map((a) => a.title);
const wordsOf = (title: string) => title.split(/\s+/).filter((w) => analyze(w).length > 0);
const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
while (queries.length < W) {
  const one = wordsOf(pick(titles) ?? '');
  const other = random() < 0.1 ? one : wordsOf(pick(titles) ?? '');
  const first = pick(one); const second = pick(other);
  if (!first || !second || first.toLowerCase() === second.toLowerCase()) continue;
  queries.push(`${first} ${second}`);
}
console.log(queries.slice(0, 30));
const parsed = queries.map((q, id) => ({ id, query: watchQuery(q, new Date()) })).filter((w): w is { id: number; query: WatchQuery } => w.query !== null);
console.log(parsed.slice(0,10).map(p=>p.query.terms));
const index = new WatchIndex(parsed);
let t = performance.now();
const terms = articles.map((a) => articleTerms(a));
const termsMs = (performance.now() - t) / articles.length;
let fired = 0, cands = 0;
t = performance.now();
for (const a of terms) fired += index.matches(a).length;
const idxMs = (performance.now() - t) / articles.length;
let nf = 0;
t = performance.now();
for (const a of terms) for (const w of parsed) if (watchScore(w.query, a) !== null) nf++;
const naiveMs = (performance.now() - t) / articles.length;
console.log({ termsMs, idxMs, naiveMs, fired, nf, avgTerms: terms.reduce((s, a) => s + a.all.size, 0) / terms.length });
