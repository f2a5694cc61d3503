/**
 * How good are the query-focused passages a reply shows? Measured on BBC News Summary, whose
 * reference summaries are sentences picked out of each article by people: a sentence in the
 * reference is one worth showing. Two kinds of query per article:
 *
 * - `title`: the article's title typed as the query (a reader who saw the headline elsewhere).
 *   Score: `precision`, the share of the sentences shown that are reference sentences, and ROUGE-2
 *   F1 of the shown text against the reference.
 * - `sentence`: a question about one particular point. A reference sentence is drawn (seeded by the
 *   file name), and the query is its two rarest words (fewest articles in the collection, 4 letters
 *   or more) among those the article also uses in another sentence, so that the words alone do not
 *   single the sentence out. Score: `hit`, the share of queries whose passage shows that sentence,
 *   and precision as above.
 *
 * Baselines, with as many sentences as the passage showed for that article: `lead` (the first
 * sentences: what a reply without a query shows), `keyword` (the first sentences holding any
 * query word, as a grep would show them) and `overlap` (the sentences holding the most distinct
 * query words, earlier first on ties: the simplest query-focused extractor). The passage comes from `summarizeFile`, the code behind
 * `newsbot summarize --query`, on the article file as it is on disk.
 */
import { join } from 'node:path';
import { l as rougeL, n as rougeN } from 'js-rouge';
import { summarizeFile } from '../src/cli/summarize.js';
import { analyze } from '../src/search/analyzer.js';
import { splitSentences } from '../src/summarize/sentences.js';

export interface PassageArticle {
  /** "business/001.txt" */
  file: string;
  title: string;
  paragraphs: string[];
  reference: string;
}

interface Shown {
  passage: string[];
  lead: string[];
  keyword: string[];
  overlap: string[];
}

interface ArticleResult {
  file: string;
  title: Shown;
  sentence: (Shown & { target: string }) | null;
}

