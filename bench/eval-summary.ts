/**
 * Summaries and passages against the BBC News Summary references, each beside a baseline in the same run.
 *
 *   npm run eval:summary -- [--bbc DIR] [--sentences 3] [--articles N]
 *
 * `--articles N` scores a fixed sample of about N articles (for trying changes quickly).
 * Prints one JSON object. Files are split by number: the lead summary's weights were tuned on the
 * odd-numbered files, so the headline is `held_out` (even-numbered files); `tuning` (odd) and `all`
 * are beside it.
 *
 * - `summary`: ROUGE-1/2/L F1 (percent) of the 3-sentence lead summary and of Lead-3, with mean words
 *   (ROUGE F1 against long references rewards longer summaries).
 * - `passages`: the query-focused passage a reply shows (`summarize --query`, the product's own
 *   path), for two kinds of query per article, against three baselines with as many sentences as
 *   the passage shows: Lead, Keyword and Overlap (see bench/passage-eval.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { l as rougeL, n as rougeN } from 'js-rouge';
import { leadSummary } from '../src/summarize/lead.js';
import { splitSentences } from '../src/summarize/sentences.js';
import { passageEvaluation, seedOf } from './passage-eval.js';

interface Scores {
  r1: number;
  r2: number;
  rl: number;
}

interface BbcArticle {
  /** "business/001.txt" */
  file: string;
  /** Even-numbered files were not tuned on. */
  heldOut: boolean;
  title: string;
  paragraphs: string[];
  reference: string;
}

const { values } = parseArgs({
  options: {
    bbc: { type: 'string', default: '../shared/eval/bbc-news-summary' },
    sentences: { type: 'string', default: '3' },
    articles: { type: 'string' },
    // The output is always JSON; accepted so every bench takes the same flag.
    json: { type: 'boolean' },
  },
});

const root = join(resolve(values.bbc), 'BBC News Summary');
const sentenceCount = Number(values.sentences);
if (!Number.isInteger(sentenceCount) || sentenceCount < 1)
  throw new Error('--sentences must be a positive integer');

/** Title on the first line, a blank line, then paragraphs; the title is not a body sentence. */
function parseBbcArticle(raw: string): Pick<BbcArticle, 'title' | 'paragraphs'> {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const title = (lines.shift() ?? '').trim();
  const paragraphs = lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  return { title, paragraphs };
}

/** References join their sentences without a space ("…$10.9bn.For the full-year…"): put it back. */
function spaceReferenceSentences(reference: string): string {
  return reference
    .replace(/(?<![.\s]\p{Lu})(?<=[\p{L}\p{N}%)'"”’])([.!?]["'”’]?)(?=["“‘]?\p{Lu})/gu, '$1 ')
    .trim();
}

function loadArticles(): BbcArticle[] {
  const articles: BbcArticle[] = [];
  const articleRoot = join(root, 'News Articles');
  for (const category of readdirSync(articleRoot).sort()) {
    for (const file of readdirSync(join(articleRoot, category)).sort()) {
      if (!file.endsWith('.txt')) continue;
      const parsed = parseBbcArticle(readFileSync(join(articleRoot, category, file), 'utf8'));
      const reference = readFileSync(join(root, 'Summaries', category, file), 'utf8');
      articles.push({
        ...parsed,
        file: `${category}/${file}`,
        heldOut: Number.parseInt(file, 10) % 2 === 0,
        reference: spaceReferenceSentences(reference),
      });
    }
  }
  return articles;
}

function leadSentences(paragraphs: string[], n: number): string[] {
  return paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text)).slice(0, n);
}

function score(candidate: string, reference: string): Scores {
  const options = { caseSensitive: false };
  return {
    r1: rougeN(candidate, reference, { ...options, n: 1 }),
    r2: rougeN(candidate, reference, { ...options, n: 2 }),
    rl: rougeL(candidate, reference, options),
  };
}

function mean(all: Scores[]): Scores {
  const sum = all.reduce((a, s) => ({ r1: a.r1 + s.r1, r2: a.r2 + s.r2, rl: a.rl + s.rl }), {
    r1: 0,
    r2: 0,
    rl: 0,
  });
  const pct = (x: number) => Math.round((x / all.length) * 1000) / 10;
  return { r1: pct(sum.r1), r2: pct(sum.r2), rl: pct(sum.rl) };
}

const sample = values.articles === undefined ? null : Number(values.articles);
if (sample !== null && !(Number.isInteger(sample) && sample > 0))
  throw new Error('--articles must be a positive integer');
const all = loadArticles();
// A sample by a hash of the file name: the same files every run, both halves represented.
const articles = sample === null ? all : all.filter((a) => seedOf(a.file) % all.length < sample);

/** Lead summary and Lead-3 on a set of articles. */
function summaryFigures(set: readonly BbcArticle[]) {
  const lead3: Scores[] = [];
  const summary: Scores[] = [];
  const words = { lead3: 0, summary: 0 };
  const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length;
  for (const article of set) {
    const lead = leadSentences(article.paragraphs, sentenceCount).join(' ');
    const chosen = leadSummary(article.paragraphs, sentenceCount, { title: article.title }).join(' ');
    lead3.push(score(lead, article.reference));
    summary.push(score(chosen, article.reference));
    words.lead3 += wordsIn(lead);
    words.summary += wordsIn(chosen);
  }
  const lead3Mean = mean(lead3);
  const summaryMean = mean(summary);
  return {
    articles: set.length,
    summary: summaryMean,
    lead3: lead3Mean,
    delta_r2: Math.round((summaryMean.r2 - lead3Mean.r2) * 10) / 10,
    mean_words: {
      summary: Math.round(words.summary / set.length),
      lead3: Math.round(words.lead3 / set.length),
    },
  };
}

const heldOut = articles.filter((a) => a.heldOut);
const tuning = articles.filter((a) => !a.heldOut);
const passages = passageEvaluation(articles, { bbcRoot: root, sentences: sentenceCount });
console.log(
  JSON.stringify({
    split: 'weights tuned on odd-numbered files; held_out = even-numbered files (the headline)',
    summary: {
      held_out: summaryFigures(heldOut),
      tuning: summaryFigures(tuning),
      all: summaryFigures(articles),
    },
    passages: {
      held_out: passages.figures(heldOut),
      tuning: passages.figures(tuning),
      all: passages.figures(articles),
    },
  }),
);
