/**
 * Search speed and memory on a deterministic synthetic corpus: build time, heap, snapshot save and
 * load, and answer() latency over a fixed query mix, for the Newsroom and, in the same run, for
 * minisearch with naive settings (prefix + fuzzy 0.2, default tokenizer, title + body) as reference.
 *
 *   npm run bench:search -- --articles 100000 [--reference-articles N] [--queries 400] [--json]
 *     [--dump FILE]
 *
 * `--dump FILE` writes every query's answer (one JSON line each, in query order) to FILE, so that a
 * refactoring can be shown to answer byte for byte the same (`diff before.jsonl after.jsonl`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { Newsroom } from '../src/newsroom/newsroom.js';
import { generateCorpus, mulberry32, type SyntheticArticle, toParsedArticle } from './synthetic-corpus.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const REFERENCE_DATE = new Date('2025-09-10T00:00:00.000Z');

/**
 * Memory held after a full collection: the V8 heap, and the typed arrays' backing stores, which live
 * outside it (the index's postings do) and are counted separately so that nothing hides there.
 */
function memoryMb(): { heap: number; arrayBuffers: number } {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return { heap: Math.round(usage.heapUsed / 1e6), arrayBuffers: Math.round(usage.arrayBuffers / 1e6) };
}

function heapMb(): number {
  return memoryMb().heap;
}

interface MixQuery {
  kind: string;
  text: string;
}

const COMMON = new Set(
  'a an the of in on at to for and or but is are was were be by with from as its it'.split(' '),
);

