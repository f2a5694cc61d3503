import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { walkCorpusFolder } from '../storage/corpus-walk.js';
import type { Article, ParsedArticle } from './article.js';
import { futureDateProblem } from './future-dates.js';
import { formatProblem, type Problem } from './problems.js';
import { createProgress, type ProgressMode } from './progress.js';
import { BINARY_FILE, decodeBytes, LATIN1_FALLBACK, looksBinary } from './readers/decode.js';
import { EMPTY_FILE, isJsonLines, parseFileRecords, READERS, readerFor } from './readers/index.js';
import { JsonLinesReader } from './readers/jsonl.js';

export { CorpusFolderError } from '../storage/corpus-walk.js';

export type ReadEvent =
  /** An article; `line` is where it starts in its file. */
  | { kind: 'article'; article: ParsedArticle; line: number }
  | { kind: 'problem'; problem: Problem }
  /** A file about to be read (path relative to the data folder). */
  | { kind: 'file'; path: string }
  /** A file left alone: its extension is not one newsbot reads. */
  | { kind: 'ignored'; path: string };

/** Parses one file's bytes (any supported format); problems name the file by `relativePath`. */
export function parseFile(
  relativePath: string,
  bytes: Uint8Array,
): { articles: ParsedArticle[]; problems: Problem[] } {
  const { records, problems } = parseFileRecords(relativePath, bytes);
  return { articles: records.map((r) => r.article), problems };
}

