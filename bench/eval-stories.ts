/**
 * Quality of story grouping on data nobody here wrote: the 2,225 BBC News Summary articles.
 *
 *   npx tsx bench/eval-stories.ts [--bbc DIR] [--copies 300] [--verbose] [--jaccard 0.3] [--containment 0.6] [--title 0.5] [--bands 32 --rows 4]
 *
 * Prints one JSON object with two measures:
 *
 * - `jaccard_pairs`: the pairs whose exact Jaccard of 5-word shingles is ≥ 0.3
 *   (near_duplicate_pairs.derived.tsv). This is the same rule the grouper approximates with MinHash,
 *   so it shows the approximation is faithful, not that the rule finds stories.
 * - `aggregator_copies`: an independent check. `--copies N` articles (seeded, each with at least three
 *   paragraphs and no near-duplicate in the collection) get six copies each, made the way aggregators
 *   make them (bench/aggregator-copies.ts: shortened, first paragraph only, re-ordered, re-titled, a
 *   paragraph added, all at once). All 2,225 articles are grouped, then the copies. Gold pairs: each
 *   copy with its original and with the other copies of it. Precision and recall count every pair in
 *   one story that involves a copy; recall per kind is the share of copies grouped with their original.
 *
 * Articles are grouped in a fixed order (category, then file name); every pair of articles in one
 * story (exact copies included) is a predicted pair. `--verbose` lists the disagreements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParsedArticle } from '../src/corpus/article.js';
import { fingerprint, sortedIntersectionSize, sortedJaccard } from '../src/corpus/shingles.js';
import { DEFAULT_STORY_GROUPING, StoryGrouper, type StoryGroupingOptions } from '../src/corpus/stories.js';
import { aggregatorCopy, COPY_KINDS, type CopyKind } from './aggregator-copies.js';
import { mulberry32 } from './synthetic-corpus.js';

const { values } = parseArgs({
  options: {
    jaccard: { type: 'string' },
    containment: { type: 'string' },
    title: { type: 'string' },
    shared: { type: 'string' },
    bands: { type: 'string' },
    rows: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    copies: { type: 'string', default: '300' },
    bbc: { type: 'string', default: '../shared/eval/bbc-news-summary' },
    seed: { type: 'string', default: '1' },
  },
});

const EVAL_DIR = resolve(values.bbc);
const ARTICLES_DIR = join(EVAL_DIR, 'BBC News Summary', 'News Articles');

const options: StoryGroupingOptions = {
  ...DEFAULT_STORY_GROUPING,
  ...(values.jaccard ? { jaccardThreshold: Number(values.jaccard) } : {}),
  ...(values.containment ? { containmentThreshold: Number(values.containment) } : {}),
  ...(values.title ? { titleThreshold: Number(values.title) } : {}),
  ...(values.shared ? { minSharedShingles: Number(values.shared) } : {}),
  ...(values.bands ? { bands: Number(values.bands) } : {}),
  ...(values.rows ? { rows: Number(values.rows) } : {}),
};

/** A BBC article file: the first line is the title, the other non-empty lines are paragraphs. */
function readBbcArticle(name: string): ParsedArticle {
  const lines = readFileSync(join(ARTICLES_DIR, name), 'latin1')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    id: name,
    title: lines[0] ?? name,
    paragraphs: lines.slice(1),
    published: null,
    source: 'BBC',
    url: null,
    credit: null,
    origin: name,
  };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

const names = readdirSync(ARTICLES_DIR)
  .sort()
  .flatMap((category) =>
    readdirSync(join(ARTICLES_DIR, category))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => `${category}/${f}`),
  );
const articles = names.map(readBbcArticle);

const gold = new Set<string>();
for (const line of readFileSync(join(EVAL_DIR, 'near_duplicate_pairs.derived.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [, a, b] = line.split('\t');
  if (a && b) gold.add(pairKey(a, b));
}

const grouper = new StoryGrouper(options);
const started = performance.now();
const members = new Map<string, string[]>();
let duplicates = 0;
for (const article of articles) {
  const { storyId, duplicateOf } = grouper.assign(article);
  if (duplicateOf !== null) duplicates++;
  const list = members.get(storyId) ?? [];
  list.push(article.id);
  members.set(storyId, list);
}
const groupMs = performance.now() - started;

const predicted = new Set<string>();
for (const list of members.values()) {
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) predicted.add(pairKey(list[i] ?? '', list[j] ?? ''));
  }
}

// Shingle sets sorted, for exact Jaccard and containment of the disagreements.
const byName = new Map(articles.map((a) => [a.id, fingerprint(a.title, a.paragraphs).shingles.sort()]));
function describe(pair: string): { pair: string; jaccard: number; containment: number } {
  const [a, b] = pair.split(' ');
  const fa = byName.get(a ?? '');
  const fb = byName.get(b ?? '');
  if (!fa || !fb) throw new Error(`unknown pair ${pair}`);
  const shared = sortedIntersectionSize(fa, fb);
  return {
    pair,
    jaccard: Number(sortedJaccard(fa, fb).toFixed(3)),
    containment: Number((shared / Math.min(fa.length, fb.length)).toFixed(3)),
  };
}

