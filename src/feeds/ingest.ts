import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Dispatcher } from 'undici';
import type { Article, ParsedArticle } from '../corpus/article.js';
import { loadArticles, parseFile } from '../corpus/load.js';
import type { Problem } from '../corpus/problems.js';
import type { Logger } from '../logger.js';
import { decodeBody } from './charset.js';
import { fetchResource } from './http-fetch.js';
import { feedSourceName, itemKey, itemToArticle } from './item-identity.js';
import { parseFeedDocument } from './parse-feed.js';
import { checkFeedContentType, FEED_ACCEPT } from './poller.js';

export interface IngestOptions {
  agent: Dispatcher;
  timeoutMs: number;
  maxBytes: number;
  maxItems: number;
  now: Date;
  logger: Logger;
}

/** Is this input a feed address (rather than a file or folder)? */
export function isFeedAddress(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/**
 * Reads one input of `newsbot ingest`: a feed URL (fetched once under the same rules as polling),
 * an article file, or a folder of them. Articles go to `onArticle`; problems are returned, never
 * thrown, so one bad input does not stop the others.
 */
export async function ingestInput(
  input: string,
  onArticle: (article: ParsedArticle) => Article | null,
  options: IngestOptions,
): Promise<{ problems: Problem[] }> {
  try {
    if (isFeedAddress(input)) return await ingestFeed(input, onArticle, options);
    const info = await stat(input).catch(() => null);
    if (info === null)
      return { problems: [{ file: input, line: null, reason: 'no such file, folder or feed URL' }] };
    if (info.isDirectory()) {
      const totals = await loadArticles(input, onArticle, {
        logger: options.logger,
        logProblems: false,
        progress: 'off',
      });
      return { problems: totals.problems };
    }
    const { articles, problems } = parseFile(basename(input), await readFile(input));
    for (const article of articles) onArticle(article);
    return {
      problems: problems.map((p) => ({ ...p, file: `${dirname(input)}/${p.file}`.replace(/^\.\//, '') })),
    };
  } catch (err) {
    return { problems: [{ file: input, line: null, reason: (err as Error).message }] };
  }
}

async function ingestFeed(
  url: string,
  onArticle: (article: ParsedArticle) => Article | null,
  options: IngestOptions,
): Promise<{ problems: Problem[] }> {
  const fetched = await fetchResource(url, {}, { ...options, accept: FEED_ACCEPT });
  if (fetched.kind !== 'ok') return { problems: [] };
  const text = decodeBody(fetched.body, fetched.contentType).text;
  checkFeedContentType(fetched.contentType, text);
  const feed = parseFeedDocument(text, { baseUrl: fetched.url, maxItems: options.maxItems });
  const context = { url, source: feedSourceName(null, feed.title, url) };
  for (const item of feed.items) {
    const key = itemKey(item);
    const article = key === null ? null : itemToArticle(item, key, context, options.now);
    if (article !== null) onArticle(article);
  }
  return { problems: [] };
}
