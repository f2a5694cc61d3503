import { type Article, wordCount } from './article.js';

/**
 * How much longer another version of the story must be to lead instead of the best match: versions
 * of about the same length are equally complete and the better match leads; a shortened copy (an
 * aggregator's 41-word cut of a 261-word report) never does.
 */
const MORE_COMPLETE = 1.25;

/**
 * A story's articles with its lead first: the most complete version (most words), unless the best
 * match (the first given) is about as long. The others keep their order. `articles` is best match
 * first; the result is a new array.
 */
export function leadFirst<T extends Pick<Article, 'paragraphs'>>(articles: readonly T[]): T[] {
  const [best] = articles;
  if (best === undefined || articles.length === 1) return [...articles];
  const words = articles.map((a) => wordCount(a));
  let lead = 0;
  for (let i = 1; i < articles.length; i++) if ((words[i] ?? 0) > (words[lead] ?? 0)) lead = i;
  if ((words[lead] ?? 0) < (words[0] ?? 0) * MORE_COMPLETE) lead = 0;
  const leader = articles[lead] as T;
  return [leader, ...articles.filter((_, i) => i !== lead)];
}