const truePositives = [...predicted].filter((p) => gold.has(p)).length;
const falsePositives = [...predicted].filter((p) => !gold.has(p));
const falseNegatives = [...gold].filter((p) => !predicted.has(p));

const jaccardPairs = {
  note: 'gold pairs defined by the exact shingle-Jaccard rule that the grouper approximates',
  articles: articles.length,
  stories: members.size,
  duplicates,
  gold_pairs: gold.size,
  predicted_pairs: predicted.size,
  precision: Number((truePositives / predicted.size).toFixed(4)),
  recall: Number((truePositives / gold.size).toFixed(4)),
  group_ms: Math.round(groupMs),
  false_positives: values.verbose ? falsePositives.map(describe) : falsePositives.length,
  false_negatives: values.verbose ? falseNegatives.map(describe) : falseNegatives.length,
};

/** Grouping measured on aggregator-style copies of articles that have no near-duplicate of their own. */
function aggregatorCopies(count: number, seed: number) {
  const random = mulberry32(seed);
  const inGold = new Set([...gold].flatMap((p) => p.split(' ')));
  const eligible = articles.filter((a) => a.paragraphs.length >= 3 && !inGold.has(a.id));
  const sources = eligible
    .map((a) => ({ a, key: random() }))
    .sort((x, y) => x.key - y.key)
    .slice(0, count)
    .map(({ a }) => a);
  const categoryOf = (id: string): string => id.split('/')[0] ?? '';
  const copies: Array<{ article: ParsedArticle; original: string; kind: CopyKind }> = [];
  for (const source of sources) {
    const others = articles.filter((a) => categoryOf(a.id) !== categoryOf(source.id));
    for (const kind of COPY_KINDS) {
      const donor = others[Math.floor(random() * others.length)];
      const unrelated = donor?.paragraphs[Math.floor(random() * donor.paragraphs.length)] ?? '';
      copies.push({ article: aggregatorCopy(source, kind, unrelated, random), original: source.id, kind });
    }
  }

  const copyGrouper = new StoryGrouper(options);
  const storyOf = new Map<string, string>();
  for (const article of articles) storyOf.set(article.id, copyGrouper.assign(article).storyId);
  for (const { article } of copies) storyOf.set(article.id, copyGrouper.assign(article).storyId);

  const isCopy = new Set(copies.map((c) => c.article.id));
  const byStory = new Map<string, string[]>();
  for (const [id, story] of storyOf) byStory.set(story, [...(byStory.get(story) ?? []), id]);
  const predictedPairs = new Set<string>();
  for (const list of byStory.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = [list[i] ?? '', list[j] ?? ''];
        if (isCopy.has(x) || isCopy.has(y)) predictedPairs.add(pairKey(x, y));
      }
  }
  const goldPairs = new Set<string>();
  for (const source of sources) {
    const family = [source.id, ...COPY_KINDS.map((kind) => `${source.id}~${kind}`)];
    for (let i = 0; i < family.length; i++)
      for (let j = i + 1; j < family.length; j++) goldPairs.add(pairKey(family[i] ?? '', family[j] ?? ''));
  }
  const hits = [...predictedPairs].filter((p) => goldPairs.has(p)).length;
  const recallByKind = Object.fromEntries(
    COPY_KINDS.map((kind) => {
      const ofKind = copies.filter((c) => c.kind === kind);
      const grouped = ofKind.filter((c) => storyOf.get(c.article.id) === storyOf.get(c.original)).length;
      return [kind, Number((grouped / Math.max(1, ofKind.length)).toFixed(4))];
    }),
  );
  const wrong = [...predictedPairs].filter((p) => !goldPairs.has(p));
  const missed = [...goldPairs].filter((p) => !predictedPairs.has(p));
  return {
    originals: sources.length,
    copies: copies.length,
    gold_pairs: goldPairs.size,
    predicted_pairs: predictedPairs.size,
    precision: Number((hits / Math.max(1, predictedPairs.size)).toFixed(4)),
    recall: Number((hits / Math.max(1, goldPairs.size)).toFixed(4)),
    recall_to_original_by_kind: recallByKind,
    false_positives: values.verbose ? wrong : wrong.length,
    false_negatives: values.verbose ? missed.slice(0, 50) : missed.length,
  };
}

console.log(
  JSON.stringify(
    {
      options,
      jaccard_pairs: jaccardPairs,
      aggregator_copies: aggregatorCopies(Number(values.copies), Number(values.seed)),
    },
    null,
    2,
  ),
);