/** A fixed mix derived from the corpus with a seeded generator: the same queries for the same corpus. */
function queryMix(corpus: readonly SyntheticArticle[], count: number): MixQuery[] {
  const random = mulberry32(20250910);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const wordsOf = (text: string): string[] =>
    text.split(/[^\p{L}\p{N}'-]+/u).filter((w) => w.length > 2 && !COMMON.has(w.toLowerCase()));
  const sources = [...new Set(corpus.slice(0, 1000).map((a) => a.source))];
  const kinds: ((a: SyntheticArticle) => string)[] = [
    (a) => pick(wordsOf(a.title)) ?? 'news',
    (a) =>
      wordsOf(a.title)
        .slice(0, 2 + Math.floor(random() * 2))
        .join(' '),
    (a) => [...wordsOf(a.title), ...wordsOf(a.body)].slice(0, 12).join(' '),
    (a) => `${wordsOf(a.title).slice(0, 2).join(' ')} source:"${pick(sources)}"`,
    (a) => `${wordsOf(a.title).slice(0, 2).join(' ')} since:30d`,
    (a) => `"${wordsOf(a.title).slice(0, 2).join(' ')}" -${pick(wordsOf(a.body)) ?? 'x'}`,
    (a) => `${(pick(wordsOf(a.title)) ?? 'news').split('').reverse().join('')}zq`,
  ];
  const names = [
    '1_word',
    '2_3_words',
    'title_like_12_words',
    'source_filter',
    'since_filter',
    'phrase_exclude',
    'no_hit',
  ];
  const mix: MixQuery[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % kinds.length;
    mix.push({
      kind: names[k] ?? String(k),
      text: (kinds[k] as (a: SyntheticArticle) => string)(pick(corpus)),
    });
  }
  return mix;
}

function percentiles(ms: number[]): { p50_ms: number; p99_ms: number; max_ms: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (x: number): number => Math.round(x * 100) / 100;
  return { p50_ms: round(at(0.5)), p99_ms: round(at(0.99)), max_ms: round(sorted[sorted.length - 1] ?? 0) };
}

function timeQueries(mix: readonly MixQuery[], run: (q: string) => unknown) {
  for (const q of mix.slice(0, 20)) run(q.text);
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  // CPU time beside wall time: on a shared machine it is much less moved by other processes.
  const cpuBefore = process.cpuUsage();
  for (const q of mix) {
    const started = performance.now();
    run(q.text);
    const ms = performance.now() - started;
    all.push(ms);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    queries: mix.length,
    cpu_ms_per_query: Math.round(((cpu.user + cpu.system) / 1000 / mix.length) * 100) / 100,
    ...percentiles(all),
    by_kind: Object.fromEntries([...byKind].map(([k, v]) => [k, percentiles(v)])),
  };
}

async function benchNewsroom(
  corpus: readonly SyntheticArticle[],
  mix: readonly MixQuery[],
  dumpFile: string | undefined,
) {
  const before = memoryMb();
  // Parsed before the clock starts (the build measures Newsroom.add, not the synthetic corpus), but
  // after the memory baseline: the articles' text is part of what the newsroom holds.
  const parsed = corpus.map(toParsedArticle);
  let started = performance.now();
  let room = Newsroom.fromArticles(parsed, { now: () => REFERENCE_DATE });
  const buildS = (performance.now() - started) / 1000;
  const after = memoryMb();
  const heap = after.heap - before.heap;
  const arrayBuffers = after.arrayBuffers - before.arrayBuffers;
  const answer = timeQueries(mix, (q) => room.answer(q, { limit: 5 }));
  if (dumpFile !== undefined) {
    const lines = mix.map((q) => JSON.stringify(room.answer(q.text, { limit: 5 })));
    await writeFile(dumpFile, `${lines.join('\n')}\n`);
  }

  const stateDir = await mkdtemp(join(tmpdir(), 'newsbot-bench-'));
  const totals = {
    files: 1,
    ignored: 0,
    articles: room.size,
    skipped: 0,
    stories: 0,
    seconds: buildS,
    problems: [],
  };
  started = performance.now();
  await room.save(stateDir, 'bench', totals);
  const saveS = (performance.now() - started) / 1000;
  const size = room.size;
  room = Newsroom.fromArticles([]);
  heapMb();
  started = performance.now();
  const restored = await Newsroom.restore(stateDir, 'bench', { now: () => REFERENCE_DATE });
  const loadS = (performance.now() - started) / 1000;
  await rm(stateDir, { recursive: true, force: true });
  if (restored === null || restored.newsroom.size !== size) throw new Error('snapshot did not round-trip');
  return {
    articles: size,
    build_s: round2(buildS),
    articles_per_s: Math.round(size / buildS),
    heap_mb: heap,
    array_buffers_mb: arrayBuffers,
    heap_plus_array_buffers_mb: heap + arrayBuffers,
    snapshot_save_s: round2(saveS),
    snapshot_load_s: round2(loadS),
    answer,
  };
}

async function benchReference(corpus: readonly SyntheticArticle[], mix: readonly MixQuery[]) {
  const heapBefore = heapMb();
  let started = performance.now();
  let index = new MiniSearch<SyntheticArticle>({
    fields: ['title', 'body'],
    searchOptions: { prefix: true, fuzzy: 0.2 },
  });
  index.addAll(corpus);
  const buildS = (performance.now() - started) / 1000;
  const heap = heapMb() - heapBefore;
  const answer = timeQueries(mix, (q) => index.search(q).slice(0, 5));
  started = performance.now();
  const json = JSON.stringify(index);
  const saveS = (performance.now() - started) / 1000;
  started = performance.now();
  index = MiniSearch.loadJSON(json, {
    fields: ['title', 'body'],
    searchOptions: { prefix: true, fuzzy: 0.2 },
  });
  const loadS = (performance.now() - started) / 1000;
  return {
    articles: corpus.length,
    build_s: round2(buildS),
    articles_per_s: Math.round(corpus.length / buildS),
    heap_mb: heap,
    snapshot_save_s: round2(saveS),
    snapshot_load_s: round2(loadS),
    answer,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '10000' },
      'reference-articles': { type: 'string' },
      queries: { type: 'string', default: '700' },
      json: { type: 'boolean' },
      dump: { type: 'string' },
    },
  });
  const n = Number(values.articles);
  const referenceN = Math.min(n, Number(values['reference-articles'] ?? n));
  const corpus = generateCorpus(n, { seed: 1, referenceDate: REFERENCE_DATE.toISOString() });
  const mix = queryMix(corpus, Number(values.queries));
  const newsroom = await benchNewsroom(corpus, mix, values.dump);
  const reference = await benchReference(corpus.slice(0, referenceN), mix);
  const report = {
    articles: n,
    node: process.version,
    newsroom,
    reference_minisearch_naive: { reference_articles: referenceN, ...reference },
    goals_at_100k: {
      answer_p50_ms: 5,
      answer_p99_ms: 30,
      answer_max_ms: 100,
      articles_per_s: 3000,
      heap_mb: 700,
      snapshot_load_s: 5,
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, values.json ? undefined : 2)}\n`);
}

await main();
