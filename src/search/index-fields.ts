import type { Article } from '../corpus/article.js';

/** The weighted fields of an indexed article, in this order everywhere (postings, lengths, boosts). */
export const FIELDS = ['title', 'lead', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** Bits of a posting's frequency word per field: a word seen over 255 times in a title or lead, or 65,535 in a body, counts as that. */
export const FIELD_BITS = [8, 8, 16];

export interface FieldSizes {
  /** The lead is the first paragraphs up to about this many characters. */
  leadChars: number;
  /** Body text indexed per article: enough to find an article by its content, bounded for memory. */
  maxBodyChars: number;
}

/**
 * The indexed text of an article in three weighted fields: the title; the lead (the opening
 * paragraphs, until they reach `leadChars`); and the body that follows, bounded by `maxBodyChars`.
 */
export function articleFields(article: Article, sizes: FieldSizes): Record<Field, string> {
  let lead = '';
  let i = 0;
  for (; i < article.paragraphs.length && lead.length < sizes.leadChars; i++) {
    lead += `${article.paragraphs[i]}\n`;
  }
  let body = '';
  for (; i < article.paragraphs.length && body.length < sizes.maxBodyChars; i++) {
    body += `${article.paragraphs[i]}\n`;
  }
  if (body.length > sizes.maxBodyChars) {
    const cut = body.lastIndexOf(' ', sizes.maxBodyChars);
    body = body.slice(0, cut > 0 ? cut : sizes.maxBodyChars);
  }
  return { title: article.title, lead, body };
}

/** An article's indexed text by document number, each built once per search however often it is read. */
export interface FieldTexts {
  of(doc: number): Record<Field, string> | undefined;
}
