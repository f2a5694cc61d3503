import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { z } from 'zod';
import { parseUrl } from '../http-url.js';
import { parseFeedDate } from './feed-dates.js';
import { htmlToLine, htmlToParagraphs } from './html-text.js';

/** One item of any feed format, as newsbot uses it: plain text and parsed dates. */
export interface FeedItem {
  /** Hash of the item exactly as the feed wrote it: the same digest means nothing changed. */
  rawDigest: string;
  /** RSS guid, Atom id, JSON Feed id, RDF about: the item's own identity, when it has one. */
  guid: string | null;
  /** The item's page, absolute (resolved against the feed's address). */
  link: string | null;
  title: string | null;
  /** The item's text as clean paragraphs (full content when the feed has it, else the summary). */
  paragraphs: string[];
  /** ISO 8601, or null when the feed gives no readable date. */
  published: string | null;
  updated: string | null;
  author: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  items: FeedItem[];
  /** Digests of items left unread because the caller already knows them unchanged. */
  known: string[];
  /** Items beyond the cap, not read. */
  skipped: number;
}

/** The body is not a feed newsbot can read; the message says why. */
export class FeedFormatError extends Error {
  override name = 'FeedFormatError';
}

// Feed values as feedsmith returns them: every field optional, anything unexpected ignored.
const text = z.string().optional().catch(undefined);
const textConstruct = z
  .union([z.string(), z.object({ value: z.string().optional(), type: z.string().optional() })])
  .optional()
  .catch(undefined);
const names = z
  .array(z.union([z.string(), z.object({ name: z.string().optional() })]))
  .optional()
  .catch(undefined);
const dc = z
  .object({ dates: z.array(z.unknown()).optional(), creators: z.array(z.string()).optional() })
  .optional()
  .catch(undefined);

const RssItem = z.object({
  title: text,
  link: text,
  description: text,
  guid: z
    .union([z.string(), z.object({ value: z.string().optional() })])
    .optional()
    .catch(undefined),
  pubDate: z.unknown().optional(),
  authors: names,
  content: z.object({ encoded: text }).optional().catch(undefined),
  dc,
  rdf: z.object({ about: text }).optional().catch(undefined),
});

const AtomEntry = z.object({
  id: text,
  title: textConstruct,
  links: z
    .array(z.object({ href: text, rel: text }))
    .optional()
    .catch(undefined),
  summary: textConstruct,
  content: textConstruct,
  published: z.unknown().optional(),
  updated: z.unknown().optional(),
  authors: names,
  dc,
});

const JsonItem = z.object({
  id: z.union([z.string(), z.number()]).optional().catch(undefined),
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  date_published: z.unknown().optional(),
  date_modified: z.unknown().optional(),
  authors: names,
});

function absolute(link: string | undefined | null, base: string): string | null {
  if (!link?.trim()) return null;
  return parseUrl(link.trim(), base)?.href ?? null;
}

function plainParagraphs(value: string): string[] {
  return value
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean);
}

/** An Atom text construct → paragraphs: html and xhtml are markup, text (the default) is not. */
function constructParagraphs(value: z.infer<typeof textConstruct>): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return htmlToParagraphs(value);
  const body = value.value ?? '';
  return value.type === 'text' || value.type === undefined ? plainParagraphs(body) : htmlToParagraphs(body);
}

function firstName(list: z.infer<typeof names>): string | null {
  const first = list?.[0];
  const name = typeof first === 'string' ? first : first?.name;
  return name?.trim() || null;
}

function nonEmpty(s: string | undefined | null): string | null {
  const t = s?.trim();
  return t ? t : null;
}

function rssItem(raw: unknown, base: string): Omit<FeedItem, 'rawDigest'> {
  const item = RssItem.parse(raw ?? {});
  const guid = typeof item.guid === 'string' ? item.guid : item.guid?.value;
  // RSS titles and descriptions are HTML in practice (entity-escaped markup): read them as such.
  const html = item.content?.encoded?.trim() ? item.content.encoded : (item.description ?? '');
  return {
    guid: nonEmpty(guid) ?? nonEmpty(item.rdf?.about),
    link: absolute(item.link ?? item.rdf?.about, base),
    title: item.title === undefined ? null : nonEmpty(htmlToLine(item.title)),
    paragraphs: htmlToParagraphs(html),
    published: parseFeedDate(item.pubDate) ?? parseFeedDate(item.dc?.dates?.[0]),
    updated: null,
    author: firstName(item.authors) ?? nonEmpty(item.dc?.creators?.[0]),
  };
}

