/**
 * Quality of story grouping on data nobody here wrote: the 2,225 BBC News Summary articles and
 * the pairs among them whose exact Jaccard of 5-word shingles is ≥ 0.3 (near_duplicate_pairs.derived.tsv).
 * Articles are grouped in a fixed order (category, then file name); every pair of articles in one
 * story (exact copies included) is a predicted pair. Prints pairwise precision and recall as JSON,
 * with the disagreements and their exact similarity so that they can be judged by hand.
 *
 *   npx tsx bench/eval-stories.ts [--jaccard 0.3] [--containment 0.6] [--title 0.5] [--bands 32 --rows 4]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParsedArticle } from '../src/corpus/article.js';
import { fingerprint, sortedIntersectionSize, sortedJaccard } from '../src/corpus/shingles.js';
import { DEFAULT_STORY_GROUPING, StoryGrouper, type StoryGroupingOptions } from '../src/corpus/stories.js';

const EVAL_DIR = new URL('../../shared/eval/bbc-news-summary/', import.meta.url).pathname;
const ARTICLES_DIR = join(EVAL_DIR, 'BBC News Summary', 'News Articles');

const { values } = parseArgs({
  options: {
    jaccard: { type: 'string' },
    containment: { type: 'string' },
    title: { type: 'string' },
    shared: { type: 'string' },
    bands: { type: 'string' },
    rows: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

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

console.log(
  JSON.stringify(
    {
      articles: articles.length,
      stories: members.size,
      duplicates,
      gold_pairs: gold.size,
      predicted_pairs: predicted.size,
      precision: Number((truePositives / predicted.size).toFixed(4)),
      recall: Number((truePositives / gold.size).toFixed(4)),
      group_ms: Math.round(groupMs),
      options,
      false_positives: values.verbose ? falsePositives.map(describe) : falsePositives.length,
      false_negatives: values.verbose ? falseNegatives.map(describe) : falseNegatives.length,
    },
    null,
    2,
  ),
);
