/**
 * The TIME test collection (../shared/eval/time-ir): 423 Time magazine articles from 1963, 83
 * queries, and which articles are relevant to which query (qrels.derived.tsv, 79 queries judged).
 * Read here once for every evaluation that uses it; the data is never copied into the project.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedArticle } from '../src/corpus/article.js';
import { splitSentences } from '../src/summarize/sentences.js';

export interface TimeDoc {
  id: string;
  text: string;
}

export interface TimeCollection {
  /** Each document as an article: its first sentence is the title, the rest the body. */
  articles: ParsedArticle[];
  /** Query number → query text. */
  queries: Map<string, string>;
  /** Query number → relevant TEXT numbers, for the judged queries only. */
  judged: Map<string, Set<string>>;
}

/** Where the collection is by default, from the project's folder. */
export const TIME_DIR = '../shared/eval/time-ir';

/** "*TEXT 017 01/04/63 PAGE 020" starts a document; its text runs until the next one. */
export function parseDocs(all: string): TimeDoc[] {
  const docs: TimeDoc[] = [];
  const parts = all.split(/^\*TEXT\s+(\d+)[^\n]*$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const text = (parts[i + 1] ?? '').replace(/^\*STOP.*$/m, '').trim();
    docs.push({ id: String(Number(parts[i])), text });
  }
  return docs;
}

/** "*FIND n" starts a query. */
export function parseQueries(que: string): Map<string, string> {
  const queries = new Map<string, string>();
  const parts = que.split(/^\*FIND\s+(\d+)\s*$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    queries.set(String(Number(parts[i])), (parts[i + 1] ?? '').replace(/^\*STOP.*$/m, '').trim());
  }
  return queries;
}

/** qid → relevant TEXT numbers; lines starting with # are comments. */
export function parseQrels(tsv: string): Map<string, Set<string>> {
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

/** A TIME document as the corpus layer would parse it: its first sentence is the title, the rest the body. */
export function toArticle(doc: TimeDoc): ParsedArticle {
  const text = doc.text.replace(/\s+/g, ' ').trim();
  const [first] = splitSentences(text);
  const title = first?.text ?? doc.id;
  const body = first === undefined ? '' : text.slice(first.end).trim();
  return {
    id: `time-${doc.id}`,
    title,
    paragraphs: body === '' ? [] : [body],
    published: null,
    source: 'TIME',
    url: null,
    credit: null,
    origin: `TIME.ALL#${doc.id}`,
  };
}

/** TIME document number of an article id, or null for another article (a distractor). */
export function timeNumber(id: string): string | null {
  return id.startsWith('time-') ? id.slice(5) : null;
}

export async function readTimeCollection(dir: string = TIME_DIR): Promise<TimeCollection> {
  const [all, que, qrelsText] = await Promise.all(
    ['TIME.ALL', 'TIME.QUE', 'qrels.derived.tsv'].map((f) => readFile(join(dir, f), 'latin1')),
  );
  const articles = parseDocs(all ?? '').map(toArticle);
  const queries = parseQueries(que ?? '');
  const qrels = parseQrels(qrelsText ?? '');
  const judged = new Map([...qrels].filter(([qid]) => queries.has(qid)));
  return { articles, queries, judged };
}