function atomEntry(raw: unknown, base: string): Omit<FeedItem, 'rawDigest'> {
  const entry = AtomEntry.parse(raw ?? {});
  const link =
    entry.links?.find((l) => l.rel === undefined || l.rel === 'alternate')?.href ?? entry.links?.[0]?.href;
  const content = constructParagraphs(entry.content);
  return {
    guid: nonEmpty(entry.id),
    link: absolute(link, base),
    title: nonEmpty(constructParagraphs(entry.title).join(' ')),
    paragraphs: content.length > 0 ? content : constructParagraphs(entry.summary),
    published: parseFeedDate(entry.published) ?? parseFeedDate(entry.dc?.dates?.[0]),
    updated: parseFeedDate(entry.updated),
    author: firstName(entry.authors),
  };
}

function jsonItem(raw: unknown, base: string): Omit<FeedItem, 'rawDigest'> {
  const item = JsonItem.parse(raw ?? {});
  let paragraphs = item.content_html ? htmlToParagraphs(item.content_html) : [];
  if (paragraphs.length === 0 && item.content_text) paragraphs = plainParagraphs(item.content_text);
  if (paragraphs.length === 0 && item.summary) paragraphs = plainParagraphs(item.summary);
  return {
    guid: item.id === undefined ? null : nonEmpty(String(item.id)),
    link: absolute(item.url ?? item.external_url, base),
    title: nonEmpty(item.title?.replace(/\s+/g, ' ')),
    paragraphs,
    published: parseFeedDate(item.date_published),
    updated: parseFeedDate(item.date_modified),
    author: firstName(item.authors),
  };
}

const FeedHead = z.object({
  title: textConstruct,
  link: text,
  home_page_url: text,
  links: z
    .array(z.object({ href: text, rel: text }))
    .optional()
    .catch(undefined),
});

export interface ParseOptions {
  baseUrl: string;
  maxItems: number;
  /** Items whose raw digest this knows are not converted again (HTML to text is the costly part). */
  isKnown?: (rawDigest: string) => boolean;
}

/** A feed document whose items are converted one at a time, as they are read. */
export interface OpenFeed extends Omit<ParsedFeed, 'items' | 'known'> {
  /** Each item in document order: converted, or null when `isKnown` said it is unchanged. */
  entries: Generator<{ rawDigest: string; item: FeedItem | null }>;
}

/**
 * Opens a feed document (RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed): its head at once, its first
 * `maxItems` items one by one, so a caller can let other work run between them. Feedsmith is
 * lenient (a bare `&`, `&nbsp;`, unclosed tags); what it cannot read at all is a FeedFormatError.
 */
export function openFeedDocument(body: string, options: ParseOptions): OpenFeed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'DetectError')
      throw new FeedFormatError('not a feed: no RSS, Atom, RDF or JSON Feed document found');
    throw new FeedFormatError(`malformed feed: ${(err as Error).message}`);
  }
  const { format, feed } = parsed as { format: ParsedFeed['format']; feed: Record<string, unknown> };
  const head = FeedHead.parse(feed);
  const rawItems = ((format === 'atom' ? feed.entries : feed.items) ?? []) as unknown[];
  if (!Array.isArray(rawItems)) throw new FeedFormatError('malformed feed: its items are not a list');
  const read = format === 'atom' ? atomEntry : format === 'json' ? jsonItem : rssItem;
  const title =
    typeof head.title === 'string' && (format === 'rss' || format === 'rdf')
      ? nonEmpty(htmlToLine(head.title))
      : head.title === undefined
        ? null
        : nonEmpty(constructParagraphs(head.title).join(' '));
  const link =
    head.link ??
    head.home_page_url ??
    head.links?.find((l) => l.rel === undefined || l.rel === 'alternate')?.href;
  return {
    format,
    title,
    link: absolute(link, options.baseUrl),
    entries: readEntries(rawItems.slice(0, options.maxItems), read, options),
    skipped: Math.max(0, rawItems.length - options.maxItems),
  };
}

function* readEntries(
  rawItems: readonly unknown[],
  read: (raw: unknown, base: string) => Omit<FeedItem, 'rawDigest'>,
  options: ParseOptions,
): Generator<{ rawDigest: string; item: FeedItem | null }> {
  for (const raw of rawItems) {
    const rawDigest = createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 24);
    yield {
      rawDigest,
      item: options.isKnown?.(rawDigest) ? null : { rawDigest, ...read(raw, options.baseUrl) },
    };
  }
}

/** A feed document and all its items at once (see {@link openFeedDocument}). */
export function parseFeedDocument(body: string, options: ParseOptions): ParsedFeed {
  const { entries, ...head } = openFeedDocument(body, options);
  const items: FeedItem[] = [];
  const known: string[] = [];
  for (const { rawDigest, item } of entries) {
    if (item === null) known.push(rawDigest);
    else items.push(item);
  }
  return { ...head, items, known };
}
