import type { ParsedArticle } from '../corpus/article.js';
import { contentHash, itemKey, itemToArticle } from './item-identity.js';
import type { FeedItem } from './parse-feed.js';
import type { FeedItemRecord } from './state-store.js';

export interface ItemPlanContext {
  feedUrl: string;
  /** The outlet name shown on the articles. */
  source: string;
  now: Date;
  /** The feed's first read: its undated items are back catalogue, not news. */
  firstPoll: boolean;
  /** Items published (or, undated, first seen) within this window count as new. */
  newWindowMs: number;
  /** New items published before this (epoch ms) are past retention: not kept at all. */
  retentionCutoff: number;
}

/** What one read of a feed changes: articles to add or replace, and the item records to save. */
export interface ItemPlan {
  /** New and changed items' articles (a changed one replaces its article in place, same id). */
  toAdd: ParsedArticle[];
  /** Ids among `toAdd` that are news (new, inside the window, not a first read's undated item). */
  fresh: Set<string>;
  records: FeedItemRecord[];
  /** Every item's article as read (first date kept), known or not. */
  all: ParsedArticle[];
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Items → the changes they make, given the items known for the feed: keyed by guid or cleaned link,
 * never by date (the first date the feed gave wins), so a re-dated or re-ordered feed creates
 * nothing new and a changed item updates its article in place.
 */
export function planFeedItems(
  items: readonly FeedItem[],
  known: ReadonlyMap<string, FeedItemRecord>,
  context: ItemPlanContext,
): ItemPlan {
  const { now, newWindowMs } = context;
  const plan: ItemPlan = {
    toAdd: [],
    fresh: new Set(),
    records: [],
    all: [],
    added: 0,
    updated: 0,
    unchanged: 0,
  };
  const seen = new Set<string>();
  for (const item of items) {
    const key = itemKey(item);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    const article = itemToArticle(item, key, { url: context.feedUrl, source: context.source }, now);
    if (article === null) continue;
    const record = known.get(key);
    if (record) {
      // The first date the feed gave wins: re-dating an item changes nothing.
      article.published = record.published ?? article.published;
      plan.all.push(article);
      const hash = contentHash(article);
      if (hash === record.contentHash) {
        plan.unchanged++;
        // Re-dated or re-ordered, same content: remember this spelling so it is not read again.
        if (record.rawDigest !== item.rawDigest) plan.records.push({ ...record, rawDigest: item.rawDigest });
        continue;
      }
      plan.toAdd.push(article);
      plan.records.push({
        ...record,
        contentHash: hash,
        rawDigest: item.rawDigest,
        published: article.published,
      });
      plan.updated++;
      continue;
    }
    const published = article.published === null ? null : Date.parse(article.published);
    // Too old to keep: never indexed only to be retired at the next sweep.
    if (published !== null && published < context.retentionCutoff) continue;
    plan.all.push(article);
    const isNew = published !== null ? now.getTime() - published <= newWindowMs : !context.firstPoll;
    if (isNew) plan.fresh.add(article.id);
    plan.toAdd.push(article);
    plan.records.push({
      feedUrl: context.feedUrl,
      key,
      articleId: article.id,
      contentHash: contentHash(article),
      rawDigest: item.rawDigest,
      published: article.published,
      firstSeenAt: now,
      newAt: isNew ? now : null,
    });
    plan.added++;
  }
  return plan;
}
