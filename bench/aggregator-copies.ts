/**
 * Copies of an article made the way news aggregators make them, for measuring story grouping on
 * something other than the shingle rule the grouper approximates. Each kind is one thing an
 * aggregator does; `everything` does all of them at once.
 */
import type { ParsedArticle } from '../src/corpus/article.js';

export const COPY_KINDS = [
  /** The first third of the paragraphs (at least one): a shortened copy. */
  'shortened',
  /** Only the first paragraph: the 40-word cut some outlets run. */
  'first-paragraph',
  /** The first paragraph kept, the others in another order. */
  'reordered',
  /** A new headline made of other words from the article. */
  'retitled',
  /** A paragraph of an unrelated story added, and a "read more" line. */
  'paragraph-added',
  /** Shortened, re-titled and with a paragraph added. */
  'everything',
] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A headline from the article's own words, not its title: the second paragraph's first words. */
function newTitle(article: ParsedArticle): string {
  const source = article.paragraphs[1] ?? article.paragraphs[0] ?? article.title;
  const words = source.split(/\s+/).slice(0, 9).join(' ');
  return words.replace(/[.,;:]+$/, '');
}

/**
 * A copy of `article` of the given kind, with its own id and outlet. `unrelated` is another
 * story's paragraph, for the kinds that add one.
 */
export function aggregatorCopy(
  article: ParsedArticle,
  kind: CopyKind,
  unrelated: string,
  random: () => number,
): ParsedArticle {
  const paragraphs = article.paragraphs;
  const third = paragraphs.slice(0, Math.max(1, Math.round(paragraphs.length / 3)));
  const added = [unrelated, 'Read more stories like this on our website.'];
  const copy = (title: string, body: string[]): ParsedArticle => ({
    ...article,
    id: `${article.id}~${kind}`,
    title,
    paragraphs: body,
    source: 'Aggregator',
    origin: `${article.origin}~${kind}`,
  });
  switch (kind) {
    case 'shortened':
      return copy(article.title, third);
    case 'first-paragraph':
      return copy(article.title, paragraphs.slice(0, 1));
    case 'reordered':
      return copy(article.title, [...paragraphs.slice(0, 1), ...shuffled(paragraphs.slice(1), random)]);
    case 'retitled':
      return copy(newTitle(article), paragraphs);
    case 'paragraph-added':
      return copy(article.title, [...paragraphs, ...added]);
    case 'everything':
      return copy(newTitle(article), [...third, ...added]);
  }
}
