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
import { planFeedItems } from './item-plan.js';
import { parseFeedDocument } from './parse-feed.js';
import { checkFeedContentType, FEED_ACCEPT } from './poller.js';
import type { FeedStateStore } from './state-store.js';

const DAY_MS = 24 * 3600_000;

export interface IngestOptions {
  agent: Dispatcher;
  timeoutMs: number;
  maxBytes: number;
  maxItems: number;
  now: Date;
  logger: Logger;
  /**
   * Where a feed's items are kept, as polling keeps them (a running newsbot and the next start
   * pick them up); without one, they are read for this run only.
   */
  store?: FeedStateStore;
  /** With `store`: items older than this are not kept. */
  retentionDays?: number;
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
): Promise<{ problems: Problem[]; kept?: number }> {
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
): Promise<{ problems: Problem[]; kept?: number }> {
  const fetched = await fetchResource(url, {}, { ...options, accept: FEED_ACCEPT });
  if (fetched.kind !== 'ok') return { problems: [] };
  const text = decodeBody(fetched.body, fetched.contentType).text;
  checkFeedContentType(fetched.contentType, text);
  const feed = parseFeedDocument(text, { baseUrl: fetched.url, maxItems: options.maxItems });
  const source = feedSourceName(null, feed.title, url);
  const { store } = options;
  if (store) {
    // As a poll would: known items keep their first date and first_seen; new and changed ones are kept.
    const known = await store.items(url);
    const plan = planFeedItems(feed.items, known, {
      feedUrl: url,
      source,
      now: options.now,
      firstPoll: known.size === 0 && (await store.state(url)) === null,
      newWindowMs: DAY_MS,
      retentionCutoff: options.now.getTime() - (options.retentionDays ?? 90) * DAY_MS,
    });
    for (const article of plan.all) onArticle(article);
    await store.putItems(plan.records, plan.toAdd);
    return { problems: [], kept: plan.added + plan.updated };
  }
  for (const item of feed.items) {
    const key = itemKey(item);
    const article = key === null ? null : itemToArticle(item, key, { url, source }, options.now);
    if (article !== null) onArticle(article);
  }
  return { problems: [] };
}
