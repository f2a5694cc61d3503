import type { Dirent } from 'node:fs';
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { Article, ParsedArticle } from './article.js';
import { formatProblem, type Problem } from './problems.js';
import { createProgress, type ProgressMode } from './progress.js';
import { EMPTY_FILE, isJsonLines, LATIN1_FALLBACK, parseFileRecords, readerFor } from './readers/index.js';
import { JsonLinesReader } from './readers/jsonl.js';

export type ReadEvent =
  /** An article; `line` is where it starts in its file. */
  | { kind: 'article'; article: ParsedArticle; line: number }
  | { kind: 'problem'; problem: Problem }
  /** A file about to be read (path relative to the data folder). */
  | { kind: 'file'; path: string }
  /** A file left alone: its extension is not one newsbot reads. */
  | { kind: 'ignored'; path: string };

/** The data folder is missing or is not a folder. */
export class CorpusFolderError extends Error {
  override name = 'CorpusFolderError';
}

/** Parses one file's bytes (any supported format); problems name the file by `relativePath`. */
export function parseFile(
  relativePath: string,
  bytes: Uint8Array,
): { articles: ParsedArticle[]; problems: Problem[] } {
  const { records, problems } = parseFileRecords(relativePath, bytes);
  return { articles: records.map((r) => r.article), problems };
}

async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info === null) throw new CorpusFolderError(`articles folder not found: ${dir}`);
  if (!info.isDirectory()) throw new CorpusFolderError(`articles folder is not a folder: ${dir}`);
}

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every file under `dir`, depth first in code-point order of names, hidden files and folders skipped. */
async function* walk(dir: string, prefix = ''): AsyncGenerator<string> {
  const entries = (await readdir(join(dir, prefix), { withFileTypes: true })).sort(byName);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const target = entry.isSymbolicLink() ? await stat(join(dir, path)).catch(() => null) : entry;
    if (target?.isDirectory()) yield* walk(dir, path);
    else if (target?.isFile()) yield path;
  }
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

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** A JSON Lines file line by line: a file of any size is never in memory whole. */
async function* streamJsonLines(dir: string, path: string): AsyncGenerator<ReadEvent> {
  const shown = join(dir, path);
  const reader = new JsonLinesReader(path);
  let warnedLatin1 = false;
  let lineNumber = 0;
  let rest: Buffer = Buffer.alloc(0);
  const readLine = function* (bytes: Buffer): Generator<ReadEvent> {
    lineNumber++;
    const end = bytes.at(-1) === 0x0d ? bytes.length - 1 : bytes.length;
    let text: string;
    try {
      text = utf8.decode(bytes.subarray(0, end));
    } catch {
      text = latin1.decode(bytes.subarray(0, end));
      if (!warnedLatin1)
        yield { kind: 'problem', problem: { file: shown, line: lineNumber, reason: LATIN1_FALLBACK } };
      warnedLatin1 = true;
    }
    if (lineNumber === 1) text = text.replace(/^\uFEFF/, '');
    const { records, problems } = reader.push(text);
    for (const problem of problems) yield { kind: 'problem', problem: { ...problem, file: shown } };
    for (const { article, line } of records) yield { kind: 'article', article, line };
  };
  for await (const chunk of createReadStream(join(dir, path))) {
    let data = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    for (let newline = data.indexOf(0x0a); newline !== -1; newline = data.indexOf(0x0a)) {
      yield* readLine(data.subarray(0, newline));
      data = data.subarray(newline + 1);
    }
    rest = Buffer.from(data);
  }
  if (rest.length) yield* readLine(rest);
  if (reader.records === 0)
    yield { kind: 'problem', problem: { file: shown, line: null, reason: EMPTY_FILE } };
}

/**
 * Streams the data folder: each file is read, parsed and handed on before the next one is read.
 * Throws CorpusFolderError when the folder is missing.
 */
export async function* readCorpus(dir: string): AsyncGenerator<ReadEvent> {
  await assertFolder(dir);
  for await (const path of walk(dir)) yield* readOne(dir, path);
}

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
  const started = performance.now();
  await assertFolder(dir);
  const paths: string[] = [];
  for await (const path of walk(dir)) paths.push(path);

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
        const stored = accept(article);
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
