import { z } from 'zod';
import { parseUrl } from '../../http-url.js';
import { deriveArticleId, type ParsedArticle } from '../article.js';
import { normalizeLine } from '../clean/normalize.js';
import type { Problem } from '../problems.js';
import { readPublished } from './dates.js';

/** One article a reader found, with the line it starts on (for warnings about it later). */
export interface ParsedRecord {
  article: ParsedArticle;
  line: number;
}

/** What a reader makes of one file. Problems name the file by its path relative to the data folder. */
export interface ReaderResult {
  records: ParsedRecord[];
  problems: Problem[];
}

const optionalText = z.string().nullish();

/** The fields a Markdown front matter may set (the body is the Markdown itself). */
export const FrontMatterSchema = z.object({
  id: z
    .union([z.string().trim().min(1), z.number()])
    .nullish()
    .transform((id) => (id === null || id === undefined ? undefined : String(id))),
  title: z.string().trim().min(1).nullish(),
  url: optionalText,
  published: z.union([z.string(), z.number()]).nullish(),
  source: optionalText,
  credit: optionalText,
});

/** A JSON or JSON Lines article record: the front matter fields plus `body` or `text`. */
export const ArticleRecordSchema = FrontMatterSchema.extend({
  title: z.string().trim().min(1),
  body: optionalText,
  text: optionalText,
}).refine((r) => typeof r.body === 'string' || typeof r.text === 'string', {
  message: 'missing: a record needs a "body" or "text" string',
  path: ['body'],
});

/** A record's fields once read, whatever the format. */
export interface RecordFields {
  id?: string | undefined;
  title: string;
  url?: string | null | undefined;
  published?: string | number | null | undefined;
  source?: string | null | undefined;
  credit?: string | null | undefined;
}

/** One reason per failed field, e.g. `"title" missing (expected string)`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length ? `"${issue.path.join('.')}" ` : '';
      const message = issue.message
        .replace(/^Invalid input: /, '')
        .replace(/^expected (\w+), received undefined$/, 'missing (expected $1)');
      return `${field}${message}`;
    })
    .join('; ');
}

/** Everything needed to finish one record into an article. */
export interface RecordInput {
  /** The file's path relative to the data folder. */
  file: string;
  origin: string;
  /** Line the record starts on. */
  line: number;
  /** Line a given field is written on, for warnings about that field. */
  lineOf: (field: string) => number;
  fields: RecordFields;
  paragraphs: string[];
}

function textOrNull(value: string | null | undefined): string | null {
  const text = value ? normalizeLine(value) : '';
  return text === '' ? null : text;
}

/**
 * Checks a record's url and date (a bad one is dropped with a warning; the record stays) and
 * builds the article, with the record's own id or one derived from its origin and content.
 */
export function finishRecord(input: RecordInput): { record: ParsedRecord; problems: Problem[] } {
  const problems: Problem[] = [];
  const { fields } = input;
  const warn = (field: string, reason: string): void => {
    problems.push({ file: input.file, line: input.lineOf(field), reason });
  };

  let url = textOrNull(fields.url);
  if (url !== null && !isHttpUrl(url)) {
    warn('url', `url "${url}" is not an http(s) link: dropped`);
    url = null;
  }
  const published = readPublished(fields.published);
  if (!published.ok) warn('published', published.reason);

  const title = normalizeLine(fields.title);
  const article: ParsedArticle = {
    id: fields.id ?? deriveArticleId(input.origin, title, input.paragraphs),
    title,
    paragraphs: input.paragraphs,
    published: published.ok ? published.value : null,
    source: textOrNull(fields.source),
    url,
    credit: textOrNull(fields.credit),
    origin: input.origin,
  };
  return { record: { article, line: input.line }, problems };
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && parseUrl(text) !== null;
}
