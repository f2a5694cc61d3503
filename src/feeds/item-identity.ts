import { createHash } from 'node:crypto';
import type { ParsedArticle } from '../corpus/article.js';
import { parseHttpUrl } from '../http-url.js';
import type { FeedItem } from './parse-feed.js';

/** Query parameters that only track the reader: removed from links before they key or show. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'ttclid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wt_mc',
  'at_medium',
  'at_campaign',
  'cmpid',
  'ocid',
  'ref_src',
  'ref_url',
  'spm',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

/**
 * An http(s) link without its tracking parameters (utm_*, fbclid, gclid, mc_cid, mc_eid, …): the
 * same article reached from a newsletter and from the feed gets one key, and this cleaned link is
 * the one shown. Null for anything that is not an http(s) URL.
 */
export function cleanLink(link: string | null): string | null {
  if (link === null) return null;
  const url = parseHttpUrl(link);
  if (url === null) return null;
  for (const name of [...url.searchParams.keys()]) if (isTracking(name)) url.searchParams.delete(name);
  url.username = '';
  url.password = '';
  let href = url.href;
  if (url.search === '') href = href.replace(/\?(?=#|$)/, '');
  return href.replace(/#$/, '');
}

/**
 * What identifies an item within its feed: its guid/id, else its cleaned link, else its title and
 * text. Never its date, so a feed that re-dates or re-orders items creates nothing new.
 */
export function itemKey(item: FeedItem): string | null {
  if (item.guid !== null) return `guid:${item.guid}`;
  const link = cleanLink(item.link);
  if (link !== null) return `link:${link}`;
  if (item.title === null && item.paragraphs.length === 0) return null;
  return `text:${digest([item.title ?? '', ...item.paragraphs]).slice(0, 24)}`;
}

/** The article id of a feed item: stable for a feed and an item key, on every machine. */
export function feedArticleId(feedUrl: string, key: string): string {
  return `feed-${digest([feedUrl, key]).slice(0, 16)}`;
}

/** Is this the id of a feed article (rather than a data-folder file's)? */
export function isFeedArticleId(id: string): boolean {
  return /^feed-[0-9a-f]{16}$/.test(id);
}

/** What a reader sees of an item; a change here updates the article in place (never its date). */
export function contentHash(article: Pick<ParsedArticle, 'title' | 'paragraphs' | 'url' | 'source'>): string {
  return digest([article.title, article.url ?? '', article.source ?? '', ...article.paragraphs]).slice(0, 32);
}

function digest(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

const TITLE_FROM_TEXT_CHARS = 120;
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

export interface FeedContext {
  /** The feed's address (its identity). */
  url: string;
  /** The outlet name shown: the configured name, else the feed's title, else the host name. */
  source: string;
}

/**
 * A feed item → the article newsbot indexes, with an id derived from the feed and item key. Null
 * when the item has nothing to show (no title and no text). A date more than a day in the future
 * is a feed's mistake and is dropped rather than pinning the item to the top.
 */
export function itemToArticle(
  item: FeedItem,
  key: string,
  feed: FeedContext,
  now: Date,
): ParsedArticle | null {
  const title = item.title ?? titleFromText(item.paragraphs);
  if (title === null) return null;
  let published = item.published ?? item.updated;
  if (published !== null && Date.parse(published) > now.getTime() + FUTURE_TOLERANCE_MS) published = null;
  return {
    id: feedArticleId(feed.url, key),
    title,
    paragraphs: item.paragraphs,
    published,
    source: feed.source,
    url: cleanLink(item.link),
    credit: null,
    origin: feed.url,
  };
}

function titleFromText(paragraphs: readonly string[]): string | null {
  const first = paragraphs[0];
  if (first === undefined) return null;
  if (first.length <= TITLE_FROM_TEXT_CHARS) return first;
  const cut = first.lastIndexOf(' ', TITLE_FROM_TEXT_CHARS);
  return `${first.slice(0, cut > 40 ? cut : TITLE_FROM_TEXT_CHARS)}…`;
}

/** The name shown for a feed: configured, else its own title, else its host. */
export function feedSourceName(configured: string | null, feedTitle: string | null, feedUrl: string): string {
  if (configured) return configured;
  if (feedTitle) return feedTitle;
  try {
    return new URL(feedUrl).hostname.replace(/^www\./, '');
  } catch {
    return feedUrl;
  }
}
