import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * ISO 8601 date ("2025-09-09") when only the day is known, or a full UTC timestamp
 * ("2025-09-09T10:30:00.000Z") when the time is known too.
 */
const isoDateOrTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$/, 'expected an ISO 8601 date or UTC timestamp');

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'only http and https links are kept');

/** One news article, as every part of newsbot sees it after parsing and cleaning. */
export const ArticleSchema = z.object({
  /** The record's own id when the source gives one; otherwise derived from origin and content. */
  id: z.string().min(1),
  title: z.string().min(1),
  /** Body text as paragraphs, chrome removed; section headings only break paragraphs (they are dropped). */
  paragraphs: z.array(z.string().min(1)),
  /** `null` when the source does not say: never invented. */
  published: isoDateOrTimestamp.nullable(),
  /** The outlet's name, e.g. "Perth Now". */
  source: z.string().min(1).nullable(),
  /** Canonical http(s) link, or null: never invented. */
  url: httpUrl.nullable(),
  /** A wire or agency credit such as "ABC/wires". */
  credit: z.string().min(1).nullable(),
  /** Path relative to the data folder, plus `#N` (1-based record number) for multi-record files. */
  origin: z.string().min(1),
  /** Articles reporting the same event share a storyId (see corpus/stories.ts). */
  storyId: z.string().min(1),
});

export type Article = z.infer<typeof ArticleSchema>;

/** An article as a reader produces it, before story grouping assigns `storyId`. */
export type ParsedArticle = Omit<Article, 'storyId'>;

/** Deterministic id from origin and content: the same on every machine and restart. */
export function deriveArticleId(origin: string, title: string, paragraphs: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(origin);
  hash.update('\u0000');
  hash.update(title);
  for (const p of paragraphs) {
    hash.update('\u0000');
    hash.update(p);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Epoch milliseconds of `published`, or null. Date-only values count as midnight UTC. */
export function publishedTime(article: Pick<Article, 'published'>): number | null {
  if (article.published === null) return null;
  const ms = Date.parse(article.published);
  return Number.isNaN(ms) ? null : ms;
}

/** Number of words in the body, for listings and statistics. */
export function wordCount(article: Pick<Article, 'paragraphs'>): number {
  let n = 0;
  for (const p of article.paragraphs) n += p.split(/\s+/).filter(Boolean).length;
  return n;
}