/** Lower-case words between spaces: sentences compare as word sequences, whatever the punctuation. */
const norm = (text: string): string => ` ${(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
const wordsOf = (text: string): number => norm(text).trim().split(' ').filter(Boolean).length;

/** A shown sentence (possibly cut short with "…") that is part of the reference. */
function inReference(sentence: string, reference: string): boolean {
  return wordsOf(sentence) >= 4 && reference.includes(norm(sentence));
}

function showsTarget(shown: readonly string[], target: string): boolean {
  const t = norm(target);
  return shown.some((s) => wordsOf(s) >= 4 && (t.includes(norm(s)) || norm(s).includes(t)));
}

/** 32-bit FNV-1a: a seed from the file name, the same on every run. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function passageEvaluation(
  articles: readonly PassageArticle[],
  options: { bbcRoot: string; sentences: number },
) {
  const documentFrequency = new Map<string, number>();
  for (const a of articles) {
    for (const term of new Set(analyze([a.title, ...a.paragraphs].join(' ')))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }

  const results = new Map<string, ArticleResult>();
  for (const article of articles) {
    const path = join(options.bbcRoot, 'News Articles', article.file);
    const body = article.paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text));
    const shownFor = (query: string): Shown => {
      const passage = summarizeFile(path, options.sentences, query).sentences;
      const n = Math.max(1, passage.length);
      const wanted = new Set(analyze(query));
      const overlap = body
        .map((text, at) => ({ text, at, shared: new Set(analyze(text).filter((t) => wanted.has(t))).size }))
        .filter((s) => s.shared > 0)
        .sort((a, b) => b.shared - a.shared || a.at - b.at)
        .slice(0, n)
        .sort((a, b) => a.at - b.at)
        .map((s) => s.text);
      return {
        passage,
        lead: body.slice(0, n),
        keyword: body.filter((s) => analyze(s).some((t) => wanted.has(t))).slice(0, n),
        overlap,
      };
    };

    let sentence: ArticleResult['sentence'] = null;
    const targets = splitSentences(article.reference)
      .map((s) => s.text)
      .filter((s) => wordsOf(s) >= 6);
    const target = targets[seedOf(article.file) % Math.max(1, targets.length)];
    if (target !== undefined) {
      const others = body.filter((s) => !norm(target).includes(norm(s)) && !norm(s).includes(norm(target)));
      const elsewhere = new Set(others.flatMap((s) => analyze(s)));
      const words = new Map<string, string>();
      for (const word of target.match(/\p{L}{4,}/gu) ?? []) {
        const [term] = analyze(word);
        if (term !== undefined && elsewhere.has(term) && !words.has(term)) words.set(term, word);
      }
      const rarest = [...words.entries()]
        .sort(
          ([a], [b]) => (documentFrequency.get(a) ?? 0) - (documentFrequency.get(b) ?? 0) || (a < b ? -1 : 1),
        )
        .slice(0, 2)
        .map(([, word]) => word);
      if (rarest.length === 2) sentence = { ...shownFor(rarest.join(' ')), target };
    }
    results.set(article.file, { file: article.file, title: shownFor(article.title), sentence });
  }

  const pct = (x: number, n: number): number => (n === 0 ? 0 : Math.round((x / n) * 1000) / 10);

  /** Mean precision, ROUGE-2 (title queries) or hit rate (sentence queries) per system, in percent. */
  function figures(set: readonly PassageArticle[]) {
    const systems = ['passage', 'lead', 'keyword', 'overlap'] as const;
    const zeros = () => systems.map(() => 0);
    const title = { queries: 0, precision: zeros(), r2: zeros(), rl: zeros(), chars: zeros(), sentences: 0 };
    const point = { queries: 0, hit: zeros(), precision: zeros() };
    const precision = (shown: readonly string[], reference: string): number =>
      shown.length === 0 ? 0 : shown.filter((s) => inReference(s, reference)).length / shown.length;
    for (const article of set) {
      const result = results.get(article.file);
      if (result === undefined) continue;
      const reference = norm(article.reference);
      title.queries++;
      title.sentences += result.title.passage.length;
      systems.forEach((system, i) => {
        const shown = result.title[system];
        const text = shown.join(' ');
        title.chars[i] = (title.chars[i] ?? 0) + text.length;
        title.precision[i] = (title.precision[i] ?? 0) + precision(shown, reference);
        if (text.trim() === '') return; // nothing shown scores 0
        title.r2[i] = (title.r2[i] ?? 0) + rougeN(text, article.reference, { n: 2, caseSensitive: false });
        title.rl[i] = (title.rl[i] ?? 0) + rougeL(text, article.reference, { caseSensitive: false });
      });
      const s = result.sentence;
      if (s === null) continue;
      point.queries++;
      systems.forEach((system, i) => {
        if (showsTarget(s[system], s.target)) point.hit[i] = (point.hit[i] ?? 0) + 1;
        point.precision[i] = (point.precision[i] ?? 0) + precision(s[system], reference);
      });
    }
    const bySystem = (values: number[], n: number) =>
      Object.fromEntries(systems.map((system, i) => [system, pct(values[i] ?? 0, n)]));
    return {
      title_query: {
        queries: title.queries,
        mean_sentences: Math.round((title.sentences / Math.max(1, title.queries)) * 100) / 100,
        precision: bySystem(title.precision, title.queries),
        rouge2: bySystem(title.r2, title.queries),
        rougeL: bySystem(title.rl, title.queries),
        /** Characters shown: the passage keeps to a reply's 500-character budget, the baselines do not. */
        mean_chars: Object.fromEntries(
          systems.map((system, i) => [
            system,
            Math.round((title.chars[i] ?? 0) / Math.max(1, title.queries)),
          ]),
        ),
      },
      sentence_query: {
        queries: point.queries,
        hit: bySystem(point.hit, point.queries),
        precision: bySystem(point.precision, point.queries),
      },
    };
  }

  return { figures };
}
