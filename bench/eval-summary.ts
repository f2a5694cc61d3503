/**
 * ROUGE of the lead summary against the BBC News Summary references, with Lead-3 computed in the same run.
 *
 *   npm run eval:summary -- [--bbc DIR] [--sentences 3] [--split all|odd|even]
 *
 * Prints JSON: {articles, lead3: {r1, r2, rl}, summary: {r1, r2, rl}, delta_r2, mean_words} (F1 in percent;
 * mean_words is the mean summary length, since ROUGE F1 against long references rewards longer summaries).
 * `--split odd` scores odd-numbered files only (the tuning half), `even` the other half.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { l as rougeL, n as rougeN } from 'js-rouge';
import { leadSummary } from '../src/summarize/lead.js';
import { splitSentences } from '../src/summarize/sentences.js';

interface Scores {
  r1: number;
  r2: number;
  rl: number;
}

interface BbcArticle {
  title: string;
  paragraphs: string[];
  reference: string;
}

const { values } = parseArgs({
  options: {
    bbc: { type: 'string', default: '../shared/eval/bbc-news-summary' },
    sentences: { type: 'string', default: '3' },
    split: { type: 'string', default: 'all' },
    // The output is always JSON; accepted so every bench takes the same flag.
    json: { type: 'boolean' },
  },
});

const root = join(resolve(values.bbc), 'BBC News Summary');
const sentenceCount = Number(values.sentences);
if (!Number.isInteger(sentenceCount) || sentenceCount < 1)
  throw new Error('--sentences must be a positive integer');
if (!['all', 'odd', 'even'].includes(values.split)) throw new Error('--split must be all, odd or even');

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

function inSplit(file: string): boolean {
  if (values.split === 'all') return true;
  const odd = Number.parseInt(file, 10) % 2 === 1;
  return values.split === 'odd' ? odd : !odd;
}

function loadArticles(): BbcArticle[] {
  const articles: BbcArticle[] = [];
  const articleRoot = join(root, 'News Articles');
  for (const category of readdirSync(articleRoot).sort()) {
    for (const file of readdirSync(join(articleRoot, category)).sort()) {
      if (!file.endsWith('.txt') || !inSplit(file)) continue;
      const parsed = parseBbcArticle(readFileSync(join(articleRoot, category, file), 'utf8'));
      const reference = readFileSync(join(root, 'Summaries', category, file), 'utf8');
      articles.push({ ...parsed, reference: spaceReferenceSentences(reference) });
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

const articles = loadArticles();
const lead3: Scores[] = [];
const summary: Scores[] = [];
const words = { lead3: 0, summary: 0 };
const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length;
for (const article of articles) {
  const lead = leadSentences(article.paragraphs, sentenceCount).join(' ');
  const chosen = leadSummary(article.paragraphs, sentenceCount, { title: article.title }).join(' ');
  lead3.push(score(lead, article.reference));
  summary.push(score(chosen, article.reference));
  words.lead3 += wordsIn(lead);
  words.summary += wordsIn(chosen);
}
const lead3Mean = mean(lead3);
const summaryMean = mean(summary);
console.log(
  JSON.stringify({
    articles: articles.length,
    lead3: lead3Mean,
    summary: summaryMean,
    delta_r2: Math.round((summaryMean.r2 - lead3Mean.r2) * 10) / 10,
    mean_words: {
      lead3: Math.round(words.lead3 / articles.length),
      summary: Math.round(words.summary / articles.length),
    },
  }),
);
