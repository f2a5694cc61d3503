/**
 * Typo tolerance: how often a misspelt word still finds its article, as a ratio to the same word
 * spelt correctly.
 *
 * Words are drawn (seeded) from the titles of a corpus: the BBC News Summary articles (2,225) when
 * ../shared/eval is present, else the bundled data/articles, with a message saying so. Each word has
 * at least 4 letters, no digit, and is not a stopword. It gets one random edit (deletion, insertion,
 * substitution or transposition of neighbours) whose result is no word of the corpus. A query is a
 * hit when a story in the top 5 holds an article whose title holds the word. The corpus is loaded
 * and searched through the product's own path (the folder loader, Newsroom.answer, shipped defaults).
 *
 *   npm run bench:typo -- [--corpus DIR] [--words 1000] [--seed 7] [--json]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadArticles } from '../src/corpus/load.js';
import { Newsroom } from '../src/newsroom/newsroom.js';
import { foldWord, termOf, tokenize } from '../src/search/analyzer.js';
import { mulberry32 } from './synthetic-corpus.js';

const BBC_DIR = '../shared/eval/bbc-news-summary/BBC News Summary/News Articles';
const BUNDLED_DIR = 'data/articles';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const EDITS = ['deletion', 'insertion', 'substitution', 'transposition'] as const;
type Edit = (typeof EDITS)[number];

/** One random edit of the given kind; null when the word is too short for it. */
function misspell(word: string, kind: Edit, random: () => number): string | null {
  const at = (n: number): number => Math.floor(random() * n);
  const letter = (): string => LETTERS[at(LETTERS.length)] ?? 'e';
  switch (kind) {
    case 'deletion': {
      const i = at(word.length);
      return word.slice(0, i) + word.slice(i + 1);
    }
    case 'insertion': {
      const i = at(word.length + 1);
      return word.slice(0, i) + letter() + word.slice(i);
    }
    case 'substitution': {
      const i = at(word.length);
      const c = letter();
      return c === word[i] ? null : word.slice(0, i) + c + word.slice(i + 1);
    }
    case 'transposition': {
      const i = at(word.length - 1);
      if (word[i] === word[i + 1]) return null;
      return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
    }
  }
}

interface Case {
  word: string;
  typo: string;
  edit: Edit;
}

function ratio(hits: number, of: number): number {
  return of === 0 ? 0 : Math.round((hits / of) * 1000) / 1000;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      words: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '7' },
      json: { type: 'boolean' },
    },
  });
  let dir = values.corpus ?? BBC_DIR;
  if (values.corpus === undefined && !existsSync(dir)) {
    process.stderr.write(
      `bench:typo: ${BBC_DIR} is absent; measuring on the bundled ${BUNDLED_DIR} instead (far fewer words: a rough figure)\n`,
    );
    dir = BUNDLED_DIR;
  }
  const now = new Date('2025-09-10T00:00:00Z');
  const room = new Newsroom({ now: () => now });
  await loadArticles(dir, (a) => room.add(a), { logger: pino({ level: 'silent' }), progress: 'off' });

  // Every word of the corpus (a typo must not be one), and the title words to draw from.
  const corpusWords = new Set<string>();
  const titleWords: { word: string; titleOf: Set<string> }[] = [];
  const titlesHolding = new Map<string, Set<string>>();
  for (const article of room.articles()) {
    for (const text of [article.title, ...article.paragraphs])
      for (const t of tokenize(text)) corpusWords.add(t.word);
    for (const t of tokenize(article.title)) {
      const ids = titlesHolding.get(t.word) ?? new Set<string>();
      ids.add(article.id);
      titlesHolding.set(t.word, ids);
    }
  }
  for (const [word, ids] of titlesHolding) {
    if (word.length >= 4 && /^\p{L}+$/u.test(word) && termOf(word) !== null)
      titleWords.push({ word, titleOf: ids });
  }
  titleWords.sort((a, b) => (a.word < b.word ? -1 : 1));

  const random = mulberry32(Number(values.seed));
  const cases: Case[] = [];
  const wanted = Math.min(Number(values.words), titleWords.length);
  for (let tries = 0; cases.length < wanted && tries < wanted * 50; tries++) {
    const { word } = titleWords[Math.floor(random() * titleWords.length)] ?? { word: '' };
    const edit = EDITS[Math.floor(random() * EDITS.length)] ?? 'deletion';
    const typo = misspell(word, edit, random);
    if (typo === null || typo === word || corpusWords.has(foldWord(typo))) continue;
    cases.push({ word, typo, edit });
  }

  const hit = (query: string, word: string): boolean => {
    const titles = titlesHolding.get(word) ?? new Set<string>();
    return room
      .answer(query, { limit: 5, now })
      .stories.some((story) => story.articleIds.some((id) => titles.has(id)));
  };
  const byEdit = new Map<Edit, { correct: number; typo: number; cases: number }>();
  const byLength = new Map<string, { correct: number; typo: number; cases: number }>();
  let correct = 0;
  let typo = 0;
  let suggested = 0;
  const started = performance.now();
  for (const c of cases) {
    const right = hit(c.word, c.word);
    const wrong = hit(c.typo, c.word);
    if (room.answer(c.typo, { limit: 5, now }).suggestions[0] === c.word) suggested++;
    correct += right ? 1 : 0;
    typo += wrong ? 1 : 0;
    const length = c.word.length >= 8 ? '8+' : c.word.length >= 6 ? '6-7' : '4-5';
    for (const [map, key] of [
      [byEdit, c.edit],
      [byLength, length],
    ] as const) {
      const row = (map as Map<string, { correct: number; typo: number; cases: number }>).get(key) ?? {
        correct: 0,
        typo: 0,
        cases: 0,
      };
      row.cases++;
      row.correct += right ? 1 : 0;
      row.typo += wrong ? 1 : 0;
      (map as Map<string, { correct: number; typo: number; cases: number }>).set(key, row);
    }
  }
  const rows = (map: Map<string, { correct: number; typo: number; cases: number }>) =>
    Object.fromEntries(
      [...map]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, { cases: v.cases, ratio: ratio(v.typo, v.correct) }]),
    );
  const report = {
    corpus: dir,
    articles: room.size,
    title_words: titleWords.length,
    cases: cases.length,
    seed: Number(values.seed),
    hit_rate_correct: ratio(correct, cases.length),
    hit_rate_typo: ratio(typo, cases.length),
    ratio_typo_to_correct: ratio(typo, correct),
    first_suggestion_is_the_word: ratio(suggested, cases.length),
    by_edit: rows(byEdit as Map<string, { correct: number; typo: number; cases: number }>),
    by_length: rows(byLength),
    seconds: Math.round(performance.now() - started) / 1000,
    goal: { ratio_typo_to_correct: 0.9 },
  };
  process.stdout.write(`${JSON.stringify(report, null, values.json ? undefined : 2)}\n`);
}

await main();