/** Reads one file into events; problems name the file as `dir/path`. */
async function* readOne(dir: string, path: string): AsyncGenerator<ReadEvent> {
  if (!readerFor(path)) {
    yield { kind: 'ignored', path };
    return;
  }
  yield { kind: 'file', path };
  const shown = join(dir, path);
  try {
    if (isJsonLines(path)) {
      for await (const event of streamJsonLines(dir, path)) yield event;
      return;
    }
    // Synchronous on purpose: one small file at a time, and several times faster than
    // fs/promises for the thousands of small files a corpus has.
    const { records, problems } = parseFileRecords(path, readFileSync(join(dir, path)));
    for (const problem of problems) yield { kind: 'problem', problem: { ...problem, file: shown } };
    for (const { article, line } of records) yield { kind: 'article', article, line };
  } catch (err) {
    const reason = `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    yield { kind: 'problem', problem: { file: shown, line: null, reason } };
  }
}

/** A JSON Lines file line by line: a file of any size is never in memory whole. */
async function* streamJsonLines(dir: string, path: string): AsyncGenerator<ReadEvent> {
  const shown = join(dir, path);
  const reader = new JsonLinesReader(path);
  let warnedLatin1 = false;
  let lineNumber = 0;
  const readLine = function* (bytes: Buffer): Generator<ReadEvent> {
    lineNumber++;
    const end = bytes.at(-1) === 0x0d ? bytes.length - 1 : bytes.length;
    const { text, latin1Line } = decodeBytes(bytes.subarray(0, end));
    if (latin1Line !== null && !warnedLatin1) {
      yield { kind: 'problem', problem: { file: shown, line: lineNumber, reason: LATIN1_FALLBACK } };
      warnedLatin1 = true;
    }
    const { records, problems } = reader.push(text);
    for (const problem of problems) yield { kind: 'problem', problem: { ...problem, file: shown } };
    for (const { article, line } of records) yield { kind: 'article', article, line };
  };
  // The unfinished line's pieces: joined once its newline arrives, so that a line of any
  // length costs one copy (joining at every chunk made a 50 MB line take a minute).
  let pending: Buffer[] = [];
  let first = true;
  for await (const chunk of createReadStream(join(dir, path)) as AsyncIterable<Buffer>) {
    if (first && looksBinary(chunk)) {
      yield { kind: 'problem', problem: { file: shown, line: null, reason: BINARY_FILE } };
      return;
    }
    first = false;
    let data = chunk;
    for (let newline = data.indexOf(0x0a); newline !== -1; newline = data.indexOf(0x0a)) {
      const piece = data.subarray(0, newline);
      yield* readLine(pending.length ? Buffer.concat([...pending, piece]) : piece);
      pending = [];
      data = data.subarray(newline + 1);
    }
    if (data.length) pending.push(data);
  }
  if (pending.length) yield* readLine(Buffer.concat(pending));
  if (reader.records === 0)
    yield { kind: 'problem', problem: { file: shown, line: null, reason: EMPTY_FILE } };
}

/**
 * Streams the data folder: each file is read, parsed and handed on before the next one is read.
 * Throws CorpusFolderError when the folder is missing.
 */
export async function* readCorpus(dir: string): AsyncGenerator<ReadEvent> {
  for await (const entry of walkCorpusFolder(dir)) {
    if (entry.kind === 'file') yield* readOne(dir, entry.path);
    else yield { kind: 'problem', problem: linkProblem(dir, entry.path, entry.reason) };
  }
}

const linkProblem = (dir: string, path: string, reason: string): Problem => ({
  file: join(dir, path),
  line: null,
  reason,
});

/** Said when a folder holds no file newsbot reads: a wrong --data is the usual cause. */
export const EMPTY_FOLDER = `no article files in this folder (newsbot reads ${Object.keys(READERS).join(', ')})`;

export interface LoadTotals {
  /** Files read (supported extensions). */
  files: number;
  /** Files ignored for their extension. */
  ignored: number;
  /** Articles stored. */
  articles: number;
  /** Articles not stored: a duplicate id, or an exact copy of a stored article. */
  skipped: number;
  /** Distinct stories among the stored articles. */
  stories: number;
  seconds: number;
  problems: Problem[];
}

export interface LoadOptions {
  logger: Logger;
  progress?: ProgressMode;
  /** Log each problem as a warning (default). `check` turns it off and lists them itself. */
  logProblems?: boolean;
  /** The clock dates are checked against (a date more than a day ahead is dropped). Default: now. */
  now?: Date;
  /** Called after each file: files read so far, files in all, articles stored so far. */
  onProgress?: (files: number, totalFiles: number, articles: number) => void;
}

/**
 * Loads every article under `dir` through `accept` (which stores it and returns it with its
 * storyId, or null for an exact copy). The first article with a given id wins; later ones are
 * a problem. Shows progress, then logs one line of totals.
 */
export async function loadArticles(
  dir: string,
  accept: (article: ParsedArticle) => Article | null,
  options: LoadOptions,
): Promise<LoadTotals> {
  const { logger, progress: mode = 'auto', logProblems = true } = options;
  const nowMs = (options.now ?? new Date()).getTime();
  const started = performance.now();
  const paths: string[] = [];
  const linkProblems: Problem[] = [];
  for await (const entry of walkCorpusFolder(dir)) {
    if (entry.kind === 'file') paths.push(entry.path);
    else linkProblems.push(linkProblem(dir, entry.path, entry.reason));
  }

  const totals: LoadTotals = {
    files: 0,
    ignored: 0,
    articles: 0,
    skipped: 0,
    stories: 0,
    seconds: 0,
    problems: [],
  };
  const firstOrigin = new Map<string, string>();
  const stories = new Set<string>();
  const progress = createProgress(mode, paths.length, logger);
  const barShown = mode === 'bar' || (mode === 'auto' && process.stderr.isTTY);
  const report = (problem: Problem): void => {
    totals.problems.push(problem);
    if (logProblems && !barShown) logger.warn(formatProblem(problem));
  };
  for (const problem of linkProblems) report(problem);

  for (const [done, path] of paths.entries()) {
    for await (const event of readOne(dir, path)) {
      if (event.kind === 'ignored') totals.ignored++;
      else if (event.kind === 'file') totals.files++;
      else if (event.kind === 'problem') report(event.problem);
      else {
        const { article, line } = event;
        const first = firstOrigin.get(article.id);
        if (first !== undefined) {
          totals.skipped++;
          report({
            file: join(dir, path),
            line,
            reason: `duplicate id "${article.id}" (first in ${first}): skipped`,
          });
          continue;
        }
        firstOrigin.set(article.id, article.origin);
        const future = futureDateProblem(article, nowMs);
        if (future !== null) report({ file: join(dir, path), line, reason: future });
        const stored = accept(future === null ? article : { ...article, published: null });
        if (stored === null) totals.skipped++;
        else {
          totals.articles++;
          stories.add(stored.storyId);
        }
      }
    }
    progress.update(done + 1, totals.articles);
    options.onProgress?.(done + 1, paths.length, totals.articles);
  }
  progress.stop();
  if (totals.files === 0) report({ file: dir, line: null, reason: EMPTY_FOLDER });
  if (logProblems && barShown) for (const problem of totals.problems) logger.warn(formatProblem(problem));

  totals.stories = stories.size;
  totals.seconds = Math.round(performance.now() - started) / 1000;
  const { problems, ...counts } = totals;
  logger.info(
    { ...counts, problems: problems.length },
    `loaded ${counts.articles} articles (${counts.stories} stories) from ${counts.files} files in ${counts.seconds}s; ` +
      `${counts.skipped} skipped, ${counts.ignored} files ignored, ${problems.length} problems`,
  );
  return totals;
}
